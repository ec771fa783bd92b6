import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../../test/shared.ts';
import { openStore } from '../store/db.ts';
import { sql } from '../store/sql.ts';
import {
  decodeHsCorrelations,
  decodeHsNames,
  encodeHsCorrelations,
  encodeHsNames,
  ensureBundledHs,
  HS_CORRELATIONS_FILE,
  HS_NAMES_FILE,
  readBundledHs,
} from './bundled-hs.ts';
import { dataPath } from './data-files.ts';
import type { HsEdition } from './hs.ts';
import { collectReferenceTables, type CorrelationRow, type ProductRow, readReferencePath } from './hs-load.ts';

const file = { name: 't', text: '', source: 'test' };
const product = (edition: HsEdition, code: string, description: string, section: string | null = null): ProductRow => ({
  edition,
  code,
  level: code.length,
  parent: code.length === 2 ? 'TOTAL' : code.slice(0, code.length - 2),
  description,
  section,
});

describe('bundled HS tables: layout', () => {
  it('stores a wording shared by editions once and gives every edition its rows back', () => {
    const byEdition = new Map<HsEdition, { rows: ProductRow[] }>([
      ['HS2017', { rows: [product('HS2017', '49', 'Printed books', 'X'), product('HS2017', '490199', 'Books, other')] }],
      ['HS2022', { rows: [product('HS2022', '49', 'Printed books', 'X'), product('HS2022', '490199', 'Books; "other", n.e.c.')] }],
    ]);
    const text = encodeHsNames(byEdition);
    expect(text.split('\n')).toEqual([
      'code,editions,section,description',
      '49,H5 H6,X,Printed books',
      '490199,H5,,"Books, other"',
      '490199,H6,,"Books; ""other"", n.e.c."',
      '',
    ]);
    const back = decodeHsNames(text);
    expect(back.get('HS2022')).toEqual([
      product('HS2022', '49', 'Printed books', 'X'),
      { ...product('HS2022', '490199', 'Books; "other", n.e.c.'), section: 'X' },
    ]);
  });

  it('keeps links without a counterpart, both relationship labels and the ex flag', () => {
    const rows: CorrelationRow[] = [
      { fromEdition: 'HS1992', fromCode: '291639', toEdition: 'HS2012', toCode: null, relationship: 'n/a', relationshipPublished: 'n/a', exFlag: null },
      { fromEdition: 'HS1992', fromCode: '490199', toEdition: 'HS2012', toCode: '490199', relationship: '1:n', relationshipPublished: 'n:1', exFlag: true },
    ];
    const back = decodeHsCorrelations(encodeHsCorrelations(new Map([['HS1992>HS2012', { rows }]])));
    expect(back.get('HS1992>HS2012')).toEqual(rows);
  });

  it('rejects a damaged file with its line', () => {
    expect(() => decodeHsNames('code,editions,section,description\n4901,H9,,Books\n')).toThrow(/invalid/);
  });
});

describe('bundled HS tables: the shipped files', () => {
  it('are small', () => {
    for (const f of [HS_NAMES_FILE, HS_CORRELATIONS_FILE]) expect(statSync(dataPath('hs', f)).size).toBeLessThan(2e6);
  });

  it('load into a new store with the same rows the decoder reads, resolving the bundled basket', async () => {
    const bundled = readBundledHs();
    if (!bundled) throw new Error('data/hs is missing');
    const store = await openStore();
    try {
      expect(await ensureBundledHs(store)).toBe(28);
      expect(await ensureBundledHs(store)).toBe(0); // once per version
      for (const [ed, { rows }] of bundled.tables.byEdition) {
        const stored = await store.query<{ code: string; parent: string; description: string | null; section: string | null }>(
          sql`select code, parent, description, section from hs_products where edition = ${ed} order by code`,
        );
        expect(stored.length, ed).toBe(rows.length);
        expect(stored).toEqual(
          [...rows]
            .sort((a, b) => a.code.localeCompare(b.code))
            .map((r) => ({ code: r.code, parent: r.parent, description: r.description, section: r.section })),
        );
      }
      for (const [pair, { rows }] of bundled.tables.byPair) {
        const [from, to] = pair.split('>') as [string, string];
        const stored = await store.query<{ n: number; ex: number; na: number }>(
          sql`select count(*) as n, count(*) filter (where ex_flag) as ex, count(*) filter (where to_code is null) as na
              from hs_correlations where from_edition = ${from} and to_edition = ${to}`,
        );
        expect(stored[0], pair).toEqual({
          n: rows.length,
          ex: rows.filter((r) => r.exFlag).length,
          na: rows.filter((r) => r.toCode === null).length,
        });
      }
    } finally {
      await store.close();
    }
  });

  it.skipIf(!hasShared('data/hs_concordance'))('are what the build script makes from the official files', () => {
    const tables = collectReferenceTables(readReferencePath(sharedPath('data')));
    const names = gunzipSync(readFileSync(dataPath('hs', HS_NAMES_FILE))).toString('utf8');
    const links = gunzipSync(readFileSync(dataPath('hs', HS_CORRELATIONS_FILE))).toString('utf8');
    expect(names === encodeHsNames(tables.byEdition), 'data/hs/hs-names is stale: npm run build:reference').toBe(true);
    expect(links === encodeHsCorrelations(tables.byPair), 'data/hs/hs-correlations is stale: npm run build:reference').toBe(true);
    // every edition at 2, 4 and 6 digits, every pair
    expect([...tables.byEdition.keys()].sort()).toHaveLength(7);
    expect(tables.byPair.size).toBe(21);
    for (const { rows } of tables.byEdition.values())
      expect(new Set(rows.map((r) => r.level))).toEqual(new Set([2, 4, 6]));
  });
});
