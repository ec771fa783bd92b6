/**
 * Unit values and the value-versus-volume split. INDICATORS.md §3.1, §3.6.
 *
 * Only rows with a positive quantity enter (value and quantity alike), so UV = V/Q and
 * Δln V = Δln Q + Δln UV hold exactly. Quantities in different units are never added: when a group
 * mixes units the result is NULL and `units` says how many there were.
 */
import { type Dialect, raw, type Sql, sql } from '../store/index.ts';
import { inFilter, sideFlows } from './base.ts';
import { type Scope, scopeYears, withScope } from './params.ts';
import { defineIndicator } from './types.ts';

// Aliases (qty, vt) differ from the input columns (q, v): ClickHouse aliases are query-wide, so
// `sum(…q…) as q` would make every later `q` the aggregate itself (refused by 18.16).
function quantities(p: Scope, from: number, to: number, d: Dialect): Sql {
  const f = sideFlows(p, p.side, { products: true, areas: true, from, to }, d);
  return sql`select year, subj, grp, sum(case when q > 0 then v end) as vq, sum(case when q > 0 then q end) as qty, sum(v) as vt, coalesce(count(distinct case when q > 0 then qu end), 0) as units, max(case when q > 0 then qu end) as unit from (${f}) f where ${inFilter('subj', p.country)} and ${inFilter('cpt', p.partner)} group by year, subj, grp`;
}

export const unitValueParams = withScope({});

export const unitValue = defineIndicator({
  id: 'unit-value',
  label: { en: 'Unit value', zh: '单位价值' },
  unit: 'usd-per-unit',
  description: {
    en: 'Value per unit of quantity (US$ per tonne for BACI), over the rows that report a quantity.',
    zh: '每单位数量的价值（BACI 为美元/吨），仅计有数量的记录。',
  },
  formula: 'UV_{ik} = V_{ik} / Q_{ik}',
  source: 'docs/indicators/unit-value.md',
  params: unitValueParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [
    { key: 'value', unit: 'usd-per-unit', description: 'V/Q over rows with a quantity' },
    { key: 'unit', description: 'quantity unit' },
    { key: 'quantity', description: 'Q' },
    { key: 'value_with_quantity', unit: 'usd', description: 'V of rows with a quantity' },
    { key: 'coverage', unit: 'ratio', description: 'share of the value that has a quantity' },
    { key: 'units', unit: 'count', description: 'distinct quantity units (NULL value when > 1)' },
  ],
  example: { country: ['CHN'], from: 2021, product: '950510' },
  build(p, d) {
    const y = scopeYears(p);
    return sql`select year, subj as country, grp as product, case when units = 1 then ${raw(d.fn.safeDiv('vq', 'qty'))} end as value, unit, qty as quantity, vq as value_with_quantity, ${raw(d.fn.safeDiv('vq', 'vt'))} as coverage, units from (${quantities(p, y.from, y.to, d)}) u order by year, country, product`;
  },
});

export const valueVolumeParams = withScope({});

export const valueVolume = defineIndicator({
  id: 'value-volume',
  label: { en: 'Value vs volume growth', zh: '价值增长与数量增长分解' },
  unit: 'log-points',
  description: {
    en: 'Log growth of value over the previous year split into volume (quantity) and price (unit value): Δln V = Δln Q + Δln UV.',
    zh: '贸易额相对上一年的对数增长分解为数量增长与单位价值（价格）增长：Δln V = Δln Q + Δln UV。',
  },
  formula: '\\Delta\\ln V = \\Delta\\ln Q + \\Delta\\ln UV,\\; UV = V/Q',
  source: 'docs/indicators/value-volume.md',
  params: valueVolumeParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [
    { key: 'value', unit: 'log-points', description: 'Δln V (rows with a quantity)' },
    { key: 'dln_quantity', unit: 'log-points', description: 'Δln Q' },
    { key: 'dln_unit_value', unit: 'log-points', description: 'Δln UV = Δln V − Δln Q' },
    { key: 'unit', description: 'quantity unit' },
  ],
  example: { country: ['CHN'], from: 2020, to: 2021, product: '950510' },
  build(p, d) {
    const y = scopeYears(p);
    const lnRatio = (a: string, b: string) => d.fn.ln(d.fn.safeDiv(a, b));
    return sql`with u as (${quantities(p, y.from - 1, y.to, d)}), k as (select c.year as year, c.subj as country, c.grp as product, ${raw(lnRatio('c.vq', 'pv.vq'))} as dv, ${raw(lnRatio('c.qty', 'pv.qty'))} as dq, c.unit as unit from u c join u pv on pv.subj = c.subj and pv.grp = c.grp and cast(c.year - 1 as integer) = cast(pv.year as integer) where c.year >= ${y.from} and c.units = 1 and pv.units = 1 and c.unit = pv.unit and c.qty > 0 and pv.qty > 0 and c.vq > 0 and pv.vq > 0) select year, country, product, dv as value, dq as dln_quantity, dv - dq as dln_unit_value, unit from k order by year, country, product`;
  },
});
