/**
 * Entry thresholds of the ECI ranking (complexity-entry.ts) on the tiny world of test/support/world.ts
 * (2021 exports: CHN 350, USA 90, DEU 60, JPN 100; world 600), with and without a one-product
 * country: Eswatini exporting 10 of 950510 to the US. Without thresholds it enters the matrix
 * (RCA (10/10)/(310/610) ≈ 1.97 in 950510) and moves everyone's ECI; with `minExports` 50 it is
 * left out, with its reason, and the other four are ranked exactly as in the world without it
 * (the hand-checked values of catalog.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/db.ts';
import { duckdb } from '../store/dialect.ts';
import { getIndicator } from './catalog.ts';
import { enterRanking } from './complexity-entry.ts';
import { insertFlows, loadFixture, openTestStore } from '../../test/support/world.ts';
import { finishRows } from './types.ts';

type R = Record<string, unknown> & { value: number | null };

let plain: Store;
let withSwz: Store;
beforeAll(async () => {
  plain = await openTestStore();
  await loadFixture(plain);
  withSwz = await openTestStore();
  await loadFixture(withSwz);
  await insertFlows(withSwz, 1, [{ year: 2021, reporter: 'SWZ', partner: 'USA', flow: 'X', product: '950510', value: 10 }]);
});
afterAll(async () => {
  await plain.close();
  await withSwz.close();
});

async function run(store: Store, id: string, params: Record<string, unknown>): Promise<R[]> {
  const def = getIndicator(id);
  const parsed = def.params.parse({ perspective: 'reconciled', runs: [1], from: 2021, by: 'product', ...params });
  return finishRows(def, await store.query<R>(def.build(parsed, duckdb)), parsed) as R[];
}

const byCountry = (rows: R[]) => new Map(rows.map((r) => [r.country as string, r]));

// The hand-checked ECI of the four-country world (catalog.test.ts, docs/indicators/eci.md).
const lam = (3 / 4 + Math.sqrt(19 / 48)) / 2;
const v = { CHN: -1, DEU: -1 / (6 * lam - 5), JPN: -1 / (2 * lam - 1), USA: -1 / (6 * lam - 5) };
const vs = Object.values(v);
const mu = vs.reduce((a, b) => a + b, 0) / 4;
const sd = Math.sqrt(vs.reduce((a, b) => a + (b - mu) ** 2, 0) / 4);
const hand = Object.fromEntries(Object.entries(v).map(([c, x]) => [c, (x - mu) / sd]));

describe('ECI entry thresholds', () => {
  it('without thresholds the one-product country enters and moves the others’ ECI', async () => {
    const e = byCountry(await run(withSwz, 'eci', {}));
    expect(e.get('SWZ')?.value).not.toBeNull();
    expect(Math.abs((e.get('CHN')!.value as number) - hand.CHN!)).toBeGreaterThan(1e-3);
  });

  it('a country below minExports has no ECI, says why, and the others are ranked as if it were not there', async () => {
    const e = byCountry(await run(withSwz, 'eci', { minExports: 50 }));
    const swz = e.get('SWZ')!;
    expect(swz.value).toBeNull();
    expect(swz.rank).toBeNull();
    expect(swz.left_out).toBe('left out by the entry thresholds: exports US$10 below the entry threshold US$50 (minExports)');
    for (const [c, x] of Object.entries(hand)) {
      expect(Math.abs((e.get(c)!.value as number) - x), c).toBeLessThanOrEqual(1e-12);
      expect(e.get(c)!.left_out).toBeNull();
    }
    expect(e.get('JPN')).toMatchObject({ rank: 4, countries: 4, products: 3 });
    // The same threshold on the world without Eswatini changes nothing: it decides who enters only.
    const p = byCountry(await run(plain, 'eci', { minExports: 50 }));
    for (const [c, x] of Object.entries(hand)) expect(Math.abs((p.get(c)!.value as number) - x)).toBeLessThanOrEqual(1e-12);
  });

  it('population: below the threshold, or with no figure in the store, a country is left out with its reason', async () => {
    // Population figures: CHN 1400, USA 330, DEU 84 (2021); JPN none.
    const e = byCountry(await run(plain, 'eci', { minPopulation: 100 }));
    expect(e.get('DEU')!.left_out).toBe('left out by the entry thresholds: population 84 below the entry threshold 100 (minPopulation)');
    expect(e.get('JPN')!.left_out).toMatch(/no population figure in the store/);
    // CHN and USA alone: two countries share 490199 only; the eigenvector step has nothing to rank, never a made-up value.
    expect(e.get('CHN')!.left_out).toBeNull();
  });

  it('a product below minProductTrade has no PCI and says why; the others’ RCA is computed without it', async () => {
    const pr = new Map((await run(plain, 'pci', { minProductTrade: 150 })).map((r) => [r.product as string, r]));
    expect(pr.get('970110')).toMatchObject({ value: null, rank: null });
    expect(pr.get('970110')!.left_out).toBe('left out by the entry thresholds: world trade US$100 (of the countries that enter) below the entry threshold US$150 (minProductTrade)');
    expect(pr.get('490199')!.left_out).toBeNull();
  });

  it('enterRanking: thresholds off keep every row; x_w of the world that enters counts each country once', () => {
    const rows = [
      { country: 'A', product: 'p', x_ik: 5, x_i: 10 },
      { country: 'A', product: 'q', x_ik: 5, x_i: 10 },
      { country: 'B', product: 'p', x_ik: 1, x_i: 1 },
    ];
    expect(enterRanking(rows, {}, new Map()).rows).toHaveLength(3);
    const e = enterRanking(rows, { minExports: 5 }, new Map());
    expect(e.rows.map((r) => r.country)).toEqual(['A', 'A']);
    expect([...e.totals]).toEqual([['A', 10]]);
    expect(e.countries.get('B')).toMatchObject({ test: 'exports', value: 1, threshold: 5, reason: expect.stringMatching(/exports US\$1 below/) });
  });
});
