/**
 * The new catalog entries end to end through `runCli` on a store file holding the tiny fixture:
 * `lantern population load` and `lantern population`, `lantern indicator rpop`, and
 * `lantern indicator eci|pci` (SQL presence matrix, then the TypeScript eigenvector step, run by
 * the same query layer as every indicator).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../cli.ts';
import { loadFixture } from '../support/world.ts';
import { runIndicator } from '../../src/queries/index.ts';
import { openStore } from '../../src/store/db.ts';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-cx-cli-'));
  db = join(dir, 'store.duckdb');
  const store = await openStore({ path: db });
  await loadFixture(store, { reported: false });
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => captureCli([...args, '--db', db], { cwd: dir });

describe('population and complexity from the CLI', () => {
  it('population load, then RPOP uses the loaded 2021 figures', async () => {
    writeFileSync(join(dir, 'pop.csv'), 'country,year,population\nCHN,2021,1500\nJPN,2021,125\n');
    const load = await cli('population', 'load', 'pop.csv', '--source', 'test WDI extract');
    expect(load.code, load.err).toBe(0);
    expect(load.out).toMatch(/2 figures\s+pop\.csv/);
    expect((await cli('population')).out).toMatch(/│ 2021\s+│ 2021\s+│/);
    const list = await cli('population', '--format', 'json');
    const sources = JSON.parse(list.out) as { source: string; rows: number }[];
    expect(sources.find((s) => s.source === 'test WDI extract')?.rows).toBe(2);
    const bad = await cli('population', 'load', 'nope.csv');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/No such file: nope\.csv/);
    const r = await cli('indicator', 'rpop', '--year', '2021', '--product', '950510', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const rows = (JSON.parse(r.out) as { rows: Record<string, number>[] }).rows;
    // 950510 2021: CHN 200, JPN 100; pop_w = CHN 1500 + JPN 125 + USA 330 + DEU 84 = 2039
    // the table shows the population year as a year (no thousands separator)
    const table = await cli('indicator', 'rpop', '--year', '2021', '--product', '950510');
    expect(table.out).toMatch(/│ 2021\s+│/);
    expect(table.out).not.toMatch(/2,021/);
    const jpn = rows.find((x) => (x.country as unknown) === 'JPN')!;
    expect(jpn).toMatchObject({ pop: 125, pop_year: 2021, pop_w: 2039, x_wk: 300 });
    expect(jpn.value).toBeCloseTo(100 / 300 / (125 / 2039), 12);
  });

  it('indicator eci and pci: table with the caveat, JSON with the rows', async () => {
    const t = await cli('indicator', 'eci', '--year', '2021');
    expect(t.code, t.err).toBe(0);
    expect(t.out).toContain('Economic Complexity Index (ECI) · 经济复杂度指数（ECI）');
    expect(t.out).toMatch(/note: ECI and PCI are re-standardised every year/);
    const j = await cli('indicator', 'eci', '--year', '2021', '--country', 'JPN,DEU', '--format', 'json');
    const out = JSON.parse(j.out) as { rows: { country: string; value: number; diversity: number }[] };
    expect(out.rows.map((r) => r.country)).toEqual(['DEU', 'JPN']);
    expect(out.rows.find((r) => r.country === 'JPN')).toMatchObject({ diversity: 1 });
    expect(out.rows[0]!.value).toBeGreaterThan(out.rows[1]!.value);
    const p = await cli('indicator', 'pci', '--year', '2021', '--format', 'json');
    const prows = (JSON.parse(p.out) as { rows: { product: string; ubiquity: number }[] }).rows;
    expect(prows.map((r) => [r.product, r.ubiquity])).toEqual([
      ['490199', 3],
      ['950510', 2],
      ['970110', 2],
    ]);
  });

  it("indicator eci --presence continuous equals the library's continuous ECI; binary is the default; a bad kind is refused", async () => {
    const json = async (...args: string[]) => {
      const r = await cli('indicator', 'eci', '--year', '2021', '--format', 'json', ...args);
      expect(r.code, r.err).toBe(0);
      return (JSON.parse(r.out) as { rows: { country: string; value: number; diversity: number }[] }).rows;
    };
    const [plain, binary, continuous] = [await json(), await json('--presence', 'binary'), await json('--presence', 'continuous')];
    expect(binary).toEqual(plain);
    const store = await openStore({ path: db, readOnly: true });
    try {
      const lib = await runIndicator(store, 'eci', { from: 2021, to: 2021, by: 'product', presence: 'continuous' });
      expect(continuous.map((r) => [r.country, r.value, r.diversity])).toEqual(
        lib.rows.map((r) => [r.country, r.value, r.diversity]),
      );
    } finally {
      await store.close();
    }
    // continuous presence counts RCA/(1 + RCA), so diversity is no longer a whole number of products
    expect(continuous.some((r) => !Number.isInteger(r.diversity))).toBe(true);
    const bad = await cli('indicator', 'eci', '--year', '2021', '--presence', 'fuzzy');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--presence.*expected binary \| continuous, found "fuzzy"/);
  });
});
