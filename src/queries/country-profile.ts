/**
 * Country profile: one country's trade in a basket (or all products) over a span of years — totals
 * and balance by year, by cultural domain, top partners and products, world share and rank, RCA by
 * domain, concentration and growth.
 *
 * Every section names the import runs its values come from (`runs`), and the whole profile carries
 * its provenance (source, perspective, view). All figures come from catalog indicators, so each one
 * can be reproduced with `lantern indicator ID …`.
 *
 * @example
 *   const p = await countryProfile(store, { country: 'CHN', years: '2015-2023', basket: 'unesco-fcs-2009' });
 */
import { z } from 'zod';
import { parseParams, type Scope, scopeSchema } from '../indicators/index.ts';
import { countryName, domainLabel, productNames } from '../reference/index.ts';
import type { Store } from '../store/index.ts';
import { dataShape, groupPartners, groupSchema, iso3Schema, parseProductSelector, scopeLabel, topSchema, yearsSchema } from './common.ts';
import { flowSources, sourceNotes } from './flow-sources.ts';
import { prepareScope, queryIndicator } from './indicator.ts';
import { readModel } from './read-model.ts';
import { type Provenance, worldScope } from './resolve.ts';
import { defaultSpans } from './scope.ts';
import type {
  CountryProfileData,
  ProfileConcentration,
  ProfileGrowth,
  ProfilePartnerRow,
  ProfileProductRow,
} from '../contract.ts';

export const countryProfileParams = z.object({
  country: iso3Schema.describe('the country (ISO alpha-3)'),
  years: yearsSchema.describe('a year or a span, e.g. 2015-2023'),
  basket: z.string().optional().describe('basket[:domain] or an HS code, e.g. unesco-fcs-2009 (default: all products)'),
  product: z.string().optional().describe('an HS code instead of a basket'),
  top: topSchema,
  group: groupSchema.optional(),
  ...dataShape,
});
export type CountryProfileParams = z.input<typeof countryProfileParams>;

type Num = number | null;
type Row = Record<string, unknown>;
type PartnerRow = ProfilePartnerRow;
type ProductRow = ProfileProductRow;
/** The read model's sections: the profile without the dashboard's view of them. */
type Sections = Omit<CountryProfileData, 'trade' | 'basket' | 'domain' | 'year' | 'perspective' | 'headline' | 'trend' | 'domains' | 'partnerDetail' | 'partners' | 'products' | 'rca'>;

const n = (v: unknown): Num => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The profile: the scope is resolved first, then every section is read at once. The sections are
 * independent of each other, so their statements run concurrently: on the server's read
 * connections they overlap (a new process has one connection and runs them in turn).
 */
export async function countryProfile(store: Store, input: CountryProfileParams): Promise<CountryProfileData> {
  const s = await profileScope(store, input);
  const [totals, shares, byDomain, partners, products, growth] = await Promise.all([
    totalsByYear(store, s),
    worldShareByYear(store, s),
    s.params.basket ? domainsLastYear(store, s) : null,
    topPartnerLists(store, s),
    topProductLists(store, s),
    growthBothSides(store, s),
  ]);
  const { iso3, runs, from, to, params, provenance } = s;
  const lastTotals = totals.rows.find((t) => t.year === to);
  const areas = {
    exports: unnamedPartners(lastTotals?.exports, partners.exports),
    imports: unnamedPartners(lastTotals?.imports, partners.imports),
  };
  const notes = [
    ...s.notes,
    ...totals.notes,
    ...(s.groupNote ? [s.groupNote] : []),
    ...(shares.world ? [shares.world.note] : []),
    ...areasNotes(areas, lastTotals, to),
  ];
  return withDashboardView({
    country: { iso3, nameEn: countryName(iso3, 'en'), nameZh: countryName(iso3, 'zh') },
    from,
    to,
    scope: {
      basket: params.basket ?? null,
      domain: params.domain ?? null,
      product: params.product ?? null,
      label: scopeLabel(params, provenance.trade),
    },
    provenance: shares.world ? { ...provenance, world: shares.world } : provenance,
    notes,
    totals: { runs, rows: totals.rows },
    sources: totals.sources,
    worldShare: { runs, rows: sharesWhereTraded(shares.rows, totals.rows) },
    byDomain: byDomain && { runs, year: to, rows: byDomain },
    topPartners: { runs, year: to, exports: partners.exports.slice(0, s.top), imports: partners.imports.slice(0, s.top), areas },
    topProducts: { runs, year: to, exports: products.topExports, imports: products.topImports },
    concentration: {
      runs,
      year: to,
      exports: concentration(partners.exports, products.exports),
      imports: concentration(partners.imports, products.imports),
    },
    growth: { runs, ...growth },
    empty: totals.rows.length
      ? null
      : `No trade of ${iso3} in ${scopeLabel(params, provenance.trade)} in ${from}–${to} in the data (${provenance.runs.map((r) => `run ${r.id} ${r.source}`).join(', ')}).`,
  }, { partners, products });
}

