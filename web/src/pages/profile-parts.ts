/** Pieces of the country views shared by Overview and Country profile. */
import type { ApiMeta, ApiProvenance, CountryProfileData } from '../../../src/contract.ts';
import { barChart, chartWidth, gridColumns, lineChart, sectionTreemap, stackedArea, TREEMAP_HEIGHT, treemapChart } from '../charts.ts';
import { basketLabel, countryInput, basketSelect, controlsForm, nameOf, numericIndex, groups, tradeControls, tradeParams, tradeQuery, tradeState, type TradeState, tradeStateText, yearInput } from '../controls.ts';
import { fmtNum, fmtPct, fmtUsd } from '../format.ts';
import { addMessages, getLang, t } from '../i18n.ts';
import { worldMap } from '../map.ts';
import { chapterSections, domainColour, HS_SECTIONS, productLabel, productNames, sectionColour, sectionLabel } from '../names.ts';
import { dataTable, field, h, num, section } from '../ui.ts';
import { perspectiveText, sourceBadge, sourceBadges, sourceOf } from '../sources.ts';
import { mainSvg } from '../download.ts';
import type { PageContext } from './types.ts';

export const DEFAULT_BASKET = 'unesco-fcs-2009';

/**
 * Where a page without a country starts: the store's largest reporter (from `/status`), never a
 * fixed country; `fallback` only when the status says nothing (an empty store shows its notice).
 */
export function defaultCountry(ctx: PageContext, rank = 0): string {
  const d = ctx.status.defaults;
  return d?.countries[rank] ?? d?.country ?? '';
}

export function profileParams(ctx: PageContext): { country: string; basket: string; from?: string; to?: string; trade: TradeState } {
  const p = ctx.params;
  return {
    country: (p.get('country') ?? defaultCountry(ctx)).toUpperCase(),
    basket: p.get('basket') ?? DEFAULT_BASKET,
    from: p.get('from') ?? undefined,
    to: p.get('to') ?? undefined,
    trade: tradeState(p),
  };
}

/**
 * A country profile as a page shows it: the flow its one-sided views (treemap, map, area) show, the
 * state for titles, and the answer's provenance as the API's `meta` gives it (runs, note, sources).
 */
export type ProfileView = Omit<CountryProfileData, 'provenance'> & {
  provenance: ApiProvenance;
  flow: TradeState['flow'];
  state: string;
  /** The state without the flow, for titles that name the flow themselves ("Re-exports 2022"). */
  sideState: string;
  /** The same state as parameters of a catalog indicator (`/indicators/ID/values`): side, view, level, partners. */
  indicatorQuery: Record<string, string | undefined>;
};

export async function profileView(d: CountryProfileData, meta: ApiMeta | undefined, s: ReturnType<typeof profileParams>): Promise<ProfileView> {
  const members = s.trade.group ? (await groups()).find((g) => g.id === s.trade.group)?.members : undefined;
  const { group: _g, ...rest } = tradeQuery(s.trade);
  return {
    ...d,
    provenance: meta?.provenance ?? {},
    flow: s.trade.flow,
    state: await tradeStateText(s.trade),
    sideState: await tradeStateText({ ...s.trade, flow: 'export' }),
    indicatorQuery: { ...rest, side: s.trade.flow === 'import' ? 'import' : 'export', partner: members?.join(',') },
  };
}

/** The side the one-sided views (treemaps, map, area) show: imports, else exports (or re-exports). */
const sideOf = (v: ProfileView): 'export' | 'import' => (v.flow === 'import' ? 'import' : 'export');
/** The names of the two sides: exports and imports, or re-exports and re-imports. */
const sideWords = (v: ProfileView) =>
  v.flow === 'reexport' ? { export: t('reexports'), import: t('reimports') } : { export: t('exports'), import: t('imports') };
const flowWord = (v: ProfileView) => sideWords(v)[sideOf(v)];

export async function profileControls(ctx: PageContext): Promise<HTMLElement> {
  const s = profileParams(ctx);
  return controlsForm(
    [
      field(t('country'), await countryInput('country', s.country)),
      field(t('basket'), await basketSelect(s.basket)),
      field(t('from'), yearInput('from', s.from)),
      field(t('to'), yearInput('to', s.to)),
      ...(await tradeControls(s.trade, { flow: true, view: true, level: true, group: true })),
    ],
    (v) => ctx.setParams({ country: v.country?.toUpperCase(), basket: v.basket || 'all', from: v.from, to: v.to, ...tradeParams(v) }),
  );
}

