/** The timeline on the registry page: dated events as dots by kind, and their table linking each row. */
import * as Plot from '@observablehq/plot';
import type { RegistryTimelineRow } from '../../../../src/contract.ts';
import { apiUrl } from '../../api.ts';
import { chartWidth, X_TITLE } from '../../charts.ts';
import { fmtNum } from '../../format.ts';
import { t } from '../../i18n.ts';
import { dataTable, h, section } from '../../ui.ts';
import type { PageContext } from '../types.ts';
import { dateToYear, detailLink, eventLabels, gap, L, link, mainSvg, subjectLabels, zh } from './common.ts';

/** The collection of `/registry/{collection}/{id}` that holds a timeline row's entity. */
const collectionOf = (entity: string) => ({ institution: 'institutions', agreement: 'agreements', document: 'documents', count: 'counts' })[entity] ?? `${entity}s`;

function timelineChart(events: RegistryTimelineRow[]): HTMLElement {
  const tlBox = h('div', { class: 'chart', 'data-chart': 'registry-timeline' });
  const dated = events.filter((e) => e.event !== 'official-count');
  if (dated.length) {
    tlBox.append(
      Plot.plot({
        width: chartWidth(),
        height: 74 + 28 * new Set(dated.map((e) => e.event)).size,
        marginLeft: 150,
        marginBottom: 42,
        style: { fontSize: '12px', background: 'transparent' },
        x: { label: t('year'), tickFormat: (d: number) => String(Math.floor(d)), ...X_TITLE },
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
  return tlBox;
}

export function timelineSection(ctx: PageContext, events: RegistryTimelineRow[], country: string): HTMLElement {
  const tlBox = timelineChart(events);
  return section(
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
  );
}