/** What every section reads: the parsed question, its resolved runs and the scopes of its sides. */
interface ProfileScope {
  params: Scope;
  provenance: Provenance;
  /** The notes of the resolution (runs, perspective …), first in the profile's notes. */
  notes: string[];
  groupNote: string | undefined;
  /** The years the store holds data for (the growth asks for the year before only when it is there). */
  dataYears: number[];
  iso3: string;
  runs: number[];
  from: number;
  to: number;
  top: number;
  /** The last year only (partners, products, domains). */
  last: Scope;
  exp: Scope;
  imp: Scope;
}

/** Parses the question and resolves the runs, perspective and level it reads. */
async function profileScope(store: Store, input: CountryProfileParams): Promise<ProfileScope> {
  const q = parseParams(countryProfileParams, input, 'country profile');
  const sel = parseProductSelector(q.basket ?? q.product);
  const grp = groupPartners(q.group);
  const raw: Record<string, unknown> = {
    country: [q.country],
    partner: grp.partners,
    from: q.years.from,
    to: q.years.to,
    ...sel,
    runs: q.runs,
    source: q.source,
    perspective: q.perspective,
    view: q.view,
    flow: q.flow,
    level: q.level,
    trade: q.trade,
  };
  const base = parseParams(
    scopeSchema,
    Object.fromEntries(Object.entries(raw).filter(([k, v]) => v !== undefined && k !== 'source')),
    'country profile',
  );
  const { params, provenance, notes, years } = await prepareScope(store, 'yoy-growth', raw, base, ['reconciled', 'reported'], 'country profile');
  const { from, to } = q.years;
  return {
    params,
    provenance,
    notes,
    groupNote: grp.note,
    dataYears: years,
    iso3: params.country![0]!,
    runs: provenance.runs.map((r) => r.id),
    from,
    to,
    top: q.top,
    last: { ...params, from: to, to },
    exp: { ...params, side: 'export' },
    imp: { ...params, side: 'import' },
  };
}

/** Totals and balance by year; a side with no data (no report, no mirror) is null, never 0. */
async function totalsByYear(store: Store, s: ProfileScope) {
  const { params, iso3, from, to } = s;
  const [sources, bal] = await Promise.all([
    flowSources(store, params, [iso3], { from, to }),
    queryIndicator<Row>(store, 'relative-trade-balance', params),
  ]);
  const label = (y: number, side: 'export' | 'import') =>
    sources.find((l) => l.year === y && l.side === side)?.source ?? 'none';
  const rows = bal
    .filter((r) => (r.year as number) >= from)
    .map((r) => {
      const y = r.year as number;
      const [xs, ms] = [label(y, 'export'), label(y, 'import')];
      const exports = xs === 'none' ? null : (r.exports as number);
      const imports = ms === 'none' ? null : (r.imports as number);
      const both = exports !== null && imports !== null;
      return {
        year: y,
        exports,
        imports,
        balance: both ? exports - imports : null,
        relative_balance: both ? n(r.value) : null,
        exports_source: xs,
        imports_source: ms,
      };
    });
  return { rows, sources, notes: sourceNotes(sources) };
}

/**
 * World share and rank by year, both sides. On reported data the world of these shares (and of
 * RCA) is the store's reporters, which `world` says.
 */
