/**
 * Population-adjusted revealed comparative advantage (RPOP; ATL `export_rpop`, py-ecomplexity
 * `presence_test="rpop"`). INDICATORS.md §3.4.
 *
 * RPOP_ck = (X_ck / X_wk) / (pop_c / pop_w): a country's share of world exports of a group over its
 * share of world population. "World" is the countries of the data (exporters of the year, all
 * products at the chosen level) that have a population figure: X_wk and pop_w are summed over them,
 * so the shares are of one set of countries. A country without a figure keeps its row with RPOP
 * NULL (pop NULL). Every covered country has a row for every group the world exports (RPOP = 0
 * where it exports none of it).
 *
 * Population comes from the table `population` (reference/population.ts): for each trade year, the
 * latest population year not after it, else the earliest year there is (`pop_year` says which).
 */
import { type Dialect, raw, type Sql, sql } from '../store/index.ts';
import { inFilter, sideFlows } from './base.ts';
import { type Scope, scopeYears, withScope } from './params.ts';
import { defineIndicator } from './types.ts';

export const rpopParams = withScope({});

/**
 * Kept whole: one SQL statement laid out a clause a line; its named CTEs are the steps of the
 * formula.
 */
function rpopRows(p: Scope, d: Dialect): Sql {
  const y = scopeYears(p);
  const g = sideFlows(p, p.side, { products: true, totals: true, ...y }, d);
  const t = sideFlows(p, p.side, { products: false, totals: true, ...y }, d);
  const part = inFilter('cpt', p.partner);
  const value = raw(d.fn.safeDiv(d.fn.safeDiv('x_ck', 'x_wk'), d.fn.safeDiv('pop', 'pop_w')));
  // For each trade year and country the population year to use (population_year: the latest not
  // after the trade year, else the earliest), that figure (country_population), the group exports
  // of the countries with a figure (covered_exports → world_groups, X_wk) and the world's population.
  // Then the universe (countries × groups of the year) with the country's value, its population and
  // the world's: one join per SELECT, innermost first (universe, with_exports, with_population), as
  // ClickHouse 18.16 needs.
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
    population_years as (
      select country as pc, cast(year as integer) as py, population as pv from population
    ),
    population_year as (
      select country_totals.year as year, country_totals.subj as country,
             max(case when population_years.py <= country_totals.year then population_years.py end) as py_le,
             min(population_years.py) as py_min
      from country_totals
      join population_years on population_years.pc = country_totals.subj
      group by country_totals.year, country_totals.subj
    ),
    country_population as (
      select picked.year as year, picked.country as country, population_years.pv as pop, population_years.py as pop_year
      from (
        select year, country, cast(coalesce(py_le, py_min) as integer) as pick from population_year
      ) picked
      join population_years on population_years.pc = picked.country and population_years.py = picked.pick
    ),
    covered_exports as (
      select group_exports.year as year, group_exports.grp as grp, group_exports.v as v
      from group_exports
      join country_population on country_population.year = group_exports.year and country_population.country = group_exports.subj
    ),
    world_groups as (
      select year, grp, sum(v) as v from covered_exports group by year, grp
    ),
    world_population as (
      select year, sum(pop) as v from country_population group by year
    )
    select year, country, product, ${value} as value, x_ck, x_wk, pop, pop_w, pop_year
    from (
      select with_population.year as year, with_population.country as country, with_population.product as product,
             with_population.x_ck as x_ck, with_population.x_wk as x_wk, with_population.pop as pop,
             with_population.pop_year as pop_year, world_population.v as pop_w
      from (
        select with_exports.year as year, with_exports.country as country, with_exports.product as product,
               with_exports.x_ck as x_ck, with_exports.x_wk as x_wk,
               country_population.pop as pop, country_population.pop_year as pop_year
        from (
          select universe.year as year, universe.country as country, universe.product as product,
                 coalesce(group_exports.v, 0) as x_ck, universe.x_wk as x_wk
          from (
            select country_totals.year as year, country_totals.subj as country, world_groups.grp as product,
                   world_groups.v as x_wk
            from country_totals
            join world_groups on world_groups.year = country_totals.year
            where ${inFilter('country_totals.subj', p.country)}
          ) universe
          left join group_exports
            on group_exports.year = universe.year and group_exports.subj = universe.country and group_exports.grp = universe.product
        ) with_exports
        left join country_population
          on country_population.year = with_exports.year and country_population.country = with_exports.country
      ) with_population
      join world_population on world_population.year = with_population.year
    ) inputs`;
}

export const rpop = defineIndicator({
  id: 'rpop',
  world: true,
  label: { en: 'Population-adjusted RCA (RPOP)', zh: '人口调整的显性比较优势（RPOP）' },
  unit: 'index',
  description: {
    en: "A country's share of world exports of a group divided by its share of world population; above 1 means it exports more of the group than its size alone predicts. World = the countries of the data with a population figure.",
    zh: '一国在世界某类产品出口中的份额除以其在世界人口中的份额；大于 1 表示其出口超过按人口规模所预期的水平。世界 = 数据中有人口数据的国家。',
  },
  formula: 'RPOP_{ck} = \\frac{X_{ck}/X_{wk}}{pop_c/pop_w}',
  source: 'docs/indicators/rpop.md',
  params: rpopParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [
    { key: 'value', unit: 'index', description: 'RPOP' },
    { key: 'x_ck', unit: 'usd', description: 'X_ck: exports of c in the group' },
    { key: 'x_wk', unit: 'usd', description: 'X_wk: exports of the group by the countries with a population' },
    { key: 'pop', unit: 'count', description: 'pop_c: population of c (persons)' },
    { key: 'pop_w', unit: 'count', description: 'pop_w: population of the countries of the data' },
    { key: 'pop_year', description: 'the year of the population figure used' },
  ],
  example: { country: ['CHN'], from: 2021, basket: 'unesco-fcs-2009', by: 'domain' },
  note: {
    en: 'Population figures come from the table `population`: the bundled approximate 2018 figures (data/population/SOURCE.md) unless you load your own with `lantern population load FILE`; pop_year says which year was used.',
    zh: '人口数据来自 `population` 表：默认为随附的约 2018 年数据（见 data/population/SOURCE.md），可用 `lantern population load FILE` 载入自己的数据；pop_year 列标明所用年份。',
  },
  build(p, d) {
    return sql`${rpopRows(p, d)} order by year, country, product`;
  },
});
