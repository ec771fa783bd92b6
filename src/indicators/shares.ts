/**
 * Shares: a country's share of world trade in a product group (with its rank), an exporter's share of
 * a market's imports, the share of each partner in a country's trade, and the share of a product
 * group in a country's total trade. INDICATORS.md §3.2.
 */
import { raw, sql } from '../store/index.ts';
import { div, inFilter, rankBy, sideFlows } from './base.ts';
import { scopeYears, withScope } from './params.ts';
import { defineIndicator } from './types.ts';

const shareParams = withScope({});

export const worldShare = defineIndicator({
  id: 'world-share',
  world: true,
  label: { en: 'Share of world trade', zh: '占世界贸易份额' },
  unit: 'ratio',
  description: {
    en: "A country's exports (or imports) of a product group divided by the world's, with its rank among all countries. World = every country in the selected data.",
    zh: '一国某类产品出口（或进口）占世界该类产品出口（或进口）的比重及其排名；世界为所选数据中的全部国家。',
  },
  formula: 'MS_{ik} = X_{i\\cdot k} / X_{w\\cdot k}',
  source: 'docs/indicators/world-share.md',
  params: shareParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [
    { key: 'value', unit: 'ratio', description: 'X_i·k / X_w·k' },
    { key: 'numerator', unit: 'usd', description: 'X_i·k' },
    { key: 'denominator', unit: 'usd', description: 'X_w·k' },
    { key: 'rank', unit: 'count', description: 'rank among all countries (1 = largest)' },
    { key: 'countries', unit: 'count', description: 'countries with trade in the group' },
  ],
  example: { country: ['CHN', 'KOR'], from: 2021, basket: 'unesco-fcs-2009', domain: 'books' },
  build(p, d) {
    const f = sideFlows(p, p.side, { products: true, totals: true, ...scopeYears(p) }, d);
    // Totals and rank through a grouped subquery joined back, not a window (ClickHouse 18.16).
    const rk = rankBy(d, ['year', 'grp'], 'group_trade');
    return sql`
      with group_trade as (
        select year, subj, grp, sum(v) as v
        from (${f}) f
        where ${inFilter('cpt', p.partner)}
        group by year, subj, grp
      ),
      ranked as (
        select group_trade.year as year, group_trade.subj as subj, group_trade.grp as grp, group_trade.v as v,
               tot.wv as wv, ${raw(rk.rank)} as rk, tot.n as n
        from group_trade
        join (
          select year, grp, sum(v) as wv, count(*) as n${raw(rk.totals)} from group_trade group by year, grp
        ) tot on tot.year = group_trade.year and tot.grp = group_trade.grp
      )
      select year, subj as country, grp as product, ${div(d, 'v', 'wv')} as value, v as numerator, wv as denominator,
             rk as rank, n as countries
      from ranked
      where ${inFilter('subj', p.country)}
      order by year, country, product`;
  },
});

export const marketShare = defineIndicator({
  id: 'market-share',
  label: { en: "Share of a market's imports", zh: '在目标市场进口中的份额' },
  unit: 'ratio',
  description: {
    en: "Exporter i's share of market j's imports of a product group, valued on the import side (importer-reported under the reporter view), with i's rank among j's suppliers.",
    zh: '出口国 i 在市场 j 某类产品进口中的份额（按进口方估值），及其在 j 的供应国中的排名。',
  },
  formula: 'S_{ijk} = M_{jik} / M_{j\\cdot k}',
  source: 'docs/indicators/market-share.md',
  params: shareParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'partner', 'product'],
  columns: [
    { key: 'value', unit: 'ratio', description: 'M_jik / M_j·k' },
    { key: 'numerator', unit: 'usd', description: 'M_jik: imports of market j from i' },
    { key: 'denominator', unit: 'usd', description: 'M_j·k: imports of market j from all' },
    { key: 'rank', unit: 'count', description: "i's rank among j's suppliers" },
    { key: 'suppliers', unit: 'count', description: "j's supplier countries" },
  ],
  example: { country: ['CHN'], partner: ['USA', 'DEU'], from: 2021, product: '950510' },
  build(p, d) {
    const f = sideFlows(p, 'import', { products: true, ...scopeYears(p) }, d);
    // Totals and rank through a grouped subquery joined back, not a window (ClickHouse 18.16).
    const rk = rankBy(d, ['year', 'subj', 'grp'], 'supplies');
    return sql`
      with supplies as (
        select year, subj, cpt, grp, sum(v) as v
        from (${f}) f
        where ${inFilter('subj', p.partner)}
        group by year, subj, cpt, grp
      ),
      ranked as (
        select supplies.year as year, supplies.subj as subj, supplies.cpt as cpt, supplies.grp as grp, supplies.v as v,
               tot.mv as mv, ${raw(rk.rank)} as rk, tot.n as n
        from supplies
        join (
          select year, subj, grp, sum(v) as mv, count(*) as n${raw(rk.totals)} from supplies group by year, subj, grp
        ) tot on tot.year = supplies.year and tot.subj = supplies.subj and tot.grp = supplies.grp
      )
      select year, cpt as country, subj as partner, grp as product, ${div(d, 'v', 'mv')} as value, v as numerator,
             mv as denominator, rk as rank, n as suppliers
      from ranked
      where ${inFilter('cpt', p.country)}
      order by year, country, partner, product`;
  },
});