async function worldShareByYear(store: Store, s: ProfileScope) {
  const { iso3, from, to } = s;
  const [wsX, wsM, world] = await Promise.all([
    queryIndicator<Row>(store, 'world-share', { ...s.exp, country: undefined }),
    queryIndicator<Row>(store, 'world-share', { ...s.imp, country: undefined }),
    worldScope(store, s.provenance, s.runs, { from, to }),
  ]);
  const pick = (rows: Row[], y: number) => rows.find((r) => r.year === y && r.country === iso3);
  const rows: CountryProfileData['worldShare']['rows'] = [];
  for (let y = from; y <= to; y++) {
    const hasX = wsX.some((r) => r.year === y);
    const hasM = wsM.some((r) => r.year === y);
    if (!hasX && !hasM) continue;
    const x = pick(wsX, y);
    const m = pick(wsM, y);
    rows.push({
      year: y,
      exports_share: n(x?.value) ?? (hasX ? 0 : null),
      exports_rank: n(x?.rank),
      imports_share: n(m?.value) ?? (hasM ? 0 : null),
      imports_rank: n(m?.rank),
      countries: n(wsX.find((r) => r.year === y)?.countries),
    });
  }
  return { rows, world: rows.length ? world : null };
}

/**
 * World shares where the totals have the side: a side with no data (no report, no mirror) has no
 * share either. The world-share indicator reads a country missing from a year where others trade
 * as 0, which is right for complete data but said "0.00%" beside "no data" on a Comtrade download of
 * one reporter's exports (its imports unknown).
 */
function sharesWhereTraded(
  shares: CountryProfileData['worldShare']['rows'],
  totals: { year: number; exports: Num; imports: Num }[],
): CountryProfileData['worldShare']['rows'] {
  return shares.map((r) => {
    const t = totals.find((x) => x.year === r.year);
    const [x, m] = [t?.exports != null, t?.imports != null];
    return {
      ...r,
      exports_share: x ? r.exports_share : null,
      exports_rank: x ? r.exports_rank : null,
      imports_share: m ? r.imports_share : null,
      imports_rank: m ? r.imports_rank : null,
    };
  });
}

/**
 * By domain (last year): exports, world share and rank, RCA — one RCA query over all countries
 * gives them all (x_ik / x_wk is the world share; ranks come from x_ik); imports by domain.
 */
async function domainsLastYear(store: Store, s: ProfileScope): Promise<NonNullable<CountryProfileData['byDomain']>['rows']> {
  const { iso3 } = s;
  const dom: Scope = { ...s.last, by: 'domain' };
  const [r, m] = await Promise.all([
    queryIndicator<Row>(store, 'rca', { ...dom, side: 'export', country: undefined }),
    queryIndicator<Row>(store, 'value', { ...dom, side: 'import' }),
  ]);
  const domains = [...new Set([...r.filter((x) => x.country === iso3), ...m].map((x) => x.product as string))];
  return domains
    .map((d) => {
      const all = r.filter((x) => x.product === d);
      const mine = all.find((x) => x.country === iso3);
      const exports = (mine?.x_ik as number | undefined) ?? 0;
      const imports = (m.find((x) => x.product === d)?.value as number | undefined) ?? 0;
      return {
        domain: d,
        label: { en: domainLabel(d, 'en'), zh: domainLabel(d, 'zh') },
        exports,
        imports,
        balance: exports - imports,
        world_share: mine ? (mine.x_ik as number) / (mine.x_wk as number) : 0,
        // RCA rows are complete (x_ik = 0 included): a country exporting none of a domain has no rank.
        world_rank: mine && exports > 0 ? 1 + all.filter((x) => (x.x_ik as number) > exports).length : null,
        rca: n(mine?.value) ?? 0,
      };
    })
    .sort((a, b) => b.exports - a.exports || a.domain.localeCompare(b.domain));
}

/** Every partner of the last year, both sides, largest first (the top list and the concentration read them). */
async function topPartnerLists(store: Store, s: ProfileScope): Promise<{ exports: PartnerRow[]; imports: PartnerRow[] }> {
  const partnerRows = async (scope: Scope) =>
    (await queryIndicator<Row>(store, 'partner-share', scope)).map((r) => ({
      partner: r.partner as string,
      name: { en: countryName(r.partner as string, 'en'), zh: countryName(r.partner as string, 'zh') },
      value: r.numerator as number,
      share: r.value as number,
      rank: r.rank as number,
    }));
  const [exports, imports] = await Promise.all([
    partnerRows({ ...s.last, side: 'export' }),
    partnerRows({ ...s.last, side: 'import' }),
  ]);
  return { exports, imports };
}

