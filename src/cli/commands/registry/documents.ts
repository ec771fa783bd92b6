/** The policy documents' listings of `lantern registry list`: documents and their measures (queries `registryDocumentsModel`, `registryMeasuresModel`). */
import { registryDocumentsModel, registryMeasuresModel } from '../../../queries/index.ts';
import type { Listing } from './shared.ts';

/** Lists held in a row (agencies, indicators) print as one `a;b` field in the table and CSV. */
const flat = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.join(';') : v]));

export const documentListings: Record<'documents' | 'measures', Listing> = {
  documents: {
    model: registryDocumentsModel,
    flat,
    columns: [
      { key: 'id' },
      { key: 'title_en', label: 'title' },
      { key: 'title_zh', label: '标题' },
      { key: 'issued' },
      { key: 'doc_number', label: 'number' },
      { key: 'agency_count', label: 'agencies' },
      { key: 'measure_count', label: 'measures' },
      { key: 'measures_recorded', label: 'recorded' },
    ],
  },
  measures: {
    model: registryMeasuresModel,
    flat,
    columns: [
      { key: 'document_id', label: 'document' },
      { key: 'number', label: 'no.' },
      { key: 'status' },
      { key: 'summary' },
    ],
  },
};
