/**
 * `lantern fetch reference` against a local HTTP server on 127.0.0.1 serving fixtures written in
 * this test (Comtrade-shaped JSON, UNSD-shaped .xlsx and legacy .xls workbooks under UNSD's own
 * file names, a ../shared-shaped mirror).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { isLanternError } from '../../src/errors.ts';
import { addBasket } from '../../src/reference/basket-file.ts';
import { resolveBasket } from '../../src/reference/baskets.ts';
import { editionPairs, fetchReference, unsdWorkbookName } from '../../src/reference/fetch-reference.ts';
import { hsEditions } from '../../src/reference/hs.ts';
import { openStore } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { makeWorkbook } from '../fixtures/reference/make-workbook.ts';
import { makeXlsx } from '../fixtures/reference/make-xlsx.ts';
import { hasShared, sharedPath } from '../shared.ts';

const comtradeJson = (h: string) => {
  const hs2022 = h === 'H6';
  const codes: [string, string, string][] = [
    ['TOTAL', 'Total of all HS commodities', '#'],
    ['01', 'Animals; live', 'TOTAL'],
    ['0101', 'Horses, asses, mules and hinnies; live', '01'],
    ['010121', 'Horses; live, pure-bred breeding animals', '0101'],
    ['95', 'Toys, games and sports requisites', 'TOTAL'],
    ['9505', 'Festive, carnival or other entertainment articles', '95'],
    ['950510', 'Festive articles; for Christmas festivities', '9505'],
    ...(hs2022
      ? ([
          ['950591', 'Festive articles; other, A', '9505'],
          ['950592', 'Festive articles; other, B', '9505'],
          ['854999', 'Electrical and electronic waste; other', '8549'],
        ] as [string, string, string][])
      : ([['950590', 'Festive articles; other', '9505']] as [string, string, string][])),
  ];
  return JSON.stringify({
    more: false,
    results: codes.map(([id, text, parent]) => ({
      id,
      text: id === 'TOTAL' ? text : `${id} - ${text}`,
      parent,
      aggrLevel: id.length,
    })),
  });
};

const unsdWorkbook = (newer: string, older: string) => {
  const rows: (string | number)[][] =
    newer === '2022'
      ? [
          [950510, 950510, '1:1'],
          [950591, 950590, 'n:1'],
          [950592, 950590, 'n:1'],
          [854999, 950590, 'n:n'],
          [10121, 10121, '1:1'],
        ]
      : [
          [950510, 950510, '1:1'],
          [950590, 950590, '1:1'],
          [10121, 10121, '1:1'],
        ];
  return makeXlsx([
    {
      name: `HS${newer}-HS${older} Conversions`,
      rows: [
        [`HS ${newer}`, `HS ${older}`],
        [111111, 222222],
      ],
    },
    {
      name: `HS${newer}-HS${older} Correlations`,
      rows: [
        [`Correlation between HS ${newer} and HS ${older}`],
        [`HS ${newer}`, `HS ${older}`, 'Relationship'],
        ...rows,
      ],
    },
  ]);
};

/**
 * A legacy UNSD .xls (tables whose newer edition is 1996 … 2012): "Conversion Table" first, then
 * "Correlation Table" with a title on row 1, the header on row 2, the unheaded "ex" column between the
 * codes and UNSD's spellings of the labels ("'1:1", "n to 1").
 */
const legacyWorkbook = (newer: string, older: string) =>
  makeWorkbook(
    [
      { name: 'Conversion Table', rows: [[`HS ${newer}`, `HS ${older}`], [111111, 222222]] },
      {
        name: 'Correlation Table',
        rows: [
          [`Correlation table HS ${newer} - HS ${older}`],
          [`HS ${newer}`, null, `HS ${older}`, 'Relationship'],
          [950510, null, 950510, "'1:1"],
          [950591, 'ex', 950590, 'n to 1'],
          [950592, 'ex', 950590, 'n to 1'],
          [10121, null, 10121, '1:1'],
        ],
      },
    ],
    'xls',
  );

