-- indicator: relative-trade-balance
-- example: {"country":["CHN"],"from":2021,"basket":"unesco-fcs-2009","by":"domain"}
-- params: ["unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN"]
select year, country, product, (exports - imports)::DOUBLE / nullif(exports + imports, 0) as value, exports, imports
from (select year, subj as country, grp as product, coalesce(x.v, 0) as exports, coalesce(m.v, 0) as imports
from (select year, subj, grp, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, b.domain as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code, domain
from basket_resolved
where basket_id = $1) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $2) and t.type_code = $3 and t.year between $4 and $5 and t.flow = $6 and t.partner_kind = $7 and t.product_level = $8) s) f
where subj in ($9) and 1 = 1
group by year, subj, grp) x
full outer join (select year, subj, grp, sum(v) as v
from (select year, partner as subj, reporter as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, b.domain as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code, domain
from basket_resolved
where basket_id = $10) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $11) and t.type_code = $12 and t.year between $13 and $14 and t.flow = $15 and t.partner_kind = $16 and t.product_level = $17) s) f
where subj in ($18) and 1 = 1
group by year, subj, grp) m using (year, subj, grp)) b
order by year, country, product
