-- indicator: hhi-partners
-- example: {"country":["CHN"],"from":2021,"basket":"unesco-fcs-2009","measure":"normalised"}
-- params: ["unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN"]
with unit_values as (
select year, subj, grp, cpt as unit_key, sum(v) as v
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
group by year, subj, grp, cpt ), positive_units as (
select uv.year as year, uv.subj as subj, uv.grp as grp, uv.v as v, totals.tv as tv
from unit_values uv
join (
select year, subj, grp, sum(v) as tv
from unit_values
where v > 0
group by year, subj, grp ) totals on totals.year = uv.year and totals.subj = uv.subj and totals.grp = uv.grp
where uv.v > 0 ), herfindahl as (
select year, subj, grp, sum((v / tv) * (v / tv)) as hh, count(*) as n
from positive_units
group by year, subj, grp ), measures as (
select year, subj, grp, hh, n, case when n > 1 then (hh - 1.0 / n) / (1 - 1.0 / n) end as hh_norm, (1)::DOUBLE / nullif(hh, 0) as equivalent
from herfindahl )
select year, subj as country, grp as product, hh_norm as value, hh, hh_norm, equivalent, n
from measures
order by year, country, product
