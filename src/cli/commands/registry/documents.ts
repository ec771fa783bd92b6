/** The policy documents' listings of `lantern registry list`: documents and their measures. */
import { documentsQuery, measuresQuery } from '../../../queries/index.ts';
import type { Listing } from './shared.ts';

export const documentListings: Record<'documents' | 'measures', Listing> = {
  documents: {
    columns: [
      { key: 'id' },
      { key: 'title_en', label: 'title' },
      { key: 'issued' },
      { key: 'doc_number', label: 'number' },
      { key: 'agency_count', label: 'agencies' },
      { key: 'measure_count', label: 'measures' },
      { key: 'measures_recorded', label: 'recorded' },
    ],
    rows: (st, f) => st.query(documentsQuery({ country: f.country })),
  },
  measures: {
    columns: [
      { key: 'document_id', label: 'document' },
      { key: 'number', label: 'no.' },
      { key: 'status' },
      { key: 'summary' },
    ],
    rows: (st, f) => st.query(measuresQuery({ country: f.country, document: f.document })),
  },
};
