-- indicator: complementarity
-- example: {"country":["CHN"],"partner":["USA"],"from":2021,"basket":"unesco-fcs-2009"}
-- params: ["unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN","unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN","unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"USA","unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"USA"]
with xs as (select a.year as year, a.subj as subj, a.grp as grp, a.product as product, a.v / t.tv as s
from (select year, subj, grp, product, sum(v) as v
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
group by year, subj, grp, product) a
join (select year, subj, grp, sum(v) as tv
from (select year, subj, grp, product, sum(v) as v
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
group by year, subj, grp) t on t.year = a.year and t.subj = a.subj and t.grp = a.grp
where a.v > 0), ms as (select a.year as year, a.subj as subj, a.grp as grp, a.product as product, a.v / t.tv as s
from (select year, subj, grp, product, sum(v) as v
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
group by year, subj, grp, product) a
join (select year, subj, grp, sum(v) as tv
from (select year, subj, grp, product, sum(v) as v
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
group by year, subj, grp) t on t.year = a.year and t.subj = a.subj and t.grp = a.grp
where a.v > 0), tc as (select xs.year as year, xs.subj as exporter, ms.subj as importer, xs.grp as grp, 100 * sum(case when xs.s < ms.s then xs.s else ms.s end) as tcv, count(*) as n
from xs
join ms on ms.year = xs.year and ms.grp = xs.grp and ms.product = xs.product
where ms.subj <> xs.subj
group by xs.year, xs.subj, ms.subj, xs.grp), xu as (select year, subj, grp
from xs
group by year, subj, grp), mu as (select year, subj, grp
from ms
group by year, subj, grp)
select u.year as year, u.country as country, u.partner as partner, u.grp as product, coalesce(tc.tcv, 0) as value, coalesce(tc.n, 0) as products
from (select xu.year as year, xu.subj as country, mu.subj as partner, xu.grp as grp
from xu
join mu on mu.year = xu.year and mu.grp = xu.grp
where mu.subj <> xu.subj) u
left join tc on tc.year = u.year and tc.exporter = u.country and tc.importer = u.partner and tc.grp = u.grp
order by year, country, partner, product
