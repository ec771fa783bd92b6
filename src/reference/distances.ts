/**
 * Distances between countries (tables `country_points` and `country_distances`, migration 028), for
 * the relative-distance factor τ of export potential. Built on first run, and again whenever the
 * installed world-countries package changes, from each country's representative point (`latlng`:
 * a point inside or near the country, in whole or half degrees, not the capital) in the
 * world-countries package (mledoze/countries, ODbL 1.0, https://mledoze.github.io/countries/).
 *
 * Distance is the great-circle (haversine) distance between the two points on a sphere of the mean
 * Earth radius (6371.0088 km, IUGG). It is a coarse stand-in for the population-weighted distances
 * of CEPII's GeoDist, which is not available offline; for large countries the point can be far
 * from where trade happens.
 *
 * Invariants: one point per ISO3 code; one row per ordered pair of distinct countries; both tables
 * are replaced in one transaction and the load is recorded in `reference_loads` with the package
 * version, so a store is rebuilt only when the package changes.
 */
import { createRequire } from 'node:module';
import worldCountries from 'world-countries';
import { insertRows, sql, type Store } from '../store/index.ts';

/** Mean Earth radius in km (IUGG mean radius R1). */
export const EARTH_RADIUS_KM = 6371.0088;

const pkgVersion = (createRequire(import.meta.url)('world-countries/package.json') as { version: string }).version;
/** What a load records: the package and version the points came from. */
export const DISTANCE_SOURCE = `world-countries ${pkgVersion} latlng; haversine, R = ${EARTH_RADIUS_KM} km`;

export interface CountryPoint {
  iso3: string;
  lat: number;
  lon: number;
}

/** The representative point of every country in world-countries (Kosovo as XKX, as in `countries`). */
export function countryPoints(): CountryPoint[] {
  const seen = new Set<string>();
  const out: CountryPoint[] = [];
  for (const c of worldCountries) {
    const iso3 = c.cca3 === 'UNK' ? 'XKX' : c.cca3;
    const [lat, lon] = c.latlng ?? [];
    if (!/^[A-Z]{3}$/.test(iso3) || seen.has(iso3) || typeof lat !== 'number' || typeof lon !== 'number') continue;
    seen.add(iso3);
    out.push({ iso3, lat, lon });
  }
  return out;
}

/** Great-circle distance in km between two points given in degrees (haversine formula). */
export function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Writes the points and the distances of every ordered pair of distinct countries, replacing what
 * the tables held. Returns the number of pairs. The pairs are computed by the engine from the
 * points (same haversine formula as `greatCircleKm`), so ~60,000 rows never pass through JavaScript.
 */
export async function loadCountryDistances(store: Store, points: readonly CountryPoint[] = countryPoints()): Promise<number> {
  const r = EARTH_RADIUS_KM;
  await store.transaction(async (tx) => {
    await tx.run(sql`delete from country_distances`);
    await tx.run(sql`delete from country_points`);
    await insertRows(
      tx,
      'country_points',
      ['iso3', 'lat', 'lon', 'source'],
      points.map((p) => [p.iso3, p.lat, p.lon, DISTANCE_SOURCE]),
    );
    await tx.run(
      sql`insert into country_distances (origin, destination, km) select a.iso3, b.iso3, 2 * ${r} * asin(least(1.0, sqrt(power(sin(radians(b.lat - a.lat) / 2), 2) + cos(radians(a.lat)) * cos(radians(b.lat)) * power(sin(radians(b.lon - a.lon) / 2), 2)))) from country_points a cross join country_points b where a.iso3 <> b.iso3`,
    );
    await tx.run(
      sql`insert into reference_loads (kind, subject, source, file_name, sha256, rows, version) values (${'country-distances'}, ${`${points.length} countries`}, ${DISTANCE_SOURCE}, ${null}, ${null}, ${points.length * (points.length - 1)}, ${pkgVersion})`,
    );
  });
  return points.length * (points.length - 1);
}

/** Loads the distances unless the store already holds this package version's. */
export async function ensureCountryDistances(store: Store): Promise<boolean> {
  const done = await store.query<{ n: number }>(
    sql`select count(*) as n from reference_loads where kind = ${'country-distances'} and version = ${pkgVersion}`,
  );
  if (Number(done[0]?.n ?? 0) > 0) return false;
  await loadCountryDistances(store);
  return true;
}
