/**
 * What the registry page's parts share: its messages in English and Chinese, the labels of events
 * and count subjects, and small helpers (the current language, gaps shown as gaps, source links,
 * names, partial dates as fractional years, links to a row's detail view).
 */
import { getLang, addMessages, t } from '../../i18n.ts';
import { h } from '../../ui.ts';
import type { PageContext } from '../types.ts';

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

export const eventLabels: Record<string, [string, string]> = {
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

export const subjectLabels: Record<string, [string, string]> = {
  'cultural-centre': ['Cultural centres', '海外文化中心'],
  'export-base': ['Cultural export bases', '国家文化出口基地'],
  'co-production-treaty': ['Film co-production treaty partners', '电影合拍协议伙伴国'],
  'trade-base': ['Foreign cultural trade bases', '国家对外文化贸易基地'],
  'film-co-production': ['Film co-productions', '合拍片'],
  'cultural-agreement': ['Cultural agreement partners', '文化合作协定伙伴国'],
  'cooperation-document': ['Cultural cooperation documents', '文化合作文件'],
};

export const zh = () => getLang() === 'zh';
export const L = (pair: [string, string] | undefined, fallback: string) => (pair ? pair[zh() ? 1 : 0] : fallback);
export const gap = (v: unknown) => (v === null || v === undefined || v === '' ? h('span', { class: 'muted gap' }, '—') : String(v));
export const link = (url: string) => h('a', { href: url, target: '_blank', rel: 'noopener' }, t('sources.link'));
export const countryLabel = (r: { country_en?: string | null; country_zh?: string | null; country?: string }) =>
  (zh() ? r.country_zh : r.country_en) ?? r.country ?? '';
export const instName = (r: { name_en: string; name_zh?: string | null; kind_zh?: string; country_zh?: string | null }) =>
  zh() && r.name_zh ? r.name_zh : zh() && r.country_zh && r.kind_zh ? `${r.name_en}（${r.country_zh}·${r.kind_zh}）` : r.name_en;

/** A partial date as a fractional year for charts: '2002' → mid-2002, '2002-11' → mid-November. */
export function dateToYear(d: string): number {
  const [y, m, day] = d.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (m === undefined) return y + 0.5;
  if (day === undefined) return y + (m - 0.5) / 12;
  return y + (m - 1) / 12 + (day - 0.5) / 365;
}

/** The chart's own <svg> (a Plot figure with a legend also holds small swatch svgs). */
export function mainSvg(box: HTMLElement): SVGSVGElement | null {
  return box.querySelector<SVGSVGElement>('figure > svg') ?? box.querySelector<SVGSVGElement>('svg');
}

function detailHref(ctx: PageContext, collection: string, id: string): string {
  const q = new URLSearchParams(ctx.params);
  q.set('view', 'detail');
  q.set('collection', collection);
  q.set('id', id);
  return `/registry?${q}`;
}

export function detailLink(ctx: PageContext, collection: string, id: string, text: string): HTMLElement {
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