/** Query parameters of /profiles/country from the page state (`basket=all` means no basket). */
export function profileQuery(s: ReturnType<typeof profileParams>): Record<string, string | undefined> {
  return { basket: s.basket === 'all' ? undefined : s.basket, from: s.from, to: s.to, top: '50', ...tradeQuery(s.trade) };
}

/** A headline number: label, value (opens its provenance), caption. */
export function card(label: string, value: HTMLElement, caption: string): HTMLElement {
  return h('div', { class: 'kpi' }, h('div', { class: 'kpi-label' }, label), h('div', { class: 'kpi-value' }, value), h('div', { class: 'kpi-caption' }, caption));
}

/** A figure with its source badge (mirror / no data) when it is not the reporter's own. */
function withSource(value: HTMLElement, d: ProfileView, year: number, side: 'export' | 'import'): HTMLElement {
  const badge = sourceBadge(sourceOf(d.provenance, d.country.iso3, year, side), nameOf(d.country));
  return badge ? h('span', { class: 'with-src' }, value, badge) : value;
}

export function headline(d: ProfileView): HTMLElement {
  const hd = d.headline;
  const prov = d.provenance;
  const src = `${hd.year} · ${perspectiveText(d.perspective)}${d.basket ? ` · ${d.basket}` : ''}`;
  // Reported data: the world of the share and rank is the store's reporters, said under both.
  const worldSrc = prov.world ? t('world.scope').replace('{n}', String(prov.world.reporters)) : src;
  const w = sideWords(d);
  return section(
    `${t('headline')} — ${nameOf(d.country)} ${hd.year}${d.state}`,
    h(
      'div',
      { class: 'kpis' },
      card(w.export, withSource(num(fmtUsd(hd.exports), prov, `${w.export} ${hd.year}`), d, hd.year, 'export'), src),
      card(w.import, withSource(num(fmtUsd(hd.imports), prov, `${w.import} ${hd.year}`), d, hd.year, 'import'), src),
      card(t('balance'), num(fmtUsd(hd.balance), prov, `${t('balance')} ${hd.year}`), src),
      card(t('world.share'), withSource(num(fmtPct(hd.worldShare, 2), prov, t('world.share')), d, hd.year, 'export'), worldSrc),
      card(t('world.rank'), num(hd.worldRank ? `#${hd.worldRank}` : '—', prov, t('world.rank')), worldSrc),
      card(t('growth.yoy'), num(fmtPct(hd.exportGrowth), prov, t('growth.yoy')), `${w.export} ${hd.year - 1}→${hd.year}`),
    ),
    { name: `headline-${d.country.iso3}`, rows: () => [{ country: d.country.iso3, ...hd }] },
  );
}

export function trend(d: ProfileView, container: HTMLElement): HTMLElement {
  const w = sideWords(d);
  const long = d.trend.flatMap((p) => [
    { year: p.year, series: w.export, value: p.exports },
    { year: p.year, series: w.import, value: p.imports },
    { year: p.year, series: t('balance'), value: p.balance },
  ]);
  const chart = lineChart({ data: long, x: 'year', y: 'value', series: 'series', seriesOrder: [w.export, w.import, t('balance')], xLabel: t('year'), yLabel: t('value.usd'), usd: true, zero: true, container });
  const body = h('div', { class: 'chart', 'data-chart': 'trend' }, chart, sourcesLine(d));
  return section(`${t('trend')} · ${nameOf(d.country as never, d.country.iso3)} · ${d.from}–${d.to}${d.state}`, body, {
    name: `trend-${d.country.iso3}`,
    // One year is shown as figures (lineChart), with no chart to download.
    chart: d.trend.length > 1 ? () => mainSvg(body) : undefined,
    units: t('units.usd'),
    provenance: d.provenance,
    rows: () => d.trend as unknown as Record<string, unknown>[],
  });
}

