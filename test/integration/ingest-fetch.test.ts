/**
 * `lantern fetch comtrade` and `fetchComtrade` against a local HTTP server on 127.0.0.1 (no network):
 * the URL and key sent, one request per year, splitting at the row cap, and the import of the answers.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { fetchComtrade } from '../../src/sources/comtrade-fetch.ts';
import { openStore } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { hasShared, repoRoot, sharedPath } from '../shared.ts';

interface Seen {
  path: string;
  query: URLSearchParams;
  key: string | undefined;
}

let server: Server;
let base: string;
const seen: Seen[] = [];
/** Answer for a request: set per test. */
let answer: (q: URLSearchParams) => unknown = () => ({ count: 0, data: [], error: '' });

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push({
      path: url.pathname,
      query: url.searchParams,
      key: req.headers['ocp-apim-subscription-key'] as string | undefined,
    });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer(url.searchParams)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Synthetic answer: one record per requested code and partner (2 partners). */
function perCode(q: URLSearchParams) {
  const codes = (q.get('cmdCode') ?? '').split(',').filter(Boolean);
  const data = codes.flatMap((c) =>
    ['842', '392'].map((p) => ({
      typeCode: 'C',
      freqCode: 'A',
      refYear: Number(q.get('period')),
      refMonth: 52,
      reporterCode: 156,
      flowCode: 'X',
      partnerCode: Number(p),
      partner2Code: 0,
      classificationCode: 'H5',
      cmdCode: c,
      aggrLevel: 6,
      customsCode: 'C00',
      motCode: 0,
      primaryValue: 100,
    })),
  );
  return { elapsedTime: '0.01 secs', count: data.length, data, error: '' };
}

describe('fetchComtrade (library)', () => {
  it('splits a product list in halves while the answer is at the cap', async () => {
    seen.length = 0;
    answer = perCode;
    const out = mkdtempSync(join(tmpdir(), 'lantern-fetch-'));
    const r = await fetchComtrade({
      reporterCode: '156',
      years: [2019],
      codesFor: async () => ['970110', '970190', '490199', '920710'],
      token: 'k',
      baseUrl: base,
      outDir: out,
      delayMs: 0,
      rowCap: 3,
    });
    // 4 codes × 2 partners = 8 ≥ 3 → 2 + 2 codes (4 rows each, still ≥ 3) → 4 single codes (2 rows each)
    expect(seen.map((s) => s.query.get('cmdCode'))).toEqual([
      '970110,970190,490199,920710',
      '970110,970190',
      '970110',
      '970190',
      '490199,920710',
      '490199',
      '920710',
    ]);
    expect(r.files.map((f) => f.count)).toEqual([2, 2, 2, 2]);
    expect(r.warnings).toEqual([]);
  });

  it('a single code still at the cap is kept, with a truncation warning', async () => {
    answer = perCode;
    const out = mkdtempSync(join(tmpdir(), 'lantern-fetch-'));
    const r = await fetchComtrade({
      reporterCode: '156',
      years: [2020],
      codesFor: async () => ['970110'],
      token: 'k',
      baseUrl: base,
      outDir: out,
      delayMs: 0,
      rowCap: 2,
    });
    expect(r.files).toHaveLength(1);
    expect(r.warnings[0]).toContain('truncated');
  });
});

