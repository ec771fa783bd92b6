/**
 * The product space and a country's place in it (the Atlas of Economic Complexity's views): for a
 * year, every product at an HS level (headings by default) with its complexity (PCI), its position
 * in a deterministic layout and its links; for a country, which products it has (RCA ≥ 1), the
 * density around each of the others, their complexity outlook gain (COG), the country's ECI and
 * COI, and a ranked table of opportunities.
 *
 * The matrix is the whole data of the year (every country, every product at the chosen digits:
 * finer rows are summed to the heading before RCA, so `digits=4` on HS6 data is the Atlas's
 * heading space). Math: indicators/complexity-math.ts (ECI, PCI), relatedness-math.ts (proximity,
 * density, COI, COG, layout). The year's world (matrix, proximity, layout) is computed once per
 * store state (cached until the import runs change) and shared by every country asked about.
 * Cultural products are those of a basket (UNESCO FCS 2009 by default) resolved to the data's edition.
 */
import { z } from 'zod';
import type { OpportunityRow, ProductSpaceData, ProductSpaceNode } from '../contract.ts';
import { LanternError } from '../errors.ts';
import {
  ATLAS_ENTRY,
  densityRow,
  economicComplexity,
  enterRanking,
  type EntryThresholds,
  hasEntryThresholds,
  latestPopulation,
  type LeftOutWhy,
  getIndicator,
  linkSums,
  outlookRow,
  type OutlookWeights,
  outlookWeights,
  parseParams,
  proximity,
  rcaMatrix,
  type Scope,
  type SpaceEdge,
  spaceEdges,
  spaceLayout,
} from '../indicators/index.ts';
import { countryName, describeCodes, domainLabel, type HsEdition, isHsEdition } from '../reference/index.ts';
import { render, sql, type Store } from '../store/index.ts';
import { dataShape, iso3Schema } from './common.ts';
import { prepareScope } from './indicator.ts';
import { readModel } from './read-model.ts';
import { dataYears, type Provenance, runsSignature } from './resolve.ts';
import { defaultSpans } from './scope.ts';

export const productSpaceParams = z.object({
  country: iso3Schema.optional().describe('the country placed in the space (its RCA ≥ 1 products lit, its opportunities)'),
  year: z.coerce.number().int().min(1900).max(2100).optional().describe('year (default: the last year of data)'),
  digits: z.coerce
    .number()
    .int()
    .refine((n) => n === 2 || n === 4 || n === 6, 'should be 2, 4 or 6')
    .optional()
    .describe('HS digits of the space (default 4, the Atlas’s headings; at most the data’s level)'),
  basket: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'should be a basket id such as unesco-fcs-2009')
    .default('unesco-fcs-2009')
    .describe('basket whose products are highlighted as cultural'),
  opportunities: z.enum(['cultural', 'all']).default('cultural').describe('which products the opportunity table lists'),
  limit: z.coerce.number().int().min(1).max(2000).default(50).describe('rows of the opportunity table'),
  // Entry thresholds of the ranking (indicators/complexity-entry.ts), as the eci indicator takes them;
  // `entry=atlas` sets those not given to the Atlas's / OEC's values (ATLAS_ENTRY).
  entry: z.enum(['none', 'atlas']).default('none').describe('entry thresholds of the ranking: none (default) | atlas (countries ≥ 1 million people and US$1 bn exports, products ≥ US$500 m world trade; a threshold given explicitly wins)'),
  minExports: z.coerce.number().min(0).default(0).describe('entry threshold: countries with exports of all products of at least this (US$; the Atlas/OEC: 1e9; 0 = off)'),
  minPopulation: z.coerce.number().min(0).default(0).describe('entry threshold: countries with a population of at least this (latest figure in the store; the Atlas/OEC: 1e6; 0 = off)'),
  minProductTrade: z.coerce.number().min(0).default(0).describe('entry threshold: products (at `digits`) with world trade of at least this among the countries that enter (US$; the OEC: 5e8; 0 = off)'),
  ...dataShape,
});
export type ProductSpaceParams = z.input<typeof productSpaceParams>;

/** The space and the country's place in it as sent (contract.ts), plus what the CLI and the API tables add. */
export interface ProductSpaceResult extends ProductSpaceData {
  opportunities: OpportunityRow[];
  provenance: Provenance;
  notes: string[];
  sql: string;
}

