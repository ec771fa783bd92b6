-- indicator: world-share
-- example: {"country":["CHN","KOR"],"from":2021,"basket":"unesco-fcs-2009","domain":"books"}
-- params: ["unesco-fcs-2009:books","unesco-fcs-2009","books","reconciled","C",2021,2021,"X","country",6,"CHN","KOR"]
with group_trade as (
select year, subj, grp, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $1 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code
from basket_resolved
where basket_id = $2 and domain = $3) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $4) and t.type_code = $5 and t.year between $6 and $7 and t.flow = $8 and t.partner_kind = $9 and t.product_level = $10) s) f
where 1 = 1
group by year, subj, grp ), ranked as (
select group_trade.year as year, group_trade.subj as subj, group_trade.grp as grp, group_trade.v as v, tot.wv as wv, rank() over (partition by group_trade.year, group_trade.grp
order by group_trade.v desc) as rk, tot.n as n
from group_trade
join (
select year, grp, sum(v) as wv, count(*) as n
from group_trade
group by year, grp ) tot on tot.year = group_trade.year and tot.grp = group_trade.grp )
select year, subj as country, grp as product, (v)::DOUBLE / nullif(wv, 0) as value, v as numerator, wv as denominator, rk as rank, n as countries
from ranked
where subj in ($11, $12)
order by year, country, product
