/**
 * The registry page: the institutions of cultural trade as data. `/registry` shows a map
 * (institutions, treaty partners shaded), the official counts over time next to what the registry
 * lists, the timeline of dated events, the event study and the tables; `/registry?view=detail&…`
 * shows one row with its sources and history and the partner's trade with the home country before
 * and after the event. Dates keep their source's precision; gaps are shown as gaps.
 */
import * as Plot from '@observablehq/plot';
import type {
  RegistryCountRow,
  RegistryDetail,
  RegistryInstitution,
  RegistryTimelineRow,
} from '../../../src/contract.ts';
import { apiGet, apiUrl } from '../api.ts';
import { countryInput, numericIndex } from '../controls.ts';
import { fmtNum, fmtPct, fmtUsd } from '../format.ts';
import { addMessages, getLang, t } from '../i18n.ts';
import { dataTable, errorBox, h, num, section } from '../ui.ts';
import { HOME_FILL, markerColours, PARTNER_FILL, registryMap } from './registry-map.ts';
import type { Page, PageContext } from './types.ts';

addMessages({
  en: {
    'reg.title': 'Registry of cultural-trade institutions',
    'reg.note': 'Institutions, agreements, policy measures and official counts, each with its source. Dates keep the precision of their source; a date the sources do not give is shown as a gap (—), never estimated.',
    'reg.home': 'Home country',
    'reg.map': 'Map: institutions and treaty partners',
    'reg.map.note': 'Circles: cultural centres; squares: export bases. Shaded: film co-production treaty or agreement partners. Markers without coordinates in their source sit at their country.',
    'reg.legend.centre': 'cultural centre',
    'reg.legend.base': 'export base',
    'reg.legend.partner': 'agreement partner',
    'reg.legend.home': 'home country',
    'reg.counts': 'Counts over time: official figures and what the registry lists',
    'reg.counts.note': '“Official” is the figure a source published for that date; “registry” counts the rows listed as open or signed by the same date. A gap between them means the registry does not (yet) name every institution.',
    'reg.official': 'official',
    'reg.registry': 'registry lists',
    'reg.timeline': 'Timeline of dated events',
    'reg.effect': 'Exports before and after cultural-centre openings',
    'reg.effect.note': 'Descriptive, not causal: difference-in-differences of exports to each host country against all other partners, over the years before and after the opening.',
    'reg.effect.none': 'No estimate: no event could be compared (trade data missing or events outside the data years).',
    'reg.institutions': 'Institutions',
    'reg.agreements': 'Agreements',
    'reg.documents': 'Policy documents',
    'reg.measures': 'Measures',
    'reg.kpi.centres': 'Cultural centres listed',
    'reg.kpi.bases': 'Export bases listed',
    'reg.kpi.partners': 'Agreement partners',
    'reg.kpi.documents': 'Policy documents',
    'reg.kpi.official': 'latest official figure',
    'reg.name': 'Name',
    'reg.kind': 'Kind',
    'reg.country': 'Country',
    'reg.city': 'City',
    'reg.opened': 'Opened / designated',
    'reg.opened_by': 'Listed as open by',
    'reg.signed': 'Signed',
    'reg.signed_by': 'Signed no later than',
    'reg.in_force': 'In force',
    'reg.partner': 'Partner',
    'reg.date': 'Date',
    'reg.event': 'Event',
    'reg.detail.trade': 'Exports to this partner and to all other partners, before and after',
    'reg.detail.trade.note': 'Index: each line is 100 in the year before the event. Exports of the basket reported for the home country (flow X).',
    'reg.detail.noyear': 'The sources give no date for this event, so there is no before and after.',
    'reg.detail.notrade': 'No trade data for this partner in the store.',
    'reg.detail.history': 'Change history',
    'reg.back': '← Registry',
    'reg.to.partner': 'to partner',
    'reg.to.others': 'to all other partners',
    'reg.basket': 'Basket',
    'reg.gap': '— (not in sources)',
  },
  zh: {
    'reg.title': '文化贸易机构登记',
    'reg.note': '机构、协议、政策措施与官方统计，每一条均附来源。日期保留来源的精度；来源未给出的日期显示为空缺（—），不作推测。',
    'reg.home': '所属国家',
    'reg.map': '地图：机构与协议伙伴',
    'reg.map.note': '圆点：海外文化中心；方块：文化出口基地。着色：电影合拍协议或文化协定伙伴国。来源未给出坐标的机构标在其所在国。',
    'reg.legend.centre': '海外文化中心',
    'reg.legend.base': '文化出口基地',
    'reg.legend.partner': '协议伙伴',
    'reg.legend.home': '所属国家',
    'reg.counts': '数量变化：官方数字与登记所列',
    'reg.counts.note': '“官方”为来源在该日期公布的数字；“登记所列”为登记中截至同一日期已开设或已签署的条目数。两者之差说明登记尚未列出全部机构。',
    'reg.official': '官方',
    'reg.registry': '登记所列',
    'reg.timeline': '大事时间线',
    'reg.effect': '文化中心开设前后的出口',
    'reg.effect.note': '描述性结果，非因果：对每个所在国的出口与对其他所有伙伴的出口，在开设前后的双重差分。',
    'reg.effect.none': '无估计：没有可比较的事件（缺少贸易数据或事件在数据年份之外）。',
    'reg.institutions': '机构',
    'reg.agreements': '协议',
    'reg.documents': '政策文件',
    'reg.measures': '措施',
    'reg.kpi.centres': '登记的海外文化中心',
    'reg.kpi.bases': '登记的文化出口基地',
    'reg.kpi.partners': '协议伙伴国',
    'reg.kpi.documents': '政策文件',
    'reg.kpi.official': '最新官方数字',
    'reg.name': '名称',
    'reg.kind': '类别',
    'reg.country': '国家',
    'reg.city': '城市',
    'reg.opened': '开设／认定',
    'reg.opened_by': '最迟已开设于',
    'reg.signed': '签署',
    'reg.signed_by': '最迟签署于',
    'reg.in_force': '生效',
    'reg.partner': '伙伴',
    'reg.date': '日期',
    'reg.event': '事件',
    'reg.detail.trade': '对该伙伴及对其他所有伙伴的出口（前后对比）',
    'reg.detail.trade.note': '指数：以事件前一年为100。所属国申报的该篮子出口（X）。',
    'reg.detail.noyear': '来源未给出该事件的日期，无法比较前后。',
    'reg.detail.notrade': '库中没有该伙伴的贸易数据。',
    'reg.detail.history': '修改记录',
    'reg.back': '← 机构登记',
    'reg.to.partner': '对该伙伴',
    'reg.to.others': '对其他所有伙伴',
    'reg.basket': '篮子',
    'reg.gap': '—（来源未载）',
  },
});

