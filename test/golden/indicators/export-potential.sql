-- indicator: export-potential
-- example: {"country":["CHN"],"from":2021,"basket":"unesco-fcs-2009","by":"domain"}
-- params: ["unesco-fcs-2009","reconciled",2021,2021,"X","country",6,"CHN","unesco-fcs-2009","reconciled",2021,2021,"X","country",6,"ALL","reconciled",2021,2021,"X","country",6,"CHN","ALL","reconciled",2021,2021,"X","country",6,0,"unesco-fcs-2009","reconciled",2017,2021,"X","country",6,"CHN","unesco-fcs-2009","reconciled",2017,2021,"X","country",6,2021]
with xk as (select subj as i, grp, sum(v) as x
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, b.domain as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code, domain
from basket_resolved
where basket_id = $1) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $2) and t.year between $3 and $4 and t.flow = $5 and t.partner_kind = $6 and t.product_level = $7) s) f
where subj in ($8)
group by subj, grp), mk as (select subj as j, grp, sum(v) as m
from (select year, partner as subj, reporter as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, b.domain as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code, domain
from basket_resolved
where basket_id = $9) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $10) and t.year between $11 and $12 and t.flow = $13 and t.partner_kind = $14 and t.product_level = $15) s) f
group by subj, grp), xij as (select subj as i, cpt as j, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $16 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $17) and t.year between $18 and $19 and t.flow = $20 and t.partner_kind = $21 and t.product_level = $22) s) f
where subj in ($23)
group by subj, cpt), xi as (select i, sum(v) as v
from xij
group by i), mj as (select subj as j, sum(v) as v
from (select year, partner as subj, reporter as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $24 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $25) and t.year between $26 and $27 and t.flow = $28 and t.partner_kind = $29 and t.product_level = $30) s) f
group by subj), mw as (select sum(v) as v
from mj), ease as (select xij.i as i, xij.j as j, ((xij.v)::DOUBLE / nullif(xi.v, 0))::DOUBLE / nullif((mj.v)::DOUBLE / nullif(mw.v, 0), 0) as e
from xij
join xi on xi.i = xij.i
join mj on mj.j = xij.j
cross join mw), ef as (select cast($31 as double) as floor_e), cand as (select xk.i as i, mk.j as j, xk.grp as grp, xk.x as x, mk.m as m, greatest(coalesce(ease.e, 0), ef.floor_e) as e
from xk
join mk on mk.grp = xk.grp and mk.j <> xk.i
cross join ef
left join ease on ease.i = xk.i and ease.j = mk.j
where mk.m > 0), tot as (select i, grp, sum(m) as mt, sum(m * e) as me
from cand
group by i, grp), act as (select subj as i, cpt as j, grp, sum(v) as a
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, b.domain as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code, domain
from basket_resolved
where basket_id = $32) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $33) and t.year between $34 and $35 and t.flow = $36 and t.partner_kind = $37 and t.product_level = $38) s) f
where subj in ($39)
group by subj, cpt, grp), ny as (select count(distinct year) as n
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, b.domain as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code, domain
from basket_resolved
where basket_id = $40) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $41) and t.year between $42 and $43 and t.flow = $44 and t.partner_kind = $45 and t.product_level = $46) s) f), r as (select cand.i as country, cand.j as partner, cand.grp as product, cand.x * (cand.m * cand.e)::DOUBLE / nullif(tot.me, 0) as value, (coalesce(act.a, 0))::DOUBLE / nullif(ny.n, 0) as actual, cand.x as supply, cand.m as demand, cand.e as ease, (tot.me)::DOUBLE / nullif(tot.mt, 0) as mean_ease
from cand
join tot on tot.i = cand.i and tot.grp = cand.grp
left join act on act.i = cand.i and act.j = cand.j and act.grp = cand.grp
cross join ny)
select $47 as year, country, partner, product, value, actual, greatest(value - actual, 0) as unrealised, (actual)::DOUBLE / nullif(value, 0) as realised_share, supply, demand, ease, mean_ease
from r
where 1 = 1
order by year, country, product, value desc, partner
