/**
 * UNSD correlation workbooks (.xls and .xlsx) read into the UNSD CSV layout and loaded. Workbooks
 * are written in the tests with the SheetJS writer (test/fixtures/reference/make-workbook.ts) or the
 * independent minimal .xlsx writer (make-xlsx.ts), shaped like UNSD's layouts: a conversion sheet
 * first, a title block above the header, an indentation column, the unheaded "ex" column, the
 * labels "'n:1" and "n to 1".
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/main.ts';
import { isLanternError } from '../errors.ts';
import { openStore, type Store } from '../store/db.ts';
import { sql } from '../store/sql.ts';
import { type Cell, makeWorkbook } from '../../test/fixtures/reference/make-workbook.ts';
import { makeXlsx } from '../../test/fixtures/reference/make-xlsx.ts';
import { hasShared, sharedPath } from '../../test/shared.ts';
import { sha256 } from './data-files.ts';
import { type CorrelationRow, loadReferenceFiles, parseReferenceFile, readReferencePath } from './hs-load.ts';
import { readWorkbook, unsdWorkbookToFile, workbookKind } from './workbook.ts';

let store: Store;
beforeEach(async () => {
  store = await openStore();
});
afterEach(async () => {
  await store.close();
});

/** A legacy UNSD .xls: "Conversion Table" first, then "Correlation Table" with a title on row 1. */
function legacyXls(rows: Cell[][]): Buffer {
  return makeWorkbook(
    [
      { name: 'Conversion Table', rows: [['HS 2007', 'HS 2002'], [999999, 888888]] },
      {
        name: 'Correlation Table',
        rows: [['Correlation between HS 2007 and HS 2002'], ['HS 2007', null, 'HS 2002', 'Relationship'], ...rows],
      },
    ],
    'xls',
  );
}

const correlations = (name: string, buf: Buffer) => {
  const { parsed, problems } = parseReferenceFile(unsdWorkbookToFile(buf, name, 'test'));
  return { rows: (parsed?.rows ?? []) as CorrelationRow[], problems };
};
const brief = (r: CorrelationRow) =>
  `${r.fromEdition} ${r.fromCode} > ${r.toEdition} ${r.toCode} ${r.relationship} (${r.relationshipPublished})${r.exFlag ? ' ex' : ''}`;

describe('reading workbooks', () => {
  it('tells .xls from .xlsx by their first bytes and reads both', () => {
    const xls = makeWorkbook([{ name: 'S', rows: [['a', 1]] }], 'xls');
    const xlsx = makeWorkbook([{ name: 'S', rows: [['a', 1]] }], 'xlsx');
    expect(workbookKind(xls)).toBe('xls');
    expect(workbookKind(xlsx)).toBe('xlsx');
    expect(workbookKind(Buffer.from('HS 2022,HS 2017\n'))).toBeNull();
    expect(readWorkbook(xls, 'a.xls')).toEqual([{ name: 'S', rows: [['a', '1']] }]);
    expect(readWorkbook(xlsx, 'a.xlsx')).toEqual([{ name: 'S', rows: [['a', '1']] }]);
  });

  it('keeps sheet row numbers: row i of the result is the sheet row i + 1, blank rows included', () => {
    const buf = makeWorkbook([{ name: 'S', rows: [[null, null], [null, 'x'], [], [5, null]] }], 'xls');
    expect(readWorkbook(buf, 'a.xls')[0]?.rows).toEqual([['', ''], ['', 'x'], [], ['5', '']]);
  });

  it('refuses bytes that are not a workbook, naming the file and what it starts with', () => {
    const e = (() => {
      try {
        readWorkbook(Buffer.from('<!DOCTYPE html><html>Not found</html>'), 'HS 2012 to HS 2007.xls');
      } catch (x) {
        return x;
      }
    })();
    expect(isLanternError(e) && e.code).toBe('bad-file');
    expect(isLanternError(e) && e.toString()).toMatch(/HS 2012 to HS 2007\.xls.*neither the \.xlsx \(zip\) nor the \.xls \(OLE2\)/s);
    expect(isLanternError(e) && e.toString()).toMatch(/<!DOCTYPE html>/);
  });

  it('reports a truncated workbook as a bad file', () => {
    const buf = makeWorkbook([{ name: 'Correlation Table', rows: [['HS 2007', 'HS 2002']] }], 'xlsx');
    const e = (() => {
      try {
        readWorkbook(buf.subarray(0, 200), 't.xlsx');
      } catch (x) {
        return x;
      }
    })();
    expect(isLanternError(e) && e.code).toBe('bad-file');
    expect(isLanternError(e) && e.message).toMatch(/t\.xlsx cannot be read as an \.xlsx workbook/);
  });
});

