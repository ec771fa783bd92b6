-- indicator: market-penetration
-- example: {"country":["CHN"],"from":2021,"basket":"unesco-fcs-2009","by":"domain"}
-- params: ["unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN"]
with positive_flows as (
select year, subj, cpt, grp, product, v
from (select year, partner as subj, reporter as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, b.domain as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code, domain
from basket_resolved
where basket_id = $1) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $2) and t.type_code = $3 and t.year between $4 and $5 and t.flow = $6 and t.partner_kind = $7 and t.product_level = $8) s) f0
where v > 0 and 1 = 1 ), importers as (
select year, grp, product, subj
from positive_flows
group by year, grp, product, subj ), importer_counts as (
select year, grp, product, count(*) as n_imp
from importers
group by year, grp, product ), destinations as (
select year, cpt as exporter, grp, product, count(distinct subj) as n_dest
from positive_flows
where cpt in ($9)
group by year, cpt, grp, product ), own_imports as (
select year, grp, product, subj as importer, 1 as is_imp
from importers ), product_ratios as (
select year, exporter, grp, n_dest, n_imp - coalesce(is_imp, 0) as n_pos
from (
select with_importers.year as year, with_importers.exporter as exporter, with_importers.grp as grp, with_importers.product as product, with_importers.n_dest as n_dest, with_importers.n_imp as n_imp, own_imports.is_imp as is_imp
from (
select destinations.year as year, destinations.exporter as exporter, destinations.grp as grp, destinations.product as product, destinations.n_dest as n_dest, importer_counts.n_imp as n_imp
from destinations
join importer_counts on importer_counts.year = destinations.year and importer_counts.grp = destinations.grp and importer_counts.product = destinations.product ) with_importers
left join own_imports on own_imports.year = with_importers.year and own_imports.grp = with_importers.grp and own_imports.product = with_importers.product and own_imports.importer = with_importers.exporter ) with_own )
select year, exporter as country, grp as product, (markets)::DOUBLE / nullif(possible, 0) as value, markets, possible, mean_ratio, products
from (
select year, exporter, grp, sum(n_dest) as markets, sum(n_pos) as possible, avg((n_dest)::DOUBLE / nullif(n_pos, 0)) as mean_ratio, count(*) as products
from product_ratios
group by year, exporter, grp ) pooled
order by year, country, product
