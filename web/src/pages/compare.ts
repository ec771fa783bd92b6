/** Compare countries: one indicator for several countries over years. */
import type { CompareRow, IndicatorInfo } from '../../../src/contract.ts';
import { apiGet } from '../api.ts';
import { lineChart } from '../charts.ts';
import { basketSelect, controlsForm, nameOf, tradeControls, tradeParams, tradeQuery, tradeState, tradeStateText, yearInput } from '../controls.ts';
import { fmtNum, fmtPct, fmtUsd } from '../format.ts';
import { addMessages, getLang, t } from '../i18n.ts';
import { dataTable, field, h, num, section } from '../ui.ts';
import { sourceBadge, sourceOf } from '../sources.ts';
import { DEFAULT_BASKET } from './profile-parts.ts';
import { mainSvg } from '../download.ts';
import type { Page } from './types.ts';

addMessages({
  en: {
    'compare.definition': 'Definition, worked example and references',
    'compare.side': 'Side',
    'side.export': 'Exports (country as exporter)',
    'side.import': 'Imports (country as importer)',
    'unit.usd': 'US dollars',
    'unit.ratio': 'ratio',
    'unit.percent': 'percent',
    'unit.index': 'index',
    'unit.count': 'count',
    'unit.usd-per-unit': 'US dollars per unit',
    'unit.log-points': 'log points',
    'unit.per-year': 'per year',
  },
  zh: {
    'compare.definition': '定义、计算示例与参考文献',
    'compare.side': '方向',
    'side.export': '出口（该国为出口方）',
    'side.import': '进口（该国为进口方）',
    'unit.usd': '美元',
    'unit.ratio': '比率',
    'unit.percent': '百分比',
    'unit.index': '指数',
    'unit.count': '个数',
    'unit.usd-per-unit': '美元/单位',
    'unit.log-points': '对数点',
    'unit.per-year': '每年',
  },
});

/** A value in the unit's own format: money as US$ bn / 亿美元, ratios as percentages. */
function fmtUnit(v: unknown, unit: string | undefined): string {
  const x = typeof v === 'number' ? v : null;
  if (unit === 'usd') return fmtUsd(x);
  if (unit === 'ratio') return fmtPct(x);
  if (unit === 'percent') return x === null ? '—' : `${fmtNum(x, 2)}%`;
  if (unit === 'count') return fmtNum(x, 0);
  return fmtNum(x, 3);
}

const page: Page = {
  async render(ctx) {
    const p = ctx.params;
    const countries = (p.get('countries') ?? ctx.status.defaults?.countries.slice(0, 4).join(',') ?? '').toUpperCase();
    const indicator = p.get('indicator') ?? 'value';
    const basket = p.get('basket') ?? DEFAULT_BASKET;
    const side = p.get('side') === 'import' ? 'import' : 'export';
    const trade = tradeState(p);
    const sideSelect = h(
      'select',
      { name: 'side', 'data-control': 'side' },
      (['export', 'import'] as const).map((x) => h('option', { value: x, selected: x === side }, t(`side.${x}`))),
    );
    const catalog = (await apiGet('/indicators')).rows ?? [];
    const select = h('select', { name: 'indicator', 'data-control': 'indicator' }, catalog.map((i) => h('option', { value: i.id, selected: i.id === indicator }, getLang() === 'zh' ? i.label_zh : i.label_en)));
    ctx.root.append(
      h('h1', {}, t('nav.compare')),
      controlsForm(
        [
          field(t('compare.countries'), h('input', { name: 'countries', value: countries, size: 24, 'data-control': 'countries' })),
          field(t('compare.indicator'), select),
          field(t('compare.side'), sideSelect),
          field(t('basket'), await basketSelect(basket)),
          field(t('from'), yearInput('from', p.get('from') ?? undefined)),
          field(t('to'), yearInput('to', p.get('to') ?? undefined)),
          ...(await tradeControls(trade, { view: true, level: true, group: true })),
        ],
        (v) => {
          const { flow: _flow, ...rest } = tradeParams(v);
          ctx.setParams({ countries: v.countries, indicator: v.indicator, side: v.side === 'import' ? 'import' : null, basket: v.basket || 'all', from: v.from, to: v.to, ...rest });
        },
      ),
    );
    const res = await apiGet('/compare', {
      countries,
      indicator,
      basket: basket === 'all' ? undefined : basket,
      side,
      from: p.get('from'),
      to: p.get('to'),
      ...tradeQuery(trade),
    });
    const rows = (res.rows ?? []).map((r) => ({ ...r, name: nameOf(r, r.country) }));
    const info = res.data?.indicator;
    // The indicator's definition page (docs/indicators/ID.md), as the API serves it.
    const about = await apiGet<{ definition_markdown?: string | null }, never>(`/indicators/${encodeURIComponent(indicator)}`).catch(() => null);
    const definition = about?.data?.definition_markdown;
    const label = info ? (getLang() === 'zh' ? info.label_zh : info.label_en) : indicator;
    const unit = info?.unit;
    const unitWords = unit ? t(`unit.${unit}`) : '';
    const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
    const from = years[0];
    const to = years[years.length - 1];
    const title = `${label} · ${t(`side.${side}`)}${from !== undefined ? ` · ${from === to ? from : `${from}–${to}`}` : ''}${await tradeStateText(trade)}`;
    const box = h('div', { class: 'chart', 'data-chart': 'compare' }, lineChart({ data: rows as never, x: 'year', y: 'value', series: 'name', xLabel: t('year'), yLabel: `${label}${unitWords ? ` (${unitWords})` : ''}`, usd: unit === 'usd', container: ctx.root }));
    // Wide: one row per year, one column per country (names, formatted in the indicator's unit).
    const countryCols = [...new Map(rows.map((r) => [r.country, r.name])).entries()];
    const wide = years.map((year) => {
      const row: Record<string, unknown> = { year };
      for (const r of rows) if (r.year === year) row[r.country] = r.value;
      return row;
    });
    ctx.root.append(
      section(title, box, { name: `compare-${indicator}`, chart: () => mainSvg(box), rows: () => res.rows as never, units: unitWords, provenance: res.meta?.provenance, note: info ? (getLang() === 'zh' ? info.description_zh : info.description_en) : undefined }),
      section(
        `${title}${unitWords ? ` (${unitWords})` : ''}`,
        h(
          'div',
          { 'data-table': 'compare-wide' },
          dataTable(wide, [
            { key: 'year', label: t('year') },
            ...countryCols.map(([iso3, name]) => ({ key: iso3, label: `${name} (${iso3})`, numeric: true, format: (v: unknown, r: Record<string, unknown>) => {
              const value = num(fmtUnit(v, unit), res.meta?.provenance);
              const badge = sourceBadge(sourceOf(res.meta?.provenance, iso3, Number(r.year), side), name);
              return badge ? h('span', { class: 'with-src' }, value, badge) : value;
            } })),
          ], { sortKey: 'year' }),
        ),
        { name: `compare-${indicator}-table`, rows: () => wide },
      ),
      ...(definition
        ? [h('details', { class: 'definition', 'data-definition': indicator }, h('summary', {}, t('compare.definition')), h('pre', { style: 'white-space: pre-wrap' }, definition))]
        : []),
    );
  },
};
export default page;
