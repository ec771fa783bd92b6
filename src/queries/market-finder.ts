/**
 * The market finder — the exporter's question: for an exporter and a product (or basket), every
 * market that imports it, with its size, growth over 1 and 5 years, the exporter's share there, the
 * three largest competing suppliers and their shares, the market's concentration, and the export
 * potential (ITC-consistent, not ITC-identical) with the unrealised part. Sortable and filterable.
 *
 * Market-side figures are import-side values (importer-reported under the reporter view of
 * reported data; the reconciled value for BACI). The SQL is pure (`marketFinderSql`), the run
 * function adds names and applies sorting and filters.
 *
 * @example
 *   const r = await marketFinder(store, { exporter: 'CHN', product: '950510', year: 2021, sort: 'unrealised' });
 */
import { z } from 'zod';
import type { MarketCompetitor, MarketFinderData, MarketRow } from '../contract.ts';
import {
  exportPotential,
  parseParams,
  type Scope,
  scopeSchema,
  sideFlows,
  yearSchema,
} from '../indicators/index.ts';
import { countryName, productNames } from '../reference/index.ts';
import { type Dialect, render, type Sql, sql, type Store } from '../store/index.ts';
import { dataShape, groupPartners, groupSchema, iso3Schema, listOf, parseProductSelector, scopeLabel } from './common.ts';
import { emptyHints, prepareScope, stripUndefined } from './indicator.ts';
import { readModel } from './read-model.ts';
import { defaultSpans } from './scope.ts';

export const marketSortKeys = [
  'size',
  'growth_1y',
  'growth_5y',
  'share',
  'exporter_value',
  'hhi',
  'potential',
  'unrealised',
  'market',
] as const;

export const marketFinderParams = z.object({
  exporter: iso3Schema.describe('the exporting country'),
  product: z.string().describe('an HS code (950510, 9505) or basket[:domain] (unesco-fcs-2009:books)'),
  year: yearSchema.describe('the year of the market figures'),
  sort: z
    .enum(marketSortKeys)
    .default('size')
    .describe(`sort key: ${marketSortKeys.join(' | ')}`),
  order: z.enum(['desc', 'asc']).default('desc'),
  minSize: z.coerce.number().min(0).optional().describe('keep markets importing at least this many US$'),
  minGrowth: z.coerce
    .number()
    .optional()
    .describe('keep markets whose 1-year growth is at least this (0.05 = 5%)'),
  maxShare: z.coerce
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe("keep markets where the exporter's share is at most this"),
  markets: listOf(iso3Schema).optional().describe('only these markets'),
  group: groupSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional().describe('keep the first N after sorting'),
  window: z.coerce.number().int().min(1).max(10).default(5).describe('years averaged for actual exports'),
  easeFloor: z.coerce
    .number()
    .min(0)
    .default(0)
    .describe('ease given to markets the exporter does not reach yet'),
  distanceElasticity: z.coerce
    .number()
    .min(0)
    .max(5)
    .default(1)
    .describe('export potential: θ in the distance factor τ = (d/d̄)^(−θ); 0 switches distance off'),
  ...dataShape,
});
export type MarketFinderParams = z.input<typeof marketFinderParams>;

/** Sort keys (parameter values) → the field of a market row they sort by. */
const sortFields = {
  size: 'imports',
  growth_1y: 'growth1',
  growth_5y: 'growth5',
  share: 'exporter_share',
  exporter_value: 'exporter_value',
  hhi: 'hhi',
  potential: 'potential',
  unrealised: 'unrealised',
  market: 'market',
} as const satisfies Record<(typeof marketSortKeys)[number], keyof MarketRow>;

/**
 * Market sizes (t, t−1, t−5), exporter's value, rank, suppliers and HHI for every market, and the
 * three largest competing suppliers of each. Pure.
 *
 * Portable to ClickHouse 18.16 (see indicators/CONTEXT.md): one JOIN per SELECT, each nested in the
 * next, only equalities in ON, no window for the markets query — the exporter's rank is one plus
 * the number of suppliers of the market that sold more (ties share a rank and the next one skips,
 * as rank() does). The competitors' top 3 are ordered by value, ties by country code. DuckDB gets
 * them in the markets statement itself, as ordered lists (`competitors`, `competitor_values`), so
 * the rows of the year are scanned once; ClickHouse, which has no window before 21.x, runs a second
 * statement that counts for each supplier the suppliers ahead of it in a self-join on the market.
 *
 * Kept whole: the statements of each engine, laid out a clause a line; the named CTEs are shared by
 * both.
 */