/** Every product of the last year, both sides, with its share of the side; the top ones named. */
async function topProductLists(store: Store, s: ProfileScope) {
  const productRows = async (scope: Scope): Promise<ProductRow[]> => {
    const rows = (await queryIndicator<Row>(store, 'value', { ...scope, by: 'product' }))
      .map((r) => ({ product: r.product as string, name: NO_NAME, value: r.value as number, share: 0 }))
      .sort((a, b) => b.value - a.value || a.product.localeCompare(b.product));
    const tot = rows.reduce((sum, r) => sum + r.value, 0);
    for (const r of rows) r.share = tot ? r.value / tot : 0;
    return rows;
  };
  const editions = s.provenance.classifications;
  const [exports, imports] = await Promise.all([
    productRows({ ...s.last, side: 'export' }),
    productRows({ ...s.last, side: 'import' }),
  ]);
  const [topExports = [], topImports = []] = await named(store, [exports.slice(0, s.top), imports.slice(0, s.top)], editions);
  return { exports, imports, topExports, topImports };
}

/** Trade with partners not named (last year): the total less the named partners, or null when none. */
function unnamedPartners(total: Num | undefined, named: PartnerRow[]): Num {
  if (total === null || total === undefined) return null;
  const rest = total - named.reduce((sum, r) => sum + r.value, 0);
  return rest > Math.abs(total) * 1e-9 + 1e-6 ? rest : null;
}

/** A note per side whose total holds trade with areas not specified. */
function areasNotes(areas: { exports: Num; imports: Num }, lastTotals: { exports: Num; imports: Num } | undefined, year: number): string[] {
  return (['exports', 'imports'] as const).flatMap((side) => {
    const v = areas[side];
    const total = lastTotals?.[side];
    return v !== null && total
      ? [
          `${side} ${year}: areas not specified US$${Math.round(v).toLocaleString('en-US')} (${((100 * v) / total).toFixed(1)}% of the total) are in the total; partner shares are over the named partners`,
        ]
      : [];
  });
}

/**
 * Concentration (last year), from the full partner and product lists: the same sums as the
 * hhi-partners / hhi-products indicators (HH = Σ s² over positive shares). Partner shares are taken
 * over the partners listed: with a country group (`group=`) the list holds its members only, whose
 * shares of all trade add up to less than 1 (five members at 1 % each gave HH 0.0005, "≈ 2,000
 * partners", and a negative normalised HH); without a group this is the partner-share indicator's
 * own share.
 */
function concentration(partnersAll: PartnerRow[], productsAll: ProductRow[]): ProfileConcentration | null {
  if (partnersAll.length === 0 && productsAll.length === 0) return null;
  const listed = partnersAll.reduce((sum, r) => sum + Math.max(0, r.value), 0);
  const a = herfindahl(partnersAll.map((r) => (listed > 0 ? r.value / listed : r.share)));
  const b = herfindahl(productsAll.map((r) => r.share));
  return {
    hhi_partners: a.h,
    hhi_partners_normalised: a.norm,
    equivalent_partners: a.eq,
    markets: partnersAll.length ? a.n : null,
    hhi_products: b.h,
    hhi_products_normalised: b.norm,
    equivalent_products: b.eq,
  };
}

/** Herfindahl–Hirschman sum over the positive shares, normalised, and its equivalent number. */
function herfindahl(shares: number[]): { h: Num; norm: Num; eq: Num; n: number } {
  const pos = shares.filter((x) => x > 0);
  if (pos.length === 0) return { h: null, norm: null, eq: null, n: 0 };
  const h = pos.reduce((sum, x) => sum + x * x, 0);
  return { h, norm: pos.length > 1 ? (h - 1 / pos.length) / (1 - 1 / pos.length) : null, eq: 1 / h, n: pos.length };
}

/** Growth of exports and imports: one year, CAGR and trend over the span. */
async function growthBothSides(store: Store, s: ProfileScope): Promise<{ exports: ProfileGrowth; imports: ProfileGrowth }> {
  const [exports, imports] = await Promise.all([growthOf(store, s, s.exp), growthOf(store, s, s.imp)]);
  return { exports, imports };
}