/** "Exports: [mirror] · Imports: —" under a chart of the country's totals: where its figures come from. */
function sourcesLine(d: ProfileView): HTMLElement | null {
  const parts = (['export', 'import'] as const).flatMap((side) => {
    const labels = (d.provenance.flowSources ?? []).filter((l) => l.country === d.country.iso3 && l.side === side);
    const badges = sourceBadges(labels, nameOf(d.country));
    return badges.length ? [h('span', {}, `${sideWords(d)[side]}: `, ...badges)] : [];
  });
  return parts.length ? h('p', { class: 'note src-line' }, ...parts) : null;
}

export function domainsTreemap(d: ProfileView, container: HTMLElement): HTMLElement {
  const items = d.domains.map((x) => ({ name: getLang() === 'zh' ? x.label_zh : x.label_en, value: sideOf(d) === 'import' ? x.imports : x.exports }));
  const body = h('div', { class: 'chart', 'data-chart': 'treemap' }, items.length ? treemapChart(items, { container, format: fmtUsd }) : h('p', { class: 'muted' }, t('no.rows')));
  return section(`${t('domains')} · ${nameOf(d.country as never, d.country.iso3)} (${flowWord(d)} ${d.year})${d.sideState}`, body, {
    name: `domains-${d.country.iso3}`,
    chart: () => mainSvg(body),
    units: t('units.usd'),
    provenance: d.provenance,
    rows: () => d.domains as unknown as Record<string, unknown>[],
    note: d.basket ? undefined : `${t('basket')}: —`,
  });
}

addMessages({
  en: {
    'profile.empty': '{country} has no trade in {basket} in {years} in this store’s data.',
    'product.empty': 'No country trades {basket} in {years} in this store’s data.',
    'markets.empty': 'No market imports {basket} in {years} in this store’s data.',
    'profile.empty.totals': 'The data holds all-products totals only, with no product codes: a basket cannot be read from it.',
    'profile.empty.all': 'Show all products',
  },
  zh: {
    'profile.empty': '本库数据中没有{country}在 {years} 年{basket}的贸易。',
    'product.empty': '本库数据中没有任何国家在 {years} 年{basket}的贸易。',
    'markets.empty': '本库数据中没有任何市场在 {years} 年进口{basket}。',
    'profile.empty.totals': '数据只有全部产品的合计，没有产品编码：无法从中读取产品篮。',
    'profile.empty.all': '显示全部产品',
  },
});

/**
 * A page whose answer holds no trade (the API's `empty`): one notice saying so in the page's language
 * (`text`), why when the runs read hold all-products totals only (`levels`: their HS levels, 0 for
 * TOTAL rows), and an action (the way to all products) — instead of a page of empty charts. The
 * API's own words stay in the tooltip.
 */
export function noTradeNotice(text: string, why: string, levels: readonly number[] | undefined, action?: HTMLElement): HTMLElement {
  const onlyTotals = !!levels?.length && levels.every((l) => l === 0);
  return h(
    'div',
    { class: 'notice level-note', role: 'status', 'data-none': 'trade', title: why },
    h('p', {}, text, onlyTotals ? ` ${t('profile.empty.totals')}` : ''),
    action ?? '',
  );
}

/** The words of a page's `empty` notice: its message with the basket (or product) and the years filled in. */
export function emptyText(key: string, what: string, from: number, to: number, fill: Record<string, string> = {}): string {
  let text = t(key).replace('{basket}', what).replace('{years}', from === to ? String(from) : `${from}–${to}`);
  for (const [k, v] of Object.entries(fill)) text = text.replace(`{${k}}`, v);
  return text;
}

/** An empty country profile: the notice, with a button to all products when a basket was asked. Null when there is trade. */
export async function emptyProfile(d: ProfileView, levels: readonly number[] | undefined, ctx: PageContext): Promise<HTMLElement | null> {
  if (!d.empty) return null;
  const basket = ctx.params.get('basket') ?? DEFAULT_BASKET;
  const text = emptyText('profile.empty', await basketLabel(basket), d.from, d.to, { country: nameOf(d.country, d.country.iso3) });
  const all = h('button', { type: 'button', 'data-action': 'all-products', onclick: () => ctx.setParams({ basket: 'all' }) }, t('profile.empty.all'));
  return noTradeNotice(text, d.empty, basket === 'all' ? undefined : levels, basket === 'all' ? undefined : all);
}