describe('UNSD correlation workbooks', () => {
  it('reads a legacy .xls: correlation sheet, header on row 2, ex column, labels flipped to older → newer', () => {
    const { rows, problems } = correlations(
      'HS 2007 to HS 2002 Correlation and conversion tables.xls',
      legacyXls([
        [10121, null, 10110, "'n:1"], // two HS2007 codes came from 010110: a split seen from HS2002
        [10129, 'ex', 10110, 'n to 1'],
        [292149, 'ex', 292149, '1:1'],
        [950300, null, 950310, '1:n'], // 950310 and 950320 merged into 950300
        [950300, null, 950320, '1:n'],
        [null, null, null, null],
        ['Note: "ex" marks a part of the HS 2002 subheading.', null, null, null],
      ]),
    );
    expect(problems).toEqual([]);
    expect(rows.map(brief)).toEqual([
      "HS2002 010110 > HS2007 010121 1:n ('n:1)", // the published label is kept as printed
      'HS2002 010110 > HS2007 010129 1:n (n to 1) ex',
      'HS2002 292149 > HS2007 292149 1:1 (1:1) ex',
      'HS2002 950310 > HS2007 950300 n:1 (1:n)',
      'HS2002 950320 > HS2007 950300 n:1 (1:n)',
    ]);
  });

  it('reads the HS 2012 layout: title block, header on row 7, an empty indentation column, "n/a" kept', () => {
    const buf = makeWorkbook(
      [
        { name: 'Conversion HS 2012-HS 1992', rows: [['HS 2012', 'HS 1992'], [10121, 10110]] },
        {
          name: 'Correlation HS 2012-HS 1992',
          rows: [
            [null, 'Correlation table HS 2012 to HS 1992'],
            [],
            [null, 'United Nations Statistics Division'],
            [],
            [],
            [],
            [null, 'HS 2012', 'HS 1992', 'Relationship'],
            [null, 10121, 10110, 'n:1'],
            [null, 'n/a', 291639, 'n/a'],
          ],
        },
      ],
      'xls',
    );
    const file = unsdWorkbookToFile(buf, 'HS 2012 to HS 1992 Correlation and conversion tables.xls', 'test');
    expect(file.sheet).toBe('Correlation HS 2012-HS 1992');
    const { parsed, problems } = parseReferenceFile(file);
    expect(problems).toEqual([]);
    expect((parsed?.rows as CorrelationRow[]).map(brief)).toEqual([
      'HS1992 010110 > HS2012 010121 1:n (n:1)',
      'HS1992 291639 > HS2012 null n/a (n/a)',
    ]);
  });

  it('reads .xlsx written by SheetJS and by the minimal writer alike', () => {
    const sheets = [
      { name: 'HS2022-HS2017 Conversions', rows: [['HS 2022', 'HS 2017'], [111111, 222222]] },
      {
        name: 'HS2022-HS2017 Correlations',
        rows: [['HS 2022', 'HS 2017', 'Relationship'], [950591, 950590, 'n:1'], [10121, 10121, '1:1']],
      },
    ];
    const expected = ['HS2017 950590 > HS2022 950591 1:n (n:1)', 'HS2017 010121 > HS2022 010121 1:1 (1:1)'];
    expect(correlations('a.xlsx', makeWorkbook(sheets, 'xlsx')).rows.map(brief)).toEqual(expected);
    expect(correlations('b.xlsx', makeXlsx(sheets)).rows.map(brief)).toEqual(expected);
  });

  it('names the sheet and the sheet row of a bad code', () => {
    const { problems } = correlations(
      'HS 2007 to HS 2002 Correlation and conversion tables.xls',
      legacyXls([
        [10121, null, 10110, '1:1'],
        [10129, null, '0101.2X', '1:1'],
      ]),
    );
    // header on row 2, data from row 3: the bad row is the sheet's row 4
    expect(problems).toEqual([
      {
        file: 'HS 2007 to HS 2002 Correlation and conversion tables.xls [Correlation Table]',
        line: 4,
        column: 'HS 2002',
        message: 'not a 6-digit HS code',
        found: '0101.2X',
        expected: '6 digits',
      },
    ]);
  });

  it('says which sheets there are when none is a correlation table', () => {
    const buf = makeWorkbook(
      [
        { name: 'Conversion Table', rows: [['HS 2007', 'HS 2002']] },
        { name: 'Conversion Notes', rows: [['x']] },
      ],
      'xls',
    );
    const e = (() => {
      try {
        unsdWorkbookToFile(buf, 'x.xls', 'test');
      } catch (x) {
        return x;
      }
    })();
    expect(isLanternError(e) && e.toString()).toMatch(/x\.xls has no correlation sheet[\s\S]*Conversion Table, Conversion Notes/);
  });

  it('says where the header should be when no row has two edition labels', () => {
    const buf = makeWorkbook([{ name: 'Correlation Table', rows: [['From', 'To'], [10121, 10110]] }], 'xls');
    const e = (() => {
      try {
        unsdWorkbookToFile(buf, 'y.xls', 'test');
      } catch (x) {
        return x;
      }
    })();
    expect(isLanternError(e) && e.toString()).toMatch(/y\.xls \[Correlation Table\]: no header row with two "HS yyyy" labels/);
  });
});

