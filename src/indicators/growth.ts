/**
 * Growth of a country's trade value: year-on-year, compound annual (end points) and trend (log-linear
 * least squares over the window, robust to noisy end points). INDICATORS.md §3.1 asks for both CAGR
 * and trend growth, labelled, because reference systems differ on which one "annual growth" means.
 */
import { z } from 'zod';
import { type Dialect, raw, type Sql, sql } from '../store/index.ts';
import { div, inFilter, sideFlows } from './base.ts';
import { type Scope, withScope } from './params.ts';
import { defineIndicator } from './types.ts';

/** Yearly values of each (country, product group) between two years. */
function yearly(p: Scope, from: number, to: number, d: Dialect): Sql {
  const f = sideFlows(p, p.side, { products: true, totals: true, from, to }, d);
  return sql`select year, subj, grp, sum(v) as v from (${f}) f where ${inFilter('subj', p.country)} and ${inFilter('cpt', p.partner)} group by year, subj, grp`;
}

export const yoyParams = withScope({});

export const yoyGrowth = defineIndicator({
  id: 'yoy-growth',
  label: { en: 'Year-on-year growth', zh: '同比增长率' },
  unit: 'ratio',
  description: {
    en: 'Growth of trade value over the previous year (0.079 = +7.9%).',
    zh: '贸易额相对上一年的增长（0.079 即 +7.9%）。',
  },
  formula: 'g^{t} = V^{t} / V^{t-1} - 1',
  source: 'docs/indicators/yoy-growth.md',
  params: yoyParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [
    { key: 'value', unit: 'ratio', description: 'V(t) / V(t−1) − 1' },
    { key: 'current', unit: 'usd', description: 'V(t)' },
    { key: 'previous', unit: 'usd', description: 'V(t−1)' },
  ],
  example: { country: ['CHN'], from: 2019, to: 2021, basket: 'unesco-fcs-2009' },
  build(p, d) {
    const to = p.to ?? p.from;
    const v = yearly(p, p.from - 1, to, d);
    return sql`with yv as (${v}) select c.year as year, c.subj as country, c.grp as product, ${div(d, 'c.v', 'pv.v')} - 1 as value, c.v as current, pv.v as previous from yv c left join yv pv on pv.subj = c.subj and pv.grp = c.grp and cast(c.year - 1 as integer) = cast(pv.year as integer) where c.year >= ${p.from} order by year, country, product`;
  },
});

export const cagrParams = withScope({}).refine((p) => p.to !== undefined && p.to > p.from, {
  message: 'CAGR needs a span: give --years FROM-TO with TO after FROM',
  path: ['to'],
});

export const cagr = defineIndicator({
  id: 'cagr',
  label: { en: 'Compound annual growth rate', zh: '年均复合增长率' },
  unit: 'per-year',
  description: {
    en: 'End-point compound annual growth between the first and the last year of the span.',
    zh: '首末两年之间的年均复合增长率（端点法）。',
  },
  formula: '\\text{CAGR}_{t_0\\to t_1} = (V^{t_1}/V^{t_0})^{1/(t_1-t_0)} - 1',
  source: 'docs/indicators/cagr.md',
  params: cagrParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [
    { key: 'value', unit: 'per-year', description: '(V(t1)/V(t0))^(1/(t1−t0)) − 1; year is t1' },
    { key: 'from_year', description: 't0' },
    { key: 'start_value', unit: 'usd', description: 'V(t0)' },
    { key: 'end_value', unit: 'usd', description: 'V(t1)' },
  ],
  example: { country: ['CHN'], from: 2016, to: 2021, basket: 'unesco-fcs-2009' },
  build(p, d) {
    const to = p.to as number;
    const v = yearly({ ...p, to }, p.from, to, d);
    return sql`with yv as (${v}), e as (select subj, grp, v from yv where year = ${to}), s as (select subj, grp, v from yv where year = ${p.from}) select ${to} as year, e.subj as country, e.grp as product, power(${div(d, 'e.v', 's.v')}, ${1 / (to - p.from)}) - 1 as value, ${p.from} as from_year, s.v as start_value, e.v as end_value from e left join s on s.subj = e.subj and s.grp = e.grp order by country, product`;
  },
});

export const trendParams = withScope({
  minYears: z.coerce
    .number()
    .int()
    .min(2)
    .default(3)
    .describe('fewest years with a positive value for a trend'),
}).refine((p) => p.to !== undefined && p.to > p.from, {
  message: 'trend growth needs a span: give --years FROM-TO',
  path: ['to'],
});

export const trendGrowth = defineIndicator({
  id: 'trend-growth',
  label: { en: 'Trend growth (log-linear)', zh: '趋势增长率（对数线性）' },
  unit: 'per-year',
  description: {
    en: 'Annual growth from a least-squares fit of ln(value) on the year over the span; years with no trade are left out.',
    zh: '对区间内 ln(贸易额) 关于年份做最小二乘拟合得到的年增长率；无贸易的年份不参与。',
  },
  formula: '\\ln V^{t} = a + b\\,t,\\quad g = e^{b} - 1',
  source: 'docs/indicators/trend-growth.md',
  params: trendParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [
    { key: 'value', unit: 'per-year', description: 'e^b − 1; year is the last year' },
    { key: 'slope', unit: 'log-points', description: 'b' },
    { key: 'years', unit: 'count', description: 'years in the fit' },
  ],
  example: { country: ['CHN'], from: 2017, to: 2021, basket: 'unesco-fcs-2009' },
  build(p, d) {
    const to = p.to as number;
    const v = yearly({ ...p, to }, p.from, to, d);
    const slope = raw(d.fn.regrSlope(d.fn.ln('v'), 'cast(year as double)'));
    return sql`with yv as (${v}), r as (select subj, grp, ${slope} as b, count(*) as n from yv where v > 0 group by subj, grp) select ${to} as year, subj as country, grp as product, case when n >= ${p.minYears} then exp(b) - 1 end as value, b as slope, n as years from r order by country, product`;
  },
});