export const partnerShare = defineIndicator({
  id: 'partner-share',
  label: { en: 'Partner share', zh: '伙伴国份额' },
  unit: 'ratio',
  description: {
    en: "Share of each partner in a country's exports (or imports) of a product group, with the partner's rank.",
    zh: '各伙伴国在一国某类产品出口（或进口）中的份额及排名。',
  },
  formula: 's_{ij} = X_{ij\\cdot} / X_{i\\cdot\\cdot}',
  source: 'docs/indicators/partner-share.md',
  params: shareParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'partner', 'product'],
  columns: [
    { key: 'value', unit: 'ratio', description: 'X_ij / X_i·' },
    { key: 'numerator', unit: 'usd', description: 'X_ij' },
    { key: 'denominator', unit: 'usd', description: 'X_i·' },
    { key: 'rank', unit: 'count', description: 'rank of the partner (1 = largest)' },
  ],
  example: { country: ['CHN'], from: 2021, basket: 'unesco-fcs-2009' },
  build(p, d) {
    const f = sideFlows(p, p.side, { products: true, ...scopeYears(p) }, d);
    // Totals and rank through a grouped subquery joined back, not a window (ClickHouse 18.16).
    const rk = rankBy(d, ['year', 'subj', 'grp'], 'partner_trade');
    return sql`
      with partner_trade as (
        select year, subj, cpt, grp, sum(v) as v
        from (${f}) f
        where ${inFilter('subj', p.country)}
        group by year, subj, cpt, grp
      ),
      ranked as (
        select partner_trade.year as year, partner_trade.subj as subj, partner_trade.cpt as cpt,
               partner_trade.grp as grp, partner_trade.v as v, tot.tv as tv, ${raw(rk.rank)} as rk
        from partner_trade
        join (
          select year, subj, grp, sum(v) as tv${raw(rk.totals)} from partner_trade group by year, subj, grp
        ) tot on tot.year = partner_trade.year and tot.subj = partner_trade.subj and tot.grp = partner_trade.grp
      )
      select year, subj as country, cpt as partner, grp as product, ${div(d, 'v', 'tv')} as value, v as numerator,
             tv as denominator, rk as rank
      from ranked
      where ${inFilter('cpt', p.partner)}
      order by year, country, rank, partner, product`;
  },
});

export const productShare = defineIndicator({
  id: 'product-share',
  label: { en: 'Product share', zh: '产品份额' },
  unit: 'ratio',
  description: {
    en: "Share of a product group in a country's total exports (or imports) of all products at the chosen HS level.",
    zh: '某类产品在一国全部产品（所选 HS 层级）出口（或进口）中的份额。',
  },
  formula: 'X_{i\\cdot k} / X_{i\\cdot\\cdot}',
  source: 'docs/indicators/product-share.md',
  params: shareParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country', 'product'],
  columns: [
    { key: 'value', unit: 'ratio', description: 'X_i·k / X_i··' },
    { key: 'numerator', unit: 'usd', description: 'X_i·k' },
    { key: 'denominator', unit: 'usd', description: 'X_i·· (all products)' },
  ],
  example: { country: ['CHN'], from: 2021, basket: 'unesco-fcs-2009', by: 'domain' },
  build(p, d) {
    const y = scopeYears(p);
    const g = sideFlows(p, p.side, { products: true, totals: true, ...y }, d);
    const t = sideFlows(p, p.side, { products: false, totals: true, ...y }, d);
    const scope = sql`${inFilter('subj', p.country)} and ${inFilter('cpt', p.partner)}`;
    return sql`
      with group_trade as (
        select year, subj, grp, sum(v) as v from (${g}) f where ${scope} group by year, subj, grp
      ),
      all_trade as (
        select year, subj, sum(v) as v from (${t}) f where ${scope} group by year, subj
      )
      select group_trade.year as year, group_trade.subj as country, group_trade.grp as product,
             ${div(d, 'group_trade.v', 'all_trade.v')} as value, group_trade.v as numerator, all_trade.v as denominator
      from group_trade
      join all_trade on all_trade.year = group_trade.year and all_trade.subj = group_trade.subj
      order by year, country, product`;
  },
});