const eventLabels: Record<string, [string, string]> = {
  'centre-opening': ['centre opens', '文化中心开设'],
  'base-designation': ['base designated', '出口基地认定'],
  'institution-opening': ['institution opens', '机构设立'],
  'institution-closing': ['institution closes', '机构关闭'],
  'treaty-signing': ['treaty signed', '合拍协议签署'],
  'agreement-signing': ['agreement signed', '协定签署'],
  'agreement-in-force': ['agreement in force', '协定生效'],
  'document-issued': ['document issued', '文件发布'],
  'official-count': ['official count', '官方统计'],
};

const subjectLabels: Record<string, [string, string]> = {
  'cultural-centre': ['Cultural centres', '海外文化中心'],
  'export-base': ['Cultural export bases', '国家文化出口基地'],
  'co-production-treaty': ['Film co-production treaty partners', '电影合拍协议伙伴国'],
  'trade-base': ['Foreign cultural trade bases', '国家对外文化贸易基地'],
  'film-co-production': ['Film co-productions', '合拍片'],
  'cultural-agreement': ['Cultural agreement partners', '文化合作协定伙伴国'],
  'cooperation-document': ['Cultural cooperation documents', '文化合作文件'],
};

const zh = () => getLang() === 'zh';
const L = (pair: [string, string] | undefined, fallback: string) => (pair ? pair[zh() ? 1 : 0] : fallback);
const gap = (v: unknown) => (v === null || v === undefined || v === '' ? h('span', { class: 'muted gap' }, '—') : String(v));
const link = (url: string) => h('a', { href: url, target: '_blank', rel: 'noopener' }, t('sources.link'));
const countryLabel = (r: { country_en?: string | null; country_zh?: string | null; country?: string }) =>
  (zh() ? r.country_zh : r.country_en) ?? r.country ?? '';
const instName = (r: { name_en: string; name_zh?: string | null; kind_zh?: string; country_zh?: string | null }) =>
  zh() && r.name_zh ? r.name_zh : zh() && r.country_zh && r.kind_zh ? `${r.name_en}（${r.country_zh}·${r.kind_zh}）` : r.name_en;

