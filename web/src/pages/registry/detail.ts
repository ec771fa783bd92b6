/**
 * `/registry?view=detail&collection=…&id=…`: one registry row with its fields (dates shown even when
 * the sources give none), the partner's trade with the home country before and after the event,
 * and the row's change history.
 */
import * as Plot from '@observablehq/plot';
import type { RegistryDetail, RegistryTradePoint } from '../../../../src/contract.ts';
import { apiGet } from '../../api.ts';
import { chartWidth, X_TITLE } from '../../charts.ts';
import { fmtUsd } from '../../format.ts';
import { t } from '../../i18n.ts';
import { dataTable, errorBox, h, section } from '../../ui.ts';
import type { PageContext } from '../types.ts';
import { mainSvg, zh } from './common.ts';

/** The trade chart (indexed to the year before the event), a note when the event has no date, the yearly table and its source. */
function tradeParts(series: RegistryTradePoint[], eventYear: number | null, dateText: string | null | undefined, source: string | undefined, basket: string): Node[] {
  const baseYear = eventYear ? eventYear - 1 : series[0]!.year;
  const base = series.find((s) => s.year === baseYear) ?? series[0]!;
  const idx = (v: number, b: number) => (b > 0 ? (100 * v) / b : null);
  const data = series.flatMap((s) => [
    { year: s.year, index: idx(s.partner, base.partner), value: s.partner, series: t('reg.to.partner') },
    { year: s.year, index: idx(s.others, base.others), value: s.others, series: t('reg.to.others') },
  ]);
  const marks: Plot.Markish[] = [Plot.ruleY([100], { stroke: '#bbb' }), Plot.lineY(data, { x: 'year', y: 'index', stroke: 'series', z: 'series', marker: 'circle', tip: true })];
  if (eventYear) marks.push(Plot.ruleX([eventYear], { stroke: '#b8322a', strokeDasharray: '4,3' }), Plot.text([{ x: eventYear }], { x: 'x', frameAnchor: 'top', text: () => dateText!, dy: 8, fill: '#b8322a' }));
  const parts: Node[] = [];
  parts.push(
    Plot.plot({
      width: chartWidth(),
      height: 320,
      marginLeft: 50,
      marginBottom: 42,
      style: { fontSize: '12px', background: 'transparent' },
      x: { label: t('year'), tickFormat: (d: number) => String(d), ...X_TITLE },
      y: { label: `index (${baseYear} = 100)`, grid: true },
      color: { legend: true, domain: [t('reg.to.partner'), t('reg.to.others')], range: ['#b8322a', '#1f5f8b'] },
      marks,
    }) as HTMLElement,
  );
  if (!eventYear) parts.push(h('p', { class: 'note' }, t('reg.detail.noyear')));
  parts.push(
    dataTable(series as never, [
      { key: 'year', label: t('year'), numeric: true },
      { key: 'partner', label: t('reg.to.partner'), numeric: true, format: (v) => fmtUsd(v as number) },
      { key: 'others', label: t('reg.to.others'), numeric: true, format: (v) => fmtUsd(v as number) },
    ], { sortKey: 'year', desc: false }),
    h('p', { class: 'note' }, `${t('source')}: ${source ?? '—'} · ${t('reg.basket')} ${basket} · ${t('reg.to.partner')}, ${series[0]!.year}–${series[series.length - 1]!.year}: ${fmtUsd(series.reduce((a, s) => a + s.partner, 0))}`),
  );
  return parts;
}