describe('reference load with workbooks', () => {
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-wb-'));
    mkdirSync(join(dir, 'unsd'));
    writeFileSync(
      join(dir, 'unsd', 'HS 2007 to HS 2002 Correlation and conversion tables.xls'),
      legacyXls([
        [10121, null, 10110, "'n:1"],
        [10129, 'ex', 10110, 'n:1'],
      ]),
    );
    writeFileSync(
      join(dir, 'unsd', 'HS2022toHS2017ConversionAndCorrelationTables.xlsx'),
      makeWorkbook(
        [{ name: 'HS2022-HS2017 Correlations', rows: [['HS 2022', 'HS 2017', 'Relationship'], [10121, 10121, '1:1']] }],
        'xlsx',
      ),
    );
    writeFileSync(join(dir, 'unsd', 'notes.xls'), 'not a reference file: not picked up by name');
    return dir;
  };

  it('finds UNSD workbooks in a folder by their names and loads them with the sha256 of their bytes', async () => {
    const dir = folder();
    const files = readReferencePath(dir);
    expect(files.map((f) => f.name)).toEqual([
      'unsd/HS 2007 to HS 2002 Correlation and conversion tables.xls',
      'unsd/HS2022toHS2017ConversionAndCorrelationTables.xlsx',
    ]);
    const summary = await loadReferenceFiles(store, files);
    expect(summary.pairs).toEqual(['HS2002>HS2007', 'HS2017>HS2022']);
    expect(
      await store.query(
        sql`select from_code, to_code, relationship, relationship_published, ex_flag from hs_correlations where from_edition = 'HS2002' order by to_code`,
      ),
    ).toEqual([
      { from_code: '010110', to_code: '010121', relationship: '1:n', relationship_published: "'n:1", ex_flag: false },
      { from_code: '010110', to_code: '010129', relationship: '1:n', relationship_published: 'n:1', ex_flag: true },
    ]);
    const xlsBytes = readFileSync(join(dir, 'unsd', 'HS 2007 to HS 2002 Correlation and conversion tables.xls'));
    expect(
      await store.query(sql`select sha256, rows::int as rows from reference_loads where subject = 'HS2002>HS2007'`),
    ).toEqual([{ sha256: sha256(xlsBytes), rows: 2 }]);
  });

  it('runs as `lantern reference load FILE.xls`', async () => {
    const dir = folder();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      ['reference', 'load', join(dir, 'unsd', 'HS 2007 to HS 2002 Correlation and conversion tables.xls'), '--db', ':memory:'],
      { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: {}, cwd: '.', now: () => new Date('2026-11-23') },
    );
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/hs-correlation\s+HS2002>HS2007\s+2 rows\s+HS 2007 to HS 2002 Correlation and conversion tables\.xls/);
  });

  it('a bad workbook among good files fails the load and leaves the store unchanged', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'unsd', 'HS 2012 to HS 2007 Correlation and conversion tables.xls'), '<html>404</html>');
    const e = (() => {
      try {
        readReferencePath(dir);
      } catch (x) {
        return x;
      }
    })();
    expect(isLanternError(e) && e.code).toBe('bad-file');
    expect(await store.query(sql`select count(*)::int as n from hs_correlations`)).toEqual([{ n: 0 }]);
  });
});

describe.skipIf(!hasShared('data/hs_concordance/correlation/hs2007_to_hs2012.csv'))(
  'a full-size table through .xls',
  () => {
    it('hs2007_to_hs2012 written as a UNSD .xls loads the same rows as the CSV', async () => {
      // The shared CSV (older → newer, UNSD's label kept in relationship_published) is written back into
      // UNSD's own .xls layout here — newer edition first, "ex" column beside the older code — then read.
      const path = sharedPath('data/hs_concordance/correlation/hs2007_to_hs2012.csv');
      const records = parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
      const sheetRows: Cell[][] = records.map((r) => [
        Number(r.to_code),
        r.ex_flag === 'ex' ? 'ex' : null,
        Number(r.from_code),
        r.relationship_published ?? '',
      ]);
      const buf = makeWorkbook(
        [
          { name: 'Conversion HS12-HS07', rows: [['HS 2012', 'HS 2007']] },
          { name: 'Correlation HS2012-HS2007', rows: [['title'], ['HS 2012', null, 'HS 2007', 'Relationship'], ...sheetRows] },
        ],
        'xls',
      );
      const viaXls = await openStore();
      try {
        await loadReferenceFiles(viaXls, [unsdWorkbookToFile(buf, 'HS 2012 to HS 2007.xls', 'test')]);
        await loadReferenceFiles(store, readReferencePath(path));
        const q = sql`select from_code, to_code, relationship, relationship_published, coalesce(ex_flag, false) as ex
                      from hs_correlations order by from_code, to_code`;
        const [a, b] = [await viaXls.query(q), await store.query(q)];
        expect(a.length).toBe(records.length); // 5364 in SOURCE.md
        expect(a).toEqual(b);
      } finally {
        await viaXls.close();
      }
    });
  },
);