/** A partial date as a fractional year for charts: '2002' → mid-2002, '2002-11' → mid-November. */
export function dateToYear(d: string): number {
  const [y, m, day] = d.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (m === undefined) return y + 0.5;
  if (day === undefined) return y + (m - 0.5) / 12;
  return y + (m - 1) / 12 + (day - 0.5) / 365;
}

/** The chart's own <svg> (a Plot figure with a legend also holds small swatch svgs). */
function mainSvg(box: HTMLElement): SVGSVGElement | null {
  return box.querySelector<SVGSVGElement>('figure > svg') ?? box.querySelector<SVGSVGElement>('svg');
}

function detailHref(ctx: PageContext, collection: string, id: string): string {
  const q = new URLSearchParams(ctx.params);
  q.set('view', 'detail');
  q.set('collection', collection);
  q.set('id', id);
  return `/registry?${q}`;
}

function detailLink(ctx: PageContext, collection: string, id: string, text: string): HTMLElement {
  return h(
    'a',
    {
      href: detailHref(ctx, collection, id),
      class: 'detail-link',
      onclick: (e: Event) => {
        e.preventDefault();
        ctx.setParams({ view: 'detail', collection, id });
      },
    },
    text,
  );
}

async function overview(ctx: PageContext): Promise<void> {
  const country = (ctx.params.get('country') ?? 'CHN').toUpperCase();
  const basket = ctx.params.get('basket') ?? 'unesco-fcs-2009';
  ctx.root.append(h('h1', {}, `${t('reg.title')} — ${country}`), h('p', { class: 'note' }, t('reg.note')));
  const form = h('form', { class: 'controls' }, h('label', {}, `${t('reg.home')} `, await countryInput('country', country)), h('button', { type: 'submit', class: 'primary' }, t('apply')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = String(new FormData(form).get('country') ?? '').trim().toUpperCase();
    ctx.setParams({ country: v || null });
  });
  ctx.root.append(form);

  const [mapRes, countsRes, timelineRes, agreementsRes, docsRes, measuresRes, numeric] = await Promise.all([
    apiGet('/registry/map', { country }),
    apiGet('/registry/counts', { country }),
    apiGet('/registry/timeline', { country }),
    apiGet('/registry/agreements', { country, limit: 5000 }),
    apiGet<unknown, Record<string, unknown>>('/registry/documents', { country }),
    apiGet<unknown, Record<string, unknown>>('/registry/measures', { country }),
    numericIndex(),
  ]);
  const map = mapRes.data!;
  const counts = countsRes.rows ?? [];
  const events = timelineRes.rows ?? [];
  const agreements = agreementsRes.rows ?? [];

  // Key figures, each next to the latest official count of the same thing.
  const latest = (subject: string, metric: string) =>
    counts.filter((c) => c.subject === subject && c.metric === metric).sort((a, b) => (a.as_of < b.as_of ? 1 : -1))[0];
  const kpi = (label: string, value: number, official?: RegistryCountRow) =>
    h(
      'div',
      { class: 'kpi' },
      h('div', { class: 'kpi-label' }, label),
      h('div', { class: 'kpi-value' }, String(value)),
      official ? h('div', { class: 'kpi-caption' }, `${t('reg.kpi.official')}: `, num(fmtNum(official.value, 0), { sources: [official.source_url], note: official.source_note ?? undefined }, `${official.subject} ${official.as_of}`), ` (${official.as_of})`) : null,
    );
  ctx.root.append(
    h(
      'div',
      { class: 'kpis', 'data-section': 'registry-kpis' },
      kpi(t('reg.kpi.centres'), map.institutions.filter((i) => i.kind === 'cultural-centre').length, latest('cultural-centre', 'established')),
      kpi(t('reg.kpi.bases'), map.institutions.filter((i) => i.kind === 'export-base').length, latest('export-base', 'designated')),
      kpi(t('reg.kpi.partners'), map.partners.length, latest('co-production-treaty', 'partner-countries')),
      kpi(t('reg.kpi.documents'), (docsRes.rows ?? []).length),
    ),
  );

  // Map.
  const mapBox = h('div', { class: 'chart', 'data-chart': 'registry-map' });
  mapBox.append(
    registryMap(map, numeric, {
      width: 900,
      label: (i, atCountry) => `${instName(i)} — ${[i.city, countryLabel(i)].filter(Boolean).join(', ')}; ${t('reg.opened')}: ${i.opened ?? (i.opened_by ? `≤ ${i.opened_by}` : '—')}${atCountry ? ' (placed at its country)' : ''}`,
      partnerLabel: (p) => `${zh() ? p.country_zh : p.country_en}: ${p.agreements} · ${p.first_signed ?? '—'}`,
      onSelect: (id) => ctx.setParams({ view: 'detail', collection: 'institutions', id }),
    }),
  );
  const swatch = (colour: string, text: string, shape: 'circle' | 'square' | 'area') =>
    h('span', { class: 'legend-item' }, h('span', { style: `display:inline-block;width:10px;height:10px;margin-right:4px;background:${colour};${shape === 'circle' ? 'border-radius:50%;' : ''}` }), text);
  const legend = h(
    'p',
    { class: 'legend note' },
    swatch(markerColours['cultural-centre']!, t('reg.legend.centre'), 'circle'),
    ' · ',
    swatch(markerColours['export-base']!, t('reg.legend.base'), 'square'),
    ' · ',
    swatch(PARTNER_FILL, t('reg.legend.partner'), 'area'),
    ' · ',
    swatch(HOME_FILL, t('reg.legend.home'), 'area'),
  );
  ctx.root.append(section(t('reg.map'), [mapBox, legend], { name: `registry-map-${country}`, note: t('reg.map.note'), chart: () => mapBox.querySelector('svg'), rows: () => map.institutions as never }));

  // Counts over time, official next to the registry's own.
  // Charted: the counts the registry can set beside them, for subjects it lists at least one row of
  // (facets share one y scale, so a subject the registry does not track would only flatten the others).
  const tracked = new Set(counts.filter((c) => (c.registry_count ?? 0) > 0).map((c) => c.subject));
  const comparable = counts.filter((c) => c.unit === 'count' && c.registry_count !== null && tracked.has(c.subject) && (c.metric === 'established' || c.metric === 'designated' || c.metric === 'partner-countries'));
  const countBox = h('div', { class: 'chart', 'data-chart': 'registry-counts' });
  if (comparable.length) {
    const series = comparable.flatMap((c) => [
      { subject: L(subjectLabels[c.subject], c.subject), x: dateToYear(c.as_of), value: c.value, series: t('reg.official') },
      ...(c.registry_count === null ? [] : [{ subject: L(subjectLabels[c.subject], c.subject), x: dateToYear(c.as_of), value: c.registry_count, series: t('reg.registry') }]),
    ]);
    countBox.append(
      Plot.plot({
        width: 900,
        marginLeft: 50,
        marginRight: 220,
        style: { fontSize: '12px', background: 'transparent' },
        x: { label: t('year'), tickFormat: (d: number) => String(Math.floor(d)) },
        y: { label: t('value'), grid: true },
        fy: { label: null },
        color: { legend: true, domain: [t('reg.official'), t('reg.registry')], range: ['#b8322a', '#1f5f8b'] },
        marks: [
          Plot.lineY(series, { x: 'x', y: 'value', stroke: 'series', z: 'series', fy: 'subject', marker: 'circle', tip: true }),
        ],
      }) as HTMLElement,
    );
  }
  ctx.root.append(
    section(
      t('reg.counts'),
      [
        countBox,
        dataTable(counts as never, [
          { key: 'subject', label: t('reg.kind'), format: (v) => L(subjectLabels[String(v)], String(v)) },
          { key: 'metric', label: 'metric' },
          { key: 'as_of', label: t('reg.date') },
          { key: 'value', label: t('reg.official'), numeric: true, format: (v, r) => num(fmtNum(v as number, 0), { sources: [String(r.source_url)], note: (r.source_note as string) ?? undefined }, `${r.subject} ${r.as_of}`) },
          { key: 'registry_count', label: t('reg.registry'), numeric: true, format: (v) => gap(v) },
          { key: 'unit', label: t('unit') },
          { key: 'source_url', label: t('source'), format: (v) => link(String(v)) },
        ], { sortKey: 'as_of', desc: false }),
      ],
      { name: `registry-counts-${country}`, note: t('reg.counts.note'), chart: () => mainSvg(countBox), rows: () => counts as never, csvUrl: apiUrl('/registry/counts', { country }, true) },
    ),
  );

  // Timeline.
  const tlBox = h('div', { class: 'chart', 'data-chart': 'registry-timeline' });
  const dated = events.filter((e) => e.event !== 'official-count');
  if (dated.length) {
    tlBox.append(
      Plot.plot({
        width: 900,
        height: 60 + 28 * new Set(dated.map((e) => e.event)).size,
        marginLeft: 150,
        style: { fontSize: '12px', background: 'transparent' },
        x: { label: t('year'), tickFormat: (d: number) => String(Math.floor(d)) },
        y: { label: null },
        marks: [
          Plot.dot(dated, {
            x: (d: RegistryTimelineRow) => dateToYear(d.date),
            y: (d: RegistryTimelineRow) => L(eventLabels[d.event], d.event),
            fill: (d: RegistryTimelineRow) => d.event,
            r: 5,
            title: (d: RegistryTimelineRow) => `${d.date} · ${zh() && d.label_zh ? d.label_zh : d.label}`,
          }),
        ],
      }) as HTMLElement,
    );
  }
  const collectionOf = (entity: string) => ({ institution: 'institutions', agreement: 'agreements', document: 'documents', count: 'counts' })[entity] ?? `${entity}s`;
  ctx.root.append(
    section(
      t('reg.timeline'),
      [
        tlBox,
        dataTable(events as never, [
          { key: 'date', label: t('reg.date') },
          { key: 'event', label: t('reg.event'), format: (v) => L(eventLabels[String(v)], String(v)) },
          {
            key: 'label',
            label: t('reg.name'),
            format: (v, r) => {
              // Official counts are labelled "<subject> <metric>": show the subject in the current language.
              const [subject, metric] = String(v).split(' ');
              const text = r.entity === 'count' && subject && subjectLabels[subject] ? `${L(subjectLabels[subject], subject)} · ${metric ?? ''}` : zh() && r.label_zh ? String(r.label_zh) : String(v);
              return detailLink(ctx, collectionOf(String(r.entity)), String(r.id), text);
            },
          },
          { key: 'partner', label: t('reg.partner'), format: (v) => gap(v) },
          { key: 'value', label: t('value'), numeric: true, format: (v) => gap(v === null ? null : fmtNum(v as number, 0)) },
          { key: 'source_url', label: t('source'), format: (v) => link(String(v)) },
        ], { sortKey: 'date', desc: false }),
      ],
      { name: `registry-timeline-${country}`, chart: () => mainSvg(tlBox), rows: () => events as never, csvUrl: apiUrl('/registry/timeline', { country }, true) },
    ),
  );

  // The event study, clearly labelled descriptive.
  const effectBody = h('div', { 'data-section': 'registry-effect' }, h('p', {}, t('loading')));
  ctx.root.append(section(t('reg.effect'), effectBody, { name: `registry-effect-${country}`, note: t('reg.effect.note') }));
  void apiGet('/registry/effect', { event_kind: 'centre-opening', exporter: country, basket })
    .then((r) => {
      const s = r.data!;
      const pct = (x: number | null) => (x === null ? '—' : fmtPct(Math.exp(x) - 1));
      effectBody.replaceChildren(
        h('p', { class: 'effect-label' }, h('strong', {}, s.label.toUpperCase())),
        s.estimate === null
          ? h('p', { class: 'muted' }, t('reg.effect.none'))
          : h('p', {}, `${s.events_used} / ${s.events_total} events · estimate ${fmtNum(s.estimate, 3)} log points (${pct(s.estimate)}) · ${Math.round(s.ci_level * 100)}% bootstrap interval ${s.ci_low === null ? '—' : `${pct(s.ci_low)} … ${pct(s.ci_high)}`} · ${t('reg.basket')} ${s.basket} · ${s.source ?? '—'}`),
        dataTable((r.rows ?? []) as never, [
          { key: 'label', label: t('reg.name'), format: (v, row) => detailLink(ctx, 'institutions', String(row.id), String(v ?? row.id)) },
          { key: 'partner', label: t('reg.partner') },
          { key: 'year', label: t('year'), numeric: true },
          { key: 'did', label: 'DiD', numeric: true, format: (v) => gap(v === undefined || v === null ? null : fmtNum(v as number, 3)) },
          { key: 'skipped', label: '', format: (v) => gap(v) },
        ]),
      );
    })
    .catch((e) => effectBody.replaceChildren(errorBox(e)));

  // Tables.
  ctx.root.append(
    section(
      t('reg.institutions'),
      dataTable(map.institutions as never, [
        { key: 'name_en', label: t('reg.name'), format: (_v, r) => detailLink(ctx, 'institutions', String(r.id), instName(r as unknown as RegistryInstitution)) },
        { key: 'kind', label: t('reg.kind'), format: (_v, r) => String(zh() ? r.kind_zh : r.kind_en) },
        { key: 'country', label: t('reg.country'), format: (_v, r) => countryLabel(r as never) },
        { key: 'city', label: t('reg.city'), format: (v, r) => gap(v ?? r.region) },
        { key: 'opened', label: t('reg.opened'), format: (v) => gap(v) },
        { key: 'opened_by', label: t('reg.opened_by'), format: (v) => gap(v) },
        { key: 'source_url', label: t('source'), format: (v) => link(String(v)) },
      ], { sortKey: 'opened', desc: false }),
      { name: `registry-institutions-${country}`, rows: () => map.institutions as never, csvUrl: apiUrl('/registry/institutions', { home: country }, true) },
    ),
    section(
      t('reg.agreements'),
      dataTable(agreements as never, [
        { key: 'title', label: t('reg.name'), format: (v, r) => detailLink(ctx, 'agreements', String(r.id), String(v)) },
        { key: 'kind', label: t('reg.kind'), format: (_v, r) => String(zh() ? r.kind_zh : r.kind_en) },
        { key: 'partner', label: t('reg.partner'), format: (_v, r) => countryLabel(r as never) },
        { key: 'signed', label: t('reg.signed'), format: (v) => gap(v) },
        { key: 'signed_by', label: t('reg.signed_by'), format: (v) => gap(v) },
        { key: 'in_force', label: t('reg.in_force'), format: (v) => gap(v) },
        { key: 'source_url', label: t('source'), format: (v) => link(String(v)) },
      ], { sortKey: 'signed', desc: false }),
      { name: `registry-agreements-${country}`, rows: () => agreements as never, csvUrl: apiUrl('/registry/agreements', { country }, true) },
    ),
    section(
      t('reg.documents'),
      [
        dataTable((docsRes.rows ?? []) as never, [
          { key: 'title_en', label: t('reg.name'), format: (v, r) => detailLink(ctx, 'documents', String(r.id), zh() && r.title_zh ? String(r.title_zh) : String(v)) },
          { key: 'issued', label: t('reg.date'), format: (v) => gap(v) },
          { key: 'doc_number', label: '#', format: (v) => gap(v) },
          { key: 'agency_count', label: 'agencies', numeric: true, format: (v) => gap(v) },
          { key: 'measure_count', label: t('reg.measures'), numeric: true, format: (v) => gap(v) },
          { key: 'source_url', label: t('source'), format: (v) => link(String(v)) },
        ]),
        h('h3', {}, t('reg.measures')),
        dataTable((measuresRes.rows ?? []) as never, [
          { key: 'document', label: t('reg.documents') },
          { key: 'number', label: '#', format: (v) => gap(v) },
          { key: 'summary', label: t('reg.name') },
          { key: 'status', label: 'status' },
          { key: 'source_url', label: t('source'), format: (v) => link(String(v)) },
        ]),
      ],
      { name: `registry-documents-${country}`, rows: () => (docsRes.rows ?? []) as never },
    ),
  );
}

