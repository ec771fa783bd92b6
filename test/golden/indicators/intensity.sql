-- indicator: intensity
-- example: {"country":["CHN"],"partner":["USA","JPN"],"from":2021,"basket":"unesco-fcs-2009"}
-- params: ["unesco-fcs-2009","unesco-fcs-2009","reconciled","C",2021,2021,"X","country",6,"CHN","USA","JPN"]
with b as (select year, subj, cpt, grp, sum(v) as v
from (select year, reporter as subj, partner as cpt, product, grp, v, q, qu
from (select t.year as year, t.reporter as reporter, t.partner as partner, t.product as product, $1 as grp, t.value_usd as v, t.quantity as q, t.quantity_unit as qu
from trade_flows t
join (select distinct edition, code
from basket_resolved
where basket_id = $2) b on b.edition = t.classification and b.code = t.product
where t.run_id in (select id
from import_runs
where perspective = $3) and t.type_code = $4 and t.year between $5 and $6 and t.flow = $7 and t.partner_kind = $8 and t.product_level = $9) s) f
group by year, subj, cpt, grp), i as (select year, subj, grp, sum(v) as v
from b
group by year, subj, grp), j as (select year, cpt, grp, sum(v) as v
from b
group by year, cpt, grp), w as (select year, grp, sum(v) as v
from b
group by year, grp)
select year, country, partner, product, ((x_ij)::DOUBLE / nullif(x_i, 0))::DOUBLE / nullif((x_wj)::DOUBLE / nullif(x_w, 0), 0) as value, x_ij, x_i, x_wj, x_w
from (select bj.year as year, bj.country as country, bj.partner as partner, bj.product as product, bj.x_ij as x_ij, bj.x_i as x_i, bj.x_wj as x_wj, w.v as x_w
from (select bi.year as year, bi.country as country, bi.partner as partner, bi.product as product, bi.x_ij as x_ij, bi.x_i as x_i, j.v as x_wj
from (select b.year as year, b.subj as country, b.cpt as partner, b.grp as product, b.v as x_ij, i.v as x_i
from b
join i on i.year = b.year and i.subj = b.subj and i.grp = b.grp
where b.subj in ($10) and b.cpt in ($11, $12)) bi
join j on j.year = bi.year and j.cpt = bi.partner and j.grp = bi.product) bj
join w on w.year = bj.year and w.grp = bj.product) r
order by year, country, partner, product
