/**
 * Market finder: for an exporter and a product or basket, every importing market with its size,
 * growth, the exporter's share, top competitors, concentration and export potential — a sortable
 * table (sort kept in the URL), a bubble chart of size × growth sized by the exporter's share, and a
 * world map of unrealised export potential by market.
 */
import type { MarketRow } from '../../../src/contract.ts';
import { apiGet, apiUrl } from '../api.ts';
import { bubbleChart } from '../charts.ts';
import { basketLabel, basketSelect, controlsForm, countryInput, nameOf, numericIndex, tradeControls, tradeParams, tradeQuery, tradeState, tradeStateText, yearInput } from '../controls.ts';
import { fmtNum, fmtPct, fmtUsd } from '../format.ts';
import { t } from '../i18n.ts';
import { dataTable, field, h, num, section } from '../ui.ts';
import { DEFAULT_BASKET, defaultCountry, emptyText, noTradeNotice } from './profile-parts.ts';
import { mainSvg } from '../download.ts';
import { localName } from '../names.ts';
import { worldMap } from '../map.ts';
import { chartWidth } from '../charts.ts';
import type { Page } from './types.ts';

/** A ratio from the URL as the percent the form shows (0.07 → "7", not 7.000000000000001). */
const pct = (ratio: string) => String(Math.round(Number(ratio) * 100 * 1e6) / 1e6);

