-- indicator: rpop
-- example: {"country":["CHN"],"from":2021,"basket":"unesco-fcs-2009","by":"domain"}
-- params: ["unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"ALL","reconciled","C",2021,2021,"X","country",6,"CHN"]
with group_exports as (
select year, subj, grp, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, b.domain as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code, domain
from basket_resolved
where basket_id = $1) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $2) and t.type_code = $3 and t.year between $4 and $5 and t.flow = $6 and t.partner_kind = $7 and t.product_level = $8) s) f
where 1 = 1
group by year, subj, grp ), country_totals as (
select year, subj, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $9 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $10) and t.type_code = $11 and t.year between $12 and $13 and t.flow = $14 and t.partner_kind = $15 and t.product_level = $16) s) f
where 1 = 1
group by year, subj ), population_years as (
select country as pc, cast(year as integer) as py, population as pv
from population ), population_year as (
select country_totals.year as year, country_totals.subj as country, max(case when population_years.py <= country_totals.year then population_years.py end) as py_le, min(population_years.py) as py_min
from country_totals
join population_years on population_years.pc = country_totals.subj
group by country_totals.year, country_totals.subj ), country_population as (
select picked.year as year, picked.country as country, population_years.pv as pop, population_years.py as pop_year
from (
select year, country, cast(coalesce(py_le, py_min) as integer) as pick
from population_year ) picked
join population_years on population_years.pc = picked.country and population_years.py = picked.pick ), covered_exports as (
select group_exports.year as year, group_exports.grp as grp, group_exports.v as v
from group_exports
join country_population on country_population.year = group_exports.year and country_population.country = group_exports.subj ), world_groups as (
select year, grp, sum(v) as v
from covered_exports
group by year, grp ), world_population as (
select year, sum(pop) as v
from country_population
group by year )
select year, country, product, ((x_ck)::DOUBLE / nullif(x_wk, 0))::DOUBLE / nullif((pop)::DOUBLE / nullif(pop_w, 0), 0) as value, x_ck, x_wk, pop, pop_w, pop_year
from (
select with_population.year as year, with_population.country as country, with_population.product as product, with_population.x_ck as x_ck, with_population.x_wk as x_wk, with_population.pop as pop, with_population.pop_year as pop_year, world_population.v as pop_w
from (
select with_exports.year as year, with_exports.country as country, with_exports.product as product, with_exports.x_ck as x_ck, with_exports.x_wk as x_wk, country_population.pop as pop, country_population.pop_year as pop_year
from (
select universe.year as year, universe.country as country, universe.product as product, coalesce(group_exports.v, 0) as x_ck, universe.x_wk as x_wk
from (
select country_totals.year as year, country_totals.subj as country, world_groups.grp as product, world_groups.v as x_wk
from country_totals
join world_groups on world_groups.year = country_totals.year
where country_totals.subj in ($17) ) universe
left join group_exports on group_exports.year = universe.year and group_exports.subj = universe.country and group_exports.grp = universe.product ) with_exports
left join country_population on country_population.year = with_exports.year and country_population.country = with_exports.country ) with_population
join world_population on world_population.year = with_population.year ) inputs
order by year, country, product
