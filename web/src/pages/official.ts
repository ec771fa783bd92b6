/**
 * Official figures: the bundled published series with scope, unit and source link. Series of
 * different scope are drawn in separate panels (never one line), values in US$ as normalised,
 * with the figure as printed and its unit in the table.
 */
import { apiGet } from '../api.ts';
import { countryName } from '../controls.ts';
import { lineChart } from '../charts.ts';
import { fmtNum, fmtPct, fmtUsd } from '../format.ts';
import { addMessages, getLang, t } from '../i18n.ts';
import { dataTable, h, num, section } from '../ui.ts';
import { mainSvg } from '../download.ts';
import type { Page } from './types.ts';

// The scope and unit keys of the bundled official series, in words (an unknown key reads as words too).
const SCOPES: Record<string, [string, string]> = {
  core_cultural_products: ['Core cultural products', '核心文化产品'],
  cultural_goods_unesco: ['Cultural goods (UNESCO definition)', '文化商品（联合国教科文组织口径）'],
  cultural_products: ['Cultural products', '文化产品'],
  'cultural_products.belt_and_road': ['Cultural products, Belt and Road partners', '文化产品（“一带一路”沿线国家）'],
  'cultural_products.brics': ['Cultural products, BRICS partners', '文化产品（金砖国家）'],
  'cultural_products.guangdong': ['Cultural products, Guangdong', '文化产品（广东）'],
  'cultural_products.visual_arts': ['Cultural products, visual arts', '文化产品（视觉艺术）'],
  cultural_products_and_services: ['Cultural products and services', '文化产品和服务'],
  cultural_services: ['Cultural services', '文化服务'],
  cultural_services_broad: ['Cultural services (broad definition)', '文化服务（广义）'],
  cultural_trade: ['Cultural trade', '文化贸易'],
  content_industry: ['Content industry', '内容产业'],
  creative_goods: ['Creative goods', '创意商品'],
  creative_services: ['Creative services', '创意服务'],
  creative_industries_goods: ['Creative industries, goods', '创意产业（货物）'],
  creative_industries_services: ['Creative industries, services', '创意产业（服务）'],
};
const UNITS: Record<string, [string, string]> = {
  billion_usd: ['billion US dollars', '十亿美元'],
  hundred_million_usd: ['hundred million US dollars', '亿美元'],
  usd: ['US dollars', '美元'],
  billion_gbp: ['billion pounds sterling', '十亿英镑'],
  trillion_usd: ['trillion US dollars', '万亿美元'],
};
// What a published figure measures (indicator · flow), in words.
const MEASURES: Record<string, [string, string]> = {
  'turnover · total': ['Total trade (exports + imports)', '进出口总额'],
  'value · export': ['Exports', '出口'],
  'value · import': ['Imports', '进口'],
  'value · total': ['Total', '总额'],
  'balance · surplus': ['Surplus', '顺差'],
  'balance · deficit': ['Deficit', '逆差'],
};
const FLOWS: Record<string, [string, string]> = {
  export: ['exports', '出口'],
  import: ['imports', '进口'],
  total: ['total', '总额'],
  surplus: ['surplus', '顺差'],
  deficit: ['deficit', '逆差'],
};
const INDICATORS: Record<string, [string, string]> = {
  value: ['value', '金额'],
  turnover: ['turnover', '进出口总额'],
  balance: ['balance', '差额'],
};
const inLang = (map: Record<string, [string, string]>, key: string) => {
  const hit = map[key];
  return hit ? hit[getLang() === 'zh' ? 1 : 0] : key;
};
/** What a figure measures, from its indicator and flow ("Exports", "进出口总额"). */
export function measureLabel(indicator: string, flow: string): string {
  const key = `${indicator} · ${flow}`;
  return MEASURES[key] ? inLang(MEASURES, key) : `${inLang(INDICATORS, indicator)} · ${inLang(FLOWS, flow)}`;
}
const words = (key: string) => key.replace(/[._]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
export function scopeLabel(key: string): string {
  const hit = SCOPES[key];
  return hit ? hit[getLang() === 'zh' ? 1 : 0] : words(key);
}
export function unitLabel(key: string): string {
  const hit = UNITS[key];
  return hit ? hit[getLang() === 'zh' ? 1 : 0] : words(key);
}
addMessages({
  en: { 'official.single': 'one published figure', 'official.singles': 'one published figure each, no series to draw' },
  zh: { 'official.single': '仅一个公布数字', 'official.singles': '各仅一个公布数字，不成序列' },
});

const page: Page = {
  async render(ctx) {
    const country = (ctx.params.get('country') ?? 'CHN').toUpperCase();
    const res = await apiGet('/official', { country, limit: 5000 });
    const rows = res.rows ?? [];
    ctx.root.append(h('h1', {}, `${t('official.title')} — ${await countryName(country)} (${country})`), h('p', { class: 'note' }, t('official.note')));
    // One small chart per scope, each with its own axis: series of different scope are never one line.
    const scopes = [...new Set(rows.filter((r) => r.value_usd !== null).map((r) => r.scope))].sort();
    const box = h('div', { class: 'chart small-multiples', 'data-chart': 'official', 'data-scopes': scopes.length });
    for (const scope of scopes) {
      const series = rows
        .filter((r) => r.scope === scope && r.value_usd !== null && r.flow !== 'surplus' && r.flow !== 'deficit')
        .map((r) => ({ year: r.year, value: r.value_usd, series: measureLabel(r.indicator, r.flow) }));
      if (!series.length) continue;
      const sources = [...new Set(rows.filter((r) => r.scope === scope).map((r) => r.source_url))];
      // A series with one point is a number, not a chart: a panel whose every series has a single
      // figure (the Belt and Road scope: total trade in 2017, exports in 2018) shows them as numbers.
      const points = new Map<string, number>();
      for (const x of series) points.set(x.series, (points.get(x.series) ?? 0) + 1);
      const body =
        Math.max(...points.values()) === 1
          ? h(
              'div',
              { class: 'single-figure', 'data-single': 'true' },
              series.map((x) => h('div', {}, h('span', { class: 'kpi-label' }, `${x.year} · ${x.series}`), h('div', { class: 'kpi-value' }, fmtUsd(x.value as number)))),
              h('div', { class: 'kpi-caption' }, t(series.length === 1 ? 'official.single' : 'official.singles')),
            )
          : lineChart({ data: series as never, x: 'year', y: 'value', series: 'series', xLabel: t('year'), yLabel: t('value.usd'), usd: true, container: ctx.root, small: true });
      const panel = h(
        'figure',
        { class: 'panel', 'data-scope': scope },
        h('figcaption', {}, h('strong', {}, scopeLabel(scope)), ' · ', sources.map((u, i) => h('a', { href: u, target: '_blank', rel: 'noopener' }, `${t('sources.link')} ${i + 1}`))),
        body,
      );
      box.append(panel);
    }
    ctx.root.append(
      section(`${t('official.title')}: ${scopes.length} ${t('scope')}`, box, {
        name: `official-${country}`,
        chart: () => mainSvg(box),
        rows: () => rows as never,
      }),
    );
    ctx.root.append(
      section(
        t('official.title'),
        dataTable(
          rows as never,
          [
            { key: 'year', label: t('year'), numeric: true },
            { key: 'scope', label: t('scope'), format: (v) => scopeLabel(String(v)) },
            { key: 'indicator', label: t('indicator'), format: (v) => inLang(INDICATORS, String(v)) },
            { key: 'flow', label: t('flow'), format: (v) => inLang(FLOWS, String(v)) },
            { key: 'value', label: t('value'), numeric: true, format: (v, r) => num(fmtNum(v as number), { sources: [String(r.source_url)], note: [r.publisher, r.note].filter(Boolean).join(' · ') || undefined }, `${r.flow} ${r.year}`) },
            { key: 'unit', label: t('unit'), format: (v) => unitLabel(String(v)) },
            { key: 'value_usd', label: 'US$', numeric: true, format: (v) => fmtUsd(v as number) },
            { key: 'yoy_pct', label: t('growth.yoy'), numeric: true, format: (v) => (v === null || v === undefined ? '—' : fmtPct((v as number) / 100)) },
            { key: 'source_url', label: t('source'), format: (v, r) => h('a', { href: String(v), target: '_blank', rel: 'noopener' }, String(r.publisher ?? t('sources.link'))) },
          ],
          { sortKey: 'year' },
        ),
        { name: `official-${country}-table`, rows: () => rows as never },
      ),
    );
  },
};
export default page;