let server: Server;
let base = '';
const requested: string[] = [];
const mirrorDir = mkdtempSync(join(tmpdir(), 'lantern-mirror-'));

beforeAll(async () => {
  // a mirror in the ../shared/data layout: both nomenclature files and one row per correlation table
  mkdirSync(join(mirrorDir, 'classifications'), { recursive: true });
  mkdirSync(join(mirrorDir, 'hs_concordance', 'correlation'), { recursive: true });
  writeFileSync(
    join(mirrorDir, 'classifications', 'hs2022_nomenclature.csv'),
    'section,hscode,description,parent,level\nXX,950510,Christmas,9505,6\n',
  );
  writeFileSync(
    join(mirrorDir, 'hs_concordance', 'hs_nomenclature_by_edition.csv'),
    ['edition,code,level,description', ...hsEditions.map((e) => `${e},950510,6,Christmas`)].join('\n'),
  );
  for (const [o, n] of editionPairs()) {
    writeFileSync(
      join(mirrorDir, 'hs_concordance', 'correlation', `${o.toLowerCase()}_to_${n.toLowerCase()}.csv`),
      `from_edition,from_code,to_edition,to_code,relationship\n${o},950510,${n},950510,1:1\n`,
    );
  }
  server = createServer((req, res) => {
    const url = req.url ?? '';
    requested.push(url);
    let m = /^\/comtrade\/(H[0-6])\.json$/.exec(url);
    if (m?.[1]) return res.end(comtradeJson(m[1]));
    m = /^\/unsd\/HS(\d{4})toHS(\d{4})ConversionAndCorrelationTables\.xlsx$/.exec(url);
    if (m?.[1] && m[2]) return res.end(unsdWorkbook(m[1], m[2]));
    // the .xls names exactly as UNSD spells them (two families), percent-encoded
    m = /^\/unsd\/(HS (\d{4}) to HS (\d{4}) Correlation and conversion tables|HS(\d{4}) to HS(\d{4}) - Correlation and conversion tables)\.xls$/.exec(
      decodeURIComponent(url),
    );
    if (m) return res.end(legacyWorkbook(m[2] ?? m[4] ?? '', m[3] ?? m[5] ?? ''));
    m = /^\/mirror\/(.+)$/.exec(url);
    if (m?.[1]) {
      try {
        return res.end(readFileSync(join(mirrorDir, m[1])));
      } catch {
        /* fall through to 404 */
      }
    }
    res.statusCode = 404;
    res.end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

describe('fetchReference', () => {
  it('downloads the Comtrade nomenclature and the UNSD workbooks, converts and loads them', async () => {
    const store = await openStore();
    try {
      const s = await fetchReference(store, { comtradeBase: `${base}/comtrade/`, unsdBase: `${base}/unsd/` });
      expect(s.editions).toEqual([...hsEditions]);
      // all 21 pairs: those ending in HS2017 (5) or HS2022 (6) as .xlsx, the other 10 as legacy .xls
      expect(s.pairs).toEqual(editionPairs().map(([o, n]) => `${o}>${n}`).sort());
      expect(s.downloaded).toHaveLength(7 + 21);
      expect(s.downloaded.filter((d) => d.url.endsWith('.xls'))).toHaveLength(10);
      const hs2022 = await store.query(
        sql`select code, level, description from hs_products where edition = 'HS2022' and level = 6 order by code`,
      );
      expect(hs2022).toEqual([
        { code: '010121', level: 6, description: 'Horses; live, pure-bred breeding animals' },
        { code: '854999', level: 6, description: 'Electrical and electronic waste; other' },
        { code: '950510', level: 6, description: 'Festive articles; for Christmas festivities' },
        { code: '950591', level: 6, description: 'Festive articles; other, A' },
        { code: '950592', level: 6, description: 'Festive articles; other, B' },
      ]);
      // the decoy "Conversions" sheet is not read; numbers get their leading zero back; labels flipped to older → newer
      const corr = await store.query(
        sql`select from_code, to_code, relationship, relationship_published from hs_correlations where from_edition = 'HS2017' and to_edition = 'HS2022' order by to_code`,
      );
      expect(corr).toEqual([
        { from_code: '010121', to_code: '010121', relationship: '1:1', relationship_published: '1:1' },
        { from_code: '950590', to_code: '854999', relationship: 'n:n', relationship_published: 'n:n' },
        { from_code: '950510', to_code: '950510', relationship: '1:1', relationship_published: '1:1' },
        { from_code: '950590', to_code: '950591', relationship: '1:n', relationship_published: 'n:1' },
        { from_code: '950590', to_code: '950592', relationship: '1:n', relationship_published: 'n:1' },
      ]);
      await addBasket(store, { name: 'festive', codes: ['950510', '950590'], edition: 'HS2017' });
      const r = await resolveBasket(store, 'festive', 'HS2022');
      expect(r.codes.map((c) => `${c.sourceCode}>${c.code} ${c.mapping}`)).toEqual([
        '950510>950510 1:1',
        '950590>950591 1:n',
        '950590>950592 1:n',
      ]);
      expect(r.residual.map((x) => x.code)).toEqual(['854999']);
      // a pair read from a legacy .xls: zeros restored, "ex" kept, labels cleaned and flipped to older → newer
      const legacy = await store.query(
        sql`select from_code, to_code, relationship, relationship_published, ex_flag from hs_correlations where from_edition = 'HS2002' and to_edition = 'HS2007' order by to_code`,
      );
      expect(legacy).toEqual([
        { from_code: '010121', to_code: '010121', relationship: '1:1', relationship_published: '1:1', ex_flag: false },
        { from_code: '950510', to_code: '950510', relationship: '1:1', relationship_published: "'1:1", ex_flag: false },
        { from_code: '950590', to_code: '950591', relationship: '1:n', relationship_published: 'n to 1', ex_flag: true },
        { from_code: '950590', to_code: '950592', relationship: '1:n', relationship_published: 'n to 1', ex_flag: true },
      ]);
      expect(
        await store.query(
          sql`select file_name from reference_loads where subject = 'HS1992>HS1996'`,
        ),
      ).toEqual([{ file_name: 'HS1996 to HS1992 - Correlation and conversion tables.xls' }]);
    } finally {
      await store.close();
    }
  });

  it('uses the official URLs by default, and a failed download changes nothing', async () => {
    const urls: string[] = [];
    const fake = (async (url: string | URL | Request) => {
      urls.push(String(url));
      return new Response('unavailable', { status: 503, statusText: 'Service Unavailable' });
    }) as typeof fetch;
    const store = await openStore();
    try {
      const e = await fetchReference(store, { fetch: fake }).catch((x: unknown) => x);
      expect(isLanternError(e) && e.code).toBe('network-error');
      expect(isLanternError(e) && e.problems).toHaveLength(28);
      expect(urls[0]).toBe('https://comtradeapi.un.org/files/v1/app/reference/H0.json');
      expect(urls).toContain(
        'https://unstats.un.org/unsd/classifications/Econ/tables/HS2022toHS2007ConversionAndCorrelationTables.xlsx',
      );
      expect(urls).toContain(
        'https://unstats.un.org/unsd/classifications/Econ/tables/HS%202012%20to%20HS%202007%20Correlation%20and%20conversion%20tables.xls',
      );
      expect(urls).toContain(
        'https://unstats.un.org/unsd/classifications/Econ/tables/HS1996%20to%20HS1992%20-%20Correlation%20and%20conversion%20tables.xls',
      );
      expect(await store.query(sql`select count(*) as n from hs_products`)).toEqual([{ n: 0 }]);
    } finally {
      await store.close();
    }
  });

  it('reports a missing file on the server with its URL and loads nothing', async () => {
    const store = await openStore();
    try {
      const e = await fetchReference(store, {
        comtradeBase: `${base}/nowhere/`,
        unsdBase: `${base}/unsd/`,
      }).catch((x: unknown) => x);
      expect(isLanternError(e) && e.toString()).toMatch(/\/nowhere\/H0\.json: HTTP 404/);
      expect(await store.query(sql`select count(*) as n from hs_correlations`)).toEqual([{ n: 0 }]);
    } finally {
      await store.close();
    }
  });

  it('fetches every pair from a mirror laid out like ../shared/data', async () => {
    const store = await openStore();
    try {
      const s = await fetchReference(store, { mirror: `${base}/mirror` });
      expect(s.pairs).toHaveLength(21);
      // HS2022 comes from the dedicated file (section XX), not from the all-editions file
      expect(await store.query(sql`select section from hs_products where edition = 'HS2022'`)).toEqual([
        { section: 'XX' },
      ]);
    } finally {
      await store.close();
    }
  });

  it('runs as `lantern fetch reference`', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [
        'fetch',
        'reference',
        '--db',
        ':memory:',
        '--comtrade-url',
        `${base}/comtrade/`,
        '--unsd-url',
        `${base}/unsd/`,
      ],
      {
        stdout: (s) => out.push(s),
        stderr: (s) => err.push(s),
        env: {},
        cwd: '.',
        now: () => new Date('2026-11-23'),
      },
    );
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    expect(out.join('')).toMatch(
      /downloaded 28 file\(s\), [\d,]+ bytes; loaded 7 edition\(s\) and 21 correlation table\(s\); 1 basket\(s\) re-resolved/,
    );
    expect(out.join('')).not.toMatch(/not fetched/);
  });
});

describe.skipIf(!hasShared('data/hs_concordance/SOURCE.md'))('UNSD workbook names against hs_concordance/SOURCE.md', () => {
  it('names the very files SOURCE.md lists for the 21 correlation tables', () => {
    // Rows like: | `correlation/hs1992_to_hs1996.csv` | … | `HS1996 to HS1992 - Correlation and conversion tables.xls` / "Correlation Table" |
    const listed = new Map<string, string>();
    for (const m of readFileSync(sharedPath('data/hs_concordance/SOURCE.md'), 'utf8').matchAll(
      /^\| `correlation\/hs(\d{4})_to_hs(\d{4})\.csv` \|.*\| `([^`]+\.xlsx?)` \/ "[^"]+" \|$/gm,
    ))
      listed.set(`HS${m[1]}>HS${m[2]}`, m[3] as string);
    expect(listed.size).toBe(21);
    for (const [o, n] of editionPairs()) expect([`${o}>${n}`, unsdWorkbookName(o, n)]).toEqual([`${o}>${n}`, listed.get(`${o}>${n}`)]);
  });
});

describe('unsdWorkbookName', () => {
  it('gives UNSD\'s file name for each of the 21 pairs (three naming families, as in hs_concordance/SOURCE.md)', () => {
    const names = editionPairs().map(([o, n]) => unsdWorkbookName(o, n));
    expect(new Set(names).size).toBe(21);
    expect(names.filter((n) => n.endsWith('.xlsx'))).toHaveLength(11);
    expect(unsdWorkbookName('HS1992', 'HS1996')).toBe('HS1996 to HS1992 - Correlation and conversion tables.xls');
    expect(unsdWorkbookName('HS1996', 'HS2002')).toBe('HS2002 to HS1996 - Correlation and conversion tables.xls');
    expect(unsdWorkbookName('HS2002', 'HS2007')).toBe('HS 2007 to HS 2002 Correlation and conversion tables.xls');
    expect(unsdWorkbookName('HS1992', 'HS2012')).toBe('HS 2012 to HS 1992 Correlation and conversion tables.xls');
    expect(unsdWorkbookName('HS2012', 'HS2017')).toBe('HS2017toHS2012ConversionAndCorrelationTables.xlsx');
    expect(unsdWorkbookName('HS2017', 'HS2022')).toBe('HS2022toHS2017ConversionAndCorrelationTables.xlsx');
  });
});
