/** Bilateral: flows between two countries by year and by product. */
import type { BilateralData } from '../../../src/contract.ts';
import { apiGet } from '../api.ts';
import { lineChart } from '../charts.ts';
import { basketSelect, controlsForm, countryInput, nameOf, tradeControls, tradeParams, tradeQuery, tradeState, tradeStateText, yearInput } from '../controls.ts';
import { fmtNum, fmtUsd } from '../format.ts';
import { getLang, t } from '../i18n.ts';
import { dataTable, field, h, num, section } from '../ui.ts';
import { sourceBadge, sourceBadges, sourceOf } from '../sources.ts';
import { productLabel } from '../names.ts';
import { DEFAULT_BASKET, defaultCountry } from './profile-parts.ts';
import { mainSvg } from '../download.ts';
import type { Page } from './types.ts';

const page: Page = {
  async render(ctx) {
    const p = ctx.params;
    const a = (p.get('a') ?? defaultCountry(ctx)).toUpperCase();
    const b = (p.get('b') ?? (a === ctx.status.defaults?.country ? ctx.status.defaults.partner : null) ?? defaultCountry(ctx, 1)).toUpperCase();
    const basket = p.get('basket') ?? DEFAULT_BASKET;
    const trade = tradeState(p);
    ctx.root.append(
      h('h1', {}, t('nav.bilateral')),
      controlsForm(
        [field('A', await countryInput('a', a)), field('B', await countryInput('b', b)), field(t('basket'), await basketSelect(basket)), field(t('from'), yearInput('from', p.get('from') ?? undefined)), field(t('to'), yearInput('to', p.get('to') ?? undefined)), ...(await tradeControls(trade, { view: true, level: true }))],
        (v) => ctx.setParams({ a: v.a?.toUpperCase(), b: v.b?.toUpperCase(), basket: v.basket || 'all', from: v.from, to: v.to, ...tradeParams(v), flow: null, group: null }),
      ),
    );
    const res = await apiGet<BilateralData>(`/bilateral/${a}/${b}`, { basket: basket === 'all' ? undefined : basket, from: p.get('from'), to: p.get('to'), ...tradeQuery(trade, { group: false }) });
    const d = res.data!;
    const prov = res.meta?.provenance ?? {};
    const lastYear = d.products.filter((r) => r.year === d.to);
    const state = await tradeStateText(trade);
    const an = nameOf(d.a);
    const bn = nameOf(d.b);
    ctx.root.querySelector('h1')!.textContent = `${t('nav.bilateral')}: ${an} ⇄ ${bn}`;
    const long = d.trend.flatMap((r) => [
      { year: r.year, series: `${an} → ${bn}`, value: r.a_to_b },
      { year: r.year, series: `${bn} → ${an}`, value: r.b_to_a },
    ]);
    // Where each direction's figures come from (own report, the importer's mirror report, none).
    const dirSources = ([[a, an, bn], [b, bn, an]] as const).flatMap(([x, xn, yn]) => {
      const badges = sourceBadges(d.sources.filter((l) => l.country === x && l.side === 'export'), xn);
      return badges.length ? [h('span', {}, `${xn} → ${yn}: `, ...badges)] : [];
    });
    const box = h(
      'div',
      { class: 'chart', 'data-chart': 'trend' },
      lineChart({ data: long, x: 'year', y: 'value', series: 'series', xLabel: t('year'), yLabel: t('value.usd'), usd: true, container: ctx.root }),
      dirSources.length ? h('p', { class: 'note src-line' }, ...dirSources) : null,
    );
    const cell = (v: unknown, exporter: string, name: string) => {
      const value = num(fmtUsd(v as number | null), prov);
      const badge = sourceBadge(sourceOf({ flowSources: d.sources }, exporter, d.to, 'export'), name);
      return badge ? h('span', { class: 'with-src' }, value, badge) : value;
    };
    // Products by name ("4901 · Printed books…"); basket domains by their label.
    const productText = (code: string, r: { name_en: string | null; name_zh: string | null }) => {
      const name = (getLang() === 'zh' ? r.name_zh : r.name_en) ?? r.name_en;
      return /^\d+$/.test(code) ? productLabel(code, name) : (name ?? code);
    };
    const fit = d.fit;
    if (fit) {
      ctx.root.append(
        h(
          'p',
          { class: 'note fit' },
          `${fit.year}: ${t('complementarity')} ${an} → ${bn} ${fmtNum(fit.complementarity_a_b, 1)}, ${bn} → ${an} ${fmtNum(fit.complementarity_b_a, 1)} · ${t('intensity')} ${an} → ${bn} ${fmtNum(fit.intensity_a_b, 2)}, ${bn} → ${an} ${fmtNum(fit.intensity_b_a, 2)}`,
        ),
      );
    }
    ctx.root.append(section(`${t('flows.by.year')}${state}`, box, { name: `bilateral-${a}-${b}`, chart: () => mainSvg(box), rows: () => d.trend as never }));
    ctx.root.append(
      section(
        `${t('flows.by.product')} ${d.to}${state}`,
        dataTable(lastYear as never, [
          { key: 'product', label: t('product'), format: (v, r) => productText(String(v), r as never) },
          { key: 'a_to_b', label: `${an} → ${bn}`, numeric: true, format: (v) => cell(v, a, an) },
          { key: 'b_to_a', label: `${bn} → ${an}`, numeric: true, format: (v) => cell(v, b, bn) },
        ], { sortKey: 'a_to_b', limit: 50 }),
        { name: `bilateral-products-${a}-${b}`, rows: () => lastYear as never },
      ),
    );
  },
};
export default page;
