/**
 * Export potential: an open shift-share form of ITC's supply × demand × ease (INDICATORS.md §3.9;
 * definition page docs/indicators/export-potential.md), labelled "ITC-consistent, not ITC-identical".
 *
 *   PEV_ijk = X_ik · (M_jk·τ_ij·E_ij) / Σ_j' (M_j'k·τ_ij'·E_ij')        (no projection)
 *   τ_ij    = (d_ij / d̄)^(−θ)                                          (relative distance)
 *   E_ij    = (X_ij/X_i·) / (M_j·/M_w·)                                (trade intensity, all products)
 *   A_ijk   = mean of X_ijk over the years of the window that have data (any product)
 *   unrealised = max(0, PEV − A),  realised share = A / PEV
 *
 * This equals the §3.9 form with Ē_i the demand-and-distance-weighted mean ease, so Σ_j PEV_ijk =
 * X_ik: the exporter's current supply is distributed over markets by demand, distance and ease.
 *
 * Distance: d_ij is the great-circle distance between the countries' representative points (table
 * `country_distances`, built from the world-countries package by reference/distances.ts), d̄ the
 * mean over all pairs of that table, θ the distance elasticity (`distanceElasticity`, default 1:
 * the gravity literature's central estimate, about 0.9–1.1 — Disdier & Head 2008, Head & Mayer
 * 2014). θ = 0 switches distance off (τ = 1). A pair without a distance (a code with no point)
 * gets τ = 1 and a NULL `distance_km`. d̄ only scales τ: it cancels in PEV's shares.
 *
 * Differences from ITC, stated so nobody mistakes one for the other: no WEO projection of supply or
 * demand, no tariffs (no offline source), ease is plain trade intensity (markets i does not reach
 * get E = easeFloor, 0 by default), and A averages the chosen view, not "reliable reporters" only.
 */
import { z } from 'zod';
import { raw, sql } from '../store/index.ts';
import { inFilter, sideFlows } from './base.ts';
import { withScope } from './params.ts';
import { defineIndicator } from './types.ts';

export const exportPotentialParams = withScope({
  window: z.coerce.number().int().min(1).max(10).default(5).describe('years averaged for actual exports A'),
  windowYears: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      'advanced: how many years of the window have data (the query layer knows; else counted in SQL)',
    ),
  easeFloor: z.coerce
    .number()
    .min(0)
    .default(0)
    .describe('lowest ease given to a market (0: markets the exporter does not reach get no potential)'),
  distanceElasticity: z.coerce
    .number()
    .min(0)
    .max(5)
    .default(1)
    .describe('θ in τ = (d/d̄)^(−θ), the relative-distance factor (1: gravity estimates; 0: no distance)'),
});

