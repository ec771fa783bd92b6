/** The agreements' listings of `lantern registry list`: every agreement, and the co-production treaties. */
import { listAgreements } from '../../../queries/index.ts';
import type { Store } from '../../../store/index.ts';
import type { Listing } from './shared.ts';

/** Agreements carry their parties, read apart and printed as one `a;b` field. */
async function agreements(store: Store, f: { kind?: string; country?: string }): Promise<Record<string, unknown>[]> {
  return (await listAgreements(store, f)).map((r) => ({ ...r, parties: (r.parties as string[]).join(';') || null }));
}

export const agreementListings: Record<'agreements' | 'treaties', Listing> = {
  agreements: {
    columns: [
      { key: 'id' },
      { key: 'kind' },
      { key: 'partner' },
      { key: 'parties' },
      { key: 'signed' },
      { key: 'signed_by', label: 'signed by' },
      { key: 'in_force', label: 'in force' },
      { key: 'source_url', label: 'source' },
    ],
    rows: (st, f) => agreements(st, { kind: f.kind, country: f.country }),
  },
  treaties: {
    columns: [
      { key: 'id' },
      { key: 'partner' },
      { key: 'signed' },
      { key: 'signed_by', label: 'signed by' },
      { key: 'in_force', label: 'in force' },
      { key: 'source_url', label: 'source' },
    ],
    rows: (st, f) => agreements(st, { kind: 'co-production-treaty', country: f.country }),
  },
};
