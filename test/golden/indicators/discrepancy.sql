-- indicator: discrepancy
-- example: {"country":["CHN"],"from":2021,"product":"4901","level":4}
-- params: ["4901","reported","C",2021,2021,"X","country",4,"4901","CHN","4901","reported","C",2021,2021,"M","country",4,"4901","CHN"]
select year, country, partner, product, discrepancy as value, exports_reported, imports_reported, gap, ratio, discrepancy
from (
with exporter_reports as (
select year, reporter as exporter, partner as importer, grp, sum(v) as v
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $1 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $2) and t.type_code = $3 and t.year between $4 and $5 and t.flow = $6 and t.partner_kind = $7 and t.product_level = $8 and t.product = $9) s
where reporter in ($10) and 1 = 1
group by year, reporter, partner, grp ), importer_reports as (
select year, partner as exporter, reporter as importer, grp, sum(v) as v
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $11 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $12) and t.type_code = $13 and t.year between $14 and $15 and t.flow = $16 and t.partner_kind = $17 and t.product_level = $18 and t.product = $19) s
where partner in ($20) and 1 = 1
group by year, partner, reporter, grp )
select year, exporter as country, importer as partner, grp as product, exporter_reports.v as exports_reported, importer_reports.v as imports_reported, coalesce(importer_reports.v, 0) - coalesce(exporter_reports.v, 0) as gap, (importer_reports.v)::DOUBLE / nullif(exporter_reports.v, 0) as ratio, (abs(coalesce(exporter_reports.v, 0) - coalesce(importer_reports.v, 0)))::DOUBLE / nullif(coalesce(exporter_reports.v, 0) + coalesce(importer_reports.v, 0), 0) as discrepancy
from exporter_reports
full outer join importer_reports using (year, exporter, importer, grp)) reports
order by year, country, partner, product
