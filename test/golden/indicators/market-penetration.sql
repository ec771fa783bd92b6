-- indicator: market-penetration
-- example: {"country":["CHN"],"from":2021,"basket":"unesco-fcs-2009","by":"domain"}
-- params: ["unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN"]
with f as (select year, subj, cpt, grp, product, v
from (select year, partner as subj, reporter as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, b.domain as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code, domain
from basket_resolved
where basket_id = $1) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $2) and t.type_code = $3 and t.year between $4 and $5 and t.flow = $6 and t.partner_kind = $7 and t.product_level = $8) s) f0
where v > 0 and 1 = 1), imp as (select year, grp, product, subj
from f
group by year, grp, product, subj), nk as (select year, grp, product, count(*) as n_imp
from imp
group by year, grp, product), dest as (select year, cpt as exporter, grp, product, count(distinct subj) as n_dest
from f
where cpt in ($9)
group by year, cpt, grp, product), own as (select year, grp, product, subj as importer, 1 as is_imp
from imp), pk as (select year, exporter, grp, n_dest, n_imp - coalesce(is_imp, 0) as n_pos
from (select b.year as year, b.exporter as exporter, b.grp as grp, b.product as product, b.n_dest as n_dest, b.n_imp as n_imp, own.is_imp as is_imp
from (select dest.year as year, dest.exporter as exporter, dest.grp as grp, dest.product as product, dest.n_dest as n_dest, nk.n_imp as n_imp
from dest
join nk on nk.year = dest.year and nk.grp = dest.grp and nk.product = dest.product) b
left join own on own.year = b.year and own.grp = b.grp and own.product = b.product and own.importer = b.exporter) c)
select year, exporter as country, grp as product, (markets)::DOUBLE / nullif(possible, 0) as value, markets, possible, mean_ratio, products
from (select year, exporter, grp, sum(n_dest) as markets, sum(n_pos) as possible, avg((n_dest)::DOUBLE / nullif(n_pos, 0)) as mean_ratio, count(*) as products
from pk
group by year, exporter, grp) g
order by year, country, product