/** What is computed once per year and store state. */
interface World {
  countries: string[];
  products: string[];
  /** Per country: product index → exports. */
  exports: Map<number, number>[];
  xi: number[];
  xw: number;
  worldByProduct: number[];
  present: number[][];
  eci: (number | null)[];
  pci: (number | null)[];
  ubiquity: number[];
  eigenvalue: number | null;
  sums: Float64Array;
  ow: OutlookWeights;
  phi: ReturnType<typeof proximity>;
  edges: SpaceEdge[];
  layout: { x: number; y: number }[];
  /** Countries and products the entry thresholds left out, with why. */
  leftOut: { countries: Map<string, LeftOutWhy>; products: Map<string, LeftOutWhy> };
}

const worldCache = new WeakMap<Store, Map<string, World>>();

function rcaOf(w: World, c: number, p: number): number {
  const x = w.exports[c]?.get(p) ?? 0;
  const xi = w.xi[c] as number;
  const xwp = w.worldByProduct[p] as number;
  return xi > 0 && xwp > 0 ? x / xi / (xwp / w.xw) : 0;
}

type MatrixRow = { country: string; product: string; x_ik: number; x_i: number };

/** The rows summed to `digits` (one per country and product). */
function atDigits(rows: readonly MatrixRow[], digits: number): MatrixRow[] {
  const out = new Map<string, MatrixRow>();
  for (const r of rows) {
    const product = r.product.slice(0, digits);
    const k = `${r.country}|${product}`;
    const e = out.get(k);
    if (e) e.x_ik += Number(r.x_ik);
    else out.set(k, { country: r.country, product, x_ik: Number(r.x_ik), x_i: Number(r.x_i) });
  }
  return [...out.values()];
}

/**
 * The rows that enter the ranking under the thresholds (at `digits`), and who was left out: all of
 * them when no threshold is set.
 */
async function entered(store: Store, rows: MatrixRow[], digits: number, t: EntryThresholds) {
  const summed = atDigits(rows, digits);
  if (!hasEntryThresholds(t)) return { rows: summed, countries: new Map<string, LeftOutWhy>(), products: new Map<string, LeftOutWhy>() };
  const pop = await store.query<{ pc: string; pv: number }>(latestPopulation());
  return enterRanking(summed, t, new Map(pop.map((r) => [r.pc, Number(r.pv)])));
}

/** Builds the year's world from the positive RCA-matrix rows, summed to `digits`. */
function buildWorld(rows: MatrixRow[], digits: number): Omit<World, 'leftOut'> {
  const countries = [...new Set(rows.map((r) => r.country))].sort();
  const products = [...new Set(rows.map((r) => r.product.slice(0, digits)))].sort();
  const ci = new Map(countries.map((c, i) => [c, i]));
  const pi = new Map(products.map((p, i) => [p, i]));
  const exports = countries.map(() => new Map<number, number>());
  const xi = countries.map(() => 0);
  const worldByProduct = products.map(() => 0);
  for (const r of rows) {
    const c = ci.get(r.country) as number;
    const p = pi.get(r.product.slice(0, digits)) as number;
    const x = Number(r.x_ik);
    exports[c]!.set(p, (exports[c]!.get(p) ?? 0) + x);
    worldByProduct[p] = (worldByProduct[p] as number) + x;
    xi[c] = Number(r.x_i);
  }
  const xw = xi.reduce((s, x) => s + x, 0);
  const partial = { exports, xi, xw, worldByProduct } as World;
  const m = countries.map((_, c) => products.map((__, p) => (rcaOf(partial, c, p) >= 1 ? 1 : 0)));
  const cx = economicComplexity(m);
  const phi = proximity(m);
  const edges = spaceEdges(phi);
  return {
    countries,
    products,
    exports,
    xi,
    xw,
    worldByProduct,
    present: m.map((row) => row.flatMap((x, p) => (x ? [p] : []))),
    eci: cx.eci,
    pci: cx.pci,
    ubiquity: cx.ubiquity,
    eigenvalue: cx.eigenvalue,
    sums: linkSums(phi),
    ow: outlookWeights(phi, cx.pci),
    phi,
    edges,
    layout: spaceLayout(products.length, edges),
  };
}

