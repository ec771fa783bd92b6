/**
 * Hand-written SQL giving the same results as Lantern's country profile, market finder and RCA by
 * domain, written directly against trade_flows: the reference of bench/indicators.ts (same
 * process) and bench/cold.ts (a new process). Portable between DuckDB and PostgreSQL ($n
 * parameters, standard SQL). Parameters: $1 year, $2 basket, $3 HS edition, $4 exporter, $5 HS6
 * product.
 */
const X = `t.year = $1 and t.flow = 'X' and t.partner_kind = 'country' and t.product_level = 6`;
const BK = `(select distinct code, domain from basket_resolved where basket_id = $2 and edition = $3)`;

export const hand = {
  // Complete like Lantern's: every exporter × every domain the world exports, 0 where it has none.
  rca: `with g as (select t.reporter, b.domain, sum(t.value_usd) as v from trade_flows t join ${BK} b on b.code = t.product where ${X} group by t.reporter, b.domain),
    tt as (select t.reporter, sum(t.value_usd) as v from trade_flows t where ${X} group by t.reporter),
    wg as (select domain, sum(v) as v from g group by domain),
    wt as (select sum(v) as v from tt)
    select tt.reporter as country, wg.domain as product, (coalesce(g.v, 0) / tt.v) / (wg.v / wt.v) as value
    from tt cross join wg left join g on g.reporter = tt.reporter and g.domain = wg.domain cross join wt order by 1, 2`,

  // Market finder for one exporter ($4) and one HS6 product ($5); export potential with the distance
  // factor at its default elasticity 1, τ = d̄/d (markets without a distance: τ = 1).
  markets: `with f as (select t.reporter as s, t.partner as j, t.value_usd as v from trade_flows t where ${X} and t.product = $5),
    mk as (select j, sum(v) as m from f group by j),
    sup as (select j, s, sum(v) as v from f group by j, s),
    hh as (select sup.j, sum((sup.v / mk.m) * (sup.v / mk.m)) as hhi, count(*) as n from sup join mk on mk.j = sup.j group by sup.j),
    ex as (select j, v from sup where s = $4)
    select mk.j as market, mk.m as size, coalesce(ex.v, 0) as exporter_value, hh.hhi, hh.n as suppliers
    from mk left join ex on ex.j = mk.j left join hh on hh.j = mk.j where mk.j <> $4 order by 1`,
  competitors: `with sup as (select t.partner as j, t.reporter as s, sum(t.value_usd) as v from trade_flows t where ${X} and t.product = $5 group by t.partner, t.reporter),
    r as (select j, s, v, row_number() over (partition by j order by v desc, s) as rn from sup where s <> $4)
    select j, s, v from r where rn <= 3 order by j, rn`,
  potential: `with xk as (select sum(t.value_usd) as x from trade_flows t where ${X} and t.reporter = $4 and t.product = $5),
    mk as (select t.partner as j, sum(t.value_usd) as m from trade_flows t where ${X} and t.product = $5 and t.partner <> $4 group by t.partner),
    xij as (select t.partner as j, sum(t.value_usd) as v from trade_flows t where ${X} and t.reporter = $4 group by t.partner),
    xi as (select sum(v) as v from xij),
    mj as (select t.partner as j, sum(t.value_usd) as v from trade_flows t where ${X} group by t.partner),
    mw as (select sum(v) as v from mj),
    e as (select xij.j, (xij.v / xi.v) / (mj.v / mw.v) as e from xij cross join xi join mj on mj.j = xij.j cross join mw),
    d as (select destination as j, km from country_distances where origin = $4),
    db as (select avg(km) as dbar from country_distances),
    c as (select mk.j, mk.m * coalesce(db.dbar / nullif(d.km, 0), 1) as m, coalesce(e.e, 0) as e from mk left join e on e.j = mk.j left join d on d.j = mk.j cross join db),
    a as (select t.partner as j, sum(t.value_usd) as a from trade_flows t where ${X} and t.reporter = $4 and t.product = $5 group by t.partner)
    select c.j as market, xk.x * c.m * c.e / (select sum(m * e) from c) as potential, coalesce(a.a, 0) as actual
    from c cross join xk left join a on a.j = c.j order by 1`,

  // Country profile of $4 for one year, basket $2 in edition $3 (the sections Lantern computes).
  profile: [
    // totals: exports and imports in the basket
    `select sum(case when t.reporter = $4 then t.value_usd else 0 end) as x, sum(case when t.partner = $4 then t.value_usd else 0 end) as m
       from trade_flows t join ${BK} b on b.code = t.product where ${X} and (t.reporter = $4 or t.partner = $4)`,
    // world share and rank, exports and imports
    `with g as (select t.reporter as c, sum(t.value_usd) as v from trade_flows t join ${BK} b on b.code = t.product where ${X} group by t.reporter),
       r as (select c, v, v / sum(v) over () as share, rank() over (order by v desc) as rk from g) select * from r where c = $4`,
    `with g as (select t.partner as c, sum(t.value_usd) as v from trade_flows t join ${BK} b on b.code = t.product where ${X} group by t.partner),
       r as (select c, v, v / sum(v) over () as share, rank() over (order by v desc) as rk from g) select * from r where c = $4`,
    // by domain: exports, imports, world share and rank, RCA
    `with d as (select t.reporter as c, b.domain, sum(t.value_usd) as v from trade_flows t join ${BK} b on b.code = t.product where ${X} group by t.reporter, b.domain),
       r as (select c, domain, v, v / sum(v) over (partition by domain) as share, rank() over (partition by domain order by v desc) as rk, sum(v) over (partition by domain) as wd from d),
       tt as (select t.reporter as c, sum(t.value_usd) as v from trade_flows t where ${X} group by t.reporter),
       wt as (select sum(v) as v from tt)
       select r.domain, r.v, r.share, r.rk, (r.v / tt.v) / (r.wd / wt.v) as rca from r join tt on tt.c = r.c cross join wt where r.c = $4`,
    `select b.domain, sum(t.value_usd) as m from trade_flows t join ${BK} b on b.code = t.product where ${X} and t.partner = $4 group by b.domain`,
    // top partners, both sides
    `with p as (select t.partner as p, sum(t.value_usd) as v from trade_flows t join ${BK} b on b.code = t.product where ${X} and t.reporter = $4 group by t.partner)
       select p, v, v / sum(v) over () as share from p order by v desc limit 10`,
    `with p as (select t.reporter as p, sum(t.value_usd) as v from trade_flows t join ${BK} b on b.code = t.product where ${X} and t.partner = $4 group by t.reporter)
       select p, v, v / sum(v) over () as share from p order by v desc limit 10`,
    // top products, both sides
    `select t.product, sum(t.value_usd) as v from trade_flows t join ${BK} b on b.code = t.product where ${X} and t.reporter = $4 group by t.product order by v desc limit 10`,
    `select t.product, sum(t.value_usd) as v from trade_flows t join ${BK} b on b.code = t.product where ${X} and t.partner = $4 group by t.product order by v desc limit 10`,
    // concentration over partners and products, both sides
    `with p as (select t.partner as k, sum(t.value_usd) as v from trade_flows t join ${BK} b on b.code = t.product where ${X} and t.reporter = $4 group by t.partner)
       select sum((v / (select sum(v) from p)) * (v / (select sum(v) from p))) as hh, count(*) as n from p`,
    `with p as (select t.reporter as k, sum(t.value_usd) as v from trade_flows t join ${BK} b on b.code = t.product where ${X} and t.partner = $4 group by t.reporter)
       select sum((v / (select sum(v) from p)) * (v / (select sum(v) from p))) as hh, count(*) as n from p`,
    `with p as (select t.product as k, sum(t.value_usd) as v from trade_flows t join ${BK} b on b.code = t.product where ${X} and t.reporter = $4 group by t.product)
       select sum((v / (select sum(v) from p)) * (v / (select sum(v) from p))) as hh, count(*) as n from p`,
    `with p as (select t.product as k, sum(t.value_usd) as v from trade_flows t join ${BK} b on b.code = t.product where ${X} and t.partner = $4 group by t.product)
       select sum((v / (select sum(v) from p)) * (v / (select sum(v) from p))) as hh, count(*) as n from p`,
  ],
};
