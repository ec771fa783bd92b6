-- indicator: value-volume
-- example: {"country":["CHN"],"from":2020,"to":2021,"product":"950510"}
-- params: ["950510","reconciled","C",2019,2021,"X","country",6,"950510","CHN",2020]
with u as (select year, subj, grp, sum(case when q > 0 then v end) as vq, sum(case when q > 0 then q end) as qty, sum(v) as vt, coalesce(count(distinct case when q > 0 then qu end), 0) as units, max(case when q > 0 then qu end) as unit
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $1 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $2) and t.type_code = $3 and t.year between $4 and $5 and t.flow = $6 and t.partner_kind = $7 and t.product_level = $8 and t.product = $9) s) f
where subj in ($10) and 1 = 1
group by year, subj, grp), k as (select c.year as year, c.subj as country, c.grp as product, ln((c.vq)::DOUBLE / nullif(pv.vq, 0)) as dv, ln((c.qty)::DOUBLE / nullif(pv.qty, 0)) as dq, c.unit as unit
from u c
join u pv on pv.subj = c.subj and pv.grp = c.grp and cast(c.year - 1 as integer) = cast(pv.year as integer)
where c.year >= $11 and c.units = 1 and pv.units = 1 and c.unit = pv.unit and c.qty > 0 and pv.qty > 0 and c.vq > 0 and pv.vq > 0)
select year, country, product, dv as value, dq as dln_quantity, dv - dq as dln_unit_value, unit
from k
order by year, country, product
