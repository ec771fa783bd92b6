/**
 * Bilateral: trade between two countries by year and product (or basket domain), both directions,
 * with the balance, and — for the last year — trade complementarity and intensity both ways. For
 * reported data the mirror discrepancy of each direction is added.
 *
 * @example
 *   const b = await bilateral(store, { a: 'CHN', b: 'USA', years: '2015-2023', basket: 'unesco-fcs-2009' });
 */
import { z } from 'zod';
import type { BilateralData, FlowSourceBadge } from '../contract.ts';
import { bySchema, parseParams, type Scope, scopeSchema } from '../indicators/index.ts';
import { countryName, domainLabel, productNames } from '../reference/index.ts';
import type { Store } from '../store/index.ts';
import { dataShape, iso3Schema, parseProductSelector, scopeLabel, yearsSchema } from './common.ts';
import { pairSources, sourceNotes } from './flow-sources.ts';
import { prepareScope, queryIndicator, stripUndefined } from './indicator.ts';
import type { Provenance } from './resolve.ts';
import { readModel } from './read-model.ts';
import { defaultSpans } from './scope.ts';

export const bilateralParams = z.object({
  a: iso3Schema.describe('first country'),
  b: iso3Schema.describe('second country'),
  years: yearsSchema.describe('a year or a span'),
  basket: z.string().optional().describe('basket[:domain] or an HS code (default: all products)'),
  by: bySchema.optional().describe('total | domain | product (default: domain with a basket, else product)'),
  ...dataShape,
});
export type BilateralParams = z.input<typeof bilateralParams>;

type Row = Record<string, unknown>;
type Num = number | null;

/**
 * Kept whole: a read model's steps on one resolved scope: both directions' queries, then the wire
 * type built from their rows.
 */