/** Cultural codes of a basket in an edition: code → domain. */
async function culturalCodes(store: Store, basket: string, edition: string | null): Promise<Map<string, string>> {
  if (!edition) return new Map();
  const rows = await store.query<{ code: string; domain: string | null }>(
    sql`select code, min(domain) as domain from basket_resolved where basket_id = ${basket} and edition = ${edition} group by code order by code`,
  );
  return new Map(rows.map((r) => [r.code, r.domain ?? 'other']));
}

/** The domain of a code at `digits` (a heading is cultural when a basket code lies under it). */
function domainOf(code: string, cultural: Map<string, string>): string | null {
  const hit = cultural.get(code);
  if (hit) return hit;
  for (const [c, d] of cultural) if (c.startsWith(code) || code.startsWith(c)) return d;
  return null;
}

function zScores(xs: number[]): number[] {
  const n = xs.length || 1;
  const mu = xs.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mu) ** 2, 0) / n);
  return xs.map((x) => (sd > 0 ? (x - mu) / sd : 0));
}

/** 1 + the number of values above: ties share a rank; null values have none. */
function rankOf(values: (number | null)[], i: number): number | null {
  const v = values[i];
  if (v === null || v === undefined) return null;
  return 1 + values.filter((w) => w !== null && w > v).length;
}

/**
 * The product space of a year, with a country's place in it when one is asked for.
 *
 * Kept whole: a read model's steps: the year's world (cached), then the country's place in it, then
 * the wire type.
 */
