/**
 * The EPM validation table (`lantern epm compare FILE`, queries/epm-compare.ts) on the tiny
 * reconciled world of test/support/world.ts, with two more 2021 flows so that CHN's 490199 has
 * three markets: USA → JPN 490199 40, CHN → JPN 970110 10. The EPM figures in the files below are
 * invented for the test: they are not ITC's.
 *
 * CHN 2021, 490199, distance off (θ = 0): supply X = 150 (100 to USA + 50 to DEU).
 * Demand: M_USA = 100 + 20 = 120, M_DEU = 50, M_JPN = 40 (CHN, the exporter, is no market).
 * Ease over all products: x_CHN = 100 + 50 + 200 + 10 = 360; m_w = 650 (every flow of 2021);
 *   m_USA = 100 + 200 + 20 + 100 = 420, m_DEU = 50 + 60 = 110, m_JPN = 40 + 10 = 50;
 *   E_USA = (300/360)/(420/650), E_DEU = (50/360)/(110/650), E_JPN = (10/360)/(50/650).
 * Potential_j = 150 · M_j·E_j / Σ M·E (all three markets, so they add up to 150).
 * Actual (5-year window; data in 2019, 2020, 2021 → 3 years): USA (60 + 80 + 100)/3 = 80, DEU
 *   (40 + 50)/3 = 30, JPN 0.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../cli.ts';
import { createApi } from '../../src/api/app.ts';
import { LanternError } from '../../src/errors.ts';
import { insertFlows, loadFixture } from '../support/world.ts';
import { compareWithEpm, parseEpmCsv } from '../../src/queries/epm-compare.ts';
import { openStore } from '../../src/store/db.ts';

let dir: string;
let db: string;

const wU = 120 * ((300 / 360) / (420 / 650));
const wD = 50 * ((50 / 360) / (110 / 650));
const wJ = 40 * ((10 / 360) / (50 / 650));
const pot = { USA: (150 * wU) / (wU + wD + wJ), DEU: (150 * wD) / (wU + wD + wJ), JPN: (150 * wJ) / (wU + wD + wJ) };

// EPM (invented): DEU 900 > USA 500 > JPN 100; Lantern: USA > DEU > JPN (wU ≈ 154.8, wD ≈ 41.0,
// wJ ≈ 14.4). Rank differences 1, 1, 0 → ρ = 1 − 6·(1 + 1 + 0)/(3·(3² − 1)) = 0.5.
const good = `# EPM figures copied by hand (invented for this test)
exporter,product,market,epm_potential,epm_actual,year,epm_release
CHN,490199,USA,500,"90,000",2021,2024-05
chn,490199,deu,900,,2021,2024-05

CHN,490199,JPN,100,0,2021,2024-05
CHN,490199,KOR,"1,000",,2021,2024-05
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-epm-'));
  db = join(dir, 'store.duckdb');
  const store = await openStore({ path: db });
  await loadFixture(store);
  await insertFlows(store, 1, [
    { year: 2021, reporter: 'USA', partner: 'JPN', flow: 'X', product: '490199', value: 40 },
    { year: 2021, reporter: 'CHN', partner: 'JPN', flow: 'X', product: '970110', value: 10 },
  ]);
  await store.close();
  writeFileSync(join(dir, 'epm.csv'), good);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function close(actual: unknown, expected: number): void {
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe('parseEpmCsv', () => {
  it('reads triples with their file lines, upper-cases codes, strips thousands separators', () => {
    const t = parseEpmCsv(good, 'epm.csv');
    expect(t.map((x) => [x.line, x.market])).toEqual([
      [3, 'USA'],
      [4, 'DEU'],
      [6, 'JPN'],
      [7, 'KOR'],
    ]);
    expect(t[0]).toMatchObject({ exporter: 'CHN', product: '490199', epmPotential: 500, epmActual: 90000, year: 2021, release: '2024-05' });
    expect(t[1]?.epmActual).toBeNull();
    expect(t[3]?.epmPotential).toBe(1000);
  });

  it('names the missing column and the header it expects', () => {
    const e = (() => {
      try {
        parseEpmCsv('exporter,product,market\nCHN,490199,USA\n', 'x.csv');
      } catch (err) {
        return err as LanternError;
      }
    })();
    expect(e).toBeInstanceOf(LanternError);
    expect(e?.code).toBe('csv-missing-column');
    expect(e?.problems[0]).toMatchObject({ file: 'x.csv', line: 1, column: 'epm_potential' });
    expect(String(e?.problems[0]?.expected)).toMatch(/^exporter,product,market,epm_potential,\[epm_actual\]/);
  });

  it('reports every bad line with its line and column, and returns nothing', () => {
    const text = 'exporter,product,market,epm_potential,year\nCHN,4901,USA,10,2021\nCHN,490199,US,abc,2021\nCHN,490199,DEU,5,20x1\nCHN,490199,DEU,6,20x1\n';
    let e: LanternError | undefined;
    try {
      parseEpmCsv(text, 'bad.csv');
    } catch (err) {
      e = err as LanternError;
    }
    expect(e?.code).toBe('bad-rows');
    const where = e?.problems.map((p) => `${p.line}:${p.column ?? ''}`);
    expect(where).toEqual(['2:product', '3:market', '3:epm_potential', '4:year', '5:year', '5:']);
    expect(e?.problems[5]?.message).toMatch(/given twice \(first on line 4\)/);
  });
});

describe('compareWithEpm', () => {
  it("puts Lantern's potential, actual and ranks beside EPM's, with Spearman ρ per exporter × product", async () => {
    const store = await openStore({ path: db, readOnly: true });
    try {
      const r = await compareWithEpm(store, parseEpmCsv(good, 'epm.csv'), { distanceElasticity: 0, perspective: 'reconciled' });
      const by = Object.fromEntries(r.rows.map((x) => [x.market, x]));
      close(by.USA?.lantern_potential, pot.USA);
      close(by.DEU?.lantern_potential, pot.DEU);
      close(by.JPN?.lantern_potential, pot.JPN);
      close(by.USA?.ratio, pot.USA / 500);
      close(by.USA?.lantern_actual, 80);
      close(by.DEU?.lantern_actual, 30);
      close(by.JPN?.lantern_actual, 0);
      expect([by.USA?.epm_rank, by.DEU?.epm_rank, by.JPN?.epm_rank, by.KOR?.epm_rank]).toEqual([3, 2, 4, 1]);
      expect([by.USA?.lantern_rank, by.DEU?.lantern_rank, by.JPN?.lantern_rank]).toEqual([1, 2, 3]);
      // KOR imports no 490199 in 2021: no figure, a note, and no part in ρ or the level ratio.
      expect(by.KOR?.lantern_potential).toBeNull();
      expect(by.KOR?.lantern_rank).toBeNull();
      expect(by.KOR?.note).toMatch(/KOR imports no 490199 in 2021/);
      expect(r.groups).toHaveLength(1);
      const g = r.groups[0]!;
      expect(g).toMatchObject({ exporter: 'CHN', product: '490199', year: 2021, markets: 3, runs: [1] });
      close(g.spearman, 0.5);
      close(g.level_ratio, 150 / (500 + 900 + 100)); // the three markets hold all of the supply
      expect(r.notes.join(' ')).toMatch(/ITC-consistent, not ITC-identical/);
    } finally {
      await store.close();
    }
  });

  it('runs one export potential per exporter × product × year, each with its own ranks and ρ', async () => {
    const store = await openStore({ path: db, readOnly: true });
    try {
      // CHN's 970110 in 2021: supply 10 (to JPN); markets DEU (60 from USA) and JPN (10 from CHN).
      const text = `${good}CHN,970110,DEU,50,,2021,2024-05\nCHN,970110,JPN,70,,2021,2024-05\n`;
      const r = await compareWithEpm(store, parseEpmCsv(text, 'two.csv'), { distanceElasticity: 0, perspective: 'reconciled' });
      expect(r.groups.map((g) => [g.product, g.markets])).toEqual([
        ['490199', 3],
        ['970110', 2],
      ]);
      const art = r.rows.filter((x) => x.product === '970110');
      expect(art.map((x) => [x.market, x.epm_rank])).toEqual([
        ['DEU', 2],
        ['JPN', 1],
      ]);
      // The two potentials share the supply of 10.
      close((art[0]?.lantern_potential as number) + (art[1]?.lantern_potential as number), 10);
      expect(r.groups[1]?.spearman).toBeNull(); // two markets: no ρ
      close(r.groups[0]?.spearman, 0.5); // the first group is unchanged by the second
    } finally {
      await store.close();
    }
  });

  it('needs a year: from the file, or --year', async () => {
    const store = await openStore({ path: db, readOnly: true });
    try {
      const t = parseEpmCsv('exporter,product,market,epm_potential\nCHN,490199,USA,5\nCHN,490199,DEU,7\n', 'y.csv');
      await expect(compareWithEpm(store, t, { perspective: 'reconciled' })).rejects.toThrow(/Line 2 has no year/);
      const r = await compareWithEpm(store, t, { year: 2021, distanceElasticity: 0, perspective: 'reconciled' });
      expect(r.groups[0]?.spearman).toBeNull(); // two markets: no ρ
      close(r.rows[0]?.lantern_potential, pot.USA);
    } finally {
      await store.close();
    }
  });
});

describe('lantern epm compare', () => {
  const cli = (...args: string[]) => captureCli([...args, '--perspective', 'reconciled', '--db', db], { cwd: dir });

  it('prints the table, and the same rows as JSON and CSV', async () => {
    const t = await cli('epm', 'compare', 'epm.csv', '--distance-elasticity', '0');
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/Lantern beside ITC EPM — 4 triples from epm\.csv/);
    expect(t.out).toMatch(/Spearman ρ/);
    expect(t.out).toMatch(/0\.50/);
    const j = await cli('epm', 'compare', 'epm.csv', '--distance-elasticity', '0', '--format', 'json');
    expect(j.code).toBe(0);
    const json = JSON.parse(j.out) as { rows: Record<string, unknown>[] };
    expect((await cli('epm', 'compare', 'epm.csv', '--distance-elasticity', '0', '--format', 'csv', '--out', 'o.csv')).code).toBe(0);
    const csv = parse(readFileSync(join(dir, 'o.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(csv.map((r) => r.market)).toEqual(json.rows.map((r) => r.market));
    expect(Number(csv[0]?.lantern_potential)).toBeCloseTo(json.rows[0]?.lantern_potential as number, 9);
  });

  it('a bad file: exit code, file, line and column on stderr, nothing else', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'exporter,product,market,epm_potential\nCHN,490199,USA,lots\n');
    const r = await cli('epm', 'compare', 'bad.csv', '--year', '2021');
    expect(r.code).not.toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/bad\.csv:2 column epm_potential/);
  });
});

describe('GET /api/v1/epm/compare', () => {
  it('gives the rows of the CLI for one exporter × product, the markets as MARKET:POTENTIAL[:ACTUAL]', async () => {
    const store = await openStore({ path: db, readOnly: true });
    try {
      const api = await createApi({ store, dbPath: db, log: () => {} });
      const res = await api.app.request(
        '/api/v1/epm/compare?exporter=CHN&product=490199&year=2021&epm=USA:500:90000,DEU:900,JPN:100&distanceElasticity=0&perspective=reconciled&release=2024-05',
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { groups: Record<string, unknown>[] }; rows: Record<string, unknown>[] };
      expect(body.rows.map((r) => r.market)).toEqual(['USA', 'DEU', 'JPN']);
      close(body.rows[0]?.lantern_potential, pot.USA);
      expect(body.rows[0]).toMatchObject({ epm_actual: 90000, epm_release: '2024-05', epm_rank: 2, lantern_rank: 1 });
      close(body.data.groups[0]?.spearman, 0.5);
      const twice = await api.app.request('/api/v1/epm/compare?exporter=CHN&product=490199&year=2021&epm=USA:1,USA:2&perspective=reconciled');
      expect(twice.status).toBe(400);
      expect(await twice.text()).toMatch(/USA is given twice/);
    } finally {
      await store.close();
    }
  });
});
