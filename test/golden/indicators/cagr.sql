-- indicator: cagr
-- example: {"country":["CHN"],"from":2016,"to":2021,"basket":"unesco-fcs-2009"}
-- params: ["unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2016,2021,"X","country",6,"CHN",2021,2016,2021,0.2,2016]
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
group by year, subj, grp), e as (select subj, grp, v
from yv
where year = $11), s as (select subj, grp, v
from yv
where year = $12)
select $13 as year, e.subj as country, e.grp as product, power((e.v)::DOUBLE / nullif(s.v, 0), $14) - 1 as value, $15 as from_year, s.v as start_value, e.v as end_value
from e
left join s on s.subj = e.subj and s.grp = e.grp
order by country, product
