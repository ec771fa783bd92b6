-- indicator: export-potential
-- example: {"country":["CHN"],"from":2021,"basket":"unesco-fcs-2009","by":"domain"}
-- params: ["unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"ALL","reconciled","C",2021,2021,"X","country",6,"CHN","ALL","reconciled","C",2021,2021,"X","country",6,0,1,"unesco-fcs-2009","reconciled","C",2017,2021,"X","country",6,"CHN","ALL","reconciled","C",2017,2021,"X","country",6,2021]
with xk as (select subj as i, grp, sum(v) as x
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
group by subj, grp), mk as (select subj as j, grp, sum(v) as m
from (select year, partner as subj, reporter as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, b.domain as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code, domain
from basket_resolved
where basket_id = $10) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $11) and t.type_code = $12 and t.year between $13 and $14 and t.flow = $15 and t.partner_kind = $16 and t.product_level = $17) s) f
group by subj, grp), xij as (select subj as i, cpt as j, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $18 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $19) and t.type_code = $20 and t.year between $21 and $22 and t.flow = $23 and t.partner_kind = $24 and t.product_level = $25) s) f
where subj in ($26)
group by subj, cpt), xi as (select i, sum(v) as v
from xij
group by i), mj as (select subj as j, sum(v) as v
from (select year, partner as subj, reporter as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $27 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $28) and t.type_code = $29 and t.year between $30 and $31 and t.flow = $32 and t.partner_kind = $33 and t.product_level = $34) s) f
group by subj), mw as (select sum(v) as v
from mj), ease as (select i, j, ((x_ij)::DOUBLE / nullif(x_i, 0))::DOUBLE / nullif((m_j)::DOUBLE / nullif(m_w, 0), 0) as e
from (select b.i as i, b.j as j, b.x_ij as x_ij, b.x_i as x_i, b.m_j as m_j, mw.v as m_w
from (select c.i as i, c.j as j, c.x_ij as x_ij, c.x_i as x_i, mj.v as m_j
from (select xij.i as i, xij.j as j, xij.v as x_ij, xi.v as x_i
from xij
join xi on xi.i = xij.i) c
join mj on mj.j = c.j) b
cross join mw) a), ef as (select cast($35 as double) as floor_e), cand0 as (select k.i as i, k.j as j, k.grp as grp, k.x as x, k.m as m, greatest(coalesce(ease.e, 0), k.floor_e) as e
from (select xm.i as i, xm.j as j, xm.grp as grp, xm.x as x, xm.m as m, ef.floor_e as floor_e
from (select xk.i as i, mk.j as j, xk.grp as grp, xk.x as x, mk.m as m
from xk
join mk on mk.grp = xk.grp
where mk.j <> xk.i and mk.m > 0) xm
cross join ef) k
left join ease on ease.i = k.i and ease.j = k.j), dm as (select avg(km) as dbar
from country_distances), cand as (select i, j, grp, x, m, e, case when km > 0 then km end as dkm, case when km > 0 and dbar > 0 then exp(-1 * $36 * ln(km / dbar)) else 1 end as tau
from (select c1.i as i, c1.j as j, c1.grp as grp, c1.x as x, c1.m as m, c1.e as e, c1.km as km, dm.dbar as dbar
from (select c0.i as i, c0.j as j, c0.grp as grp, c0.x as x, c0.m as m, c0.e as e, dist.km as km
from cand0 c0
left join country_distances dist on dist.origin = c0.i and dist.destination = c0.j) c1
cross join dm) c2), tot as (select i, grp, sum(m * tau) as mt, sum(m * tau * e) as me
from cand
group by i, grp), act as (select subj as i, cpt as j, grp, sum(v) as a
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
group by subj, cpt, grp), ny as (select count(distinct year) as n
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $46 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $47) and t.type_code = $48 and t.year between $49 and $50 and t.flow = $51 and t.partner_kind = $52 and t.product_level = $53) s) f), r as (select i as country, j as partner, grp as product, x * (m * tau * e)::DOUBLE / nullif(me, 0) as value, (coalesce(a, 0))::DOUBLE / nullif(n, 0) as actual, x as supply, m as demand, e as ease, (me)::DOUBLE / nullif(mt, 0) as mean_ease, dkm as distance_km, tau as tau_ij
from (select r2.i as i, r2.j as j, r2.grp as grp, r2.x as x, r2.m as m, r2.e as e, r2.dkm as dkm, r2.tau as tau, r2.me as me, r2.mt as mt, r2.a as a, ny.n as n
from (select r1.i as i, r1.j as j, r1.grp as grp, r1.x as x, r1.m as m, r1.e as e, r1.dkm as dkm, r1.tau as tau, r1.me as me, r1.mt as mt, act.a as a
from (select cand.i as i, cand.j as j, cand.grp as grp, cand.x as x, cand.m as m, cand.e as e, cand.dkm as dkm, cand.tau as tau, tot.me as me, tot.mt as mt
from cand
join tot on tot.i = cand.i and tot.grp = cand.grp) r1
left join act on act.i = r1.i and act.j = r1.j and act.grp = r1.grp) r2
cross join ny) r3)
select $54 as year, country, partner, product, value, actual, greatest(value - actual, 0) as unrealised, (actual)::DOUBLE / nullif(value, 0) as realised_share, supply, demand, ease, mean_ease, distance_km, tau_ij as tau
from r
where 1 = 1
order by year, country, product, value desc, partner
