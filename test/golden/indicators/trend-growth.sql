-- indicator: trend-growth
-- example: {"country":["CHN"],"from":2017,"to":2021,"basket":"unesco-fcs-2009"}
-- params: ["unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2017,2021,"X","country",6,"CHN",2021,3]
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
group by year, subj, grp), r as (select subj, grp, regr_slope(ln(v), cast(year as double)) as b, count(*) as n
from yv
where v > 0
group by subj, grp)
select $11 as year, subj as country, grp as product, case when n >= $12 then exp(b) - 1 end as value, b as slope, n as years
from r
order by country, product