describe.skipIf(!hasShared('data/comtrade_samples'))(
  'lantern fetch comtrade (CLI, fixture answers from ../shared)',
  () => {
    it('one request per year to the data endpoint with the key; the answers are imported with provenance', async () => {
      seen.length = 0;
      const doc = JSON.parse(
        readFileSync(sharedPath('data/comtrade_samples/api_raw_chn_imports_total_2010.json'), 'utf8'),
      ) as { data: { primaryValue: number }[] };
      answer = (q) =>
        q.get('period') === '2010' ? doc : { elapsedTime: '0 secs', count: 0, data: [], error: '' };
      const dir = mkdtempSync(join(tmpdir(), 'lantern-fetch-cli-'));
      const db = join(dir, 'store.duckdb');
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(
        [
          'fetch',
          'comtrade',
          '--db',
          db,
          '--reporter',
          'CHN',
          '--years',
          '2010-2011',
          '--codes',
          'TOTAL',
          '--base-url',
          base,
          '--delay',
          '0',
          '--format',
          'json',
        ],
        {
          stdout: (s) => out.push(s),
          stderr: (s) => err.push(s),
          env: { COMTRADE_KEY: 'secret-key' },
          cwd: dir,
          now: () => new Date('2026-11-23T00:00:00Z'),
        },
      );
      expect(err.join('')).not.toContain('error');
      expect(code).toBe(0);
      expect(
        seen.map((s) => [
          s.path,
          s.query.get('reporterCode'),
          s.query.get('period'),
          s.query.get('cmdCode'),
          s.key,
        ]),
      ).toEqual([
        ['/data/v1/get/C/A/HS', '156', '2010', 'TOTAL', 'secret-key'],
        ['/data/v1/get/C/A/HS', '156', '2011', 'TOTAL', 'secret-key'],
      ]);
      const rows = JSON.parse(out.join('')) as { year: number; rows: number }[];
      expect(rows.map((r) => [r.year, r.rows])).toEqual([
        [2010, 4],
        [2011, 0],
      ]);
      const store = await openStore({ path: db });
      const [t] = await store.query<{ v: number }>(sql`select sum(value_usd) v from trade_flows`);
      expect(t?.v).toBeCloseTo(
        doc.data.reduce((a, r) => a + r.primaryValue, 0),
        0,
      );
      const runs = await store.query<{ file_name: string; format: string }>(
        sql`select file_name, format from import_runs order by id`,
      );
      // 2011 answered no data: reported as such, never stored as an empty run.
      expect(runs).toEqual([{ file_name: 'comtrade_C_A_156_2010.json', format: 'comtrade-api-json' }]);
      await store.close();
    });

    it('without a key: the public preview endpoint, with a warning', async () => {
      seen.length = 0;
      answer = () => ({ count: 0, data: [], error: '' });
      const dir = mkdtempSync(join(tmpdir(), 'lantern-fetch-cli-'));
      const err: string[] = [];
      const code = await runCli(
        [
          'fetch',
          'comtrade',
          '--db',
          join(dir, 's.duckdb'),
          '--reporter',
          'USA',
          '--years',
          '2019',
          '--base-url',
          base,
          '--delay',
          '0',
        ],
        {
          stdout: () => {},
          stderr: (s) => err.push(s),
          env: {},
          cwd: dir,
          now: () => new Date('2026-11-23T00:00:00Z'),
        },
      );
      expect(code).toBe(0);
      expect(seen[0]?.path).toBe('/public/v1/preview/C/A/HS');
      expect(seen[0]?.query.get('reporterCode')).toBe('842'); // Comtrade's USA (incl. PR and USVI)
      expect(seen[0]?.key).toBeUndefined();
      expect(err.join('')).toContain('public preview');
    });

    it('--basket resolves the basket to the HS edition in force that year', async () => {
      seen.length = 0;
      answer = () => ({ count: 0, data: [], error: '' });
      const dir = mkdtempSync(join(tmpdir(), 'lantern-fetch-cli-'));
      const err: string[] = [];
      const code = await runCli(
        [
          'fetch',
          'comtrade',
          '--db',
          join(dir, 's.duckdb'),
          '--reporter',
          'CHN',
          '--years',
          '2008',
          '--basket',
          'unesco-fcs-2009',
          '--base-url',
          base,
          '--delay',
          '0',
          '--token',
          'k',
        ],
        {
          stdout: () => {},
          stderr: (s) => err.push(s),
          env: {},
          cwd: dir,
          now: () => new Date('2026-11-23T00:00:00Z'),
        },
      );
      expect(err.join(''), err.join('')).not.toMatch(/^error/m);
      expect(code).toBe(0);
      // 2008 is HS 2007, the basket's own edition: its HS6 codes, as listed in the bundled CSV
      const csv = readFileSync(join(repoRoot, 'data', 'baskets', 'unesco-fcs-2009.csv'), 'utf8');
      const expected = [
        ...new Set(
          csv
            .split('\n')
            .slice(1)
            .map((l) => l.split(',')[2])
            .filter((c): c is string => !!c && /^\d{6}$/.test(c)),
        ),
      ].sort();
      expect(seen[0]?.query.get('cmdCode')?.split(',')).toEqual(expected);
    });
  },
);
