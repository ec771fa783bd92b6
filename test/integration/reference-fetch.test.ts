/**
 * `lantern fetch reference` against a local HTTP server on 127.0.0.1 serving fixtures written in
 * this test (Comtrade-shaped JSON, UNSD-shaped .xlsx workbooks, a ../shared-shaped mirror).
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
import { editionPairs, fetchReference } from '../../src/reference/fetch-reference.ts';
import { hsEditions } from '../../src/reference/hs.ts';
import { openStore } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { makeXlsx } from '../fixtures/reference/make-xlsx.ts';

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
      // pairs ending in HS2017 (5) or HS2022 (6) come as .xlsx; the other 10 pairs are only .xls at UNSD
      expect(s.pairs).toHaveLength(11);
      expect(s.notFetched).toHaveLength(10);
      expect(s.downloaded).toHaveLength(7 + 11);
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
      expect(isLanternError(e) && e.problems).toHaveLength(18);
      expect(urls[0]).toBe('https://comtradeapi.un.org/files/v1/app/reference/H0.json');
      expect(urls).toContain(
        'https://unstats.un.org/unsd/classifications/Econ/tables/HS2022toHS2007ConversionAndCorrelationTables.xlsx',
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
      expect(s.notFetched).toEqual([]);
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
      /downloaded 18 file\(s\), [\d,]+ bytes; loaded 7 edition\(s\) and 11 correlation table\(s\); 1 basket\(s\) re-resolved/,
    );
    expect(out.join('')).toMatch(/not fetched \(UNSD publishes them only as \.xls\): HS1992>HS1996/);
  });
});
