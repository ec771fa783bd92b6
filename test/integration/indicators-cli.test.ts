/**
 * The analysis verbs end to end through `runCli` on a store file holding the tiny fixture of
 * test/support/world.ts: every command answers, and the output formats round-trip — CSV and
 * Parquet read back equal the rows of the JSON output.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../cli.ts';
import { loadFixture } from '../support/world.ts';
import {
  countryProfileRows,
  marketFinderRows,
  productProfileRows,
  readParquet,
} from '../../src/queries/index.ts';
import { openStore } from '../../src/store/db.ts';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-ind-cli-'));
  db = join(dir, 'store.duckdb');
  const store = await openStore({ path: db });
  await loadFixture(store);
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => captureCli([...args, '--db', db], { cwd: dir });

/** CSV cells are text: compare them with the JSON values written the way csv-out writes them. */
function asCsv(rows: Record<string, unknown>[]): Record<string, string>[] {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v),
      ]),
    ),
  );
}

/** Checks that csv and parquet exports of a command equal the rows derived from its JSON output. */
async function roundTrip(
  args: string[],
  rowsOf: (json: never) => Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const j = await cli(...args, '--format', 'json');
  expect(j.err).toBe('');
  expect(j.code).toBe(0);
  const rows = rowsOf(JSON.parse(j.out) as never);
  expect(rows.length).toBeGreaterThan(0);
  const csvFile = `out-${Math.random().toString(36).slice(2)}.csv`;
  expect((await cli(...args, '--format', 'csv', '--out', csvFile)).code).toBe(0);
  const csv = parse(readFileSync(join(dir, csvFile), 'utf8'), { columns: true }) as Record<string, string>[];
  expect(csv).toEqual(asCsv(rows));
  const pqFile = `out-${Math.random().toString(36).slice(2)}.parquet`;
  expect((await cli(...args, '--format', 'parquet', '--out', pqFile)).code).toBe(0);
  const pq = await readParquet(join(dir, pqFile));
  expect(pq).toEqual(
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          v !== null && typeof v === 'object' ? JSON.stringify(v) : (v ?? null),
        ]),
      ),
    ),
  );
  const nd = await cli(...args, '--format', 'ndjson');
  expect(
    nd.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
  ).toEqual(rows);
  return rows;
}

describe('lantern indicator', () => {
  it('lists the catalog with formulas, in JSON and as a table', async () => {
    const j = await cli('indicator', 'list', '--format', 'json');
    expect(j.code).toBe(0);
    const list = JSON.parse(j.out) as { id: string; formula: string }[];
    expect(list.map((i) => i.id)).toContain('export-potential');
    const t = await cli('indicator', 'list');
    expect(t.out).toMatch(/rca.*Revealed comparative advantage.*显性比较优势/);
  });

  it('computes RCA by domain; CSV and Parquet equal the JSON rows', async () => {
    const rows = await roundTrip(
      [
        'indicator',
        'rca',
        '--exporter',
        'CHN',
        '--year',
        '2021',
        '--basket',
        'test-fcs',
        '--by',
        'domain',
        '--perspective',
        'reconciled',
      ],
      (j: { rows: Record<string, unknown>[] }) => j.rows,
    );
    // (150/350)/(200/600) = 9/7
    expect(Math.abs((rows[0]!.value as number) - 9 / 7)).toBeLessThan(1e-12);
  });

  it('prints a table with the provenance line, and the view for reported data', async () => {
    const t = await cli(
      'indicator',
      'value',
      '--exporter',
      'CHN',
      '--year',
      '2021',
      '--perspective',
      'reported',
      '--view',
      'mirror-max',
    );
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/Trade value · 贸易额/);
    expect(t.out).toMatch(/run 2 comtrade .* reported, mirror-max view/);
  });

  it('fails with one clear line for mixed sources, unknown countries and parquet without --out', async () => {
    const m = await cli('indicator', 'value', '--year', '2021');
    expect(m.code).toBe(1);
    expect(m.err).toMatch(/mixed-sources.*never sums/s);
    const u = await cli(
      'indicator',
      'value',
      '--exporter',
      'XXZ',
      '--year',
      '2021',
      '--perspective',
      'reconciled',
    );
    expect(u.err).toMatch(/unknown-country/);
    const p = await cli('indicator', 'value', '--year', '2019', '--format', 'parquet');
    expect(p.err).toMatch(/needs --out/);
  });
});

describe('profiles, bilateral, markets, compare', () => {
  it('profile country: CSV/Parquet equal the JSON profile flattened', async () => {
    const rows = await roundTrip(
      [
        'profile',
        'country',
        'CHN',
        '--years',
        '2020-2021',
        '--basket',
        'test-fcs',
        '--perspective',
        'reconciled',
      ],
      countryProfileRows,
    );
    expect(rows).toContainEqual({
      section: 'totals',
      year: 2021,
      key: 'CHN',
      measure: 'exports',
      value: 150,
      runs: '1',
    });
    const t = await cli(
      'profile',
      'country',
      'CHN',
      '--years',
      '2020-2021',
      '--basket',
      'test-fcs',
      '--perspective',
      'reconciled',
    );
    expect(t.out).toMatch(/China · 中国/);
    expect(t.out).toMatch(/By domain, 2021/);
  });

  it('profile product', async () => {
    const rows = await roundTrip(
      ['profile', 'product', '490199', '--year', '2021', '--perspective', 'reconciled'],
      productProfileRows,
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ section: 'world', year: 2021, measure: 'exports', value: 200 }),
    );
  });

  it('bilateral', async () => {
    const rows = await roundTrip(
      ['bilateral', 'CHN', 'USA', '--years', '2020-2021', '--perspective', 'reconciled'],
      (j: { products: Record<string, unknown>[]; runs: number[] }) =>
        j.products.map((p) => ({ a: 'CHN', b: 'USA', ...p, runs: j.runs.join(' ') })),
    );
    expect(rows).toContainEqual({
      a: 'CHN',
      b: 'USA',
      year: 2021,
      product: '950510',
      name_en: 'Christmas festivity articles', // HS2007, the edition of the data
      name_zh: '圣诞节用品', // Lantern's own translation (data/hs/names-zh.csv)
      a_to_b: 200,
      b_to_a: 0,
      runs: '1',
    });
  });

  it('markets: sorted, filtered, and the same rows in every format', async () => {
    const rows = await roundTrip(
      [
        'markets',
        '--exporter',
        'CHN',
        '--product',
        '490199',
        '--year',
        '2021',
        '--sort',
        'share',
        '--order',
        'asc',
        '--perspective',
        'reconciled',
      ],
      marketFinderRows as never,
    );
    expect(rows.map((r) => r.market)).toEqual(['USA', 'DEU']);
    expect(rows[0]).toMatchObject({ competitor_1: 'DEU', imports: 120 });
    const t = await cli(
      'markets',
      '--exporter',
      'CHN',
      '--product',
      '490199',
      '--year',
      '2021',
      '--min-size',
      '100',
      '--perspective',
      'reconciled',
    );
    expect(t.out).toMatch(/1 of 2 markets/);
  });

  it('compare', async () => {
    const rows = await roundTrip(
      [
        'compare',
        'CHN',
        'USA',
        '--indicator',
        'world-share',
        '--basket',
        'test-fcs:books',
        '--years',
        '2020-2021',
        '--perspective',
        'reconciled',
      ],
      (j: { series: Record<string, unknown>[] }) => j.series,
    );
    expect(rows).toEqual([
      { year: 2020, CHN: 0.8, USA: 0.2 },
      { year: 2021, CHN: 0.75, USA: 0.15 },
    ]);
  });
});
