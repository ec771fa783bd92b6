-- indicator: mirror-gap
-- example: {"country":["CHN"],"partner":["USA"],"from":2021,"product":"4901","level":4}
-- params: ["4901","reported","C",2021,2021,"X","country",4,"4901","CHN","USA","4901","reported","C",2021,2021,"M","country",4,"4901","CHN","USA"]
select year, country, partner, product, gap as value, exports_reported, imports_reported, gap, ratio, discrepancy
from (
with exporter_reports as (
select year, reporter as exporter, partner as importer, grp, sum(v) as v
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $1 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $2) and t.type_code = $3 and t.year between $4 and $5 and t.flow = $6 and t.partner_kind = $7 and t.product_level = $8 and t.product = $9) s
where reporter in ($10) and partner in ($11)
group by year, reporter, partner, grp ), importer_reports as (
select year, partner as exporter, reporter as importer, grp, sum(v) as v
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $12 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $13) and t.type_code = $14 and t.year between $15 and $16 and t.flow = $17 and t.partner_kind = $18 and t.product_level = $19 and t.product = $20) s
where partner in ($21) and reporter in ($22)
group by year, partner, reporter, grp )
select year, exporter as country, importer as partner, grp as product, exporter_reports.v as exports_reported, importer_reports.v as imports_reported, coalesce(importer_reports.v, 0) - coalesce(exporter_reports.v, 0) as gap, (importer_reports.v)::DOUBLE / nullif(exporter_reports.v, 0) as ratio, (abs(coalesce(exporter_reports.v, 0) - coalesce(importer_reports.v, 0)))::DOUBLE / nullif(coalesce(exporter_reports.v, 0) + coalesce(importer_reports.v, 0), 0) as discrepancy
from exporter_reports
full outer join importer_reports using (year, exporter, importer, grp)) reports
order by year, country, partner, product
