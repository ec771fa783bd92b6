-- indicator: partner-share
-- example: {"country":["CHN"],"from":2021,"basket":"unesco-fcs-2009"}
-- params: ["unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN"]
with partner_trade as (
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
where subj in ($10)
group by year, subj, cpt, grp ), ranked as (
select partner_trade.year as year, partner_trade.subj as subj, partner_trade.cpt as cpt, partner_trade.grp as grp, partner_trade.v as v, tot.tv as tv, rank() over (partition by partner_trade.year, partner_trade.subj, partner_trade.grp
order by partner_trade.v desc) as rk
from partner_trade
join (
select year, subj, grp, sum(v) as tv
from partner_trade
group by year, subj, grp ) tot on tot.year = partner_trade.year and tot.subj = partner_trade.subj and tot.grp = partner_trade.grp )
select year, subj as country, cpt as partner, grp as product, (v)::DOUBLE / nullif(tv, 0) as value, v as numerator, tv as denominator, rk as rank
from ranked
where 1 = 1
order by year, country, rank, partner, product