async function growthOf(store: Store, s: ProfileScope, side: Scope): Promise<ProfileGrowth> {
  const { from, to } = s;
  const span = to > from;
  // No query when the year before has no data: the growth is then unknown (null).
  const [yoy, cagr, trend] = await Promise.all([
    s.dataYears.includes(to - 1)
      ? queryIndicator<Row>(store, 'yoy-growth', { ...side, from: to, to }).then((rows) => rows.find((r) => r.year === to))
      : undefined,
    span ? queryIndicator<Row>(store, 'cagr', side).then((rows) => rows[0]) : undefined,
    span ? queryIndicator<Row>(store, 'trend-growth', { ...side, minYears: 3 }).then((rows) => rows[0]) : undefined,
  ]);
  return { yoy: n(yoy?.value), cagr: n(cagr?.value), trend: n(trend?.value) };
}

/**
 * The sections as the dashboard draws them: the last year's headline, the trend, domains with their
 * share of exports, and each partner and product with both sides in one row. A partner or product
 * in one side's top list only has the other side's value from that side's full list (`all`; a
 * partner 12th among suppliers still shows what it supplied), null ("no data") only where that side
 * has none, never 0; trade with partners not named is its own row, in the totals and outside the
 * shares.
 */
function withDashboardView(
  p: Sections,
  all?: { partners: { exports: PartnerRow[]; imports: PartnerRow[] }; products: { exports: ProductRow[]; imports: ProductRow[] } },
): CountryProfileData {
  const year = p.to;
  const t = p.totals.rows.find((r) => r.year === year);
  const ws = p.worldShare.rows.find((r) => r.year === year);
  const partners = new Map<string, CountryProfileData['partners'][number]>();
  const valueIn = <R extends { value: number }>(rows: readonly R[] | undefined, key: (r: R) => string) => {
    const m = new Map((rows ?? []).map((r) => [key(r), r.value]));
    return (k: string) => m.get(k) ?? null;
  };
  const partnerX = valueIn(all?.partners.exports, (r) => r.partner);
  const partnerM = valueIn(all?.partners.imports, (r) => r.partner);
  for (const r of p.topPartners.exports)
    partners.set(r.partner, { partner: r.partner, name_en: r.name.en, name_zh: r.name.zh, exports: r.value, imports: partnerM(r.partner), share: r.share });
  for (const r of p.topPartners.imports) {
    const x = partners.get(r.partner) ?? { partner: r.partner, name_en: r.name.en, name_zh: r.name.zh, exports: partnerX(r.partner), imports: null, share: null };
    x.imports = r.value;
    partners.set(r.partner, x);
  }
  const { exports: ax, imports: am } = p.topPartners.areas;
  if (ax !== null || am !== null)
    partners.set(AREAS.code, { partner: AREAS.code, name_en: AREAS.name.en, name_zh: AREAS.name.zh, exports: ax, imports: am, share: null });
  const products = new Map<string, CountryProfileData['products'][number]>();
  const productX = valueIn(all?.products.exports, (r) => r.product);
  const productM = valueIn(all?.products.imports, (r) => r.product);
  for (const r of p.topProducts.exports)
    products.set(r.product, { product: r.product, name_en: r.name.en, name_zh: r.name.zh, exports: r.value, imports: productM(r.product), share: r.share });
  for (const r of p.topProducts.imports) {
    const x = products.get(r.product) ?? { product: r.product, name_en: r.name.en, name_zh: r.name.zh, exports: productX(r.product), imports: null, share: null };
    x.imports = r.value;
    products.set(r.product, x);
  }
  const domRows = p.byDomain?.rows ?? [];
  const domTotal = domRows.reduce((s, r) => s + (r.exports > 0 ? r.exports : 0), 0);
  return {
    country: p.country,
    trade: p.provenance.trade,
    basket: p.scope.basket,
    domain: p.scope.domain,
    from: p.from,
    to: p.to,
    year,
    scope: p.scope,
    perspective: [p.provenance.perspective, p.provenance.view].filter(Boolean).join(' · '),
    headline: {
      year,
      exports: t?.exports ?? null,
      imports: t?.imports ?? null,
      balance: t?.balance ?? null,
      worldShare: ws?.exports_share ?? null,
      worldRank: ws?.exports_rank ?? null,
      exportGrowth: p.growth.exports.yoy,
      exportCagr: p.growth.exports.cagr,
      partners: p.concentration.exports?.markets ?? null,
    },
    trend: p.totals.rows.map((r) => ({ year: r.year, exports: r.exports, imports: r.imports, balance: r.balance })),
    domains: domRows.map((r) => ({ domain: r.domain, label_en: r.label.en, label_zh: r.label.zh, exports: r.exports, imports: r.imports, share: domTotal ? r.exports / domTotal : null })),
    partnerDetail: p.provenance.partnerDetail,
    partners: [...partners.values()],
    products: [...products.values()],
    rca: domRows.map((r) => ({ domain: r.domain, label_en: r.label.en, label_zh: r.label.zh, rca: r.rca })),
    totals: p.totals,
    sources: p.sources,
    worldShare: p.worldShare,
    byDomain: p.byDomain,
    topPartners: p.topPartners,
    topProducts: p.topProducts,
    concentration: p.concentration,
    growth: p.growth,
    provenance: p.provenance,
    notes: p.notes,
    empty: p.empty,
  };
}