export async function productSpace(store: Store, input: ProductSpaceParams): Promise<ProductSpaceResult> {
  const q = parseParams(productSpaceParams, input, 'product space');
  const year = q.year ?? (await dataYears(store, q.source))?.to;
  if (year === undefined) {
    throw new LanternError('no-data', 'The store holds no trade data yet.', [
      { field: 'year', message: 'no trade rows', hint: 'import a file first (`lantern import FILE`) or load the demo (`lantern demo`)' },
    ]);
  }
  const raw: Record<string, unknown> = { from: year, to: year, side: 'export', by: 'product', source: q.source, runs: q.runs, perspective: q.perspective, view: q.view, flow: q.flow, level: q.level };
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  const def = getIndicator('eci');
  const parsed = parseParams(def.params, raw, 'product space') as Scope;
  const { params, provenance, notes } = await prepareScope(store, 'eci', raw, parsed, def.perspectives, 'product space');
  const digits = Math.min(q.digits ?? 4, provenance.level);
  if (q.digits !== undefined && q.digits > provenance.level) notes.push(`the data is at HS level ${provenance.level}: the space uses ${provenance.level} digits`);
  const whole: Scope = { ...params, country: undefined };
  const query = sql`select country, product, x_ik, x_i from (${rcaMatrix(whole, store.dialect)}) m where x_ik > 0 order by country, product`;
  const preset = (given: number, atlas: number) => (given > 0 || q.entry !== 'atlas' ? given : atlas);
  const thresholds: Required<EntryThresholds> = {
    minExports: preset(q.minExports, ATLAS_ENTRY.minExports),
    minPopulation: preset(q.minPopulation, ATLAS_ENTRY.minPopulation),
    minProductTrade: preset(q.minProductTrade, ATLAS_ENTRY.minProductTrade),
  };
  const key = `${await runsSignature(store)}|${year}|${digits}|${(params.runs ?? []).join(',')}|${provenance.perspective}|${provenance.view}|${params.flow ?? 'export'}|${thresholds.minExports}|${thresholds.minPopulation}|${thresholds.minProductTrade}`;
  let cache = worldCache.get(store);
  if (!cache) worldCache.set(store, (cache = new Map()));
  let world = cache.get(key);
  if (!world) {
    const entry = await entered(store, await store.query<MatrixRow>(query), digits, thresholds);
    world = { ...buildWorld(entry.rows, digits), leftOut: { countries: entry.countries, products: entry.products } };
    if (cache.size >= 4) cache.delete(cache.keys().next().value as string);
    cache.set(key, world);
  }
  if (hasEntryThresholds(thresholds))
    notes.push(
      `entry thresholds (the Atlas's / OEC's rule: who enters the ranking, not how it is computed): ${world.leftOut.countries.size} countries and ${world.leftOut.products.size} products left out (exports ≥ US$${thresholds.minExports.toLocaleString('en-US')}, population ≥ ${thresholds.minPopulation.toLocaleString('en-US')}, world trade of a product ≥ US$${thresholds.minProductTrade.toLocaleString('en-US')})`,
    );
  const edition = provenance.classifications.length === 1 ? (provenance.classifications[0] as string) : null;
  const cultural = await culturalCodes(store, q.basket, edition);
  const names = edition && isHsEdition(edition) ? await describeCodes(store, edition as HsEdition, world.products) : new Map<string, string>();
  const domains = world.products.map((p) => domainOf(p, cultural));

  const c = q.country ? world.countries.indexOf(q.country) : -1;
  const countryLeftOut = q.country ? (world.leftOut.countries.get(q.country)?.reason ?? null) : null;
  if (q.country && c < 0 && !countryLeftOut) {
    throw new LanternError('unknown-country', `${q.country} has no exports in ${year} in this data.`, [
      { field: 'country', message: 'no exports that year', found: q.country, hint: 'pick a country listed by `lantern countries` that exports in that year' },
    ]);
  }
  const present = c >= 0 ? new Set(world.present[c]) : null;
  const dens = c >= 0 ? densityRow(world.present[c] as number[], world.phi, world.sums) : null;
  const out = c >= 0 ? outlookRow(world.present[c] as number[], dens as number[], world.ow) : null;

  const nodes: ProductSpaceNode[] = world.products.map((product, p) => ({
    product,
    name: names.get(product) ?? null,
    x: world.layout[p]!.x,
    y: world.layout[p]!.y,
    pci: world.pci[p] ?? null,
    ubiquity: world.ubiquity[p] as number,
    world_exports: world.worldByProduct[p] as number,
    domain: domains[p] ?? null,
    domain_en: domains[p] ? domainLabel(domains[p], 'en') : null,
    domain_zh: domains[p] ? domainLabel(domains[p], 'zh') : null,
    rca: c >= 0 ? rcaOf(world, c, p) : null,
    present: present ? present.has(p) : null,
    density: dens ? (dens[p] as number) : null,
    cog: out ? (out.cog[p] as number) : null,
    exports: c >= 0 ? (world.exports[c]!.get(p) ?? 0) : null,
  }));

  let opportunities: OpportunityRow[] = [];
  if (c >= 0 && dens && out && present) {
    const lacking = nodes.filter((n) => !n.present && n.pci !== null);
    const zd = zScores(lacking.map((n) => n.density as number));
    const zg = zScores(lacking.map((n) => n.cog as number));
    opportunities = lacking
      .map((n, i) => ({ n, score: 0.5 * (zd[i] as number) + 0.5 * (zg[i] as number) }))
      .filter(({ n }) => q.opportunities === 'all' || n.domain !== null)
      .sort((a, b) => b.score - a.score || a.n.product.localeCompare(b.n.product))
      .slice(0, q.limit)
      .map(({ n, score }, i) => ({
        rank: i + 1,
        product: n.product,
        name: n.name,
        domain: n.domain,
        domain_en: n.domain_en,
        domain_zh: n.domain_zh,
        density: n.density as number,
        cog: n.cog as number,
        pci: n.pci,
        rca: n.rca as number,
        score,
        world_exports: n.world_exports,
      }));
  }
  const code = (i: number) => world.products[i] as string;
  return {
    year,
    digits,
    edition,
    basket: q.basket,
    country: q.country ? { iso3: q.country, name: { en: countryName(q.country, 'en'), zh: countryName(q.country, 'zh') } } : null,
    summary: {
      countries: world.countries.length,
      products: world.products.length,
      eigenvalue: world.eigenvalue,
      links: world.edges.length,
      eci: c >= 0 ? (world.eci[c] ?? null) : null,
      eci_rank: c >= 0 ? rankOf(world.eci, c) : null,
      coi: out ? out.coi : null,
      diversity: present ? present.size : null,
      cultural_products: domains.filter((d) => d !== null).length,
      cultural_present: present ? nodes.filter((n) => n.present && n.domain !== null).length : null,
      left_out: countryLeftOut,
    },
    entry: {
      thresholds,
      countries: [...world.leftOut.countries].map(([iso3, why]) => ({ country: iso3, name_en: countryName(iso3, 'en'), name_zh: countryName(iso3, 'zh'), ...why })).sort((a, b) => a.country.localeCompare(b.country)),
      products: [...world.leftOut.products].map(([product, why]) => ({ product, ...why })).sort((a, b) => a.product.localeCompare(b.product)),
    },
    nodes,
    edges: world.edges.map((e) => ({ a: code(e.a), b: code(e.b), proximity: e.proximity, tree: e.tree })),
    ranking: world.countries
      .map((iso3, i) => ({ rank: rankOf(world.eci, i), country: iso3, name_en: countryName(iso3, 'en'), name_zh: countryName(iso3, 'zh'), eci: world.eci[i] ?? null, diversity: world.present[i]!.length }))
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.country.localeCompare(b.country)),
    opportunities,
    provenance,
    notes,
    sql: render(query, store.dialect).text,
  };
}

