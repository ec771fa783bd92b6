/**
 * Who enters an ECI ranking: Atlas-style entry thresholds, applied before anything is computed.
 * Pure, no I/O.
 *
 * The Atlas and the OEC rank only countries big enough for their export basket to say something,
 * and products traded enough to be measured: the OEC ranks "countries with a population of at
 * least 1 million and exports of at least US$1 billion, and products with world trade over US$500
 * million" (oec.world/en/resources/methods, as Datawheel's py-economic-complexity tutorial
 * docs/TUTORIAL.md restates it); the Growth Lab's Atlas pipeline (harvard-growth-lab/
 * comtrade-mirroring, mirror/src/table_objects/complexity.py) keeps a list of reliable exporters
 * and drops the least traded products before calling py-ecomplexity. A country that hangs on by one
 * product otherwise stretches the scale (on a sparse world one such country sat at ECI −10.9).
 *
 * The thresholds decide who enters, never how ECI is computed (INDICATORS.md §3.8): RCA, presence
 * and the eigenvector are computed on the countries and products that enter, exactly as if the
 * others were not in the data (x_wk and x_w are summed over the countries that enter; a country's
 * own x_i, its exports of all products, is its own). Every threshold is off (0) unless asked for.
 */

export interface EntryThresholds {
  /** A country enters with exports (all products, US$) of at least this. */
  minExports?: number;
  /** A country enters with a population of at least this (the latest figure the store holds). */
  minPopulation?: number;
  /** A product enters with world trade (exports of the countries that enter, US$) of at least this. */
  minProductTrade?: number;
}

import { type Sql, sql } from '../store/index.ts';

/** (pc, pv): each country's latest population figure in the table `population`. */
export function latestPopulation(): Sql {
  return sql`select pp.country as pc, pp.population as pv from population pp join (select country as lc, max(year) as ly from population group by country) lt on lt.lc = pp.country and lt.ly = pp.year`;
}

/** The Atlas's (OEC's) values, for callers that offer them as a choice. */
export const ATLAS_ENTRY: Required<EntryThresholds> = { minExports: 1e9, minPopulation: 1e6, minProductTrade: 5e8 };

/** One positive entry of a year's country × product export matrix, with the country's exports of all products. */
export interface EntryRow {
  country: string;
  product: string;
  x_ik: number;
  x_i: number;
}

/** Why one country or product was left out: the test it missed, its value and the threshold, and the sentence. */
export interface LeftOutWhy {
  test: 'exports' | 'population' | 'no-population' | 'product-trade';
  /** The country's exports or population, or the product's world trade (null: no population figure). */
  value: number | null;
  threshold: number;
  reason: string;
}

export interface EntryResult<R extends EntryRow> {
  /** The rows of the countries and products that enter. */
  rows: R[];
  /** Exports of all products (x_i) of every country that enters, with or without rows. */
  totals: Map<string, number>;
  /** Countries left out, with why. */
  countries: Map<string, LeftOutWhy>;
  /** Products left out, with why. */
  products: Map<string, LeftOutWhy>;
}

/** Whether any threshold is set. */
export function hasEntryThresholds(t: EntryThresholds): boolean {
  return (t.minExports ?? 0) > 0 || (t.minPopulation ?? 0) > 0 || (t.minProductTrade ?? 0) > 0;
}

const usd = (v: number) => `US$${Math.round(v).toLocaleString('en-US')}`;
const count = (v: number) => Math.round(v).toLocaleString('en-US');

/**
 * The rows of one year that enter: countries by exports and population first, then products by
 * their world trade among the countries that entered. `population` maps a country to its figure
 * (absent: none in the store, which leaves the country out when a population threshold is set);
 * `totals` the exports of all products of every exporter of the year (default: the rows' x_i).
 */
export function enterRanking<R extends EntryRow>(
  rows: readonly R[],
  t: EntryThresholds,
  population: ReadonlyMap<string, number>,
  totals?: ReadonlyMap<string, number>,
): EntryResult<R> {
  const countries = new Map<string, LeftOutWhy>();
  const products = new Map<string, LeftOutWhy>();
  const xi = new Map<string, number>(totals ?? rows.map((r) => [r.country, Number(r.x_i)] as const));
  if (!hasEntryThresholds(t)) return { rows: [...rows], totals: xi, countries, products };
  const minX = t.minExports ?? 0;
  const minPop = t.minPopulation ?? 0;
  const minTrade = t.minProductTrade ?? 0;
  for (const [c, x] of xi) {
    if (x < minX) countries.set(c, { test: 'exports', value: x, threshold: minX, reason: `exports ${usd(x)} below the entry threshold ${usd(minX)} (minExports)` });
    else if (minPop > 0) {
      const pop = population.get(c);
      if (pop === undefined)
        countries.set(c, { test: 'no-population', value: null, threshold: minPop, reason: `no population figure in the store: the entry threshold of ${count(minPop)} people (minPopulation) cannot be checked` });
      else if (pop < minPop) countries.set(c, { test: 'population', value: pop, threshold: minPop, reason: `population ${count(pop)} below the entry threshold ${count(minPop)} (minPopulation)` });
    }
  }
  const inCountries = rows.filter((r) => !countries.has(r.country));
  const trade = new Map<string, number>();
  for (const r of inCountries) trade.set(r.product, (trade.get(r.product) ?? 0) + Number(r.x_ik));
  for (const [k, v] of trade)
    if (v < minTrade)
      products.set(k, { test: 'product-trade', value: v, threshold: minTrade, reason: `world trade ${usd(v)} (of the countries that enter) below the entry threshold ${usd(minTrade)} (minProductTrade)` });
  const kept = new Map([...xi].filter(([c]) => !countries.has(c)));
  return { rows: inCountries.filter((r) => !products.has(r.product)), totals: kept, countries, products };
}

/**
 * RCA of the rows that entered, on their own world: x_wk summed over the countries that entered,
 * x_w over their exports of all products (`totals`, each country once), the country's own x_i as
 * it is.
 */
export function rcaAmong<R extends EntryRow>(rows: readonly R[], totals: ReadonlyMap<string, number>): (R & { rca: number })[] {
  const xwk = new Map<string, number>();
  for (const r of rows) xwk.set(r.product, (xwk.get(r.product) ?? 0) + Number(r.x_ik));
  const xw = [...totals.values()].reduce((s, x) => s + x, 0);
  return rows.map((r) => {
    const x = Number(r.x_i);
    const w = xwk.get(r.product) as number;
    return { ...r, rca: x > 0 && w > 0 && xw > 0 ? Number(r.x_ik) / x / (w / xw) : 0 };
  });
}
