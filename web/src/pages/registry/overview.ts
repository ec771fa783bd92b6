/**
 * `/registry`: a home country's institutions, agreements and documents — key figures, the map, the
 * official counts over time next to what the registry lists, the timeline, the event study and the
 * tables, one part per file of this folder.
 */
import type { RegistryCountRow, RegistryMapData } from '../../../../src/contract.ts';
import { apiGet } from '../../api.ts';
import { countryInput, countryName, numericIndex } from '../../controls.ts';
import { fmtNum } from '../../format.ts';
import { t } from '../../i18n.ts';
import { h, num } from '../../ui.ts';
import type { PageContext } from '../types.ts';
import { agreementsTable } from './agreements.ts';
import { countsSection } from './counts.ts';
import { documentsTable } from './documents.ts';
import { effectSection } from './effect.ts';
import { institutionsTable, mapSection } from './institutions.ts';
import { timelineSection } from './timeline.ts';

/** The heading and the home-country form. */
async function heading(ctx: PageContext, country: string): Promise<void> {
  ctx.root.append(h('h1', {}, `${t('reg.title')} — ${await countryName(country)} (${country})`), h('p', { class: 'note' }, t('reg.note')));
  const form = h('form', { class: 'controls' }, h('label', {}, `${t('reg.home')} `, await countryInput('country', country)), h('button', { type: 'submit', class: 'primary' }, t('apply')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = String(new FormData(form).get('country') ?? '').trim().toUpperCase();
    ctx.setParams({ country: v || null });
  });
  ctx.root.append(form);
}

/** Key figures, each next to the latest official count of the same thing. */
function keyFigures(map: RegistryMapData, counts: RegistryCountRow[], documents: unknown[]): HTMLElement {
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
  return h(
    'div',
    { class: 'kpis', 'data-section': 'registry-kpis' },
    kpi(t('reg.kpi.centres'), map.institutions.filter((i) => i.kind === 'cultural-centre').length, latest('cultural-centre', 'established')),
    kpi(t('reg.kpi.bases'), map.institutions.filter((i) => i.kind === 'export-base').length, latest('export-base', 'designated')),
    kpi(t('reg.kpi.partners'), map.partners.length, latest('co-production-treaty', 'partner-countries')),
    kpi(t('reg.kpi.documents'), documents.length),
  );
}

export async function overview(ctx: PageContext): Promise<void> {
  const country = (ctx.params.get('country') ?? 'CHN').toUpperCase();
  const basket = ctx.params.get('basket') ?? 'unesco-fcs-2009';
  await heading(ctx, country);
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
  const documents = docsRes.rows ?? [];
  ctx.root.append(
    keyFigures(map, counts, documents),
    mapSection(ctx, map, numeric, country),
    countsSection(counts, country),
    timelineSection(ctx, events, country),
    effectSection(ctx, country, basket),
    institutionsTable(ctx, map, country),
    agreementsTable(ctx, agreements, country),
    documentsTable(ctx, documents, measuresRes.rows ?? [], country),
  );
}
