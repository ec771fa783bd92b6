-- indicator: intensity
-- example: {"country":["CHN"],"partner":["USA","JPN"],"from":2021,"basket":"unesco-fcs-2009"}
-- params: ["unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN","USA","JPN"]
with bilateral as (
select year, subj, cpt, grp, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $1 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code
from basket_resolved
where basket_id = $2) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $3) and t.type_code = $4 and t.year between $5 and $6 and t.flow = $7 and t.partner_kind = $8 and t.product_level = $9) s) f
group by year, subj, cpt, grp ), exporter_totals as (
select year, subj, grp, sum(v) as v
from bilateral
group by year, subj, grp ), partner_totals as (
select year, cpt, grp, sum(v) as v
from bilateral
group by year, cpt, grp ), world_totals as (
select year, grp, sum(v) as v
from bilateral
group by year, grp )
select year, country, partner, product, ((x_ij)::DOUBLE / nullif(x_i, 0))::DOUBLE / nullif((x_wj)::DOUBLE / nullif(x_w, 0), 0) as value, x_ij, x_i, x_wj, x_w
from (
select with_partner.year as year, with_partner.country as country, with_partner.partner as partner, with_partner.product as product, with_partner.x_ij as x_ij, with_partner.x_i as x_i, with_partner.x_wj as x_wj, world_totals.v as x_w
from (
select with_exporter.year as year, with_exporter.country as country, with_exporter.partner as partner, with_exporter.product as product, with_exporter.x_ij as x_ij, with_exporter.x_i as x_i, partner_totals.v as x_wj
from (
select bilateral.year as year, bilateral.subj as country, bilateral.cpt as partner, bilateral.grp as product, bilateral.v as x_ij, exporter_totals.v as x_i
from bilateral
join exporter_totals on exporter_totals.year = bilateral.year and exporter_totals.subj = bilateral.subj and exporter_totals.grp = bilateral.grp
where bilateral.subj in ($10) and bilateral.cpt in ($11, $12) ) with_exporter
join partner_totals on partner_totals.year = with_exporter.year and partner_totals.cpt = with_exporter.partner and partner_totals.grp = with_exporter.product ) with_partner
join world_totals on world_totals.year = with_partner.year and world_totals.grp = with_partner.product ) inputs
order by year, country, partner, product
