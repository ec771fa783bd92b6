/**
 * Where a figure of reported data comes from, shown next to the figure: a small badge ("mirror",
 * "mixed", "no data") with a tooltip saying why, in English and Chinese. The API labels each
 * country × year × side (`meta.provenance.flowSources`, queries/flow-sources.ts); a reporter's own
 * figure and reconciled (BACI, Atlas) data get no badge. Also the page's view of reported data in words
 * ("reported · Trade Map view"), never the raw keys.
 */
import type { ApiProvenance, FlowSourceBadge } from '../../src/contract.ts';
import { addMessages, t } from './i18n.ts';
import { h } from './ui.ts';

addMessages({
  en: {
    'src.mirror': 'mirror',
    'src.mixed': 'mixed',
    'src.none': 'no data',
    'src.mirror.tip': "Mirror data: {c} did not report these {side}; the figure is its partners' reports of the same trade.",
    'src.mixed.tip': "The larger of {c}'s own report and its partners' reports, flow by flow.",
    'src.none.tip': 'No data: neither {c} nor its partners report these {side} for {y}. Not zero.',
    'src.side.export': 'exports',
    'src.side.import': 'imports',
    'no.data.here': 'Not in this answer: no data, or not among the top partners on this side (not zero)',
    'persp.reported': 'reported',
    'persp.reconciled': 'reconciled (BACI/Atlas)',
    'view.trade-map': 'Trade Map view',
    'view.reporter': "reporter's own reports",
    'view.partner': "partners' reports (mirror)",
    'view.mirror-max': 'larger of the two reports',
  },
  zh: {
    'src.mirror': '镜像',
    'src.mixed': '混合',
    'src.none': '无数据',
    'src.mirror.tip': '镜像数据：{c}未申报该{side}，数字来自其贸易伙伴对同一贸易的申报。',
    'src.mixed.tip': '逐笔取{c}自身申报与伙伴申报中的较大者。',
    'src.none.tip': '无数据：{c}及其伙伴均未申报{y}年的该{side}。并非零。',
    'src.side.export': '出口',
    'src.side.import': '进口',
    'no.data.here': '本结果中没有：无数据，或不在该方向的主要伙伴之列（并非零）',
    'persp.reported': '申报数据',
    'persp.reconciled': '协调数据（BACI/Atlas）',
    'view.trade-map': 'Trade Map 口径',
    'view.reporter': '仅申报方数据',
    'view.partner': '伙伴申报（镜像）',
    'view.mirror-max': '两方申报取大',
  },
});

/** The label of one figure: country, year, side (and, for a bilateral direction, the importer). */
export function sourceOf(
  prov: ApiProvenance | undefined,
  country: string,
  year: number,
  side: 'export' | 'import',
  partner?: string,
): FlowSourceBadge | undefined {
  return prov?.flowSources?.find(
    (l) => l.country === country && l.year === year && l.side === side && (partner === undefined || l.partner === undefined || l.partner === partner),
  );
}

/** The badge for a label, or null for a reporter's own (or reconciled) figure. */
export function sourceBadge(label: FlowSourceBadge | undefined, countryName?: string): HTMLElement | null {
  if (!label || label.source === 'reporter' || label.source === 'reconciled') return null;
  const fill = (s: string) =>
    s
      .replace('{c}', countryName ?? label.country)
      .replace('{side}', t(`src.side.${label.side}`))
      .replace('{y}', String(label.year));
  const tip = [fill(t(`src.${label.source}.tip`)), label.reason ?? ''].filter(Boolean).join('\n');
  return h('span', { class: `src-badge src-${label.source}`, title: tip, 'data-source': label.source, tabindex: 0 }, t(`src.${label.source}`));
}

/** One badge per kind of label in a set (a table column or a chart): the sources its figures mix. */
export function sourceBadges(labels: readonly FlowSourceBadge[], countryName?: string): HTMLElement[] {
  const seen = new Map<string, FlowSourceBadge>();
  for (const l of labels) if (!seen.has(l.source)) seen.set(l.source, l);
  return [...seen.values()].map((l) => sourceBadge(l, countryName)).filter((x): x is HTMLElement => x !== null);
}

/** "reported · Trade Map view" from the API's `perspective` text ("reported · trade-map"). */
export function perspectiveText(raw: string): string {
  return raw
    .split(' · ')
    .map((part) => {
      const k = /^(reported|reconciled)$/.test(part) ? `persp.${part}` : `view.${part}`;
      const v = t(k);
      return v === k ? part : v;
    })
    .join(' · ');
}
