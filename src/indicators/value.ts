/** Trade value: the sum of a country's exports (or imports) in a scope, by year and product group. */
import { sql } from '../store/index.ts';
import { inFilter, sideFlows } from './base.ts';
import { scopeYears, withScope } from './params.ts';
import { defineIndicator } from './types.ts';

export const valueParams = withScope({});

export const value = defineIndicator({
  id: 'value',
  label: { en: 'Trade value', zh: '贸易额' },
  unit: 'usd',
  description: {
    en: "Sum of a country's exports (side=export) or imports (side=import) in US dollars.",
    zh: '一国出口（side=export）或进口（side=import）的金额合计，单位美元。',
  },
  formula: 'V_{i\\cdot k}^{t} = \\sum_j x_{ijk}^{t}',
  source: 'docs/indicators/value.md',
  params: valueParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [{ key: 'value', unit: 'usd', description: 'trade value' }],
  example: { country: ['CHN'], from: 2021, basket: 'unesco-fcs-2009', by: 'domain' },
  build(p, d) {
    const y = scopeYears(p);
    const f = sideFlows(p, p.side, { products: true, totals: true, ...y }, d);
    return sql`select year, subj as country, grp as product, sum(v) as value from (${f}) f where ${inFilter('subj', p.country)} and ${inFilter('cpt', p.partner)} group by year, subj, grp order by year, country, product`;
  },
});