const page: Page = {
  async render(ctx) {
    const p = ctx.params;
    const exporter = (p.get('exporter') ?? defaultCountry(ctx)).toUpperCase();
    const product = p.get('product') ?? '';
    const basket = p.get('basket') ?? (product ? '' : DEFAULT_BASKET);
    const productInput = h('input', { name: 'product', value: product, placeholder: '950510', size: 8, 'data-control': 'product' });
    const trade = tradeState(p);
    ctx.root.append(
      h('h1', {}, t('nav.markets')),
      controlsForm(
        [
          field(t('exporter'), await countryInput('exporter', exporter)),
          field(`${t('product')} (HS / EBOPS)`, productInput),
          field(t('basket'), await basketSelect(basket, { all: false })),
          field(t('year'), yearInput('year', p.get('year') ?? undefined)),
          field(`${t('market.size')} ≥ US$`, h('input', { name: 'minSize', type: 'number', min: 0, step: 'any', value: p.get('minSize') ?? '', style: 'width:8em', 'data-control': 'minSize' })),
          field(`${t('market.growth1')} ≥ %`, h('input', { name: 'minGrowth', type: 'number', step: 'any', value: p.get('minGrowth') ? pct(p.get('minGrowth')!) : '', style: 'width:5em', 'data-control': 'minGrowth' })),
          field(`${t('exporter.share')} ≤ %`, h('input', { name: 'maxShare', type: 'number', min: 0, max: 100, step: 'any', value: p.get('maxShare') ? pct(p.get('maxShare')!) : '', style: 'width:5em', 'data-control': 'maxShare' })),
          ...(await tradeControls(trade, { view: true, level: true, group: true })),
        ],
        (v) =>
          ctx.setParams({
            exporter: v.exporter?.toUpperCase(),
            product: v.product,
            basket: v.product ? '' : v.basket,
            year: v.year,
            minSize: v.minSize,
            // The form speaks percent; the API and the URL speak ratios (0.05 = 5%).
            minGrowth: v.minGrowth ? String(Number(v.minGrowth) / 100) : '',
            maxShare: v.maxShare ? String(Number(v.maxShare) / 100) : '',
            ...tradeParams(v),
            flow: null,
          }),
      ),
    );
    const query = {
      exporter,
      product: product || undefined,
      basket: product ? undefined : basket || undefined,
      year: p.get('year'),
      minSize: p.get('minSize'),
      minGrowth: p.get('minGrowth'),
      maxShare: p.get('maxShare'),
      limit: 500,
      ...tradeQuery(trade),
    };
    const res = await apiGet('/markets', query);
    // What the markets import, named: "HS 950510 Festive articles…", "EBOPS SK1 Audio-visual and related services".
    // A basket by its name in the page's language, never its id; a code with its name in that language.
    const prod = res.data?.product;
    let what = '';
    if (prod?.label) {
      const name = product ? await localName(product, prod.name_en, prod.name_zh) : null;
      const code = prod.name_en && prod.label.endsWith(prod.name_en) ? prod.label.slice(0, -prod.name_en.length).trim() : prod.label;
      what = product ? `${code}${name ? ` ${name}` : ''}` : await basketLabel(basket);
      ctx.root.querySelector('h1')!.textContent = `${t('nav.markets')}: ${what}`;
    }
    const d = res.data;
    if (d?.empty) return void ctx.root.append(noTradeNotice(emptyText('markets.empty', what, d.year, d.year), d.empty, d.provenance.levels));
    const rows = (res.rows ?? []).map((r) => ({ ...r, name: nameOf(r, r.market) }));
    const prov = res.meta?.provenance;
    // Five-year growth where the data reaches five years back, else one-year growth (said on the axis): never an empty chart.
    const growth = rows.some((r) => typeof r.growth5 === 'number') ? 'growth5' : 'growth1';
    const box = h('div', { class: 'chart', 'data-chart': 'bubble' }, bubbleChart({ data: rows as never, x: 'imports', y: growth, r: 'exporter_share', label: 'name', xLabel: t('market.size'), yLabel: t(`market.${growth}`), container: ctx.root }));
    ctx.root.append(section(t('bubble.title'), box, { name: `markets-${exporter}`, chart: () => mainSvg(box), rows: () => res.rows as never }));
    // Where the room to grow is: unrealised export potential by market, the exporter marked.
    const room = rows.filter((r) => typeof r.unrealised === 'number' && r.unrealised > 0);
    const mapBox = h(
      'div',
      { class: 'chart', 'data-chart': 'potential-map' },
      worldMap(
        room.map((r) => ({ iso3: r.market, value: r.unrealised as number, label: r.name })),
        await numericIndex(),
        { format: fmtUsd, highlight: exporter, width: Math.min(chartWidth(ctx.root), 1000), legend: t('unrealised') },
      ),
    );
    ctx.root.append(
      section(`${t('map.unrealised')}${res.data?.year ? ` ${res.data.year}` : ''}`, mapBox, {
        name: `unrealised-map-${exporter}`,
        chart: () => mainSvg(mapBox),
        rows: () => room as never,
        note: t('potential.note'),
      }),
    );
    const sort = p.get('sort') ?? 'imports';
    const desc = p.get('dir') !== 'asc';
    ctx.root.append(
      section(
        `${t('nav.markets')} — ${res.data?.exporter ? nameOf(res.data.exporter, exporter) : exporter}${res.data?.year ? ` ${res.data.year}` : ''} (${res.total ?? rows.length})`,
        dataTable(
          rows as never,
          [
            { key: 'name', label: t('market'), format: (_v, r) => `${r.name} (${r.market})` },
            { key: 'imports', label: t('market.size'), numeric: true, format: (v) => num(fmtUsd(v as number), prov) },
            { key: 'exporter_share', label: t('exporter.share'), numeric: true, format: (v) => fmtPct(v as number) },
            { key: 'unrealised', label: t('unrealised'), numeric: true, format: (v) => num(fmtUsd(v as number), prov) },
            { key: 'growth5', label: t('market.growth5'), numeric: true, format: (v) => fmtPct(v as number) },
            { key: 'potential', label: t('potential'), numeric: true, format: (v) => num(fmtUsd(v as number), prov) },
            { key: 'growth1', label: t('market.growth1'), numeric: true, format: (v) => fmtPct(v as number) },
            {
              key: 'competitors',
              label: t('competitors'),
              format: (v) => ((v as MarketRow['competitors']) ?? []).map((c) => `${c.country} ${fmtPct(c.share, 0)}`).join(', '),
              sortValue: (r) => ((r as unknown as MarketRow).competitors?.[0]?.share ?? 0),
            },
            { key: 'hhi', label: t('concentration'), numeric: true, format: (v) => fmtNum(v as number, 3) },
          ],
          { sortKey: sort, desc, pageSize: 25, onSort: (key, d) => history.replaceState(null, '', (() => { const u = new URL(location.href); u.searchParams.set('sort', key); u.searchParams.set('dir', d ? 'desc' : 'asc'); return u.pathname + u.search; })()) },
        ),
        { name: `markets-${exporter}-table`, rows: () => res.rows as never, csvUrl: apiUrl('/markets', query, true), note: `${t('sort.hint')} ${t('potential.note')}` },
      ),
    );
  },
};
export default page;
