-- indicator: unit-value
-- example: {"country":["CHN"],"from":2021,"product":"950510"}
-- params: ["950510","reconciled","C",2021,2021,"X","country",6,"950510","CHN"]
select year, subj as country, grp as product, case when units = 1 then (vq)::DOUBLE / nullif(qty, 0) end as value, unit, qty as quantity, vq as value_with_quantity, (vq)::DOUBLE / nullif(vt, 0) as coverage, units
from (select year, subj, grp, sum(case when q > 0 then v end) as vq, sum(case when q > 0 then q end) as qty, sum(v) as vt, coalesce(count(distinct case when q > 0 then qu end), 0) as units, max(case when q > 0 then qu end) as unit
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $1 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $2) and t.type_code = $3 and t.year between $4 and $5 and t.flow = $6 and t.partner_kind = $7 and t.product_level = $8 and t.product = $9) s) f
where subj in ($10) and 1 = 1
group by year, subj, grp) u
order by year, country, product
