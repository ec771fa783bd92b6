import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLanternError } from '../errors.ts';
import { openStore, type Store } from '../store/db.ts';
import { sql } from '../store/sql.ts';
import {
  cleanCode,
  findReferenceFiles,
  flipRelationship,
  loadReferenceFiles,
  parseReferenceFile,
  readReferencePath,
  referenceStatus,
} from './hs-load.ts';

let store: Store;
beforeEach(async () => {
  store = await openStore();
});
afterEach(async () => {
  await store.close();
});

const f = (name: string, lines: string[]) => ({ name, text: lines.join('\n'), source: 'test' });

describe('reference file layouts', () => {
  it('reads the HS2022 nomenclature layout with sections and parents, skipping the TOTAL root', () => {
    const { parsed, problems } = parseReferenceFile(
      f('hs2022_nomenclature.csv', [
        'section,hscode,description,parent,level',
        'I,01,Animals; live,TOTAL,2',
        'I,0101,Horses,01,4',
        'I,010121,Horses; pure-bred,0101,6',
        'TOTAL,TOTAL,Total,TOTAL,5',
      ]),
    );
    expect(problems).toEqual([]);
    expect(parsed?.kind).toBe('nomenclature');
    expect(parsed?.rows).toEqual([
      {
        edition: 'HS2022',
        code: '01',
        level: 2,
        parent: 'TOTAL',
        description: 'Animals; live',
        section: 'I',
      },
      { edition: 'HS2022', code: '0101', level: 4, parent: '01', description: 'Horses', section: 'I' },
      {
        edition: 'HS2022',
        code: '010121',
        level: 6,
        parent: '0101',
        description: 'Horses; pure-bred',
        section: 'I',
      },
    ]);
  });

  it('reads a correlation table in the UNSD layout (newer edition first), padding codes and flipping labels to older → newer', () => {
    const { parsed, problems } = parseReferenceFile(
      f('my_unsd_table.csv', [
        'HS 2022,HS 2017,Relationship',
        '10121,10121,1:1',
        '852411,852910,n:1',
        '852412,852910,n:1',
        '950450,950410,1:n',
      ]),
    );
    expect(problems).toEqual([]);
    expect(parsed?.kind).toBe('correlation');
    expect(
      parsed?.rows.map(
        (r) =>
          'fromEdition' in r && [
            r.fromEdition,
            r.fromCode,
            r.toEdition,
            r.toCode,
            r.relationship,
            r.relationshipPublished,
          ],
      ),
    ).toEqual([
      ['HS2017', '010121', 'HS2022', '010121', '1:1', '1:1'],
      // 852910 split into two HS2022 codes: UNSD prints n:1 (newer:older), older → newer it is 1:n
      ['HS2017', '852910', 'HS2022', '852411', '1:n', 'n:1'],
      ['HS2017', '852910', 'HS2022', '852412', '1:n', 'n:1'],
      ['HS2017', '950410', 'HS2022', '950450', 'n:1', '1:n'],
    ]);
  });

  it('cleans labels and codes', () => {
    expect(flipRelationship("'1:n")).toBe('n:1');
    expect(flipRelationship('n to n')).toBe('n:n');
    expect(cleanCode('9505.10')).toBe('950510');
    expect(cleanCode('10121')).toBe('010121');
  });

  it('reports every bad row with file, line and column, and an unknown layout', () => {
    const bad = parseReferenceFile(
      f('hs2007_to_hs2022.csv', [
        'from_edition,from_code,to_edition,to_code,relationship',
        'HS2007,0101,HS2022,010121,1:1',
        'HS2009,010190,HS2022,010129,1:1',
        'HS2022,010190,HS2007,010129,1:1',
      ]),
    );
    expect(bad.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [2, 'from_code', 'not a 6-digit HS code'],
      [3, 'from_edition', 'unknown HS edition'],
      [4, 'to_edition', 'a correlation table runs from the older edition to the newer one'],
    ]);
    const unknown = parseReferenceFile(f('x.csv', ['a,b', '1,2']));
    expect(unknown.parsed).toBeNull();
    expect(unknown.problems[0]?.message).toBe('unrecognised reference file layout');
  });
});