async function detail(ctx: PageContext): Promise<void> {
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

  // The partner's trade with the home country before and after the event.
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
      else {
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
            width: 900,
            height: 320,
            marginLeft: 50,
            style: { fontSize: '12px', background: 'transparent' },
            x: { label: t('year'), tickFormat: (d: number) => String(d) },
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
          h('p', { class: 'note' }, `${t('source')}: ${String((tr.meta as { source?: string } | undefined)?.source ?? '—')} · ${t('reg.basket')} ${basket} · ${t('reg.to.partner')}, ${series[0]!.year}–${series[series.length - 1]!.year}: ${fmtUsd(series.reduce((a, s) => a + s.partner, 0))}`),
        );
        tradeBody.replaceChildren(...parts);
      }
    } catch (e) {
      tradeBody.replaceChildren(errorBox(e));
    }
  }

  ctx.root.append(
    section(
      t('reg.detail.history'),
      dataTable(row.history as never, [
        { key: 'at', label: t('reg.date') },
        { key: 'actor', label: 'who' },
        { key: 'action', label: 'action' },
        { key: 'after', label: 'after', format: (v) => h('code', {}, v ? JSON.stringify(v).slice(0, 200) : '—') },
      ]),
      { name: `registry-history-${row.id}` },
    ),
  );
}

const page: Page = {
  async render(ctx) {
    if (ctx.params.get('view') === 'detail') await detail(ctx);
    else await overview(ctx);
  },
};
export default page;
