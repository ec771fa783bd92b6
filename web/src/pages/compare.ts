/** Compare countries: one indicator for several countries over years. */
import type { CompareRow, IndicatorInfo } from '../../../src/contract.ts';
import { apiGet } from '../api.ts';
import { lineChart } from '../charts.ts';
import { basketSelect, controlsForm, nameOf, yearInput } from '../controls.ts';
import { fmtNum } from '../format.ts';
import { addMessages, getLang, t } from '../i18n.ts';
import { dataTable, field, h, num, section } from '../ui.ts';
import { DEFAULT_BASKET } from './profile-parts.ts';
import { mainSvg } from '../download.ts';
import type { Page } from './types.ts';

addMessages({
  en: { 'compare.definition': 'Definition, worked example and references' },
  zh: { 'compare.definition': '定义、计算示例与参考文献' },
});

const page: Page = {
  async render(ctx) {
    const p = ctx.params;
    const countries = (p.get('countries') ?? ctx.status.defaults?.countries.slice(0, 4).join(',') ?? '').toUpperCase();
    const indicator = p.get('indicator') ?? 'value';
    const basket = p.get('basket') ?? DEFAULT_BASKET;
    const catalog = (await apiGet<unknown, IndicatorInfo>('/indicators')).rows ?? [];
    const select = h('select', { name: 'indicator', 'data-control': 'indicator' }, catalog.map((i) => h('option', { value: i.id, selected: i.id === indicator }, getLang() === 'zh' ? i.label_zh : i.label_en)));
    ctx.root.append(
      h('h1', {}, t('nav.compare')),
      controlsForm(
        [
          field(t('compare.countries'), h('input', { name: 'countries', value: countries, size: 24, 'data-control': 'countries' })),
          field(t('compare.indicator'), select),
          field(t('basket'), await basketSelect(basket)),
          field(t('from'), yearInput('from', p.get('from') ?? undefined)),
          field(t('to'), yearInput('to', p.get('to') ?? undefined)),
        ],
        (v) => ctx.setParams({ countries: v.countries, indicator: v.indicator, basket: v.basket || 'all', from: v.from, to: v.to }),
      ),
    );
    const res = await apiGet<{ indicator: IndicatorInfo }, CompareRow>('/compare', {
      countries,
      indicator,
      basket: basket === 'all' ? undefined : basket,
      from: p.get('from'),
      to: p.get('to'),
    });
    const rows = (res.rows ?? []).map((r) => ({ ...r, name: nameOf(r, r.country) }));
    const info = res.data?.indicator;
    // The indicator's definition page (docs/indicators/ID.md), as the API serves it.
    const about = await apiGet<{ definition_markdown?: string | null }, never>(`/indicators/${encodeURIComponent(indicator)}`).catch(() => null);
    const definition = about?.data?.definition_markdown;
    const label = info ? (getLang() === 'zh' ? info.label_zh : info.label_en) : indicator;
    const box = h('div', { class: 'chart', 'data-chart': 'compare' }, lineChart({ data: rows as never, x: 'year', y: 'value', series: 'name', xLabel: t('year'), yLabel: `${label}${info ? ` (${info.unit})` : ''}`, usd: info?.unit === 'usd', container: ctx.root }));
    ctx.root.append(
      section(label, box, { name: `compare-${indicator}`, chart: () => mainSvg(box), rows: () => res.rows as never, note: info ? (getLang() === 'zh' ? info.description_zh : info.description_en) : undefined }),
      section(
        t('value'),
        dataTable(rows as never, [
          { key: 'year', label: t('year') },
          { key: 'name', label: t('country') },
          { key: 'value', label: label, numeric: true, format: (v) => num(fmtNum(v as number, 4), res.meta?.provenance) },
        ], { sortKey: 'year' }),
        { name: `compare-${indicator}-table`, rows: () => res.rows as never },
      ),
      ...(definition
        ? [h('details', { class: 'definition', 'data-definition': indicator }, h('summary', {}, t('compare.definition')), h('pre', { style: 'white-space: pre-wrap' }, definition))]
        : []),
    );
  },
};
export default page;
