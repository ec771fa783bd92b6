-- indicator: yoy-growth
-- example: {"country":["CHN"],"from":2019,"to":2021,"basket":"unesco-fcs-2009"}
-- params: ["unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2018,2021,"X","country",6,"CHN",2019]
with yv as (select year, subj, grp, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $1 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code
from basket_resolved
where basket_id = $2) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $3) and t.type_code = $4 and t.year between $5 and $6 and t.flow = $7 and t.partner_kind = $8 and t.product_level = $9) s) f
where subj in ($10) and 1 = 1
group by year, subj, grp)
select c.year as year, c.subj as country, c.grp as product, (c.v)::DOUBLE / nullif(pv.v, 0) - 1 as value, c.v as current, pv.v as previous
from yv c
left join yv pv on pv.subj = c.subj and pv.grp = c.grp and cast(c.year - 1 as integer) = cast(pv.year as integer)
where c.year >= $11
order by year, country, product