export async function bilateral(store: Store, input: BilateralParams): Promise<BilateralData> {
  const q = parseParams(bilateralParams, input, 'bilateral');
  const sel = parseProductSelector(q.basket);
  const by = q.by ?? ('basket' in sel ? 'domain' : 'product');
  const rawScope = stripUndefined({
    country: [q.a],
    partner: [q.b],
    from: q.years.from,
    to: q.years.to,
    ...sel,
    by,
    runs: q.runs,
    source: q.source,
    perspective: q.perspective,
    view: q.view,
    flow: q.flow,
    level: q.level,
    trade: q.trade,
  });
  const parsed = parseParams(
    scopeSchema,
    Object.fromEntries(Object.entries(rawScope).filter(([k]) => k !== 'source')),
    'bilateral',
  );
  const { params, provenance, notes } = await prepareScope(
    store,
    'value',
    rawScope,
    parsed,
    ['reconciled', 'reported'],
    'bilateral',
  );
  const [a, b] = [params.country![0]!, params.partner![0]!];
  const ab: Scope = { ...params, country: [a], partner: [b], side: 'export' };
  const ba: Scope = { ...params, country: [b], partner: [a], side: 'export' };
  const vab = await queryIndicator<Row>(store, 'value', ab);
  const vba = await queryIndicator<Row>(store, 'value', ba);
  const key = (r: Row) => `${r.year}|${r.product}`;
  const prod = new Map<string, { year: number; product: string; a_to_b: number; b_to_a: number }>();
  for (const r of vab)
    prod.set(key(r), {
      year: r.year as number,
      product: r.product as string,
      a_to_b: r.value as number,
      b_to_a: 0,
    });
  for (const r of vba) {
    const e = prod.get(key(r)) ?? {
      year: r.year as number,
      product: r.product as string,
      a_to_b: 0,
      b_to_a: 0,
    };
    e.b_to_a = r.value as number;
    prod.set(key(r), e);
  }
  const sources = await pairSources(store, params, a, b, q.years);
  notes.push(...sourceNotes(sources));
  const known = (x: string, y: number) => sources.find((l) => l.country === x && l.year === y)?.source !== 'none';
  const sorted = [...prod.values()].sort(
    (x, y) =>
      x.year - y.year || y.a_to_b + y.b_to_a - (x.a_to_b + x.b_to_a) || x.product.localeCompare(y.product),
  );
  const name = await productNames(store, sorted.map((p) => p.product), provenance.classifications);
  // An HS code by its nomenclature name; a basket domain (rows grouped by domain) by its label.
  const isCode = (product: string) => /^\d+$/.test(product);
  const products = sorted.map(({ year, product, a_to_b, b_to_a }) => ({
    year,
    product,
    name_en: isCode(product) ? name(product).en : domainLabel(product, 'en'),
    name_zh: isCode(product) ? name(product).zh : domainLabel(product, 'zh'),
    a_to_b,
    b_to_a,
  }));
  const series: BilateralData['trend'] = [];
  for (let y = q.years.from; y <= q.years.to; y++) {
    const ps = products.filter((p) => p.year === y);
    if (!ps.length) continue;
    const x = known(a, y) ? ps.reduce((s, p) => s + p.a_to_b, 0) : null;
    const m = known(b, y) ? ps.reduce((s, p) => s + p.b_to_a, 0) : null;
    series.push({ year: y, a_to_b: x, b_to_a: m, balance: x !== null && m !== null ? x - m : null });
  }
  const shown: BilateralData['products'] = products.map((p) => ({
    ...p,
    a_to_b: known(a, p.year) ? p.a_to_b : null,
    b_to_a: known(b, p.year) ? p.b_to_a : null,
  }));
  const to = q.years.to;
  const total: Scope = { ...params, from: to, to, by: 'total' };
  const val = (rows: Row[]) => (typeof rows[0]?.value === 'number' ? (rows[0].value as number) : null);
  const fit = {
    year: to,
    complementarity_a_b: val(
      await queryIndicator<Row>(store, 'complementarity', { ...total, country: [a], partner: [b] }),
    ),
    complementarity_b_a: val(
      await queryIndicator<Row>(store, 'complementarity', { ...total, country: [b], partner: [a] }),
    ),
    intensity_a_b: val(
      await queryIndicator<Row>(store, 'intensity', { ...total, country: [a], partner: [b] }),
    ),
    intensity_b_a: val(
      await queryIndicator<Row>(store, 'intensity', { ...total, country: [b], partner: [a] }),
    ),
  };
  let mirror: BilateralData['mirror'] = null;
  if (provenance.perspective === 'reported') {
    const dab = await queryIndicator<Row>(store, 'discrepancy', {
      ...params,
      by: 'total',
      country: [a],
      partner: [b],
    });
    const dba = await queryIndicator<Row>(store, 'discrepancy', {
      ...params,
      by: 'total',
      country: [b],
      partner: [a],
    });
    mirror = series.map((s) => ({
      year: s.year,
      discrepancy_a_b: (dab.find((r) => r.year === s.year)?.value as number | undefined) ?? null,
      discrepancy_b_a: (dba.find((r) => r.year === s.year)?.value as number | undefined) ?? null,
    }));
  }
  const label = scopeLabel(sel, provenance.trade);
  return {
    a: { iso3: a, nameEn: countryName(a, 'en'), nameZh: countryName(a, 'zh') },
    b: { iso3: b, nameEn: countryName(b, 'en'), nameZh: countryName(b, 'zh') },
    from: q.years.from,
    to: q.years.to,
    scope: { label, by },
    trend: series,
    products: shown,
    fit,
    mirror,
    sources,
    runs: provenance.runs.map((r) => r.id),
    provenance,
    notes,
    empty: series.length
      ? null
      : `No trade between ${a} and ${b} in ${label} in ${q.years.from}–${q.years.to} in the data${
          sources.every((l) => l.source === 'none') ? ` (${sources.map((l) => l.reason).filter(Boolean)[0]})` : ''
        }.`,
  };
}

/** Rows for CSV/NDJSON/Parquet: one per (year, product) with both directions. */
export function bilateralRows(r: BilateralData): Record<string, unknown>[] {
  return r.products.map((p) => ({ a: r.a.iso3, b: r.b.iso3, ...p, runs: r.runs.join(' ') }));
}

/** Bilateral trade as the CLI (`lantern bilateral A B`) and the API (`/bilateral/{a}/{b}`) run it. */
export const bilateralModel = readModel({
  id: 'bilateral',
  summary: 'Bilateral: flows between two countries by year and product group, fit indicators',
  params: bilateralParams,
  years: { span: defaultSpans.bilateral, field: 'years' },
  run: bilateral,
  rows: bilateralRows,
  provenance: (r) => ({ runs: r.runs, note: [r.scope.label, r.provenance.perspective, ...r.notes].join(' · '), flowSources: r.sources }),
  tables: (r) => ({ rows: bilateralRows(r), trend: r.trend, products: r.products }),
});