/** What the profile reads, in one line: scope, perspective (view), HS level or services, and the notes. */
export function countryProfileNote(p: CountryProfileData): string {
  const { perspective, view, trade, level } = p.provenance;
  return [p.scope.label, `${perspective}${view ? ` (${view} view)` : ''}`, trade === 'services' ? 'services (EBOPS 2010)' : `HS level ${level}`, ...p.notes].join(' · ');
}

/** The profile as long rows (section, year, key, measure, value) for CSV/NDJSON/Parquet output. */
export function countryProfileRows(p: CountryProfileData): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const runs = p.provenance.runs.map((r) => r.id).join(' ');
  const push = (section: string, year: number | null, key: string, measures: object) => {
    for (const [measure, value] of Object.entries(measures)) {
      if (measure === 'year') continue;
      if (typeof value === 'number' || value === null) out.push({ section, year, key, measure, value, runs });
    }
  };
  for (const r of p.totals.rows) push('totals', r.year, p.country.iso3, r);
  for (const r of p.worldShare.rows) push('world-share', r.year, p.country.iso3, r);
  for (const r of p.byDomain?.rows ?? []) push('domain', p.to, r.domain, r);
  for (const side of ['exports', 'imports'] as const) {
    for (const r of p.topPartners[side]) push(`top-partners-${side}`, p.to, r.partner, r);
    if (p.topPartners.areas[side] !== null)
      push(`top-partners-${side}`, p.to, AREAS.code, { value: p.topPartners.areas[side] });
    for (const r of p.topProducts[side]) push(`top-products-${side}`, p.to, r.product, r);
    const c = p.concentration[side];
    if (c) push(`concentration-${side}`, p.to, p.country.iso3, c);
    push(`growth-${side}`, p.to, p.country.iso3, p.growth[side]);
  }
  return out;
}

const NO_NAME = { en: null, zh: null };

/** How the partners' "areas not specified" row is written (CLI, CSV, API). */
export const AREAS = { code: 'areas', name: { en: 'areas not specified', zh: '未指明地区' } } as const;

/** Lists of product rows with their names, in the edition of the data (one look-up for all of them). */
async function named(store: Store, lists: ProductRow[][], editions: readonly string[]): Promise<ProductRow[][]> {
  const name = await productNames(store, lists.flat().map((r) => r.product), editions);
  return lists.map((rows) => rows.map((r) => ({ ...r, name: { en: name(r.product).en, zh: name(r.product).zh } })));
}

/** The country profile as the CLI (`lantern profile country`) and the API (`/profiles/country/{iso3}`) run it. */
export const countryProfileModel = readModel({
  id: 'country-profile',
  summary: 'Country profile: totals and balance by year, domains, partners, products, world share and rank, RCA, concentration, growth',
  params: countryProfileParams,
  years: { span: defaultSpans.countryProfile, field: 'years' },
  run: countryProfile,
  rows: countryProfileRows,
  provenance: (p) => ({ runs: p.provenance.runs.map((r) => r.id), note: countryProfileNote(p), flowSources: p.sources, world: p.provenance.world }),
  tables: (p) => ({ rows: countryProfileRows(p), trend: p.trend, partners: p.partners, products: p.products, domains: p.domains }),
});
