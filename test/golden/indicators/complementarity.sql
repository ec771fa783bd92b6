-- indicator: complementarity
-- example: {"country":["CHN"],"partner":["USA"],"from":2021,"basket":"unesco-fcs-2009"}
-- params: ["unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN","unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN","unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"USA","unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"USA"]
with export_shares as (
select product_values.year as year, product_values.subj as subj, product_values.grp as grp, product_values.product as product, product_values.v / group_totals.tv as s
from (
select year, subj, grp, product, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $1 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code
from basket_resolved
where basket_id = $2) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $3) and t.type_code = $4 and t.year between $5 and $6 and t.flow = $7 and t.partner_kind = $8 and t.product_level = $9) s) f
where subj in ($10)
group by year, subj, grp, product) product_values
join (
select year, subj, grp, sum(v) as tv
from (
select year, subj, grp, product, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $11 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code
from basket_resolved
where basket_id = $12) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $13) and t.type_code = $14 and t.year between $15 and $16 and t.flow = $17 and t.partner_kind = $18 and t.product_level = $19) s) f
where subj in ($20)
group by year, subj, grp, product) b
where v > 0
group by year, subj, grp ) group_totals on group_totals.year = product_values.year and group_totals.subj = product_values.subj and group_totals.grp = product_values.grp
where product_values.v > 0), import_shares as (
select product_values.year as year, product_values.subj as subj, product_values.grp as grp, product_values.product as product, product_values.v / group_totals.tv as s
from (
select year, subj, grp, product, sum(v) as v
from (select year, partner as subj, reporter as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $21 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code
from basket_resolved
where basket_id = $22) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $23) and t.type_code = $24 and t.year between $25 and $26 and t.flow = $27 and t.partner_kind = $28 and t.product_level = $29) s) f
where subj in ($30)
group by year, subj, grp, product) product_values
join (
select year, subj, grp, sum(v) as tv
from (
select year, subj, grp, product, sum(v) as v
from (select year, partner as subj, reporter as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $31 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code
from basket_resolved
where basket_id = $32) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $33) and t.type_code = $34 and t.year between $35 and $36 and t.flow = $37 and t.partner_kind = $38 and t.product_level = $39) s) f
where subj in ($40)
group by year, subj, grp, product) b
where v > 0
group by year, subj, grp ) group_totals on group_totals.year = product_values.year and group_totals.subj = product_values.subj and group_totals.grp = product_values.grp
where product_values.v > 0), overlap as (
select export_shares.year as year, export_shares.subj as exporter, import_shares.subj as importer, export_shares.grp as grp, 100 * sum(case when export_shares.s < import_shares.s then export_shares.s else import_shares.s end) as tcv, count(*) as n
from export_shares
join import_shares on import_shares.year = export_shares.year and import_shares.grp = export_shares.grp and import_shares.product = export_shares.product
where import_shares.subj <> export_shares.subj
group by export_shares.year, export_shares.subj, import_shares.subj, export_shares.grp ), exporters as (
select year, subj, grp
from export_shares
group by year, subj, grp ), importers as (
select year, subj, grp
from import_shares
group by year, subj, grp )
select pairs.year as year, pairs.country as country, pairs.partner as partner, pairs.grp as product, coalesce(overlap.tcv, 0) as value, coalesce(overlap.n, 0) as products
from (
select exporters.year as year, exporters.subj as country, importers.subj as partner, exporters.grp as grp
from exporters
join importers on importers.year = exporters.year and importers.grp = exporters.grp
where importers.subj <> exporters.subj ) pairs
left join overlap on overlap.year = pairs.year and overlap.exporter = pairs.country and overlap.importer = pairs.partner and overlap.grp = pairs.grp
order by year, country, partner, product