export const exportPotential = defineIndicator({
  id: 'export-potential',
  label: {
    en: 'Export potential (ITC-consistent, not ITC-identical)',
    zh: '出口潜力（与 ITC 方法一致，但不等同）',
  },
  unit: 'usd',
  description: {
    en: "Potential exports of i to market j in a product group from i's supply, j's demand and the ease of trade between them, with the unrealised part. An open shift-share form of ITC's Export Potential Indicator: ITC-consistent, not ITC-identical.",
    zh: '根据出口国 i 的供给、市场 j 的需求及双方贸易便利度估算的 i 对 j 的潜在出口额及未实现部分。ITC 出口潜力指标的开放式份额分配形式：与 ITC 方法一致，但不等同。',
  },
  formula:
    "\\widehat{PEV}_{ijk} = \\hat X_{ik}\\cdot\\frac{\\hat M_{jk}\\,\\tau_{ijk}}{\\sum_{j'}\\hat M_{j'k}\\,\\tau_{ij'k}}\\cdot\\frac{E_{ij}}{\\bar E_{i}},\\quad E_{ij}=\\frac{X_{ij}/X_{i\\cdot}}{M_{j\\cdot}/M_{w\\cdot}},\\quad \\text{Unrealised}_{ijk}=\\max(0, PEV_{ijk}-A_{ijk})",
  source: 'docs/indicators/export-potential.md',
  note: {
    en: 'ITC-consistent, not ITC-identical: no projections or tariffs; distance as τ = (d/d̄)^(−θ) between country centre points; ease is trade intensity.',
    zh: '与 ITC 方法一致，但不等同：未做预测，未计关税；距离因子 τ = (d/d̄)^(−θ)，按国家中心点间距离计算；便利度取贸易强度。',
  },
  params: exportPotentialParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'partner', 'product'],
  columns: [
    { key: 'value', unit: 'usd', description: 'PEV: potential exports of i to j' },
    { key: 'actual', unit: 'usd', description: 'A: mean actual exports over the window' },
    { key: 'unrealised', unit: 'usd', description: 'max(0, PEV − A)' },
    { key: 'realised_share', unit: 'ratio', description: 'A / PEV' },
    { key: 'supply', unit: 'usd', description: 'X_ik' },
    { key: 'demand', unit: 'usd', description: 'M_jk' },
    { key: 'ease', unit: 'index', description: 'E_ij (floored)' },
    { key: 'mean_ease', unit: 'index', description: 'Ē_i: demand- and distance-weighted mean ease' },
    { key: 'distance_km', description: 'd_ij: great-circle distance between the countries (km)' },
    { key: 'tau', unit: 'index', description: 'τ_ij = (d_ij/d̄)^(−θ) (1 when θ = 0 or no distance)' },
  ],
  example: { country: ['CHN'], from: 2021, basket: 'unesco-fcs-2009', by: 'domain' },
  build(p, d) {
    const t = p.to ?? p.from;
    // The partner filter picks the markets shown (at the end), not the flows read: the supply,
    // demand and ease of a market are the same whichever markets are shown.
    const base = { ...p, partner: undefined, to: t, from: t };
    const one = { from: t, to: t };
    const xk = sideFlows(base, 'export', { products: true, totals: true, ...one }, d);
    const mk = sideFlows(base, 'import', { products: true, totals: true, ...one }, d);
    const xa = sideFlows(base, 'export', { products: false, pairs: true, ...one }, d);
    const ma = sideFlows(base, 'import', { products: false, totals: true, ...one }, d);
    const win = sideFlows(base, 'export', { products: true, from: t - p.window + 1, to: t }, d);
    const country = inFilter('subj', p.country);
    const ease = raw(d.fn.safeDiv(d.fn.safeDiv('x_ij', 'x_i'), d.fn.safeDiv('m_j', 'm_w')));
    const e = raw(d.fn.greatest('coalesce(ease.e, 0)', 'k.floor_e'));
    const pev = raw(`x * ${d.fn.safeDiv('m * tau * e', 'me')}`);
    // τ = exp(−θ·ln(d/d̄)); no distance (NULL on DuckDB, 0 from an unmatched ClickHouse LEFT JOIN) → 1.
    const tau = sql`case when km > 0 and dbar > 0 then exp(-1 * ${p.distanceElasticity} * ${raw(d.fn.ln('km / dbar'))}) else 1 end`;
    const actual = raw(d.fn.safeDiv('coalesce(a, 0)', 'n'));
    // Years of the window with any data (a year in which i sold none of k counts as a zero).
    const winAll = sideFlows(base, 'export', { products: false, totals: true, from: t - p.window + 1, to: t }, d);
    const ny =
      p.windowYears !== undefined
        ? sql`select ${p.windowYears} as n`
        : sql`select count(distinct year) as n from (${winAll}) f`;
    // One join per SELECT, each nested in the next (ClickHouse 18.16 runs one JOIN per query level,
    // and only equalities in ON: `mk.j <> xk.i` is a WHERE of the inner join).
    return sql`with xk as (select subj as i, grp, sum(v) as x from (${xk}) f where ${country} group by subj, grp), mk as (select subj as j, grp, sum(v) as m from (${mk}) f group by subj, grp), xij as (select subj as i, cpt as j, sum(v) as v from (${xa}) f where ${country} group by subj, cpt), xi as (select i, sum(v) as v from xij group by i), mj as (select subj as j, sum(v) as v from (${ma}) f group by subj), mw as (select sum(v) as v from mj), ease as (select i, j, ${ease} as e from (select b.i as i, b.j as j, b.x_ij as x_ij, b.x_i as x_i, b.m_j as m_j, mw.v as m_w from (select c.i as i, c.j as j, c.x_ij as x_ij, c.x_i as x_i, mj.v as m_j from (select xij.i as i, xij.j as j, xij.v as x_ij, xi.v as x_i from xij join xi on xi.i = xij.i) c join mj on mj.j = c.j) b cross join mw) a), ef as (select cast(${p.easeFloor} as double) as floor_e), cand0 as (select k.i as i, k.j as j, k.grp as grp, k.x as x, k.m as m, ${e} as e from (select xm.i as i, xm.j as j, xm.grp as grp, xm.x as x, xm.m as m, ef.floor_e as floor_e from (select xk.i as i, mk.j as j, xk.grp as grp, xk.x as x, mk.m as m from xk join mk on mk.grp = xk.grp where mk.j <> xk.i and mk.m > 0) xm cross join ef) k left join ease on ease.i = k.i and ease.j = k.j), dm as (select avg(km) as dbar from country_distances), cand as (select i, j, grp, x, m, e, case when km > 0 then km end as dkm, ${tau} as tau from (select c1.i as i, c1.j as j, c1.grp as grp, c1.x as x, c1.m as m, c1.e as e, c1.km as km, dm.dbar as dbar from (select c0.i as i, c0.j as j, c0.grp as grp, c0.x as x, c0.m as m, c0.e as e, dist.km as km from cand0 c0 left join country_distances dist on dist.origin = c0.i and dist.destination = c0.j) c1 cross join dm) c2), tot as (select i, grp, sum(m * tau) as mt, sum(m * tau * e) as me from cand group by i, grp), act as (select subj as i, cpt as j, grp, sum(v) as a from (${win}) f where ${country} group by subj, cpt, grp), ny as (${ny}), r as (select i as country, j as partner, grp as product, ${pev} as value, ${actual} as actual, x as supply, m as demand, e as ease, ${raw(d.fn.safeDiv('me', 'mt'))} as mean_ease, dkm as distance_km, tau as tau_ij from (select r2.i as i, r2.j as j, r2.grp as grp, r2.x as x, r2.m as m, r2.e as e, r2.dkm as dkm, r2.tau as tau, r2.me as me, r2.mt as mt, r2.a as a, ny.n as n from (select r1.i as i, r1.j as j, r1.grp as grp, r1.x as x, r1.m as m, r1.e as e, r1.dkm as dkm, r1.tau as tau, r1.me as me, r1.mt as mt, act.a as a from (select cand.i as i, cand.j as j, cand.grp as grp, cand.x as x, cand.m as m, cand.e as e, cand.dkm as dkm, cand.tau as tau, tot.me as me, tot.mt as mt from cand join tot on tot.i = cand.i and tot.grp = cand.grp) r1 left join act on act.i = r1.i and act.j = r1.j and act.grp = r1.grp) r2 cross join ny) r3) select ${t} as year, country, partner, product, value, actual, ${raw(d.fn.greatest('value - actual', '0'))} as unrealised, ${raw(d.fn.safeDiv('actual', 'value'))} as realised_share, supply, demand, ease, mean_ease, distance_km, tau_ij as tau from r where ${inFilter('partner', p.partner)} order by year, country, product, value desc, partner`;
  },
});
