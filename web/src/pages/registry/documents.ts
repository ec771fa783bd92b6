/** The policy documents on the registry page, with their measures. */
import { t } from '../../i18n.ts';
import { dataTable, h, section } from '../../ui.ts';
import type { PageContext } from '../types.ts';
import { detailLink, gap, link, zh } from './common.ts';

type Row = Record<string, unknown>;

export function documentsTable(ctx: PageContext, documents: Row[], measures: Row[], country: string): HTMLElement {
  return section(
    t('reg.documents'),
    [
      dataTable(documents as never, [
        { key: 'title_en', label: t('reg.name'), format: (v, r) => detailLink(ctx, 'documents', String(r.id), zh() && r.title_zh ? String(r.title_zh) : String(v)) },
        { key: 'issued', label: t('reg.date'), format: (v) => gap(v) },
        { key: 'doc_number', label: '#', format: (v) => gap(v) },
        { key: 'agency_count', label: 'agencies', numeric: true, format: (v) => gap(v) },
        { key: 'measure_count', label: t('reg.measures'), numeric: true, format: (v) => gap(v) },
        { key: 'source_url', label: t('source'), format: (v) => link(String(v)) },
      ]),
      h('h3', {}, t('reg.measures')),
      dataTable(measures as never, [
        { key: 'document', label: t('reg.documents') },
        { key: 'number', label: '#', format: (v) => gap(v) },
        { key: 'summary', label: t('reg.name') },
        { key: 'status', label: 'status' },
        { key: 'source_url', label: t('source'), format: (v) => link(String(v)) },
      ]),
    ],
    { name: `registry-documents-${country}`, rows: () => documents as never },
  );
}
