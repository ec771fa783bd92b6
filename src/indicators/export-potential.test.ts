/**
 * Export potential with the relative-distance factor τ = (d/d̄)^(−θ), on the tiny reconciled world
 * of testing.ts and a distance table of three points written by the test (so d̄ is known).
 *
 * Points: CHN (35, 105), USA (38, −97), DEU (51, 9) — the world-countries values. The distances
 * are recomputed here with the haversine formula written out, not taken from the loader.
 *
 * CHN 2021, product 490199: supply X = 150; markets USA (M = 100 + 20 = 120) and DEU (M = 50);
 * ease over all products E_USA = (300/350)/(420/600), E_DEU = (50/350)/(110/600).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCountryDistances } from '../reference/distances.ts';
import type { Store } from '../store/db.ts';
import { clickhouse, duckdb } from '../store/dialect.ts';
import { sql } from '../store/sql.ts';
import { exportPotential } from './export-potential.ts';
import { loadFixture, openTestStore } from '../../test/support/world.ts';

const points = [
  { iso3: 'CHN', lat: 35, lon: 105 },
  { iso3: 'USA', lat: 38, lon: -97 },
  { iso3: 'DEU', lat: 51, lon: 9 },
];

/** Haversine on a sphere of radius 6371.0088 km, written out independently of distances.ts. */
function km(a: (typeof points)[number], b: (typeof points)[number]): number {
  const r = Math.PI / 180;
  const s1 = Math.sin(((b.lat - a.lat) * r) / 2);
  const s2 = Math.sin(((b.lon - a.lon) * r) / 2);
  return 2 * 6371.0088 * Math.asin(Math.sqrt(s1 * s1 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * s2 * s2));
}
const [CHN, USA, DEU] = points as [(typeof points)[0], (typeof points)[0], (typeof points)[0]];
const dCU = km(CHN, USA); // ≈ 11,587 km
const dCD = km(CHN, DEU); // ≈ 7,442 km
const dUD = km(USA, DEU); // ≈ 7,785 km
const dbar = (2 * dCU + 2 * dCD + 2 * dUD) / 6; // mean over the six ordered pairs
const eU = 300 / 350 / (420 / 600);
const eD = 50 / 350 / (110 / 600);

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
  await loadFixture(store);
  await loadCountryDistances(store, points);
});
afterAll(async () => {
  await store.close();
});

type R = Record<string, number | string | null>;
async function run(extra: Record<string, unknown>): Promise<R[]> {
  const p = { perspective: 'reconciled', runs: [1], country: ['CHN'], from: 2021, by: 'product', window: 2, ...extra };
  return store.query<R>(exportPotential.build(exportPotential.params.parse(p), duckdb));
}
const one = (rows: R[], partner: string, product: string): R => {
  const hit = rows.filter((r) => r.partner === partner && r.product === product);
  expect(hit).toHaveLength(1);
  return hit[0]!;
};
function close(actual: unknown, expected: number): void {
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe('export potential with distance', () => {
  it('θ = 1 (default): τ = d̄/d weighs demand × ease; potentials still add up to supply', async () => {
    const tU = dbar / dCU; // (d/d̄)^(−1)
    const tD = dbar / dCD;
    const wU = 120 * tU * eU;
    const wD = 50 * tD * eD;
    const rows = await run({});
    const u = one(rows, 'USA', '490199');
    const g = one(rows, 'DEU', '490199');
    close(u.tau, tU);
    close(g.tau, tD);
    close(u.distance_km, dCU);
    close(u.value, (150 * wU) / (wU + wD));
    close(g.value, (150 * wD) / (wU + wD));
    close((u.value as number) + (g.value as number), 150);
    // Ē = Σ M·τ·E / Σ M·τ
    close(u.mean_ease, (wU + wD) / (120 * tU + 50 * tD));
    // A over 2020–2021: USA (80 + 100)/2 = 90, DEU (40 + 50)/2 = 45
    close(u.unrealised, Math.max(0, (150 * wU) / (wU + wD) - 90));
    close(g.realised_share, 45 / ((150 * wD) / (wU + wD)));
    // Distance moves potential towards the nearer market: DEU gains against the τ = 1 form.
    expect(g.value as number).toBeGreaterThan((150 * 50 * eD) / (120 * eU + 50 * eD));
    // 950510 has one market: all of its supply goes there, whatever τ.
    close(one(rows, 'USA', '950510').value, 200);
  });

  it('θ = 2 squares the factor; θ = 0 switches distance off (τ = 1, the plain form)', async () => {
    const tU = (dCU / dbar) ** -2;
    const tD = (dCD / dbar) ** -2;
    const two = await run({ distanceElasticity: 2 });
    close(one(two, 'USA', '490199').tau, tU);
    close(one(two, 'USA', '490199').value, (150 * 120 * tU * eU) / (120 * tU * eU + 50 * tD * eD));
    const off = await run({ distanceElasticity: 0 });
    close(one(off, 'USA', '490199').tau, 1);
    close(one(off, 'USA', '490199').value, (150 * 120 * eU) / (120 * eU + 50 * eD));
    // The distance is still reported when the factor is off.
    close(one(off, 'DEU', '490199').distance_km, dCD);
  });

  it('a pair with no distance gets τ = 1 and a NULL distance', async () => {
    await store.run(sql`delete from country_distances where origin = ${'CHN'} and destination = ${'DEU'}`);
    try {
      const rows = await run({});
      const g = one(rows, 'DEU', '490199');
      expect(g.distance_km).toBeNull();
      close(g.tau, 1);
      // d̄ is now the mean of the five remaining pairs.
      const dbar5 = (2 * dCU + dCD + 2 * dUD) / 5;
      close(one(rows, 'USA', '490199').tau, dbar5 / dCU);
    } finally {
      await loadCountryDistances(store, points);
    }
  });

  it('rejects a negative elasticity, naming the field', () => {
    expect(() => exportPotential.compile({ from: 2021, distanceElasticity: -1 }, duckdb)).toThrow(/Invalid parameters/);
    try {
      exportPotential.compile({ from: 2021, distanceElasticity: -1 }, duckdb);
    } catch (e) {
      expect((e as { problems: { field: string }[] }).problems[0]?.field).toBe('distanceElasticity');
    }
  });

  it('binds θ as a parameter and joins the distance table on both engines', () => {
    for (const d of [duckdb, clickhouse]) {
      const { text, params } = exportPotential.compile({ from: 2021, country: ['CHN'], distanceElasticity: 1.5 }, d);
      expect(text).toContain('country_distances');
      expect(text).not.toContain('1.5');
      expect(Object.values(params)).toContain(1.5);
    }
  });
});
