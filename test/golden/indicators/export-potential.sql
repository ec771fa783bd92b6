-- indicator: export-potential
-- example: {"country":["CHN"],"from":2021,"basket":"unesco-fcs-2009","by":"domain"}
-- params: ["unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"ALL","reconciled","C",2021,2021,"X","country",6,"CHN","ALL","reconciled","C",2021,2021,"X","country",6,0,1,"unesco-fcs-2009","reconciled","C",2017,2021,"X","country",6,"CHN","ALL","reconciled","C",2017,2021,"X","country",6,2021]
with exporter_supply as (
select subj as i, grp, sum(v) as x
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, b.domain as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code, domain
from basket_resolved
where basket_id = $1) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $2) and t.type_code = $3 and t.year between $4 and $5 and t.flow = $6 and t.partner_kind = $7 and t.product_level = $8) s) f
where subj in ($9)
group by subj, grp ), market_demand as (
select subj as j, grp, sum(v) as m
from (select year, partner as subj, reporter as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, b.domain as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code, domain
from basket_resolved
where basket_id = $10) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $11) and t.type_code = $12 and t.year between $13 and $14 and t.flow = $15 and t.partner_kind = $16 and t.product_level = $17) s) f
group by subj, grp ), bilateral_exports as (
select subj as i, cpt as j, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $18 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $19) and t.type_code = $20 and t.year between $21 and $22 and t.flow = $23 and t.partner_kind = $24 and t.product_level = $25) s) f
where subj in ($26)
group by subj, cpt ), exporter_totals as (
select i, sum(v) as v
from bilateral_exports
group by i ), market_totals as (
select subj as j, sum(v) as v
from (select year, partner as subj, reporter as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $27 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $28) and t.type_code = $29 and t.year between $30 and $31 and t.flow = $32 and t.partner_kind = $33 and t.product_level = $34) s) f
group by subj ), world_imports as (
select sum(v) as v
from market_totals ), ease as (
select i, j, ((x_ij)::DOUBLE / nullif(x_i, 0))::DOUBLE / nullif((m_j)::DOUBLE / nullif(m_w, 0), 0) as e
from (
select with_market.i as i, with_market.j as j, with_market.x_ij as x_ij, with_market.x_i as x_i, with_market.m_j as m_j, world_imports.v as m_w
from (
select with_exporter.i as i, with_exporter.j as j, with_exporter.x_ij as x_ij, with_exporter.x_i as x_i, market_totals.v as m_j
from (
select bilateral_exports.i as i, bilateral_exports.j as j, bilateral_exports.v as x_ij, exporter_totals.v as x_i
from bilateral_exports
join exporter_totals on exporter_totals.i = bilateral_exports.i ) with_exporter
join market_totals on market_totals.j = with_exporter.j ) with_market
cross join world_imports ) ease_inputs ), ease_floor as (
select cast($35 as double) as floor_e ), candidates_eased as (
select pairs.i as i, pairs.j as j, pairs.grp as grp, pairs.x as x, pairs.m as m, greatest(coalesce(ease.e, 0), pairs.floor_e) as e
from (
select supply_demand.i as i, supply_demand.j as j, supply_demand.grp as grp, supply_demand.x as x, supply_demand.m as m, ease_floor.floor_e as floor_e
from (
select es.i as i, md.j as j, es.grp as grp, es.x as x, md.m as m
from exporter_supply es
join market_demand md on md.grp = es.grp
where md.j <> es.i and md.m > 0 ) supply_demand
cross join ease_floor ) pairs
left join ease on ease.i = pairs.i and ease.j = pairs.j ), mean_distance as (
select avg(km) as dbar
from country_distances ), candidates as (
select i, j, grp, x, m, e, case when km > 0 then km end as dkm, case when km > 0 and dbar > 0 then exp(-1 * $36 * ln(km / dbar)) else 1 end as tau
from (
select with_km.i as i, with_km.j as j, with_km.grp as grp, with_km.x as x, with_km.m as m, with_km.e as e, with_km.km as km, mean_distance.dbar as dbar
from (
select ce.i as i, ce.j as j, ce.grp as grp, ce.x as x, ce.m as m, ce.e as e, dist.km as km
from candidates_eased ce
left join country_distances dist on dist.origin = ce.i and dist.destination = ce.j ) with_km
cross join mean_distance ) with_dbar ), exporter_reach as (
select i, grp, sum(m * tau) as mt, sum(m * tau * e) as me
from candidates
group by i, grp ), actual_exports as (
select subj as i, cpt as j, grp, sum(v) as a
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, b.domain as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code, domain
from basket_resolved
where basket_id = $37) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $38) and t.type_code = $39 and t.year between $40 and $41 and t.flow = $42 and t.partner_kind = $43 and t.product_level = $44) s) f
where subj in ($45)
group by subj, cpt, grp ), window_years as (select count(distinct year) as n
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $46 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $47) and t.type_code = $48 and t.year between $49 and $50 and t.flow = $51 and t.partner_kind = $52 and t.product_level = $53) s) f), potential as (
select i as country, j as partner, grp as product, x * (m * tau * e)::DOUBLE / nullif(me, 0) as value, (coalesce(a, 0))::DOUBLE / nullif(n, 0) as actual, x as supply, m as demand, e as ease, (me)::DOUBLE / nullif(mt, 0) as mean_ease, dkm as distance_km, tau as tau_ij
from (
select with_actual.i as i, with_actual.j as j, with_actual.grp as grp, with_actual.x as x, with_actual.m as m, with_actual.e as e, with_actual.dkm as dkm, with_actual.tau as tau, with_actual.me as me, with_actual.mt as mt, with_actual.a as a, window_years.n as n
from (
select with_reach.i as i, with_reach.j as j, with_reach.grp as grp, with_reach.x as x, with_reach.m as m, with_reach.e as e, with_reach.dkm as dkm, with_reach.tau as tau, with_reach.me as me, with_reach.mt as mt, actual_exports.a as a
from (
select candidates.i as i, candidates.j as j, candidates.grp as grp, candidates.x as x, candidates.m as m, candidates.e as e, candidates.dkm as dkm, candidates.tau as tau, exporter_reach.me as me, exporter_reach.mt as mt
from candidates
join exporter_reach on exporter_reach.i = candidates.i and exporter_reach.grp = candidates.grp ) with_reach
left join actual_exports on actual_exports.i = with_reach.i and actual_exports.j = with_reach.j and actual_exports.grp = with_reach.grp ) with_actual
cross join window_years ) with_years )
select $54 as year, country, partner, product, value, actual, greatest(value - actual, 0) as unrealised, (actual)::DOUBLE / nullif(value, 0) as realised_share, supply, demand, ease, mean_ease, distance_km, tau_ij as tau
from potential
where 1 = 1
order by year, country, product, value desc, partner