addMessages({
  en: { 'partners.none': 'This data names no partners (country × product totals).' },
  zh: { 'partners.none': '此数据未列出贸易伙伴（国家 × 产品合计）。' },
});

/**
 * Data without partner detail (an Atlas country × product file: World rows only) has no partner
 * list, map or partner concentration: one line saying so, at its own height, instead of an empty
 * card. `d.partnerDetail` is the data's shape, not the year's (a year with no trade is not this).
 */
function noPartners(title: string): HTMLElement {
  const none = section(title, h('p', { class: 'note', 'data-none': 'partners' }, t('partners.none')));
  none.style.alignSelf = 'start';
  return none;
}

export async function partnersMap(d: ProfileView, container: HTMLElement): Promise<HTMLElement> {
  if (!d.partnerDetail) return noPartners(`${t(sideOf(d) === 'import' ? 'map.partners.import' : 'map.partners')} · ${nameOf(d.country as never, d.country.iso3)} · ${d.year}`);
  const idx = await numericIndex();
  const values = d.partners.flatMap((p) => {
    const v = sideOf(d) === 'import' ? p.imports : p.exports;
    return v === null ? [] : [{ iso3: p.partner, value: v, label: nameOf(p, p.partner) }];
  });
  const body = h(
    'div',
    { class: 'chart', 'data-chart': 'map' },
    worldMap(values, idx, { format: fmtUsd, highlight: d.country.iso3, width: Math.min(chartWidth(container), 1000), legend: flowWord(d) }),
  );
  return section(`${t(sideOf(d) === 'import' ? 'map.partners.import' : 'map.partners')} · ${nameOf(d.country as never, d.country.iso3)} · ${d.year}${d.state}`, body, {
    name: `partners-map-${d.country.iso3}`,
    chart: () => mainSvg(body),
    units: t('units.usd'),
    provenance: d.provenance,
    rows: () => d.partners as unknown as Record<string, unknown>[],
  });
}

/** A partner's figure: the value with the country's source badge for that side, or "—" (not zero) when absent. */
function partnerValue(d: ProfileView, v: unknown, side: 'export' | 'import'): HTMLElement {
  if (typeof v !== 'number') return h('span', { class: 'num muted', title: t('no.data.here') }, '—');
  return withSource(num(fmtUsd(v), d.provenance), d, d.year, side);
}

export function partnersTable(d: ProfileView, limit?: number): HTMLElement {
  if (!d.partnerDetail) return noPartners(`${t('top.partners')} ${d.year}`);
  return section(
    `${t('top.partners')} ${d.year}${d.state}`,
    dataTable(
      d.partners as unknown as Record<string, unknown>[],
      [
        { key: 'partner', label: t('partner'), format: (_v, r) => (/^[A-Z]{3}$/.test(String(r.partner)) ? `${nameOf(r as never, String(r.partner))} (${r.partner})` : nameOf(r as never, String(r.partner))) },
        { key: 'exports', label: sideWords(d).export, numeric: true, format: (v) => partnerValue(d, v, 'export') },
        { key: 'imports', label: sideWords(d).import, numeric: true, format: (v) => partnerValue(d, v, 'import') },
        { key: 'share', label: t('share'), numeric: true, format: (v) => fmtPct(v as number) },
      ],
      { sortKey: sideOf(d) === 'import' ? 'imports' : 'exports', limit },
    ),
    { name: `partners-${d.country.iso3}`, rows: () => d.partners as unknown as Record<string, unknown>[] },
  );
}

export function rcaChart(d: ProfileView, container: HTMLElement): HTMLElement {
  const data = d.rca.filter((r) => r.rca !== null).map((r) => ({ domain: getLang() === 'zh' ? r.label_zh : r.label_en, rca: r.rca }));
  const world = d.provenance.world ? h('p', { class: 'muted', 'data-world-scope': '' }, t('world.scope').replace('{n}', String(d.provenance.world.reporters))) : null;
  const body = h('div', { class: 'chart', 'data-chart': 'rca' }, data.length ? barChart({ data, label: 'domain', value: 'rca', xLabel: `${t('rca')} (Balassa)`, container, minHeight: gridColumns(container) > 1 ? TREEMAP_HEIGHT : undefined, reference: { value: 1, label: t('rca.world') } }) : h('p', { class: 'muted' }, t('no.rows')), world);
  return section(`${t('rca')} · ${nameOf(d.country as never, d.country.iso3)} · ${d.year}${d.state}`, body, { name: `rca-${d.country.iso3}`, chart: () => mainSvg(body), rows: () => d.rca as unknown as Record<string, unknown>[] });
}

