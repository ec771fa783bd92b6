/** Product / basket profile: top exporters and importers, world trend, concentration, unit values. */
import { apiGet } from '../api.ts';
import { barChart, lineChart } from '../charts.ts';
import { basketLabel, basketSelect, controlsForm, nameOf, tradeControls, tradeParams, tradeQuery, tradeState, tradeStateText, yearInput } from '../controls.ts';
import { fmtNum, fmtPct, fmtUsd } from '../format.ts';
import { addMessages, t } from '../i18n.ts';
import { dataTable, field, h, num, section } from '../ui.ts';
import { DEFAULT_BASKET, emptyText, noTradeNotice } from './profile-parts.ts';
import { mainSvg } from '../download.ts';
import { localName } from '../names.ts';
import type { Page } from './types.ts';

addMessages({
  en: {
    'product.none': 'The data read names none: a file of exporters only (such as the Atlas’s country × product file) has no importers.',
  },
  zh: {
    'product.none': '所读数据中没有：只含出口国的文件（如 Atlas 的国家 × 产品文件）没有进口国。',
  },
});

const page: Page = {
  async render(ctx) {
    const p = ctx.params;
    const product = p.get('product') ?? '';
    const basket = p.get('basket') ?? (product ? '' : DEFAULT_BASKET);
    const productInput = h('input', { name: 'product', value: product, placeholder: '950510', size: 8, 'data-control': 'product' });
    const trade = tradeState(p);
    ctx.root.append(
      h('h1', {}, t('nav.product')),
      controlsForm(
        [field(`${t('product')} (HS / EBOPS)`, productInput), field(t('basket'), await basketSelect(basket, { all: false })), field(t('from'), yearInput('from', p.get('from') ?? undefined)), field(t('to'), yearInput('to', p.get('to') ?? undefined)), ...(await tradeControls(trade, { view: true, level: true }))],
        (v) => ctx.setParams({ product: v.product, basket: v.product ? '' : v.basket, from: v.from, to: v.to, ...tradeParams(v), flow: null, group: null }),
      ),
    );
    const res = await apiGet('/profiles/product', { product: product || undefined, basket: product ? undefined : basket || undefined, from: p.get('from'), to: p.get('to'), ...tradeQuery(trade, { group: false }) });
    const d = res.data!;
    const state = await tradeStateText(trade);
    // The code's name beside it (HS nomenclature, or the EBOPS 2010 tree for a services item such as SK1).
    // A basket by its name in the page's language ("UNESCO FCS 2009 › Books and Press"), never its id.
    const name = await localName(d.product.code, d.product.description);
    const what = d.product.basket ? await basketLabel(d.product.selector) : `${d.product.label}${name ? ` · ${name}` : ''}`;
    ctx.root.querySelector('h1')!.textContent = `${t('nav.product')}: ${what} ${d.from}–${d.to}`;
    if (d.empty) return void ctx.root.append(noTradeNotice(emptyText('product.empty', what, d.from, d.to), d.empty, d.provenance.levels));
    const prov = res.meta?.provenance ?? {};
    const trendBox = h('div', { class: 'chart', 'data-chart': 'trend' }, lineChart({ data: d.trend as never, x: 'year', y: 'world', xLabel: t('year'), yLabel: t('value.usd'), usd: true, container: ctx.root }));
    ctx.root.append(section(`${t('flows.by.year')} (${t('exports')})${state}`, trendBox, { name: 'product-trend', chart: d.trend.length > 1 ? () => mainSvg(trendBox) : undefined, rows: () => d.trend as never }));
    const grid = h('div', { class: 'grid2' });
    for (const [key, rows] of [['top.exporters', d.exporters], ['top.importers', d.importers]] as const) {
      if (!rows.length) {
        // Its own height, not the row's: a one-line card stretched beside a chart would be mostly blank.
        // Data without partner detail has no importers at all; data with partners may just have none
        // for this product and year (provenance.partnerDetail, not the empty list, tells them apart).
        const why = d.provenance.partnerDetail ? t('no.rows') : t('product.none');
        const none = section(`${t(key)} ${d.year}`, h('p', { class: 'note', 'data-none': key }, why));
        none.style.alignSelf = 'start';
        grid.append(none);
        continue;
      }
      const chartBox = h('div', { class: 'chart', 'data-chart': key }, barChart({ data: rows.slice(0, 12).map((r) => ({ ...r, label: nameOf(r, r.country) })), label: 'label', value: 'value', xLabel: t('value.usd'), usd: true, container: grid }));
      grid.append(
        section(
          `${t(key)} ${d.year}`,
          [
            chartBox,
            dataTable(rows as never, [
              { key: 'country', label: t('country'), format: (_v, r) => `${nameOf(r as never)} (${r.country})` },
              { key: 'value', label: t('value'), numeric: true, format: (v) => num(fmtUsd(v as number), prov) },
              { key: 'share', label: t('share'), numeric: true, format: (v) => fmtPct(v as number) },
              { key: 'rank', label: t('world.rank'), numeric: true, format: (v) => (v ? `#${v}` : '—') },
            ], { sortKey: 'value', limit: 20 }),
          ],
          { name: key.replace('.', '-'), chart: () => mainSvg(chartBox), rows: () => rows as never },
        ),
      );
    }
    ctx.root.append(grid);
    ctx.root.append(h('p', { class: 'note' }, `${t('concentration')}: ${t('exporter')} ${fmtNum(d.concentration.exporters.hhi, 3)} · ${t('importer')} ${fmtNum(d.concentration.importers.hhi, 3)}`));
    if (d.unitValues.length) {
      ctx.root.append(
        section(`${t('unit.values')} (US$ / ${d.quantityUnit ?? t('unit')})`, dataTable(d.unitValues as never, [
          { key: 'country', label: t('country'), format: (_v, r) => `${nameOf(r as never)} (${r.country})` },
          { key: 'unit_value', label: `US$ / ${d.quantityUnit ?? t('unit')}`, numeric: true, format: (v) => fmtNum(v as number) },
        ], { sortKey: 'unit_value', limit: 20 }), { name: 'unit-values', rows: () => d.unitValues as never }),
      );
    }
  },
};
export default page;