export function marketFinderSql(
  p: Scope,
  exporter: string,
  year: number,
  d: Dialect,
): { markets: Sql; competitors?: Sql } {
  // Market sizes over six years need no supplier: per-country totals where the store keeps them.
  const f = sideFlows({ ...p, by: 'total' }, 'import', { products: true, totals: true, from: year - 5, to: year }, d);
  // Suppliers of the year: the rows of that year only.
  const fy = sideFlows({ ...p, by: 'total' }, 'import', { products: true, from: year, to: year }, d);
  // Columns: j the market, s a supplier, v a value, m a market's size.
  const sup = sql`
    select subj as j, cpt as s, sum(v) as v
    from (${fy}) f
    where year = ${year}
    group by subj, cpt`;
  // Market size (market_years, market_size) counts every partner, areas not specified included;
  // the suppliers, their shares and the HHI are over named partners (named_supply: their sum).
  const ctes = sql`
    market_years as (
      select year, subj as j, sum(v) as m
      from (${f}) f
      group by year, subj
    ),
    year_suppliers as (${sup}),
    market_size as (
      select j, m from market_years where year = ${year}
    ),
    named_supply as (
      select j, sum(v) as nv from year_suppliers group by j
    ),
    concentration as (
      select ys.j as j,
             sum((ys.v / ns.nv) * (ys.v / ns.nv)) as hhi,
             count(*) as suppliers,
             max(ns.nv) as named
      from year_suppliers ys
      join named_supply ns on ns.j = ys.j
      where ys.v > 0
      group by ys.j
    ),
    exporter_sales as (
      select j, v as xv from year_suppliers where s = ${exporter} and v > 0
    ),
    exporter_rank as (
      select es.j as j, es.xv as xv, sum(case when ys.v > es.xv then 1 else 0 end) + 1 as rk
      from exporter_sales es
      join year_suppliers ys on ys.j = es.j
      where ys.v > 0
      group by es.j, es.xv
    )`;
  // One join per level, innermost first: the markets with their size, then the size a year and
  // five years before, then the exporter's sales and rank, then the concentration.
  const perMarket = sql`
    select with_rank.market as market, with_rank.size as size, with_rank.size_1y_ago as size_1y_ago,
           with_rank.size_5y_ago as size_5y_ago, with_rank.exporter_value as exporter_value, with_rank.rank_in as rank,
           concentration.suppliers as suppliers, concentration.hhi as hhi, concentration.named as named_size
    from (
      select with_5y.market as market, with_5y.size as size, with_5y.size_1y_ago as size_1y_ago,
             with_5y.size_5y_ago as size_5y_ago, coalesce(exporter_rank.xv, 0) as exporter_value, exporter_rank.rk as rank_in
      from (
        select with_1y.market as market, with_1y.size as size, with_1y.size_1y_ago as size_1y_ago, size_5y.m as size_5y_ago
        from (
          select sized.market as market, sized.size as size, size_1y.m as size_1y_ago
          from (select j as market, m as size from market_size where j <> ${exporter} and m > 0) sized
          left join (select j, m from market_years where year = ${year - 1}) size_1y on size_1y.j = sized.market
        ) with_1y
        left join (select j, m from market_years where year = ${year - 5}) size_5y on size_5y.j = with_1y.market
      ) with_5y
      left join exporter_rank on exporter_rank.j = with_5y.market
    ) with_rank
    left join concentration on concentration.j = with_rank.market`;
  if (d.name === 'duckdb') {
    // One statement: the competitors' top 3 as two ordered lists per market, from the same
    // year_suppliers (the year's suppliers are the one scan of the rows, so it is done once).
    const markets = sql`
      with ${ctes},
      rivals as (
        select j, list(s order by v desc, s)[1:3] as top_s, list(v order by v desc, s)[1:3] as top_v
        from year_suppliers
        where s <> ${exporter} and v > 0
        group by j
      )
      select m.*, rivals.top_s as competitors, rivals.top_v as competitor_values
      from (${perMarket}) m
      left join rivals on rivals.j = m.market
      order by market`;
    return { markets };
  }
  const markets = sql`with ${ctes} ${perMarket} order by market`;
  // Each rival's place in its market: one plus the rivals that sold more (ties by country code).
  const competitors = sql`
    with year_suppliers as (${sup}),
    rival_sales as (
      select j, s, v from year_suppliers where s <> ${exporter} and v > 0 and j <> ${exporter}
    ),
    ranked as (
      select a.j as mj, a.s as ms, a.v as mv,
             sum(case when b.v > a.v or (b.v = a.v and b.s < a.s) then 1 else 0 end) + 1 as rn
      from rival_sales a
      join rival_sales b on b.j = a.j
      group by a.j, a.s, a.v
    )
    select mj as market, ms as country, mv as value, rn
    from ranked
    where rn <= 3
    order by market, rn`;
  return { markets, competitors };
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Kept whole: a read model's steps on one resolved scope: the statements, then the markets,
 * competitors and notes of the wire type built from their rows.
 */
export async function marketFinder(store: Store, input: MarketFinderParams): Promise<MarketFinderData> {
  const q = parseParams(marketFinderParams, input, 'market finder');
  const sel = parseProductSelector(q.product);
  const rawScope: Record<string, unknown> = stripUndefined({
    country: [q.exporter],
    from: q.year - Math.max(5, q.window - 1),
    to: q.year,
    ...sel,
    runs: q.runs,
    source: q.source,
    perspective: q.perspective,
    view: q.view,
    flow: q.flow,
    level: q.level,
  });
  const parsed = parseParams(
    scopeSchema,
    Object.fromEntries(Object.entries(rawScope).filter(([k]) => k !== 'source')),
    'market finder',
  );
  // Resolve over the 5-year window, but require data in the year asked for.
  const prepared = await prepareScope(
    store,
    'market-finder',
    rawScope,
    { ...parsed, from: q.year - Math.max(5, q.window - 1), to: q.year },
    ['reconciled', 'reported'],
    'market finder',
    {
      shown: { from: q.year, to: q.year },
    },
  );
  const { provenance } = prepared;
  const params = prepared.params;
  const exporter = params.country![0]!;
  const { markets: mSql, competitors: cSql } = marketFinderSql(params, exporter, q.year, store.dialect);
  const inWindow = prepared.years.filter((y) => y > q.year - q.window && y <= q.year).length;
  const epParams = {
    ...params,
    from: q.year,
    to: q.year,
    by: 'total' as const,
    window: q.window,
    easeFloor: q.easeFloor,
    distanceElasticity: q.distanceElasticity,
    windowYears: inWindow || undefined,
  };
  const epSql = exportPotential.build(exportPotential.params.parse(epParams), store.dialect);
  const mRows = await store.query<Record<string, unknown>>(mSql);
  const cRows = cSql ? await store.query<Record<string, unknown>>(cSql) : competitorRows(mRows);
  const epRows = await store.query<Record<string, unknown>>(epSql);
  const comp = new Map<string, Omit<MarketCompetitor, 'share'>[]>();
  for (const c of cRows) {
    const list = comp.get(c.market as string) ?? [];
    list.push({ country: c.country as string, ...names(c.country as string), value: c.value as number });
    comp.set(c.market as string, list);
  }
  const ep = new Map(epRows.map((r) => [r.partner as string, r]));
  const all: MarketRow[] = mRows.map((r) => {
    const size = r.size as number;
    const s1 = num(r.size_1y_ago);
    const s5 = num(r.size_5y_ago);
    const e = ep.get(r.market as string);
    // Shares are over named partners; the areas not specified are the rest of the market's size.
    const named = num(r.named_size) ?? size;
    const areas = size - named > 1e-9 * size ? size - named : 0;
    const competitors = (comp.get(r.market as string) ?? []).map((c) => ({ ...c, share: c.value / named }));
    return {
      market: r.market as string,
      ...names(r.market as string),
      imports: size,
      areas,
      imports_1y_ago: s1,
      imports_5y_ago: s5,
      growth1: s1 ? size / s1 - 1 : null,
      growth5: s5 ? (size / s5) ** (1 / 5) - 1 : null,
      exporter_value: r.exporter_value as number,
      exporter_share: (r.exporter_value as number) / named,
      rank: num(r.rank),
      suppliers: (r.suppliers as number) ?? 0,
      hhi: num(r.hhi),
      competitors,
      potential: num(e?.value),
      actual: num(e?.actual),
      unrealised: num(e?.unrealised),
    };
  });
  let rows = all;
  if (q.minSize !== undefined) rows = rows.filter((r) => r.imports >= (q.minSize as number));
  if (q.minGrowth !== undefined)
    rows = rows.filter((r) => r.growth1 !== null && r.growth1 >= (q.minGrowth as number));
  if (q.maxShare !== undefined) rows = rows.filter((r) => r.exporter_share <= (q.maxShare as number));
  const grp = groupPartners(q.group, q.markets);
  if (grp.partners) rows = rows.filter((r) => grp.partners!.includes(r.market));
  const key = q.sort;
  const field = sortFields[key];
  const dir = q.order === 'asc' ? 1 : -1;
  rows = [...rows].sort((a, b) => {
    if (field === 'market') return dir * a.market.localeCompare(b.market);
    const va = a[field];
    const vb = b[field];
    if (va === vb) return a.market.localeCompare(b.market);
    if (va === null) return 1; // missing values last, whatever the order
    if (vb === null) return -1;
    return dir * (va - vb) || a.market.localeCompare(b.market);
  });
  if (q.limit) rows = rows.slice(0, q.limit);
  const productName =
    'product' in sel && sel.product ? (await productNames(store, [sel.product], provenance.classifications))(sel.product) : null;
  const label = `${scopeLabel(sel, provenance.trade)}${productName?.en ? ` ${productName.en}` : ''}`;
  const filters = stripUndefined({
    minSize: q.minSize,
    minGrowth: q.minGrowth,
    maxShare: q.maxShare,
    markets: q.markets,
    group: q.group,
    limit: q.limit,
  });
  return {
    exporter: { iso3: exporter, nameEn: countryName(exporter, 'en'), nameZh: countryName(exporter, 'zh') },
    product: { selector: q.product, label, name_en: productName?.en ?? null, name_zh: productName?.zh ?? null },
    year: q.year,
    sort: { key, order: q.order },
    filters,
    provenance,
    notes: [
      ...prepared.notes,
      ...(all.some((m) => m.areas > 0)
        ? [
            'market size counts imports from every partner, areas not specified included (column areas); shares, rank, suppliers and HHI are over named partners',
          ]
        : []),
      ...(grp.note ? [grp.note.replace(/^partners:/, 'markets:')] : []),
      `export potential is ITC-consistent, not ITC-identical (no projections or tariffs; ${q.distanceElasticity > 0 ? `distance elasticity ${q.distanceElasticity}` : 'distance off'}): see docs/indicators/export-potential.md`,
    ],
    counts: { markets: all.length, shown: rows.length },
    markets: rows,
    sql: {
      markets: render(mSql, store.dialect),
      ...(cSql ? { competitors: render(cSql, store.dialect) } : {}),
      potential: render(epSql, store.dialect),
    },
    empty:
      all.length === 0
        ? `No market imports ${label} in ${q.year} in the data (${provenance.runs.map((r) => `run ${r.id} ${r.source}`).join(', ')})${provenance.view ? ` under the ${provenance.view} view` : ''}${emptyHints(params, provenance)}.`
        : rows.length === 0
          ? `${all.length} markets import ${label} in ${q.year}, but none passes the filters ${JSON.stringify(filters)}.`
          : null,
  };
}

/** (market, country, value) rows from the markets statement's `competitors` / `competitor_values` lists. */
function competitorRows(mRows: Record<string, unknown>[]): Record<string, unknown>[] {
  return mRows.flatMap((r) => {
    const countries = (r.competitors as string[] | null) ?? [];
    const values = (r.competitor_values as number[] | null) ?? [];
    return countries.map((country, i) => ({ market: r.market, country, value: values[i] }));
  });
}

function names(iso3: string): { name_en: string; name_zh: string } {
  return { name_en: countryName(iso3, 'en'), name_zh: countryName(iso3, 'zh') };
}

/** Market rows flattened for CSV/NDJSON/Parquet: competitors as competitor_1…3 columns. */
export function marketFinderRows(r: MarketFinderData): Record<string, unknown>[] {
  return r.markets.map((m) => {
    const { competitors, ...rest } = m;
    const row: Record<string, unknown> = { ...rest };
    for (let i = 0; i < 3; i++) {
      const c = competitors[i];
      row[`competitor_${i + 1}`] = c?.country ?? null;
      row[`competitor_${i + 1}_share`] = c?.share ?? null;
    }
    return row;
  });
}

/** The market finder as the CLI (`lantern markets`) and the API (`/markets`) run it; its markets are the API's rows. */
export const marketFinderModel = readModel({
  id: 'market-finder',
  summary: "Market finder: importing markets for an exporter's product or basket, with size, growth, share, competitors, potential",
  params: marketFinderParams,
  years: { span: defaultSpans.markets, field: 'year' },
  run: marketFinder,
  rows: marketFinderRows,
  list: (r) => r.markets,
  provenance: (r) => ({ runs: r.provenance.runs.map((x) => x.id), sql: r.sql.markets.text, note: [r.product.label, r.provenance.perspective, ...r.notes].join(' · ') }),
});