/** Top products with their names (in the data's edition) next to the codes. */
export async function productsTable(d: ProfileView, edition?: string): Promise<HTMLElement> {
  // The API names each product in the edition of its rows; /hs/names fills in where it gave none.
  const fallback = await productNames(d.products.filter((p) => !p.name_en).map((p) => p.product), edition);
  const names = new Map(d.products.map((p) => [p.product, (getLang() === 'zh' ? p.name_zh : null) ?? p.name_en ?? fallback.get(p.product)]));
  return section(
    `${t('top.products')} · ${nameOf(d.country as never, d.country.iso3)} · ${d.year}${d.state}`,
    dataTable(
      d.products as unknown as Record<string, unknown>[],
      [
        { key: 'product', label: t('product'), format: (v) => { const code = String(v); const name = names.get(code); return h('a', { href: `/product?product=${code}`, title: name ?? code }, productLabel(code, name)); } },
        { key: 'exports', label: sideWords(d).export, numeric: true, format: (v) => num(fmtUsd(v as number), d.provenance) },
        { key: 'imports', label: sideWords(d).import, numeric: true, format: (v) => num(fmtUsd(v as number), d.provenance) },
        { key: 'share', label: t('share'), numeric: true, format: (v) => fmtPct(v as number) },
      ],
      { sortKey: 'exports', limit: 25 },
    ),
    { name: `products-${d.country.iso3}`, rows: () => d.products as unknown as Record<string, unknown>[] },
  );
}

export function concentrationLine(d: ProfileView): HTMLElement | null {
  const c = d.concentration.exports;
  if (!d.partnerDetail) return h('p', { class: 'note', 'data-none': 'concentration' }, `${t('concentration')}: ${t('partners.none')}`);
  if (!c) return null;
  return h('p', { class: 'note' }, `${t('concentration')}: ${fmtNum(c.hhi_partners, 3)} · ≈ ${fmtNum(c.equivalent_partners, 1)} ${t('partners')}`);
}

/** Exports by cultural domain over the years, stacked (null when there is one year or no basket). */
export async function domainsArea(d: ProfileView, container: HTMLElement): Promise<HTMLElement | null> {
  if (!d.basket || d.to <= d.from) return null;
  const { apiGet } = await import('../api.ts');
  const res = await apiGet<unknown, { year: number; product: string; value: number | null }>('/indicators/value/values', {
    country: d.country.iso3,
    basket: d.basket,
    by: 'domain',
    from: d.from,
    to: d.to,
    ...d.indicatorQuery,
  }).catch(() => null);
  const rows = res?.rows ?? [];
  if (!rows.length) return null;
  const label = new Map(d.domains.map((x) => [x.domain, getLang() === 'zh' ? x.label_zh : x.label_en]));
  const slugs = [...new Set(rows.map((r) => r.product))].sort();
  const data = rows.map((r) => ({ year: Number(r.year), value: r.value ?? 0, domain: label.get(r.product) ?? r.product }));
  const body = h(
    'div',
    { class: 'chart', 'data-chart': 'domains-area' },
    stackedArea({
      data,
      x: 'year',
      y: 'value',
      series: 'domain',
      order: slugs.map((x) => label.get(x) ?? x),
      colours: slugs.map((x) => domainColour(x)),
      xLabel: t('year'),
      yLabel: t('value.usd'),
      container,
    }),
  );
  return section(`${t('domains')} · ${nameOf(d.country as never, d.country.iso3)} · ${flowWord(d)} ${d.from}–${d.to}${d.sideState}`, body, {
    name: `domains-area-${d.country.iso3}`,
    chart: () => mainSvg(body),
    rows: () => data,
    units: t('units.usd'),
    provenance: res?.meta?.provenance ?? d.provenance,
  });
}

