-- indicator: eci
-- example: {"country":["CHN","USA","DEU"],"from":2021}
-- params: ["reconciled","C",2021,2021,"X","country",6,"ALL","reconciled","C",2021,2021,"X","country",6]
select year, country, product, rca
from (select year, country, product, ((x_ik)::DOUBLE / nullif(x_i, 0))::DOUBLE / nullif((x_wk)::DOUBLE / nullif(x_w, 0), 0) as rca
from (with g as (select year, subj, grp, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, t.product as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $1) and t.type_code = $2 and t.year between $3 and $4 and t.flow = $5 and t.partner_kind = $6 and t.product_level = $7) s) f
where 1 = 1
group by year, subj, grp), t as (select year, subj, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $8 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $9) and t.type_code = $10 and t.year between $11 and $12 and t.flow = $13 and t.partner_kind = $14 and t.product_level = $15) s) f
where 1 = 1
group by year, subj), wg as (select year, grp, sum(v) as v
from g
group by year, grp), wt as (select year, sum(v) as v
from t
group by year)
select a.year as year, a.country as country, a.product as product, a.x_ik as x_ik, a.x_i as x_i, a.x_wk as x_wk, wt.v as x_w
from (select b.year as year, b.country as country, b.product as product, coalesce(g.v, 0) as x_ik, b.x_i as x_i, b.x_wk as x_wk
from (select t.year as year, t.subj as country, wg.grp as product, t.v as x_i, wg.v as x_wk
from t
join wg on wg.year = t.year
where 1 = 1) b
left join g on g.year = b.year and g.subj = b.country and g.grp = b.product) a
join wt on wt.year = a.year) m
where x_ik > 0) r
where rca >= 1
order by year, country, product
