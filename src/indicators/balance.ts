/**
 * Trade balance and relative trade balance: exports minus imports of a country in a scope, and the
 * same normalised by their sum (ITC TPI "relative trade balance", in [-1, 1]).
 */
import { type Dialect, type Sql, sql } from '../store/index.ts';
import { div, inFilter, sideFlows } from './base.ts';
import { type Scope, scopeYears, withScope } from './params.ts';
import { defineIndicator } from './types.ts';

export const balanceParams = withScope({});

/**
 * Exports and imports of each (year, country, product group), full-outer-joined. USING, not ON:
 * the merged key is the one present (SQL's coalesce of both sides), and ClickHouse 18.16 runs a
 * FULL JOIN only with USING.
 */
function exportsImports(p: Scope, d: Dialect): Sql {
  const y = scopeYears(p);
  const side = (s: 'export' | 'import') =>
    sql`select year, subj, grp, sum(v) as v from (${sideFlows(p, s, { products: true, totals: true, ...y }, d)}) f where ${inFilter('subj', p.country)} and ${inFilter('cpt', p.partner)} group by year, subj, grp`;
  return sql`select year, subj as country, grp as product, coalesce(x.v, 0) as exports, coalesce(m.v, 0) as imports from (${side('export')}) x full outer join (${side('import')}) m using (year, subj, grp)`;
}

export const balance = defineIndicator({
  id: 'balance',
  label: { en: 'Trade balance', zh: '贸易差额' },
  unit: 'usd',
  description: {
    en: 'Exports minus imports of a country in a scope (side is ignored).',
    zh: '一国在给定范围内的出口减进口。',
  },
  formula: 'TB_{ik} = X_{ik} - M_{ik}',
  source: 'docs/indicators/balance.md',
  params: balanceParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [
    { key: 'value', unit: 'usd', description: 'exports − imports' },
    { key: 'exports', unit: 'usd', description: 'exports' },
    { key: 'imports', unit: 'usd', description: 'imports' },
  ],
  example: { country: ['CHN'], from: 2015, to: 2021, basket: 'unesco-fcs-2009' },
  build(p, d) {
    return sql`select year, country, product, exports - imports as value, exports, imports from (${exportsImports(p, d)}) b order by year, country, product`;
  },
});

export const relativeTradeBalance = defineIndicator({
  id: 'relative-trade-balance',
  label: { en: 'Relative trade balance', zh: '相对贸易差额' },
  unit: 'ratio',
  description: {
    en: 'Trade balance divided by total trade, from −1 (imports only) to 1 (exports only).',
    zh: '贸易差额除以进出口总额，取值 −1（仅进口）到 1（仅出口）。',
  },
  formula: 'RTB_{ik} = \\frac{X_{ik} - M_{ik}}{X_{ik} + M_{ik}}',
  source: 'docs/indicators/relative-trade-balance.md',
  params: balanceParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [
    { key: 'value', unit: 'ratio', description: '(X − M) / (X + M)' },
    { key: 'exports', unit: 'usd', description: 'exports' },
    { key: 'imports', unit: 'usd', description: 'imports' },
  ],
  example: { country: ['CHN'], from: 2021, basket: 'unesco-fcs-2009', by: 'domain' },
  build(p, d) {
    return sql`select year, country, product, ${div(d, 'exports - imports', 'exports + imports')} as value, exports, imports from (${exportsImports(p, d)}) b order by year, country, product`;
  },
});
