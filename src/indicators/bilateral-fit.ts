/**
 * How well two countries' trade fits: trade complementarity (Michaely) and trade intensity.
 * INDICATORS.md §3.6.
 *
 * Complementarity uses shares within the selected products (all products, a basket or a domain):
 * TC = 100·(1 − ½Σ|m − x|) = 100·Σ min(x, m), since both share vectors sum to 1. Every pair of an
 * exporter and an importer of the group has a row: TC = 0 (products = 0) when they share no product.
 */
import { raw, sql } from '../store/index.ts';
import { inFilter, sideFlows } from './base.ts';
import { scopeYears, withScope } from './params.ts';
import { defineIndicator } from './types.ts';

export const complementarityParams = withScope({});

export const complementarity = defineIndicator({
  id: 'complementarity',
  label: { en: 'Trade complementarity', zh: '贸易互补性指数' },
  unit: 'index',
  description: {
    en: "How well exporter i's export mix matches partner j's import mix: 0 no overlap, 100 a perfect match.",
    zh: '出口国 i 的出口结构与伙伴国 j 的进口结构的吻合程度：0 为毫无重叠，100 为完全吻合。',
  },
  formula: 'TC_{ij} = 100\\left(1 - \\tfrac{1}{2}\\sum_k |m_{jk} - x_{ik}|\\right)',
  source: 'docs/indicators/complementarity.md',
  params: complementarityParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'partner', 'product'],
  columns: [
    { key: 'value', unit: 'index', description: 'TC (0–100)' },
    { key: 'products', unit: 'count', description: 'products both trade' },
  ],
  example: { country: ['CHN'], partner: ['USA'], from: 2021, basket: 'unesco-fcs-2009' },
  build(p, d) {
    const y = scopeYears(p);
    const x = sideFlows(p, 'export', { products: true, ...y }, d);
    const m = sideFlows(p, 'import', { products: true, ...y }, d);
    // Totals by a join to a grouped subquery, not a window: ClickHouse 18.16 has no OVER (…).
    const shares = (rel: typeof x, filter: typeof x) => {
      const agg = sql`select year, subj, grp, product, sum(v) as v from (${rel}) f where ${filter} group by year, subj, grp, product`;
      return sql`select a.year as year, a.subj as subj, a.grp as grp, a.product as product, a.v / t.tv as s from (${agg}) a join (select year, subj, grp, sum(v) as tv from (${agg}) b where v > 0 group by year, subj, grp) t on t.year = a.year and t.subj = a.subj and t.grp = a.grp where a.v > 0`;
    };
    // Every pair (an exporter of the group × an importer of it) is a row: the overlap left-joined
    // onto that universe, TC = 0 and products = 0 where they share no product.
    return sql`with xs as (${shares(x, inFilter('subj', p.country))}), ms as (${shares(m, inFilter('subj', p.partner))}), tc as (select xs.year as year, xs.subj as exporter, ms.subj as importer, xs.grp as grp, 100 * sum(case when xs.s < ms.s then xs.s else ms.s end) as tcv, count(*) as n from xs join ms on ms.year = xs.year and ms.grp = xs.grp and ms.product = xs.product where ms.subj <> xs.subj group by xs.year, xs.subj, ms.subj, xs.grp), xu as (select year, subj, grp from xs group by year, subj, grp), mu as (select year, subj, grp from ms group by year, subj, grp) select u.year as year, u.country as country, u.partner as partner, u.grp as product, coalesce(tc.tcv, 0) as value, coalesce(tc.n, 0) as products from (select xu.year as year, xu.subj as country, mu.subj as partner, xu.grp as grp from xu join mu on mu.year = xu.year and mu.grp = xu.grp where mu.subj <> xu.subj) u left join tc on tc.year = u.year and tc.exporter = u.country and tc.importer = u.partner and tc.grp = u.grp order by year, country, partner, product`;
  },
});

export const intensityParams = withScope({});

export const intensity = defineIndicator({
  id: 'intensity',
  label: { en: 'Trade intensity', zh: '贸易强度指数' },
  unit: 'index',
  description: {
    en: "Share of partner j in exporter i's exports divided by j's share in world exports (world imports from all); above 1 is an intense relationship.",
    zh: '伙伴国 j 在出口国 i 出口中的份额除以 j 在世界出口中的份额；大于 1 表示贸易关系紧密。',
  },
  formula: 'TI_{ij} = \\frac{X_{ij}/X_{i\\cdot}}{X_{wj}/X_{w\\cdot}}',
  source: 'docs/indicators/intensity.md',
  params: intensityParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'partner', 'product'],
  columns: [
    { key: 'value', unit: 'index', description: 'TI' },
    { key: 'x_ij', unit: 'usd', description: 'X_ij' },
    { key: 'x_i', unit: 'usd', description: 'X_i·' },
    { key: 'x_wj', unit: 'usd', description: 'X_wj: world exports to j' },
    { key: 'x_w', unit: 'usd', description: 'X_w·' },
  ],
  example: { country: ['CHN'], partner: ['USA', 'JPN'], from: 2021, basket: 'unesco-fcs-2009' },
  build(p, d) {
    const f = sideFlows(p, 'export', { products: true, ...scopeYears(p) }, d);
    const ti = raw(d.fn.safeDiv(d.fn.safeDiv('x_ij', 'x_i'), d.fn.safeDiv('x_wj', 'x_w')));
    // One join per SELECT, each nested in the next (ClickHouse 18.16 runs one JOIN per query level).
    return sql`with b as (select year, subj, cpt, grp, sum(v) as v from (${f}) f group by year, subj, cpt, grp), i as (select year, subj, grp, sum(v) as v from b group by year, subj, grp), j as (select year, cpt, grp, sum(v) as v from b group by year, cpt, grp), w as (select year, grp, sum(v) as v from b group by year, grp) select year, country, partner, product, ${ti} as value, x_ij, x_i, x_wj, x_w from (select bj.year as year, bj.country as country, bj.partner as partner, bj.product as product, bj.x_ij as x_ij, bj.x_i as x_i, bj.x_wj as x_wj, w.v as x_w from (select bi.year as year, bi.country as country, bi.partner as partner, bi.product as product, bi.x_ij as x_ij, bi.x_i as x_i, j.v as x_wj from (select b.year as year, b.subj as country, b.cpt as partner, b.grp as product, b.v as x_ij, i.v as x_i from b join i on i.year = b.year and i.subj = b.subj and i.grp = b.grp where ${inFilter('b.subj', p.country)} and ${inFilter('b.cpt', p.partner)}) bi join j on j.year = bi.year and j.cpt = bi.partner and j.grp = bi.product) bj join w on w.year = bj.year and w.grp = bj.product) r order by year, country, partner, product`;
  },
});