/** A country's opportunities without the space itself (`lantern opportunities`, /complexity/opportunities). */
export type OpportunitiesResult = Omit<ProductSpaceResult, 'nodes' | 'edges'>;

/** The opportunity table as flat rows, each with its year and country. */
export function opportunityRows(r: OpportunitiesResult): Record<string, unknown>[] {
  return r.opportunities.map((o) => ({ year: r.year, country: r.country?.iso3 ?? null, ...o }));
}

/** Flat rows for CSV/NDJSON: the nodes (one per product), or the opportunity table. */
export function productSpaceRows(r: ProductSpaceResult, table: 'nodes' | 'opportunities' | 'edges' | 'ranking' = 'nodes'): Record<string, unknown>[] {
  const base = { year: r.year, country: r.country?.iso3 ?? null };
  if (table === 'ranking') return r.ranking.map((x) => ({ year: r.year, ...x }));
  if (table === 'opportunities') return opportunityRows(r);
  if (table === 'edges') return r.edges.map((e) => ({ year: r.year, ...e }));
  return r.nodes.map((n) => ({ ...base, ...n }));
}

const spaceProvenance = (r: OpportunitiesResult) => ({
  runs: r.provenance.runs.map((x) => x.id),
  sql: r.sql,
  note: [`HS ${r.digits}-digit space`, r.provenance.perspective, ...r.notes].join(' · '),
});

/** The product space's descriptor: `lantern product-space` and GET /complexity/product-space (the last year by default). */
export const productSpaceModel = readModel<typeof productSpaceParams, ProductSpaceResult>({
  id: 'product-space',
  summary: 'Product space of a year (proximity from co-export, Atlas layout), with a country’s RCA ≥ 1 products, density and COG',
  params: productSpaceParams,
  years: { span: defaultSpans.productSpace, field: 'year' },
  run: productSpace,
  rows: (r) => productSpaceRows(r, 'nodes'),
  list: (r) => productSpaceRows(r, 'nodes'),
  tables: (r) => ({ edges: productSpaceRows(r, 'edges'), opportunities: productSpaceRows(r, 'opportunities'), ranking: productSpaceRows(r, 'ranking') }),
  provenance: spaceProvenance,
});

/** Opportunities ask for a country; the space's other parameters are the same. */
export const opportunitiesParams = productSpaceParams.extend({ country: iso3Schema.describe('the country whose opportunities are listed') });

/** A country's opportunities: `lantern opportunities` and GET /complexity/opportunities (the space without its nodes and links). */
export const opportunitiesModel = readModel<typeof opportunitiesParams, OpportunitiesResult>({
  id: 'opportunities',
  summary: 'Products a country lacks (RCA < 1), ranked by density and complexity outlook gain; with its ECI, rank and COI',
  params: opportunitiesParams,
  years: { span: defaultSpans.productSpace, field: 'year' },
  run: async (store: Store, p: z.input<typeof opportunitiesParams>): Promise<OpportunitiesResult> => {
    const { nodes: _nodes, edges: _edges, ...rest } = await productSpace(store, p);
    return rest;
  },
  rows: opportunityRows,
  list: (r) => r.opportunities,
  provenance: spaceProvenance,
});
