-- indicator: grubel-lloyd
-- example: {"country":["CHN"],"from":2021,"basket":"unesco-fcs-2009","by":"domain"}
-- params: ["unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN"]
select year, country, product, 1 - (gap)::DOUBLE / nullif(total, 0) as value, exports, imports, total - gap as two_way, 1 - (abs(exports - imports))::DOUBLE / nullif(total, 0) as net, products
from (select year, subj as country, grp as product, sum(abs(xv - mv)) as gap, sum(xv + mv) as total, sum(xv) as exports, sum(mv) as imports, count(*) as products
from (select year, subj, grp, product, coalesce(x.v, 0) as xv, coalesce(m.v, 0) as mv
from (select year, subj, grp, product, sum(v) as v
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
group by year, subj, grp, product) x
full outer join (select year, subj, grp, product, sum(v) as v
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
group by year, subj, grp, product) m using (year, subj, grp, product)) pp
where xv + mv > 0
group by year, subj, grp) g
order by year, country, product
