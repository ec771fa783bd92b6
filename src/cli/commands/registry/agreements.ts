/** The agreements' listings of `lantern registry list`: every agreement, and the co-production treaties (queries `registryAgreementsModel`). */
import { registryAgreementsModel } from '../../../queries/index.ts';
import type { Listing } from './shared.ts';

/** Agreements carry their parties as a list (JSON, as the API sends them); the table and CSV print them as one `a;b` field. */
const flat = (r: Record<string, unknown>) => ({ ...r, parties: (r.parties as string[]).join(';') || null });

export const agreementListings: Record<'agreements' | 'treaties', Listing> = {
  agreements: {
    model: registryAgreementsModel,
    flat,
    columns: [
      { key: 'id' },
      { key: 'kind' },
      { key: 'partner' },
      { key: 'country_zh', label: '国家' },
      { key: 'parties' },
      { key: 'signed' },
      { key: 'signed_by', label: 'signed by' },
      { key: 'in_force', label: 'in force' },
      { key: 'source_url', label: 'source' },
    ],
  },
  treaties: {
    model: registryAgreementsModel,
    fixed: { kind: 'co-production-treaty' },
    flat,
    columns: [
      { key: 'id' },
      { key: 'partner' },
      { key: 'country_en', label: 'partner name' },
      { key: 'country_zh', label: '国家' },
      { key: 'signed' },
      { key: 'signed_by', label: 'signed by' },
      { key: 'in_force', label: 'in force' },
      { key: 'source_url', label: 'source' },
    ],
  },
};