addMessages({
  en: {
    'products.treemap': 'Products',
    'products.treemap.note': 'Each box is a product (HS heading; a chapter where the data has only the chapter), sized by value and coloured by HS section. Click a section to see its products alone; click a box for its product page.',
    'products.treemap.all': 'All sections',
    'products.treemap.none': 'No products to show for this selection.',
  },
  zh: {
    'products.treemap': '产品结构',
    'products.treemap.note': '每个方块是一种产品（HS 品目；数据只有章时为章），面积表示金额，颜色表示 HS 类。点击类别只看该类产品；点击方块打开产品页。',
    'products.treemap.all': '全部类别',
    'products.treemap.none': '此选择下没有可显示的产品。',
  },
});

/**
 * The OEC's view: a country's exports (or imports, with the flow control) as a treemap of products
 * coloured by HS section, names in the boxes and tooltips; `section` shows one section alone.
 */
export async function productTreemap(
  d: ProfileView,
  container: HTMLElement,
  opts: { edition?: string; section?: string; onSection: (section: string | null) => void },
): Promise<HTMLElement> {
  const { apiGet } = await import('../api.ts');
  const res = await apiGet<unknown, { product: string; value: number | null }>('/indicators/value/values', {
    country: d.country.iso3,
    basket: d.basket ?? undefined,
    by: 'product',
    from: d.year,
    to: d.year,
    limit: 5000,
    ...d.indicatorQuery,
  }).catch(() => null);
  // Headings: a subheading counts in its heading; chapters and headings stay as they are.
  const byCode = new Map<string, number>();
  for (const r of res?.rows ?? []) {
    if (typeof r.value !== 'number' || r.value <= 0) continue;
    const code = r.product.length === 6 ? r.product.slice(0, 4) : r.product;
    byCode.set(code, (byCode.get(code) ?? 0) + r.value);
  }
  const sections = await chapterSections(opts.edition);
  const ranked = [...byCode].sort((a, b) => b[1] - a[1]);
  const names = await productNames(ranked.slice(0, 500).map(([c]) => c), opts.edition);
  const all = ranked.map(([code, value]) => ({ code, value, name: names.get(code) ?? code, section: sections.get(code.slice(0, 2)) ?? '?' }));
  const shown = opts.section ? all.filter((x) => x.section === opts.section) : all;
  const present = [...new Set(all.map((x) => x.section))].filter((x) => HS_SECTIONS[x]).sort((a, b) => Object.keys(HS_SECTIONS).indexOf(a) - Object.keys(HS_SECTIONS).indexOf(b));
  const legend = h(
    'div',
    { class: 'section-legend' },
    opts.section ? h('button', { type: 'button', class: 'section-all', onclick: () => opts.onSection(null) }, `← ${t('products.treemap.all')}`) : null,
    present.map((sec) =>
      h(
        'button',
        { type: 'button', class: `section-swatch${sec === opts.section ? ' active' : ''}`, 'data-section': sec, title: sectionLabel(sec), onclick: () => opts.onSection(sec === opts.section ? null : sec) },
        h('span', { class: 'sw' }),
        sectionLabel(sec),
      ),
    ),
  );
  // h() makes HTML elements: draw each swatch's square as SVG.
  for (const sw of legend.querySelectorAll('button.section-swatch')) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '12');
    svg.setAttribute('height', '12');
    const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    rect.setAttribute('width', '12');
    rect.setAttribute('height', '12');
    rect.setAttribute('fill', sectionColour((sw as HTMLElement).dataset.section!));
    svg.append(rect);
    sw.querySelector('span.sw')!.replaceWith(svg);
  }
  const body = h(
    'div',
    { class: 'chart', 'data-chart': 'product-treemap' },
    shown.length
      ? sectionTreemap(shown, { container, format: fmtUsd, sectionLabel, colour: sectionColour, href: (code) => `/product?product=${code}` })
      : h('p', { class: 'muted' }, t('products.treemap.none')),
    legend,
  );
  const scope = opts.section ? ` · ${sectionLabel(opts.section)}` : '';
  return section(`${t('products.treemap')} · ${nameOf(d.country as never, d.country.iso3)} · ${flowWord(d)} ${d.year}${scope}${d.sideState}`, body, {
    name: `products-treemap-${d.country.iso3}`,
    chart: () => mainSvg(body),
    rows: () => shown.map((x) => ({ code: x.code, name: x.name, section: x.section, value: x.value })),
    units: t('units.usd'),
    provenance: res?.meta?.provenance ?? d.provenance,
    note: t('products.treemap.note'),
  });
}
