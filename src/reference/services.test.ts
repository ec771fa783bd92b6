import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openStore, sql } from '../store/index.ts';
import { hasShared, sharedPath } from '../../test/shared.ts';
import { ensureReferenceData } from './setup.ts';
import { dataPath } from './data-files.ts';
import { productNames } from './product-names.ts';
import { ancestorPairs, canonicalEbopsCode, EBOPS_FILE, encodeEbopsTree, isMemoItem, readEbopsTree } from './services.ts';

const shipped = () => readFileSync(dataPath('ebops', EBOPS_FILE), 'utf8');

describe('the EBOPS 2010 tree', () => {
  it('tells memorandum items from components', () => {
    for (const memo of ['SK11z', 'SI21z', 'S1', 'S2', 'S3z', 'SDz', 'SF11y', 'SD5z']) expect(isMemoItem(memo), memo).toBe(true);
    for (const part of ['S', 'SK', 'SK1', 'SK11', 'SH4', 'SI31', 'Say', 'Saz', 'SC3A']) expect(isMemoItem(part), part).toBe(false);
  });

  it('spells codes as Comtrade does, whatever case they arrive in', () => {
    expect(['sk11z', 'SK11Z', 'sk1', 'SAY', 'sd5Y', 's'].map(canonicalEbopsCode)).toEqual(['SK11z', 'SK11z', 'SK1', 'Say', 'SD5y', 'S']);
  });

  it('follows the parent column, not prefixes: SC3A is under SC, SK11 under SK1, SK and S', () => {
    const pairs = ancestorPairs(readEbopsTree(shipped()));
    const of = (code: string) => pairs.filter(([c]) => c === code).map(([, a, d]) => `${a}@${d}`).sort();
    expect(of('SC3A')).toEqual(['S@0', 'SC@1']);
    expect(of('SK11')).toEqual(['S@0', 'SK1@2', 'SK@1']);
    expect(of('S')).toEqual([]);
  });

  it.skipIf(!hasShared('data/classifications/ebops_2010_comtrade_codes.csv'))(
    'is what the build script makes from the Comtrade tables',
    () => {
      const { text } = encodeEbopsTree(
        readFileSync(sharedPath('data', 'classifications', 'ebops_2002_2010_comtrade_codes.csv'), 'utf8'),
        readFileSync(sharedPath('data', 'classifications', 'ebops_2010_comtrade_codes.csv'), 'utf8'),
      );
      expect(text === shipped(), 'data/ebops/ebops-2010.csv is stale: npm run build:ebops -- DIR').toBe(true);
    },
  );

  it('loads on first run, names services codes and resolves the services basket to items and sub-items', async () => {
    const store = await openStore();
    try {
      await ensureReferenceData(store);
      const tree = readEbopsTree(shipped());
      const n = await store.query<{ n: number }>(sql`select count(*)::int as n from services_codes`);
      expect(n[0]!.n).toBe(tree.length);
      const name = await productNames(store, ['SK1', 'SI31', '4901']);
      expect(name('SK1').en).toBe('Audio-visual and related services');
      expect(name('SI31').en).toBe('News agency services');
      const resolved = await store.query<{ code: string; domain: string; mapping: string }>(
        sql`select code, domain, mapping from basket_resolved where basket_id = 'cultural-services' order by code`,
      );
      // SK11z (of which: audio-visual originals) is a memo item: never in the basket's sum.
      expect(resolved.map((r) => `${r.code}:${r.domain}:${r.mapping}`)).toEqual([
        'SH4:audiovisual:identity',
        'SH41:audiovisual:sub-item',
        'SH42:audiovisual:sub-item',
        'SI31:books:identity',
        'SK1:audiovisual:identity',
        'SK11:audiovisual:sub-item',
        'SK12:audiovisual:sub-item',
        'SK23:heritage:identity',
      ]);
      // once per version
      const again = await store.query<{ n: number }>(sql`select count(*)::int as n from reference_loads where kind = 'services-codes'`);
      await ensureReferenceData(store);
      const after = await store.query<{ n: number }>(sql`select count(*)::int as n from reference_loads where kind = 'services-codes'`);
      expect(after[0]!.n).toBe(again[0]!.n);
    } finally {
      await store.close();
    }
  });
});
