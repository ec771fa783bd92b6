/** The institutions' listings of `lantern registry list`: centres, bases, every institution. */
import { institutionsQuery } from '../../../queries/index.ts';
import type { Listing } from './shared.ts';

export const institutionListings: Record<'centres' | 'bases' | 'institutions', Listing> = {
  centres: {
    columns: [
      { key: 'id' },
      { key: 'name_en', label: 'name' },
      { key: 'country' },
      { key: 'city' },
      { key: 'opened' },
      { key: 'opened_by', label: 'open by' },
      { key: 'closed' },
      { key: 'source_url', label: 'source' },
    ],
    rows: (st, f) => st.query(institutionsQuery({ kind: 'cultural-centre', country: f.country })),
  },
  bases: {
    columns: [
      { key: 'id' },
      { key: 'name_zh', label: '名称' },
      { key: 'name_en', label: 'name' },
      { key: 'region' },
      { key: 'batch' },
      { key: 'opened', label: 'designated' },
      { key: 'source_url', label: 'source' },
    ],
    rows: (st, f) => st.query(institutionsQuery({ kind: 'export-base', country: f.country })),
  },
  institutions: {
    columns: [
      { key: 'id' },
      { key: 'kind' },
      { key: 'name_en', label: 'name' },
      { key: 'home_country', label: 'home' },
      { key: 'country' },
      { key: 'opened' },
      { key: 'source_url', label: 'source' },
    ],
    rows: (st, f) => st.query(institutionsQuery({ kind: f.kind, country: f.country })),
  },
};
