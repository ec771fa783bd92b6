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
import { type Scope, scopeSchema } from '../indicators/params.ts';
import { parseParams } from '../indicators/types.ts';
import { domainLabel } from '../reference/baskets.ts';
import { countryName } from '../reference/countries.ts';
import type { Store } from '../store/db.ts';
import { dataShape, iso3Schema, parseProductSelector, topSchema, yearsSchema } from './common.ts';
import { prepareScope, queryIndicator } from './indicator.ts';
import type { Provenance } from './resolve.ts';

export const countryProfileParams = z.object({
  country: iso3Schema.describe('the country (ISO alpha-3)'),
  years: yearsSchema.describe('a year or a span, e.g. 2015-2023'),
  basket: z.string().optional().describe('basket[:domain], e.g. unesco-fcs-2009 (default: all products)'),
  product: z.string().optional().describe('an HS code instead of a basket'),
  top: topSchema,
  ...dataShape,
});
export type CountryProfileParams = z.input<typeof countryProfileParams>;

type Num = number | null;
type Row = Record<string, unknown>;

export interface CountryProfile {
  country: { iso3: string; name: { en: string; zh: string } };
  years: { from: number; to: number };
  scope: { basket: string | null; domain: string | null; product: string | null; label: string };
  provenance: Provenance;
  notes: string[];
  totals: { runs: number[]; rows: { year: number; exports: number; imports: number; balance: number; relative_balance: Num }[] };
  worldShare: { runs: number[]; rows: { year: number; exports_share: Num; exports_rank: Num; imports_share: Num; imports_rank: Num; countries: Num }[] };
  byDomain: {
    runs: number[];
    year: number;
    rows: {
      domain: string;
      label: { en: string; zh: string };
      exports: number;
      imports: number;
      balance: number;
      world_share: Num;
      world_rank: Num;
      rca: Num;
    }[];
  } | null;
  topPartners: { runs: number[]; year: number; exports: PartnerRow[]; imports: PartnerRow[] };
  topProducts: { runs: number[]; year: number; exports: ProductRow[]; imports: ProductRow[] };
  concentration: {
    runs: number[];
    year: number;
    exports: Concentration | null;
    imports: Concentration | null;
  };
  growth: {
    runs: number[];
    exports: Growth;
    imports: Growth;
  };
}

export interface PartnerRow {
  partner: string;
  name: { en: string; zh: string };
  value: number;
  share: number;
  rank: number;
}
export interface ProductRow {
  product: string;
  value: number;
  share: number;
}
export interface Concentration {
  hhi_partners: Num;
  hhi_partners_normalised: Num;
  equivalent_partners: Num;
  markets: Num;
  hhi_products: Num;
  hhi_products_normalised: Num;
  equivalent_products: Num;
}
export interface Growth {
  /** Growth in the last year over the one before. */
  yoy: Num;
  /** End-point CAGR over the span (null for a single year). */
  cagr: Num;
  /** Log-linear trend growth over the span (null with fewer than 3 years). */
  trend: Num;
}

