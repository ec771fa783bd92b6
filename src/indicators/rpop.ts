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

function rpopRows(p: Scope, d: Dialect): Sql {
  const y = scopeYears(p);
  const g = sideFlows(p, p.side, { products: true, totals: true, ...y }, d);
  const t = sideFlows(p, p.side, { products: false, totals: true, ...y }, d);
  const part = inFilter('cpt', p.partner);
  const value = raw(d.fn.safeDiv(d.fn.safeDiv('x_ck', 'x_wk'), d.fn.safeDiv('pop', 'pop_w')));
  // pyr: per (trade year, country) the population year to use; cp: that figure; gc: group exports
  // of covered countries (→ world X_wk); wp: world population. Then the universe (countries × groups
  // of the year) with the country's value, its population and the world's, one join per SELECT.
  return sql`with g as (select year, subj, grp, sum(v) as v from (${g}) f where ${part} group by year, subj, grp), t as (select year, subj, sum(v) as v from (${t}) f where ${part} group by year, subj), popt as (select country as pc, cast(year as integer) as py, population as pv from population), pyr as (select t.year as year, t.subj as country, max(case when popt.py <= t.year then popt.py end) as py_le, min(popt.py) as py_min from t join popt on popt.pc = t.subj group by t.year, t.subj), cp as (select pk.year as year, pk.country as country, popt.pv as pop, popt.py as pop_year from (select year, country, cast(coalesce(py_le, py_min) as integer) as pick from pyr) pk join popt on popt.pc = pk.country and popt.py = pk.pick), gc as (select g.year as year, g.grp as grp, g.v as v from g join cp on cp.year = g.year and cp.country = g.subj), wg as (select year, grp, sum(v) as v from gc group by year, grp), wp as (select year, sum(pop) as v from cp group by year) select year, country, product, ${value} as value, x_ck, x_wk, pop, pop_w, pop_year from (select c.year as year, c.country as country, c.product as product, c.x_ck as x_ck, c.x_wk as x_wk, c.pop as pop, c.pop_year as pop_year, wp.v as pop_w from (select b.year as year, b.country as country, b.product as product, b.x_ck as x_ck, b.x_wk as x_wk, cp.pop as pop, cp.pop_year as pop_year from (select a.year as year, a.country as country, a.product as product, coalesce(g.v, 0) as x_ck, a.x_wk as x_wk from (select t.year as year, t.subj as country, wg.grp as product, wg.v as x_wk from t join wg on wg.year = t.year where ${inFilter('t.subj', p.country)}) a left join g on g.year = a.year and g.subj = a.country and g.grp = a.product) b left join cp on cp.year = b.year and cp.country = b.country) c join wp on wp.year = c.year) r`;
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
