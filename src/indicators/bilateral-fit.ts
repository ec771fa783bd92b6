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
    // Each product's share of a side's group: totals by a join to a grouped subquery, not a window
    // (ClickHouse 18.16 has no OVER (…)).
    const shares = (rel: typeof x, filter: typeof x) => {
      const agg = sql`
        select year, subj, grp, product, sum(v) as v
        from (${rel}) f
        where ${filter}
        group by year, subj, grp, product`;
      return sql`
        select product_values.year as year, product_values.subj as subj, product_values.grp as grp,
               product_values.product as product, product_values.v / group_totals.tv as s
        from (${agg}) product_values
        join (
          select year, subj, grp, sum(v) as tv from (${agg}) b where v > 0 group by year, subj, grp
        ) group_totals
          on group_totals.year = product_values.year and group_totals.subj = product_values.subj
         and group_totals.grp = product_values.grp
        where product_values.v > 0`;
    };
    // Every pair (an exporter of the group × an importer of it) is a row: the overlap left-joined
    // onto that universe, TC = 0 and products = 0 where they share no product.
    return sql`
      with export_shares as (${shares(x, inFilter('subj', p.country))}),
      import_shares as (${shares(m, inFilter('subj', p.partner))}),
      overlap as (
        select export_shares.year as year, export_shares.subj as exporter, import_shares.subj as importer,
               export_shares.grp as grp,
               100 * sum(case when export_shares.s < import_shares.s then export_shares.s else import_shares.s end) as tcv,
               count(*) as n
        from export_shares
        join import_shares
          on import_shares.year = export_shares.year and import_shares.grp = export_shares.grp
         and import_shares.product = export_shares.product
        where import_shares.subj <> export_shares.subj
        group by export_shares.year, export_shares.subj, import_shares.subj, export_shares.grp
      ),
      exporters as (
        select year, subj, grp from export_shares group by year, subj, grp
      ),
      importers as (
        select year, subj, grp from import_shares group by year, subj, grp
      )
      select pairs.year as year, pairs.country as country, pairs.partner as partner, pairs.grp as product,
             coalesce(overlap.tcv, 0) as value, coalesce(overlap.n, 0) as products
      from (
        select exporters.year as year, exporters.subj as country, importers.subj as partner, exporters.grp as grp
        from exporters
        join importers on importers.year = exporters.year and importers.grp = exporters.grp
        where importers.subj <> exporters.subj
      ) pairs
      left join overlap
        on overlap.year = pairs.year and overlap.exporter = pairs.country and overlap.importer = pairs.partner
       and overlap.grp = pairs.grp
      order by year, country, partner, product`;
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
    // Bilateral exports, then the exporter's total (exporter_totals), the partner's imports from the
    // world (partner_totals) and the world's (world_totals) joined on, one join per SELECT, innermost
    // first (with_exporter, with_partner), as ClickHouse 18.16 runs one JOIN per query level.
    return sql`
      with bilateral as (
        select year, subj, cpt, grp, sum(v) as v from (${f}) f group by year, subj, cpt, grp
      ),
      exporter_totals as (
        select year, subj, grp, sum(v) as v from bilateral group by year, subj, grp
      ),
      partner_totals as (
        select year, cpt, grp, sum(v) as v from bilateral group by year, cpt, grp
      ),
      world_totals as (
        select year, grp, sum(v) as v from bilateral group by year, grp
      )
      select year, country, partner, product, ${ti} as value, x_ij, x_i, x_wj, x_w
      from (
        select with_partner.year as year, with_partner.country as country, with_partner.partner as partner,
               with_partner.product as product, with_partner.x_ij as x_ij, with_partner.x_i as x_i,
               with_partner.x_wj as x_wj, world_totals.v as x_w
        from (
          select with_exporter.year as year, with_exporter.country as country, with_exporter.partner as partner,
                 with_exporter.product as product, with_exporter.x_ij as x_ij, with_exporter.x_i as x_i,
                 partner_totals.v as x_wj
          from (
            select bilateral.year as year, bilateral.subj as country, bilateral.cpt as partner, bilateral.grp as product,
                   bilateral.v as x_ij, exporter_totals.v as x_i
            from bilateral
            join exporter_totals
              on exporter_totals.year = bilateral.year and exporter_totals.subj = bilateral.subj
             and exporter_totals.grp = bilateral.grp
            where ${inFilter('bilateral.subj', p.country)} and ${inFilter('bilateral.cpt', p.partner)}
          ) with_exporter
          join partner_totals
            on partner_totals.year = with_exporter.year and partner_totals.cpt = with_exporter.partner
           and partner_totals.grp = with_exporter.product
        ) with_partner
        join world_totals on world_totals.year = with_partner.year and world_totals.grp = with_partner.product
      ) inputs
      order by year, country, partner, product`;
  },
});
