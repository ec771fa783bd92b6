-- indicator: product-share
-- example: {"country":["CHN"],"from":2021,"basket":"unesco-fcs-2009","by":"domain"}
-- params: ["unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN","ALL","reconciled","C",2021,2021,"X","country",6,"CHN"]
with group_trade as (
select year, subj, grp, sum(v) as v
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
group by year, subj, grp ), all_trade as (
select year, subj, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $10 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
where t.run_id in (select id
from import_runs
where perspective = $11) and t.type_code = $12 and t.year between $13 and $14 and t.flow = $15 and t.partner_kind = $16 and t.product_level = $17) s) f
where subj in ($18) and 1 = 1
group by year, subj )
select group_trade.year as year, group_trade.subj as country, group_trade.grp as product, (group_trade.v)::DOUBLE / nullif(all_trade.v, 0) as value, group_trade.v as numerator, all_trade.v as denominator
from group_trade
join all_trade on all_trade.year = group_trade.year and all_trade.subj = group_trade.subj
order by year, country, product
