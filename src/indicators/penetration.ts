/**
 * Export market penetration (WITS). INDICATORS.md §3.6.
 *
 * Per product k: the number of countries i exports k to, divided by the number of countries that
 * import k (reported data: that report imports of k; BACI: that import k), i itself left out of
 * the divisor, so a country selling k to every other importer of k scores 1.
 *
 * Both counts come from one relation, the import side (`sideFlows(…, 'import')`): i's markets for
 * k are the importers of k whose imports from i are positive. Under the reporter view that is
 * WITS's "mirror exports" (the importers' own reports) and the divisor is "countries reporting
 * imports"; BACI has one value per flow, so both sides agree. The numerator is thereby a subset of
 * the divisor and the index stays within [0, 1].
 *
 * Aggregation to a group (a domain, a basket, all products), as WITS aggregates "to country level"
 * without publishing its weights: the pooled ratio Σ_k n_ik / Σ_k N_k over the products i exports
 * (the product ratios weighted by their number of possible markets). The simple mean of the
 * product ratios is the column `mean_ratio`. With by=product both are the product's own ratio.
 * A partner list restricts the markets counted, on both sides of the ratio.
 */
import { raw, sql } from '../store/index.ts';
import { inFilter, sideFlows } from './base.ts';
import { scopeYears, withScope } from './params.ts';
import { defineIndicator } from './types.ts';

export const penetrationParams = withScope({});

export const marketPenetration = defineIndicator({
  id: 'market-penetration',
  label: { en: 'Export market penetration', zh: '出口市场渗透指数' },
  unit: 'ratio',
  description: {
    en: 'Number of countries a country exports a product to, divided by the number of countries that import it (the country itself left out); groups pool their products: Σ markets / Σ importers over the products exported.',
    zh: '一国某产品的出口目的国数量除以进口该产品的国家数量（不含该国本身）；产品组按其出口的各产品汇总：Σ 目的国数 / Σ 进口国数。',
  },
  formula:
    'EMP_{ik} = \\frac{\\#\\{j \\ne i : X_{ijk} > 0\\}}{\\#\\{j \\ne i : M_{jk} > 0\\}};\\; EMP_{iG} = \\frac{\\sum_{k \\in G, n_{ik} > 0} n_{ik}}{\\sum_{k \\in G, n_{ik} > 0} N_{k}}',
  source: 'docs/indicators/market-penetration.md',
  params: penetrationParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [
    { key: 'value', unit: 'ratio', description: 'Σ markets / Σ possible markets' },
    { key: 'markets', unit: 'count', description: 'Σ_k n_ik: countries i sells k to, summed over products' },
    { key: 'possible', unit: 'count', description: 'Σ_k N_k: importers of k other than i, summed over products' },
    { key: 'mean_ratio', unit: 'ratio', description: 'simple mean of the product ratios n_ik / N_k' },
    { key: 'products', unit: 'count', description: 'products i exports in the group' },
  ],
  example: { country: ['CHN'], from: 2021, basket: 'unesco-fcs-2009', by: 'domain' },
  build(p, d) {
    const f = sideFlows(p, 'import', { products: true, ...scopeYears(p) }, d);
    // The importers of each product (importers) and their number (importer_counts); the exporter's
    // markets per product (destinations); whether the exporter itself imports the product
    // (own_imports), to take it out of the divisor. One join per SELECT, innermost first
    // (with_importers, with_own), as ClickHouse 18.16 needs.
    const ratio = raw(d.fn.safeDiv('n_dest', 'n_pos'));
    return sql`
      with positive_flows as (
        select year, subj, cpt, grp, product, v
        from (${f}) f0
        where v > 0 and ${inFilter('subj', p.partner)}
      ),
      importers as (
        select year, grp, product, subj from positive_flows group by year, grp, product, subj
      ),
      importer_counts as (
        select year, grp, product, count(*) as n_imp from importers group by year, grp, product
      ),
      destinations as (
        select year, cpt as exporter, grp, product, count(distinct subj) as n_dest
        from positive_flows
        where ${inFilter('cpt', p.country)}
        group by year, cpt, grp, product
      ),
      own_imports as (
        select year, grp, product, subj as importer, 1 as is_imp from importers
      ),
      product_ratios as (
        select year, exporter, grp, n_dest, n_imp - coalesce(is_imp, 0) as n_pos
        from (
          select with_importers.year as year, with_importers.exporter as exporter, with_importers.grp as grp,
                 with_importers.product as product, with_importers.n_dest as n_dest, with_importers.n_imp as n_imp,
                 own_imports.is_imp as is_imp
          from (
            select destinations.year as year, destinations.exporter as exporter, destinations.grp as grp,
                   destinations.product as product, destinations.n_dest as n_dest, importer_counts.n_imp as n_imp
            from destinations
            join importer_counts
              on importer_counts.year = destinations.year and importer_counts.grp = destinations.grp
             and importer_counts.product = destinations.product
          ) with_importers
          left join own_imports
            on own_imports.year = with_importers.year and own_imports.grp = with_importers.grp
           and own_imports.product = with_importers.product and own_imports.importer = with_importers.exporter
        ) with_own
      )
      select year, exporter as country, grp as product, ${raw(d.fn.safeDiv('markets', 'possible'))} as value,
             markets, possible, mean_ratio, products
      from (
        select year, exporter, grp, sum(n_dest) as markets, sum(n_pos) as possible, avg(${ratio}) as mean_ratio,
               count(*) as products
        from product_ratios
        group by year, exporter, grp
      ) pooled
      order by year, country, product`;
  },
});
