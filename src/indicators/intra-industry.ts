/**
 * Grubel–Lloyd intra-industry trade index. INDICATORS.md §3.3.
 *
 * Per product: GL_k = 1 − |X_k − M_k| / (X_k + M_k), 0 when trade in k goes one way only, 1 when
 * exports and imports of k are equal. A group (a basket, a domain, all products) is aggregated the
 * usual way (Grubel & Lloyd 1975): the trade-weighted mean of its products' indices,
 * GL = Σ (X_k + M_k)·GL_k / Σ (X_k + M_k) = 1 − Σ |X_k − M_k| / Σ (X_k + M_k), computed from the
 * products at the chosen HS level, never from the group's net balance. The group's own net index
 * 1 − |ΣX − ΣM| / Σ(X + M) (the group treated as one product, always ≥ GL) is the column `net`.
 *
 * Products are matched across the two sides on their code; a product traded one way only counts
 * with GL_k = 0. `side` is ignored (the index is about both sides).
 */
import { sql } from '../store/index.ts';
import { div, inFilter, sideFlows } from './base.ts';
import { scopeYears, withScope } from './params.ts';
import { defineIndicator } from './types.ts';

export const grubelLloydParams = withScope({});

export const grubelLloyd = defineIndicator({
  id: 'grubel-lloyd',
  label: { en: 'Intra-industry trade (Grubel–Lloyd index)', zh: '产业内贸易指数（格鲁贝尔—劳埃德指数）' },
  unit: 'index',
  description: {
    en: 'Share of a country’s trade in a product that is two-way (exports matched by imports of the same product): 0 one-way trade only, 1 exports equal imports. Groups are the trade-weighted mean of their products.',
    zh: '一国某产品贸易中双向（出口与同一产品的进口相互抵消）部分的比重：0 为单向贸易，1 为出口等于进口。产品组取其各产品指数按贸易额加权的平均值。',
  },
  formula:
    'GL_{ik} = 1 - \\frac{|X_{ik} - M_{ik}|}{X_{ik} + M_{ik}};\\; GL_{iG} = 1 - \\frac{\\sum_{k \\in G} |X_{ik} - M_{ik}|}{\\sum_{k \\in G} (X_{ik} + M_{ik})}',
  source: 'docs/indicators/grubel-lloyd.md',
  params: grubelLloydParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [
    { key: 'value', unit: 'index', description: 'GL: 1 − Σ|X − M| / Σ(X + M) over the products of the group' },
    { key: 'exports', unit: 'usd', description: 'ΣX' },
    { key: 'imports', unit: 'usd', description: 'ΣM' },
    { key: 'two_way', unit: 'usd', description: 'Σ 2·min(X, M): the trade that is two-way' },
    { key: 'net', unit: 'index', description: '1 − |ΣX − ΣM| / Σ(X + M): the group as one product' },
    { key: 'products', unit: 'count', description: 'products traded either way' },
  ],
  example: { country: ['CHN'], from: 2021, basket: 'unesco-fcs-2009', by: 'domain' },
  build(p, d) {
    const y = scopeYears(p);
    const side = (s: 'export' | 'import') =>
      sql`select year, subj, grp, product, sum(v) as v from (${sideFlows(p, s, { products: true, ...y }, d)}) f where ${inFilter('subj', p.country)} and ${inFilter('cpt', p.partner)} group by year, subj, grp, product`;
    // Product level first (FULL JOIN … USING: ClickHouse 18.16 takes no other full join), then
    // the group sums; aliases differ from the columns they sum (ClickHouse aliases are query-wide).
    const perProduct = sql`select year, subj, grp, product, coalesce(x.v, 0) as xv, coalesce(m.v, 0) as mv from (${side('export')}) x full outer join (${side('import')}) m using (year, subj, grp, product)`;
    return sql`select year, country, product, 1 - ${div(d, 'gap', 'total')} as value, exports, imports, total - gap as two_way, 1 - ${div(d, 'abs(exports - imports)', 'total')} as net, products from (select year, subj as country, grp as product, sum(abs(xv - mv)) as gap, sum(xv + mv) as total, sum(xv) as exports, sum(mv) as imports, count(*) as products from (${perProduct}) pp where xv + mv > 0 group by year, subj, grp) g order by year, country, product`;
  },
});
