/**
 * Concentration: Herfindahl–Hirschman over partners (market concentration) or over products, with the
 * normalised index and the equivalent number; and the number of markets. INDICATORS.md §3.5.
 *
 * Only counterparts (or products) with a positive value count. The normalised index is undefined for
 * a single counterpart (N = 1) and is then NULL; the raw index is 1.
 */
import { z } from 'zod';
import { type Dialect, raw, type Sql, sql } from '../store/index.ts';
import { inFilter, sideFlows } from './base.ts';
import { type Scope, scopeYears, withScope } from './params.ts';
import { defineIndicator } from './types.ts';

const measureSchema = z
  .enum(['raw', 'normalised', 'equivalent'])
  .default('raw')
  .describe('raw HH, normalised HH* = (HH − 1/N)/(1 − 1/N), or equivalent number 1/HH');

export const hhiParams = withScope({ measure: measureSchema });
type HhiParams = Scope & { measure: 'raw' | 'normalised' | 'equivalent' };

function hhi(p: HhiParams, over: 'cpt' | 'product', d: Dialect): Sql {
  const f = sideFlows(p, p.side, { products: true, ...scopeYears(p) }, d);
  const pick = raw(over);
  const value = { raw: 'hh', normalised: 'hh_norm', equivalent: 'equivalent' }[p.measure];
  // Totals by a join to a grouped subquery, not a window: ClickHouse 18.16 has no OVER (…).
  return sql`
    with unit_values as (
      select year, subj, grp, ${pick} as unit_key, sum(v) as v
      from (${f}) f
      where ${inFilter('subj', p.country)} and ${inFilter('cpt', p.partner)}
      group by year, subj, grp, ${pick}
    ),
    positive_units as (
      select uv.year as year, uv.subj as subj, uv.grp as grp, uv.v as v, totals.tv as tv
      from unit_values uv
      join (
        select year, subj, grp, sum(v) as tv from unit_values where v > 0 group by year, subj, grp
      ) totals on totals.year = uv.year and totals.subj = uv.subj and totals.grp = uv.grp
      where uv.v > 0
    ),
    herfindahl as (
      select year, subj, grp, sum((v / tv) * (v / tv)) as hh, count(*) as n
      from positive_units
      group by year, subj, grp
    ),
    measures as (
      select year, subj, grp, hh, n,
             case when n > 1 then (hh - 1.0 / n) / (1 - 1.0 / n) end as hh_norm,
             ${raw(d.fn.safeDiv('1', 'hh'))} as equivalent
      from herfindahl
    )
    select year, subj as country, grp as product, ${raw(value)} as value, hh, hh_norm, equivalent, n
    from measures
    order by year, country, product`;
}

const hhiColumns = [
  { key: 'value', unit: 'index', description: 'the chosen measure' },
  { key: 'hh', unit: 'index', description: 'HH = Σ s²' },
  { key: 'hh_norm', unit: 'index', description: 'HH* = (HH − 1/N)/(1 − 1/N)' },
  { key: 'equivalent', unit: 'count', description: '1/HH' },
  { key: 'n', unit: 'count', description: 'N with a positive value' },
] as const;

export const hhiPartners = defineIndicator({
  id: 'hhi-partners',
  label: { en: 'Market concentration (HHI over partners)', zh: '市场集中度（按伙伴国的赫芬达尔指数）' },
  unit: 'index',
  description: {
    en: "Herfindahl–Hirschman index of the partner shares in a country's exports (or imports): near 1 concentrated, near 0 diversified.",
    zh: '一国出口（或进口）伙伴国份额的赫芬达尔—赫希曼指数：接近 1 为集中，接近 0 为分散。',
  },
  formula:
    'HH_i = \\sum_j s_{ij}^2,\\; s_{ij} = X_{ij}/X_{i\\cdot};\\; HH^{*} = \\frac{HH - 1/N}{1 - 1/N};\\; N_{eq} = 1/HH',
  source: 'docs/indicators/hhi-partners.md',
  params: hhiParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: hhiColumns,
  example: { country: ['CHN'], from: 2021, basket: 'unesco-fcs-2009', measure: 'normalised' },
  build: (p, d) => hhi(p, 'cpt', d),
});

export const hhiProducts = defineIndicator({
  id: 'hhi-products',
  label: { en: 'Product concentration (HHI over products)', zh: '产品集中度（按产品的赫芬达尔指数）' },
  unit: 'index',
  description: {
    en: "Herfindahl–Hirschman index of the product shares (HS codes at the chosen level) in a country's exports (or imports) of a group.",
    zh: '一国某类产品出口（或进口）中各 HS 产品份额的赫芬达尔—赫希曼指数。',
  },
  formula:
    'HH_i = \\sum_k s_{ik}^2,\\; s_{ik} = X_{ik}/X_{i\\cdot};\\; HH^{*} = \\frac{HH - 1/N}{1 - 1/N};\\; N_{eq} = 1/HH',
  source: 'docs/indicators/hhi-products.md',
  params: hhiParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: hhiColumns,
  example: { country: ['CHN'], from: 2021, basket: 'unesco-fcs-2009', by: 'domain' },
  build: (p, d) => hhi(p, 'product', d),
});

export const marketsParams = withScope({});

export const markets = defineIndicator({
  id: 'markets',
  label: { en: 'Number of markets', zh: '市场数量' },
  unit: 'count',
  description: {
    en: 'Number of partner countries a country exports to (side=import: buys from) with a positive value.',
    zh: '一国有正出口额的目的国数量（side=import 时为进口来源国数量）。',
  },
  formula: 'N_i = \\#\\{j : X_{ij} > 0\\}',
  source: 'docs/indicators/markets.md',
  params: marketsParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [{ key: 'value', unit: 'count', description: 'partners with a positive value' }],
  example: { country: ['CHN'], from: 2021, basket: 'unesco-fcs-2009', by: 'domain' },
  build(p, d) {
    const f = sideFlows(p, p.side, { products: true, ...scopeYears(p) }, d);
    return sql`select year, subj as country, grp as product, count(distinct cpt) as value from (${f}) f where v > 0 and ${inFilter('subj', p.country)} and ${inFilter('cpt', p.partner)} group by year, subj, grp order by year, country, product`;
  },
});
