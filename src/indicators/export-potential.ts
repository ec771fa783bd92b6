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
  /**
   * Kept whole: one SQL statement laid out a clause a line; its named CTEs are the steps of
   * docs/indicators/export-potential.md.
   */
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
    const e = raw(d.fn.greatest('coalesce(ease.e, 0)', 'pairs.floor_e'));
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
    // Named steps, one join per SELECT, each nested in the next (ClickHouse 18.16 runs one JOIN per
    // query level, and only equalities in ON: `md.j <> es.i` is a WHERE of the inner join).
    // Columns: i the exporter, j the market, grp the product group; x supply, m demand, e ease.
    return sql`
      with exporter_supply as (
        select subj as i, grp, sum(v) as x from (${xk}) f where ${country} group by subj, grp
      ),
      market_demand as (
        select subj as j, grp, sum(v) as m from (${mk}) f group by subj, grp
      ),
      bilateral_exports as (
        select subj as i, cpt as j, sum(v) as v from (${xa}) f where ${country} group by subj, cpt
      ),
      exporter_totals as (
        select i, sum(v) as v from bilateral_exports group by i
      ),
      market_totals as (
        select subj as j, sum(v) as v from (${ma}) f group by subj
      ),
      world_imports as (
        select sum(v) as v from market_totals
      ),
      ease as (
        select i, j, ${ease} as e
        from (
          select with_market.i as i, with_market.j as j, with_market.x_ij as x_ij, with_market.x_i as x_i,
                 with_market.m_j as m_j, world_imports.v as m_w
          from (
            select with_exporter.i as i, with_exporter.j as j, with_exporter.x_ij as x_ij, with_exporter.x_i as x_i,
                   market_totals.v as m_j
            from (
              select bilateral_exports.i as i, bilateral_exports.j as j, bilateral_exports.v as x_ij, exporter_totals.v as x_i
              from bilateral_exports
              join exporter_totals on exporter_totals.i = bilateral_exports.i
            ) with_exporter
            join market_totals on market_totals.j = with_exporter.j
          ) with_market
          cross join world_imports
        ) ease_inputs
      ),
      ease_floor as (
        select cast(${p.easeFloor} as double) as floor_e
      ),
      candidates_eased as (
        select pairs.i as i, pairs.j as j, pairs.grp as grp, pairs.x as x, pairs.m as m, ${e} as e
        from (
          select supply_demand.i as i, supply_demand.j as j, supply_demand.grp as grp, supply_demand.x as x,
                 supply_demand.m as m, ease_floor.floor_e as floor_e
          from (
            select es.i as i, md.j as j, es.grp as grp, es.x as x, md.m as m
            from exporter_supply es
            join market_demand md on md.grp = es.grp
            where md.j <> es.i and md.m > 0
          ) supply_demand
          cross join ease_floor
        ) pairs
        left join ease on ease.i = pairs.i and ease.j = pairs.j
      ),
      mean_distance as (
        select avg(km) as dbar from country_distances
      ),
      candidates as (
        select i, j, grp, x, m, e, case when km > 0 then km end as dkm, ${tau} as tau
        from (
          select with_km.i as i, with_km.j as j, with_km.grp as grp, with_km.x as x, with_km.m as m, with_km.e as e,
                 with_km.km as km, mean_distance.dbar as dbar
          from (
            select ce.i as i, ce.j as j, ce.grp as grp, ce.x as x, ce.m as m, ce.e as e, dist.km as km
            from candidates_eased ce
            left join country_distances dist on dist.origin = ce.i and dist.destination = ce.j
          ) with_km
          cross join mean_distance
        ) with_dbar
      ),
      exporter_reach as (
        select i, grp, sum(m * tau) as mt, sum(m * tau * e) as me from candidates group by i, grp
      ),
      actual_exports as (
        select subj as i, cpt as j, grp, sum(v) as a from (${win}) f where ${country} group by subj, cpt, grp
      ),
      window_years as (${ny}),
      potential as (
        select i as country, j as partner, grp as product, ${pev} as value, ${actual} as actual,
               x as supply, m as demand, e as ease, ${raw(d.fn.safeDiv('me', 'mt'))} as mean_ease,
               dkm as distance_km, tau as tau_ij
        from (
          select with_actual.i as i, with_actual.j as j, with_actual.grp as grp, with_actual.x as x, with_actual.m as m,
                 with_actual.e as e, with_actual.dkm as dkm, with_actual.tau as tau, with_actual.me as me,
                 with_actual.mt as mt, with_actual.a as a, window_years.n as n
          from (
            select with_reach.i as i, with_reach.j as j, with_reach.grp as grp, with_reach.x as x, with_reach.m as m,
                   with_reach.e as e, with_reach.dkm as dkm, with_reach.tau as tau, with_reach.me as me,
                   with_reach.mt as mt, actual_exports.a as a
            from (
              select candidates.i as i, candidates.j as j, candidates.grp as grp, candidates.x as x, candidates.m as m,
                     candidates.e as e, candidates.dkm as dkm, candidates.tau as tau, exporter_reach.me as me,
                     exporter_reach.mt as mt
              from candidates
              join exporter_reach on exporter_reach.i = candidates.i and exporter_reach.grp = candidates.grp
            ) with_reach
            left join actual_exports on actual_exports.i = with_reach.i and actual_exports.j = with_reach.j
              and actual_exports.grp = with_reach.grp
          ) with_actual
          cross join window_years
        ) with_years
      )
      select ${t} as year, country, partner, product, value, actual,
             ${raw(d.fn.greatest('value - actual', '0'))} as unrealised,
             ${raw(d.fn.safeDiv('actual', 'value'))} as realised_share,
             supply, demand, ease, mean_ease, distance_km, tau_ij as tau
      from potential
      where ${inFilter('partner', p.partner)}
      order by year, country, product, value desc, partner`;
  },
});