/** The partner's trade with the home country before and after the event (institutions and agreements with a partner). */
async function partnerTrade(ctx: PageContext, row: RegistryDetail, collection: string, basket: string): Promise<void> {
  const home = String(row.home_country ?? row.country ?? 'CHN');
  const partner = collection === 'institutions' ? String(row.country) : collection === 'agreements' ? (row.partner as string | null) : null;
  const dateText = (collection === 'institutions' ? row.opened : row.signed) as string | null | undefined;
  const eventYear = dateText ? Number(dateText.slice(0, 4)) : null;
  if (partner && partner !== home) {
    const tradeBody = h('div', { class: 'chart', 'data-chart': 'registry-trade' }, h('p', {}, t('loading')));
    ctx.root.append(section(t('reg.detail.trade'), tradeBody, { name: `registry-trade-${home}-${partner}`, note: t('reg.detail.trade.note'), chart: () => mainSvg(tradeBody) }));
    try {
      const tr = await apiGet('/registry/trade', { exporter: home, partner, basket });
      const series = tr.rows ?? [];
      if (!series.some((s) => s.partner > 0)) tradeBody.replaceChildren(h('p', { class: 'muted' }, t('reg.detail.notrade')));
      else tradeBody.replaceChildren(...tradeParts(series, eventYear, dateText, tr.data?.source ?? undefined, basket));
    } catch (e) {
      tradeBody.replaceChildren(errorBox(e));
    }
  }
}

function historySection(row: RegistryDetail): HTMLElement {
  return section(
    t('reg.detail.history'),
    dataTable(row.history as never, [
      { key: 'at', label: t('reg.date') },
      { key: 'actor', label: 'who' },
      { key: 'action', label: 'action' },
      { key: 'after', label: 'after', format: (v) => h('code', {}, v ? JSON.stringify(v).slice(0, 200) : '—') },
    ]),
    { name: `registry-history-${row.id}` },
  );
}

export async function detail(ctx: PageContext): Promise<void> {
  const collection = ctx.params.get('collection') ?? 'institutions';
  const id = ctx.params.get('id') ?? '';
  const basket = ctx.params.get('basket') ?? 'unesco-fcs-2009';
  const back = h('a', { href: '/registry', class: 'back', onclick: (e: Event) => { e.preventDefault(); ctx.setParams({ view: null, collection: null, id: null }); } }, t('reg.back'));
  const res = await apiGet<RegistryDetail>(`/registry/${encodeURIComponent(collection)}/${encodeURIComponent(id)}`);
  const row = res.data!;
  const title = String(row.name_en ?? row.title ?? row.title_en ?? row.id);
  const titleZh = (row.name_zh ?? row.title_zh) as string | null | undefined;
  ctx.root.append(back, h('h1', { 'data-detail': row.id }, zh() && titleZh ? titleZh : title));
  const fields: [string, unknown][] = [
    [t('reg.kind'), zh() ? row.kind_zh : row.kind_en],
    [t('reg.country'), zh() ? row.country_zh : row.country_en],
    [t('reg.city'), row.city ?? row.region],
    [t('reg.opened'), row.opened],
    [t('reg.opened_by'), row.opened_by],
    ['closed', row.closed],
    [t('reg.signed'), row.signed],
    [t('reg.signed_by'), row.signed_by],
    [t('reg.in_force'), row.in_force],
    ['parties', Array.isArray(row.parties) ? (row.parties as string[]).join(', ') : undefined],
    ['programme', row.programme],
    ['batch', row.batch],
    ['issued', row.issued],
    ['note', row.source_note],
  ];
  // Dates are shown even when missing (a gap is information); other empty fields are left out.
  const dateKeys = new Set([t('reg.opened'), t('reg.opened_by'), t('reg.signed'), t('reg.signed_by')]);
  const shown = fields.filter(([k, v]) => v !== undefined && (v !== null || dateKeys.has(k)));
  ctx.root.append(
    section(
      row.id,
      h(
        'dl',
        { class: 'run registry-fields' },
        ...shown.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v === null || v === '' ? t('reg.gap') : String(v))]),
        h('dt', {}, t('source')),
        h('dd', {}, h('a', { href: String(row.source_url), target: '_blank', rel: 'noopener' }, String(row.source_url))),
      ),
    ),
  );

  await partnerTrade(ctx, row, collection, basket);
  ctx.root.append(historySection(row));
}
