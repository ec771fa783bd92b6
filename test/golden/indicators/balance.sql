-- indicator: balance
-- example: {"country":["CHN"],"from":2015,"to":2021,"basket":"unesco-fcs-2009"}
-- params: ["unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2015,2021,"X","country",6,"CHN","unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2015,2021,"X","country",6,"CHN"]
select year, country, product, exports - imports as value, exports, imports
from (select year, subj as country, grp as product, coalesce(x.v, 0) as exports, coalesce(m.v, 0) as imports
from (select year, subj, grp, sum(v) as v
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
group by year, subj, grp) x
full outer join (select year, subj, grp, sum(v) as v
from (select year, partner as subj, reporter as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $11 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code
from basket_resolved
where basket_id = $12) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $13) and t.type_code = $14 and t.year between $15 and $16 and t.flow = $17 and t.partner_kind = $18 and t.product_level = $19) s) f
where subj in ($20) and 1 = 1
group by year, subj, grp) m using (year, subj, grp)) b
order by year, country, product