const n = (v: unknown): Num => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export async function countryProfile(store: Store, input: CountryProfileParams): Promise<CountryProfile> {
  const q = parseParams(countryProfileParams, input, 'country profile');
  const sel = parseProductSelector(q.basket ?? q.product);
  const raw: Record<string, unknown> = {
    country: [q.country],
    from: q.years.from,
    to: q.years.to,
    ...sel,
    runs: q.runs,
    source: q.source,
    perspective: q.perspective,
    view: q.view,
    level: q.level,
  };
  const base = parseParams(
    scopeSchema,
    Object.fromEntries(Object.entries(raw).filter(([k, v]) => v !== undefined && k !== 'source')),
    'country profile',
  );
  const { params, provenance, notes } = await prepareScope(store, 'yoy-growth', raw, base, ['reconciled', 'reported'], 'country profile');
  const iso3 = params.country![0]!;
  const runs = provenance.runs.map((r) => r.id);
  const { from, to } = q.years;
  const last: Scope = { ...params, from: to, to };
  const exp: Scope = { ...params, side: 'export' };
  const imp: Scope = { ...params, side: 'import' };

  // Totals and balance by year.
  const bal = await queryIndicator<Row>(store, 'relative-trade-balance', params);
  const totals = bal
    .filter((r) => (r.year as number) >= from)
    .map((r) => ({
      year: r.year as number,
      exports: r.exports as number,
      imports: r.imports as number,
      balance: (r.exports as number) - (r.imports as number),
      relative_balance: n(r.value),
    }));

  // World share and rank by year, both sides.
  const wsX = await queryIndicator<Row>(store, 'world-share', { ...exp, country: undefined });
  const wsM = await queryIndicator<Row>(store, 'world-share', { ...imp, country: undefined });
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  const pick = (rows: Row[], y: number) => rows.find((r) => r.year === y && r.country === iso3);
  const worldShare = years
    .filter((y) => wsX.some((r) => r.year === y) || wsM.some((r) => r.year === y))
    .map((y) => {
      const x = pick(wsX, y);
      const m = pick(wsM, y);
      return {
        year: y,
        exports_share: n(x?.value) ?? (wsX.some((r) => r.year === y) ? 0 : null),
        exports_rank: n(x?.rank),
        imports_share: n(m?.value) ?? (wsM.some((r) => r.year === y) ? 0 : null),
        imports_rank: n(m?.rank),
        countries: n(wsX.find((r) => r.year === y)?.countries),
      };
    });

  // By domain (last year): balance, world share and rank, RCA.
  let byDomain: CountryProfile['byDomain'] = null;
  if (params.basket) {
    const dom: Scope = { ...last, by: 'domain' };
    const b = await queryIndicator<Row>(store, 'balance', dom);
    const w = await queryIndicator<Row>(store, 'world-share', { ...dom, side: 'export', country: undefined });
    const r = await queryIndicator<Row>(store, 'rca', { ...dom, side: 'export' });
    byDomain = {
      runs,
      year: to,
      rows: b
        .map((row) => {
          const d = row.product as string;
          const ws = w.find((x) => x.product === d && x.country === iso3);
          return {
            domain: d,
            label: { en: domainLabel(d, 'en'), zh: domainLabel(d, 'zh') },
            exports: row.exports as number,
            imports: row.imports as number,
            balance: (row.exports as number) - (row.imports as number),
            world_share: n(ws?.value) ?? 0,
            world_rank: n(ws?.rank),
            rca: n(r.find((x) => x.product === d)?.value) ?? 0,
          };
        })
        .sort((a, b2) => b2.exports - a.exports || a.domain.localeCompare(b2.domain)),
    };
  }

  // Top partners and products (last year).
  const partners = async (s: Scope) =>
    (await queryIndicator<Row>(store, 'partner-share', s)).slice(0, q.top).map((r) => ({
      partner: r.partner as string,
      name: { en: countryName(r.partner as string, 'en'), zh: countryName(r.partner as string, 'zh') },
      value: r.numerator as number,
      share: r.value as number,
      rank: r.rank as number,
    }));
  const products = async (s: Scope) =>
    (await queryIndicator<Row>(store, 'product-share', { ...s, by: 'product' }))
      .map((r) => ({ product: r.product as string, value: r.numerator as number, share: r.numerator as number }))
      .sort((a, b) => b.value - a.value || a.product.localeCompare(b.product))
      .slice(0, q.top);
  const topX = await products({ ...last, side: 'export' });
  const topM = await products({ ...last, side: 'import' });
  const totX = totals.find((t) => t.year === to)?.exports ?? 0;
  const totM = totals.find((t) => t.year === to)?.imports ?? 0;
  for (const r of topX) r.share = totX ? r.value / totX : 0;
  for (const r of topM) r.share = totM ? r.value / totM : 0;

  // Concentration (last year).
  const conc = async (s: Scope): Promise<Concentration | null> => {
    const hp = (await queryIndicator<Row>(store, 'hhi-partners', s))[0];
    if (!hp) return null;
    const hk = (await queryIndicator<Row>(store, 'hhi-products', s))[0];
    return {
      hhi_partners: n(hp.hh),
      hhi_partners_normalised: n(hp.hh_norm),
      equivalent_partners: n(hp.equivalent),
      markets: n(hp.n),
      hhi_products: n(hk?.hh),
      hhi_products_normalised: n(hk?.hh_norm),
      equivalent_products: n(hk?.equivalent),
    };
  };

  // Growth of exports and imports.
  const growth = async (s: Scope): Promise<Growth> => {
    const yoy = (await queryIndicator<Row>(store, 'yoy-growth', { ...s, from: to, to })).find((r) => r.year === to);
    const span = to > from;
    const c = span ? (await queryIndicator<Row>(store, 'cagr', s))[0] : undefined;
    const t = span ? (await queryIndicator<Row>(store, 'trend-growth', { ...s, minYears: 3 }))[0] : undefined;
    return { yoy: n(yoy?.value), cagr: n(c?.value), trend: n(t?.value) };
  };

  return {
    country: { iso3, name: { en: countryName(iso3, 'en'), zh: countryName(iso3, 'zh') } },
    years: { from, to },
    scope: {
      basket: params.basket ?? null,
      domain: params.domain ?? null,
      product: params.product ?? null,
      label: params.basket ? (params.domain ? `${params.basket}:${params.domain}` : params.basket) : params.product ? `HS ${params.product}` : 'all products',
    },
    provenance,
    notes,
    totals: { runs, rows: totals },
    worldShare: { runs, rows: worldShare },
    byDomain,
    topPartners: { runs, year: to, exports: await partners({ ...last, side: 'export' }), imports: await partners({ ...last, side: 'import' }) },
    topProducts: { runs, year: to, exports: topX, imports: topM },
    concentration: { runs, year: to, exports: await conc({ ...last, side: 'export' }), imports: await conc({ ...last, side: 'import' }) },
    growth: { runs, exports: await growth(exp), imports: await growth(imp) },
  };
}

/** The profile as long rows (section, year, key, measure, value) for CSV/NDJSON/Parquet output. */
export function countryProfileRows(p: CountryProfile): Record<string, unknown>[] {
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
  for (const r of p.byDomain?.rows ?? []) push('domain', p.years.to, r.domain, r);
  for (const side of ['exports', 'imports'] as const) {
    for (const r of p.topPartners[side]) push(`top-partners-${side}`, p.years.to, r.partner, r);
    for (const r of p.topProducts[side]) push(`top-products-${side}`, p.years.to, r.product, r);
    const c = p.concentration[side];
    if (c) push(`concentration-${side}`, p.years.to, p.country.iso3, c);
    push(`growth-${side}`, p.years.to, p.country.iso3, p.growth[side]);
  }
  return out;
}
