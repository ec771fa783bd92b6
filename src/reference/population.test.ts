/**
 * Population figures: CSV parsing with every problem reported, loads that replace or only fill, the
 * bundled table's first-run load (once per version), and RPOP reading what was loaded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getIndicator } from '../indicators/catalog.ts';
import { loadFixture, openTestStore } from '../../test/support/world.ts';
import type { Store } from '../store/db.ts';
import { duckdb } from '../store/dialect.ts';
import { sql } from '../store/sql.ts';
import { ensureBundledPopulation, loadPopulation, parsePopulationCsv, populationStatus } from './population.ts';

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
});
afterEach(async () => {
  await store.close();
});

const popOf = async (country: string, year: number) =>
  (
    await store.query<{ population: number; source: string }>(
      sql`select population, source from population where country = ${country} and year = ${year}`,
    )
  )[0];

describe('parsePopulationCsv', () => {
  it('reads ISO3, year, persons (header in any case, thousands spaces allowed)', () => {
    const r = parsePopulationCsv('Country,Year,Population\nchn,2021,1 412 360 000\nDEU,2021,83196078\n', 'p.csv');
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { country: 'CHN', year: 2021, population: 1412360000 },
      { country: 'DEU', year: 2021, population: 83196078 },
    ]);
  });

  it('reports every bad row with its line and field, and duplicates', () => {
    const r = parsePopulationCsv('country,year,population\nChina,2021,1\nDEU,21,5\nFRA,2021,-3\nDEU,2020,1\nDEU,2020,2\n', 'p.csv');
    expect(r.problems.map((p) => [p.line, p.column ?? 'dup'])).toEqual([
      [2, 'country'],
      [3, 'year'],
      [4, 'population'],
      [6, 'dup'],
    ]);
  });

  it('names a missing column with the expected header', () => {
    expect(() => parsePopulationCsv('iso3,year,pop\nCHN,2021,1\n', 'p.csv')).toThrow(/lacks the column\(s\) country, population/);
  });
});

describe('loading', () => {
  it('a bad file loads nothing; a good one replaces the same country and year', async () => {
    await loadPopulation(store, 'country,year,population\nCHN,2021,10\n', 'a.csv');
    await expect(loadPopulation(store, 'country,year,population\nCHN,2021,20\nUSA,x,1\n', 'b.csv')).rejects.toThrow(
      /1 problem\(s\).*nothing was loaded/,
    );
    expect(await popOf('CHN', 2021)).toEqual({ population: 10, source: 'a.csv' });
    await loadPopulation(store, 'country,year,population\nCHN,2021,30\n', 'c.csv', { source: 'World Bank WDI' });
    expect(await popOf('CHN', 2021)).toEqual({ population: 30, source: 'World Bank WDI' });
  });

  it('the bundled table loads once per version and never overwrites a user’s figure', async () => {
    await loadPopulation(store, 'country,year,population\nCHN,2018,7\n', 'mine.csv');
    const n = await ensureBundledPopulation(store);
    expect(n).toBeGreaterThan(200);
    expect(await ensureBundledPopulation(store)).toBe(0);
    expect(await popOf('CHN', 2018)).toEqual({ population: 7, source: 'mine.csv' });
    // a figure of the bundled table (data/population/population.csv; see its SOURCE.md)
    expect((await popOf('DEU', 2018))?.population).toBe(82905782);
    const status = await populationStatus(store);
    expect(status.find((s) => s.source === 'mine.csv')).toMatchObject({ countries: 1, rows: 1 });
  });
});

describe('RPOP reads the loaded figures', () => {
  it('a loaded year replaces the fixture’s for that year, and pop_year follows the trade year', async () => {
    await loadFixture(store, { reported: false });
    // The fixture has CHN 2020 = 1400; a 2021 figure of 1500 is now the latest ≤ 2021.
    await loadPopulation(store, 'country,year,population\nCHN,2021,1500\n', 'wdi.csv');
    const def = getIndicator('rpop');
    const rows = await store.query<Record<string, unknown>>(
      def.build(def.params.parse({ perspective: 'reconciled', runs: [1], from: 2021, basket: 'test-fcs', country: ['CHN'] }), duckdb),
    );
    // basket 2021: CHN 150 of 150 + 30 + 20 + 60 + 40 = 300 (CHN, USA, DEU); pop_w = 1500 + 330 + 84
    expect(rows[0]).toMatchObject({ pop: 1500, pop_year: 2021, pop_w: 1914, x_ck: 150, x_wk: 300 });
    expect(rows[0]?.value).toBeCloseTo(150 / 300 / (1500 / 1914), 12);
  });
});
