/**
 * Country distances: the haversine formula on known cases, the points read from world-countries,
 * and the table the loader builds (every ordered pair once, symmetric, equal to the formula), loaded
 * once per package version.
 */
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/db.ts';
import { sql } from '../store/sql.ts';
import { countryPoints, EARTH_RADIUS_KM, ensureCountryDistances, greatCircleKm, loadCountryDistances } from './distances.ts';

describe('greatCircleKm', () => {
  it('is a quarter of the great circle from the equator to a pole, half of it to the antipode', () => {
    // Quarter circle: π·R/2; antipode: π·R.
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 90, lon: 0 })).toBeCloseTo((Math.PI * EARTH_RADIUS_KM) / 2, 6);
    expect(greatCircleKm({ lat: 0, lon: 10 }, { lat: 0, lon: -170 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
    // One degree of longitude on the equator: 2πR/360 = 111.195 km.
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_KM) / 360, 6);
    expect(greatCircleKm({ lat: 35, lon: 105 }, { lat: 35, lon: 105 })).toBe(0);
  });
});

describe('countryPoints', () => {
  it('has one point per ISO3 code, Kosovo as XKX, and the package points for CHN, USA, DEU', () => {
    const pts = countryPoints();
    expect(new Set(pts.map((p) => p.iso3)).size).toBe(pts.length);
    expect(pts.length).toBeGreaterThan(240);
    const by = new Map(pts.map((p) => [p.iso3, p]));
    expect(by.has('XKX')).toBe(true);
    expect(by.has('UNK')).toBe(false);
    // world-countries 5.x latlng values.
    expect(by.get('CHN')).toMatchObject({ lat: 35, lon: 105 });
    expect(by.get('USA')).toMatchObject({ lat: 38, lon: -97 });
    expect(by.get('DEU')).toMatchObject({ lat: 51, lon: 9 });
  });
});

describe('loadCountryDistances', () => {
  it('writes every ordered pair of distinct countries once, symmetric and equal to the formula', async () => {
    const store = await openStore({});
    try {
      const pts = [
        { iso3: 'AAA', lat: 0, lon: 0 },
        { iso3: 'BBB', lat: 0, lon: 90 },
        { iso3: 'CCC', lat: 45, lon: -30 },
      ];
      expect(await loadCountryDistances(store, pts)).toBe(6);
      const rows = await store.query<{ origin: string; destination: string; km: number }>(
        sql`select origin, destination, km from country_distances order by origin, destination`,
      );
      expect(rows.map((r) => `${r.origin}-${r.destination}`)).toEqual([
        'AAA-BBB',
        'AAA-CCC',
        'BBB-AAA',
        'BBB-CCC',
        'CCC-AAA',
        'CCC-BBB',
      ]);
      // AAA-BBB: a quarter of the equator, π·R/2.
      expect(rows[0]!.km).toBeCloseTo((Math.PI * EARTH_RADIUS_KM) / 2, 6);
      for (const r of rows) {
        const a = pts.find((p) => p.iso3 === r.origin)!;
        const b = pts.find((p) => p.iso3 === r.destination)!;
        expect(r.km).toBeCloseTo(greatCircleKm(a, b), 6);
        expect(r.km).toBeCloseTo(rows.find((x) => x.origin === r.destination && x.destination === r.origin)!.km, 9);
      }
      // A second load replaces, never appends.
      await loadCountryDistances(store, pts.slice(0, 2));
      const n = await store.query<{ n: number }>(sql`select count(*) as n from country_distances`);
      expect(Number(n[0]!.n)).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('loads the package points on first run only', async () => {
    const store = await openStore({});
    try {
      expect(await ensureCountryDistances(store)).toBe(true);
      expect(await ensureCountryDistances(store)).toBe(false);
      const n = countryPoints().length;
      const c = await store.query<{ n: number }>(sql`select count(*) as n from country_distances`);
      expect(Number(c[0]!.n)).toBe(n * (n - 1));
      const loads = await store.query<{ rows: number; source: string }>(
        sql`select rows, source from reference_loads where kind = ${'country-distances'}`,
      );
      expect(loads).toHaveLength(1);
      expect(loads[0]!.source).toMatch(/^world-countries \d+\.\d+\.\d+ latlng/);
    } finally {
      await store.close();
    }
  });
});
