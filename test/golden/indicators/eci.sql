-- indicator: eci
-- example: {"country":["CHN","USA","DEU"],"from":2021}
-- params: ["reconciled","C",2021,2021,"X","country",6,"ALL","reconciled","C",2021,2021,"X","country",6]
select year, country, product, rca
from (select year, country, product, ((x_ik)::DOUBLE / nullif(x_i, 0))::DOUBLE / nullif((x_wk)::DOUBLE / nullif(x_w, 0), 0) as rca
from (
with group_exports as (
select year, subj, grp, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, t.product as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $1) and t.type_code = $2 and t.year between $3 and $4 and t.flow = $5 and t.partner_kind = $6 and t.product_level = $7) s) f
where 1 = 1
group by year, subj, grp ), country_totals as (
select year, subj, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $8 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $9) and t.type_code = $10 and t.year between $11 and $12 and t.flow = $13 and t.partner_kind = $14 and t.product_level = $15) s) f
where 1 = 1
group by year, subj ), world_groups as (
select year, grp, sum(v) as v
from group_exports
group by year, grp ), world_total as (
select year, sum(v) as v
from country_totals
group by year )
select with_exports.year as year, with_exports.country as country, with_exports.product as product, with_exports.x_ik as x_ik, with_exports.x_i as x_i, with_exports.x_wk as x_wk, world_total.v as x_w
from (
select universe.year as year, universe.country as country, universe.product as product, coalesce(group_exports.v, 0) as x_ik, universe.x_i as x_i, universe.x_wk as x_wk
from (
select country_totals.year as year, country_totals.subj as country, world_groups.grp as product, country_totals.v as x_i, world_groups.v as x_wk
from country_totals
join world_groups on world_groups.year = country_totals.year
where 1 = 1 ) universe
left join group_exports on group_exports.year = universe.year and group_exports.subj = universe.country and group_exports.grp = universe.product ) with_exports
join world_total on world_total.year = with_exports.year) m
where x_ik > 0) r
where rca >= 1
order by year, country, product