describe('loadReferenceFiles', () => {
  const nom = f('hs_nomenclature_by_edition.csv', [
    'edition,code,level,description',
    'HS2017,950510,6,Christmas',
    'HS2022,950510,6,Christmas',
  ]);
  const corr = f('hs2017_to_hs2022.csv', [
    'from_edition,from_code,to_edition,to_code,relationship',
    'HS2017,950510,HS2022,950510,1:1',
  ]);

  it('loads and reports what it loaded', async () => {
    const s = await loadReferenceFiles(store, [nom, corr]);
    expect(s.editions).toEqual(['HS2017', 'HS2022']);
    expect(s.pairs).toEqual(['HS2017>HS2022']);
    const status = await referenceStatus(store);
    expect(status.map((r) => [r.kind, r.subject, r.rows])).toEqual([
      ['hs-correlation', 'HS2017>HS2022', 1],
      ['hs-nomenclature', 'HS2017', 1],
      ['hs-nomenclature', 'HS2022', 1],
    ]);
  });

  it('replaces an edition on reload instead of adding to it (idempotent)', async () => {
    await loadReferenceFiles(store, [nom, corr]);
    await loadReferenceFiles(store, [nom, corr]);
    const n = await store.query(sql`select count(*) as n from hs_products`);
    expect(n).toEqual([{ n: 2 }]);
  });

  it('leaves the store unchanged when any file is bad', async () => {
    await loadReferenceFiles(store, [nom]);
    const badCorr = f('hs2017_to_hs2022.csv', [
      'from_edition,from_code,to_edition,to_code,relationship',
      'HS2017,9505,HS2022,950510,1:1',
    ]);
    const nom2 = f('hs_nomenclature_by_edition.csv', [
      'edition,code,level,description',
      'HS2017,950590,6,Other festive',
    ]);
    await expect(loadReferenceFiles(store, [nom2, badCorr])).rejects.toSatisfy(
      (e) => isLanternError(e) && /nothing was changed/.test(e.message),
    );
    expect(await store.query(sql`select code from hs_products where edition = 'HS2017'`)).toEqual([
      { code: '950510' },
    ]);
    expect(await store.query(sql`select count(*) as n from hs_correlations`)).toEqual([{ n: 0 }]);
  });

  it("writes inside the caller's transaction, so a failure after it rolls the bulk load back too", async () => {
    await expect(
      store.transaction(async (tx) => {
        await loadReferenceFiles(tx, [nom, corr]);
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(await store.query(sql`select count(*) as n from hs_products`)).toEqual([{ n: 0 }]);
    expect(await store.query(sql`select count(*) as n from reference_loads where kind like 'hs-%'`)).toEqual([
      { n: 0 },
    ]);
  });

  it('finds the files of a folder in the ../shared layout, skipping conversion tables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-ref-'));
    mkdirSync(join(dir, 'hs_concordance', 'correlation'), { recursive: true });
    mkdirSync(join(dir, 'hs_concordance', 'conversion'), { recursive: true });
    writeFileSync(join(dir, 'hs_concordance', 'hs_nomenclature_by_edition.csv'), nom.text);
    writeFileSync(join(dir, 'hs_concordance', 'correlation', 'hs2017_to_hs2022.csv'), corr.text);
    writeFileSync(
      join(dir, 'hs_concordance', 'conversion', 'hs2022_to_hs2017.csv'),
      'from_edition,from_code,to_edition,to_code\n',
    );
    writeFileSync(join(dir, 'notes.csv'), 'x\n');
    expect(findReferenceFiles(dir)).toEqual([
      'hs_concordance/correlation/hs2017_to_hs2022.csv',
      'hs_concordance/hs_nomenclature_by_edition.csv',
    ]);
    expect(readReferencePath(dir).map((x) => x.name)).toHaveLength(2);
  });
});
