/**
 * Revealed comparative advantage (Balassa) and its symmetric form. INDICATORS.md §3.4.
 *
 * Totals X_i·· and X_w·· are over all products at the chosen HS level in the selected data; "world"
 * is every country in it. The result is complete: every country with exports in the year has a row
 * for every group the world exports, with RCA = 0 (RSCA = −1) where it exports none of it.
 */
import { type Dialect, raw, type Sql, sql } from '../store/index.ts';
import { div, inFilter, sideFlows } from './base.ts';
import { type Scope, scopeYears, withScope } from './params.ts';
import { defineIndicator } from './types.ts';

export const rcaParams = withScope({});

/**
 * (year, country, product, value = RCA, x_ik, x_i, x_wk, x_w) for every country. One join per
 * SELECT, each nested in the next: ClickHouse 18.16 runs no more than one JOIN in a query level.
 */
function rcaRows(p: Scope, d: Dialect): Sql {
  const value = raw(d.fn.safeDiv(d.fn.safeDiv('x_ik', 'x_i'), d.fn.safeDiv('x_wk', 'x_w')));
  return sql`
    select year, country, product, ${value} as value, x_ik, x_i, x_wk, x_w
    from (${rcaMatrix(p, d)}) matrix`;
}

/**
 * The complete country × group matrix of a scope: (year, country, product, x_ik, x_i, x_wk, x_w)
 * for every country with exports in the year (all products, `country_totals`) and every group the
 * world exports (`world_groups`), x_ik = 0 where the country exports none of the group. Countries are filtered
 * by `p.country` (the world totals never are).
 */
export function rcaMatrix(p: Scope, d: Dialect): Sql {
  const y = scopeYears(p);
  const g = sideFlows(p, p.side, { products: true, totals: true, ...y }, d);
  const t = sideFlows(p, p.side, { products: false, totals: true, ...y }, d);
  const part = inFilter('cpt', p.partner);
  // Universe first (every country with exports × every group the world exports, on the year), then
  // the country's own group value left-joined, then the world total: one join per SELECT, innermost
  // first (universe, with_exports), as ClickHouse 18.16 needs.
  return sql`
    with group_exports as (
      select year, subj, grp, sum(v) as v
      from (${g}) f
      where ${part}
      group by year, subj, grp
    ),
    country_totals as (
      select year, subj, sum(v) as v
      from (${t}) f
      where ${part}
      group by year, subj
    ),
    world_groups as (
      select year, grp, sum(v) as v from group_exports group by year, grp
    ),
    world_total as (
      select year, sum(v) as v from country_totals group by year
    )
    select with_exports.year as year, with_exports.country as country, with_exports.product as product,
           with_exports.x_ik as x_ik, with_exports.x_i as x_i, with_exports.x_wk as x_wk, world_total.v as x_w
    from (
      select universe.year as year, universe.country as country, universe.product as product,
             coalesce(group_exports.v, 0) as x_ik, universe.x_i as x_i, universe.x_wk as x_wk
      from (
        select country_totals.year as year, country_totals.subj as country, world_groups.grp as product,
               country_totals.v as x_i, world_groups.v as x_wk
        from country_totals
        join world_groups on world_groups.year = country_totals.year
        where ${inFilter('country_totals.subj', p.country)}
      ) universe
      left join group_exports
        on group_exports.year = universe.year and group_exports.subj = universe.country and group_exports.grp = universe.product
    ) with_exports
    join world_total on world_total.year = with_exports.year`;
}

const rcaColumns = [
  { key: 'x_ik', unit: 'usd', description: 'X_ik: exports of i in the group' },
  { key: 'x_i', unit: 'usd', description: 'X_i·: exports of i, all products' },
  { key: 'x_wk', unit: 'usd', description: 'X_wk: world exports in the group' },
  { key: 'x_w', unit: 'usd', description: 'X_w·: world exports, all products' },
] as const;

export const rca = defineIndicator({
  id: 'rca',
  world: true,
  label: { en: 'Revealed comparative advantage (Balassa)', zh: '显性比较优势指数（巴拉萨）' },
  unit: 'index',
  description: {
    en: "A product group's share in a country's exports divided by its share in world exports; above 1 means comparative advantage. With side=import, the same ratio on imports.",
    zh: '某类产品在一国出口中的份额除以其在世界出口中的份额；大于 1 表示具有比较优势。side=import 时按进口计算同一比率。',
  },
  formula: 'RCA_{ik} = \\frac{X_{ik}/X_{i\\cdot}}{X_{wk}/X_{w\\cdot}}',
  source: 'docs/indicators/rca.md',
  params: rcaParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [{ key: 'value', unit: 'index', description: 'RCA' }, ...rcaColumns],
  example: { country: ['CHN'], from: 2021, basket: 'unesco-fcs-2009', by: 'domain' },
  build(p, d) {
    return sql`${rcaRows(p, d)} order by year, country, product`;
  },
});

export const rsca = defineIndicator({
  id: 'rsca',
  world: true,
  label: { en: 'Symmetric RCA', zh: '对称显性比较优势指数' },
  unit: 'index',
  description: {
    en: 'RCA mapped to (−1, 1): (RCA − 1)/(RCA + 1); above 0 means comparative advantage.',
    zh: '将 RCA 映射到 (−1, 1)：(RCA − 1)/(RCA + 1)；大于 0 表示具有比较优势。',
  },
  formula: 'RSCA_{ik} = (RCA_{ik} - 1)/(RCA_{ik} + 1)',
  source: 'docs/indicators/rsca.md',
  params: rcaParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [
    { key: 'value', unit: 'index', description: 'RSCA' },
    { key: 'rca', unit: 'index', description: 'RCA' },
    ...rcaColumns,
  ],
  example: { country: ['CHN'], from: 2021, basket: 'unesco-fcs-2009', by: 'domain' },
  build(p, d) {
    // RCA renamed a level down: ClickHouse aliases are query-wide, so `… as value` would hide it.
    return sql`
      select year, country, product, ${div(d, 'rca - 1', 'rca + 1')} as value, rca, x_ik, x_i, x_wk, x_w
      from (
        select year, country, product, value as rca, x_ik, x_i, x_wk, x_w
        from (${rcaRows(p, d)}) balassa
      ) renamed
      order by year, country, product`;
  },
});
