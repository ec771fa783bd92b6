/** The institutions' listings of `lantern registry list`: centres, bases, every institution (queries `registryInstitutionsModel`). */
import { registryInstitutionsModel } from '../../../queries/index.ts';
import type { Listing } from './shared.ts';

export const institutionListings: Record<'centres' | 'bases' | 'institutions', Listing> = {
  centres: {
    model: registryInstitutionsModel,
    fixed: { kind: 'cultural-centre' },
    columns: [
      { key: 'id' },
      { key: 'name_en', label: 'name' },
      { key: 'country' },
      { key: 'country_zh', label: '国家' },
      { key: 'city' },
      { key: 'opened' },
      { key: 'opened_by', label: 'open by' },
      { key: 'closed' },
      { key: 'source_url', label: 'source' },
    ],
  },
  bases: {
    model: registryInstitutionsModel,
    fixed: { kind: 'export-base' },
    columns: [
      { key: 'id' },
      { key: 'name_zh', label: '名称' },
      { key: 'name_en', label: 'name' },
      { key: 'region' },
      { key: 'batch' },
      { key: 'opened', label: 'designated' },
      { key: 'source_url', label: 'source' },
    ],
  },
  institutions: {
    model: registryInstitutionsModel,
    columns: [
      { key: 'id' },
      { key: 'kind' },
      { key: 'name_en', label: 'name' },
      { key: 'home_country', label: 'home' },
      { key: 'country' },
      { key: 'country_en', label: 'country name' },
      { key: 'opened' },
      { key: 'source_url', label: 'source' },
    ],
  },
};
