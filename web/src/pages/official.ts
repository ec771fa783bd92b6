/**
 * Official figures: the bundled published series with scope, unit and source link. Series of
 * different scope are drawn in separate panels (never one line), values in US$ as normalised,
 * with the figure as printed and its unit in the table.
 */
import { apiGet } from '../api.ts';
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
};
const UNITS: Record<string, [string, string]> = {
  billion_usd: ['billion US dollars', '十亿美元'],
  hundred_million_usd: ['hundred million US dollars', '亿美元'],
  usd: ['US dollars', '美元'],
};
const words = (key: string) => key.replace(/[._]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
export function scopeLabel(key: string): string {
  const hit = SCOPES[key];
  return hit ? hit[getLang() === 'zh' ? 1 : 0] : words(key);
}
export function unitLabel(key: string): string {
  const hit = UNITS[key];
  return hit ? hit[getLang() === 'zh' ? 1 : 0] : words(key);
}
addMessages({ en: { 'official.single': 'one published figure' }, zh: { 'official.single': '仅一个公布数字' } });

const page: Page = {
  async render(ctx) {
    const country = (ctx.params.get('country') ?? 'CHN').toUpperCase();
    const res = await apiGet('/official', { country, limit: 5000 });
    const rows = res.rows ?? [];
    ctx.root.append(h('h1', {}, `${t('official.title')} — ${country}`), h('p', { class: 'note' }, t('official.note')));
    // One small chart per scope, each with its own axis: series of different scope are never one line.
    const scopes = [...new Set(rows.filter((r) => r.value_usd !== null).map((r) => r.scope))].sort();
    const box = h('div', { class: 'chart small-multiples', 'data-chart': 'official', 'data-scopes': scopes.length });
    for (const scope of scopes) {
      const series = rows
        .filter((r) => r.scope === scope && r.value_usd !== null && r.flow !== 'surplus' && r.flow !== 'deficit')
        .map((r) => ({ year: r.year, value: r.value_usd, series: `${r.indicator} · ${r.flow}` }));
      if (!series.length) continue;
      const sources = [...new Set(rows.filter((r) => r.scope === scope).map((r) => r.source_url))];
      const years = new Set(series.map((x) => x.year));
      // A single year is a number, not a chart.
      const body =
        years.size === 1
          ? h(
              'div',
              { class: 'single-figure', 'data-single': 'true' },
              series.map((x) => h('div', {}, h('span', { class: 'kpi-label' }, `${x.year} · ${x.series}`), h('div', { class: 'kpi-value' }, fmtUsd(x.value as number)))),
              h('div', { class: 'kpi-caption' }, t('official.single')),
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
            { key: 'indicator', label: t('indicator') },
            { key: 'flow', label: t('flow') },
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
