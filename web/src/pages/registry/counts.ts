/** Counts over time on the registry page: official figures next to what the registry lists by the same date. */
import * as Plot from '@observablehq/plot';
import type { RegistryCountRow } from '../../../../src/contract.ts';
import { apiUrl } from '../../api.ts';
import { fmtNum } from '../../format.ts';
import { t } from '../../i18n.ts';
import { dataTable, h, num, section } from '../../ui.ts';
import { chartWidth, X_TITLE } from '../../charts.ts';
import { dateToYear, gap, L, link, mainSvg, subjectLabels } from './common.ts';

/**
 * Charted: the counts the registry can set beside them, for subjects it lists at least one row of
 * (facets share one y scale, so a subject the registry does not track would only flatten the others).
 */
function countsChart(counts: RegistryCountRow[]): HTMLElement {
  const tracked = new Set(counts.filter((c) => (c.registry_count ?? 0) > 0).map((c) => c.subject));
  const comparable = counts.filter((c) => c.unit === 'count' && c.registry_count !== null && tracked.has(c.subject) && (c.metric === 'established' || c.metric === 'designated' || c.metric === 'partner-countries'));
  const countBox = h('div', { class: 'chart', 'data-chart': 'registry-counts' });
  if (comparable.length) {
    const series = comparable.flatMap((c) => [
      { subject: L(subjectLabels[c.subject], c.subject), x: dateToYear(c.as_of), value: c.value, series: t('reg.official') },
      ...(c.registry_count === null ? [] : [{ subject: L(subjectLabels[c.subject], c.subject), x: dateToYear(c.as_of), value: c.registry_count, series: t('reg.registry') }]),
    ]);
    // Drawn at the width it is shown; on a phone the subjects are written inside their panels
    // (a right margin wide enough for "Film co-production treaty partners" would leave no plot).
    const width = chartWidth();
    const narrow = width < 600;
    countBox.append(
      Plot.plot({
        width,
        marginLeft: 50,
        marginRight: narrow ? 10 : 220,
        marginBottom: 42,
        style: { fontSize: '12px', background: 'transparent' },
        x: { label: t('year'), tickFormat: (d: number) => String(Math.floor(d)), ticks: narrow ? 4 : undefined, ...X_TITLE },
        y: { label: t('value'), grid: true },
        fy: { label: null, axis: narrow ? null : 'right', padding: narrow ? 0.25 : 0.1 },
        color: { legend: true, domain: [t('reg.official'), t('reg.registry')], range: ['#b8322a', '#1f5f8b'] },
        marks: [
          Plot.lineY(series, { x: 'x', y: 'value', stroke: 'series', z: 'series', fy: 'subject', marker: 'circle', tip: true }),
          ...(narrow ? [Plot.text([...new Set(series.map((d) => d.subject))], { fy: (d: string) => d, text: (d: string) => d, frameAnchor: 'top-left', dy: -12, fontWeight: 'bold' })] : []),
        ],
      }) as HTMLElement,
    );
  }
  return countBox;
}

export function countsSection(counts: RegistryCountRow[], country: string): HTMLElement {
  const countBox = countsChart(counts);
  return section(
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
  );
}
