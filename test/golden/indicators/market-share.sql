-- indicator: market-share
-- example: {"country":["CHN"],"partner":["USA","DEU"],"from":2021,"product":"950510"}
-- params: ["950510","reconciled","C",2021,2021,"X","country",6,"950510","USA","DEU","CHN"]
with supplies as (
select year, subj, cpt, grp, sum(v) as v
from (select year, partner as subj, reporter as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $1 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $2) and t.type_code = $3 and t.year between $4 and $5 and t.flow = $6 and t.partner_kind = $7 and t.product_level = $8 and t.product = $9) s) f
where subj in ($10, $11)
group by year, subj, cpt, grp ), ranked as (
select supplies.year as year, supplies.subj as subj, supplies.cpt as cpt, supplies.grp as grp, supplies.v as v, tot.mv as mv, rank() over (partition by supplies.year, supplies.subj, supplies.grp
order by supplies.v desc) as rk, tot.n as n
from supplies
join (
select year, subj, grp, sum(v) as mv, count(*) as n
from supplies
group by year, subj, grp ) tot on tot.year = supplies.year and tot.subj = supplies.subj and tot.grp = supplies.grp )
select year, cpt as country, subj as partner, grp as product, (v)::DOUBLE / nullif(mv, 0) as value, v as numerator, mv as denominator, rk as rank, n as suppliers
from ranked
where cpt in ($12)
order by year, country, partner, product
