-- indicator: rpop
-- example: {"country":["CHN"],"from":2021,"basket":"unesco-fcs-2009","by":"domain"}
-- params: ["unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"ALL","reconciled","C",2021,2021,"X","country",6,"CHN"]
with g as (select year, subj, grp, sum(v) as v
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
group by year, subj, grp), t as (select year, subj, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $9 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $10) and t.type_code = $11 and t.year between $12 and $13 and t.flow = $14 and t.partner_kind = $15 and t.product_level = $16) s) f
where 1 = 1
group by year, subj), popt as (select country as pc, cast(year as integer) as py, population as pv
from population), pyr as (select t.year as year, t.subj as country, max(case when popt.py <= t.year then popt.py end) as py_le, min(popt.py) as py_min
from t
join popt on popt.pc = t.subj
group by t.year, t.subj), cp as (select pk.year as year, pk.country as country, popt.pv as pop, popt.py as pop_year
from (select year, country, cast(coalesce(py_le, py_min) as integer) as pick
from pyr) pk
join popt on popt.pc = pk.country and popt.py = pk.pick), gc as (select g.year as year, g.grp as grp, g.v as v
from g
join cp on cp.year = g.year and cp.country = g.subj), wg as (select year, grp, sum(v) as v
from gc
group by year, grp), wp as (select year, sum(pop) as v
from cp
group by year)
select year, country, product, ((x_ck)::DOUBLE / nullif(x_wk, 0))::DOUBLE / nullif((pop)::DOUBLE / nullif(pop_w, 0), 0) as value, x_ck, x_wk, pop, pop_w, pop_year
from (select c.year as year, c.country as country, c.product as product, c.x_ck as x_ck, c.x_wk as x_wk, c.pop as pop, c.pop_year as pop_year, wp.v as pop_w
from (select b.year as year, b.country as country, b.product as product, b.x_ck as x_ck, b.x_wk as x_wk, cp.pop as pop, cp.pop_year as pop_year
from (select a.year as year, a.country as country, a.product as product, coalesce(g.v, 0) as x_ck, a.x_wk as x_wk
from (select t.year as year, t.subj as country, wg.grp as product, wg.v as x_wk
from t
join wg on wg.year = t.year
where t.subj in ($17)) a
left join g on g.year = a.year and g.subj = a.country and g.grp = a.product) b
left join cp on cp.year = b.year and cp.country = b.country) c
join wp on wp.year = c.year) r
order by year, country, product
