/** `/registry/documents` and `/registry/measures`: policy documents and their measures. */
import { z } from 'zod';
import { listDocuments, listMeasures } from '../../../queries/index.ts';
import type { ApiRouter } from '../../router.ts';
import { iso3, type RegistryRoutes, sources } from './shared.ts';

export function documentRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/documents',
      summary: 'Policy documents',
      tags: ['registry'],
      query: z.object({ country: iso3.optional() }),
      examples: {
        valid: [{ query: { country: 'CHN' } }],
        invalid: [{ query: { country: 'XX' }, mentions: 'country' }],
      },
    },
    async ({ query }) => {
      await r.ensure();
      const rows = await listDocuments(r.store(), query);
      return { rows, meta: { provenance: { sources: sources(rows) } } };
    },
  );

  app.get(
    {
      path: '/registry/measures',
      summary: 'Measures of policy documents (summaries in Lantern’s own words)',
      tags: ['registry'],
      query: z.object({ country: iso3.optional(), document: z.string().min(1).optional() }),
      examples: {
        valid: [{ query: { document: 'cn-2022-foreign-cultural-trade-opinions' } }],
        invalid: [{ query: { country: 'C' }, mentions: 'country' }],
      },
    },
    async ({ query }) => {
      await r.ensure();
      const rows = await listMeasures(r.store(), query);
      return { rows, meta: { provenance: { sources: sources(rows) } } };
    },
  );
}
