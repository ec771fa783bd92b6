/** `/registry/agreements`: co-production treaties, cultural agreements and cooperation documents. */
import { z } from 'zod';
import { listAgreements } from '../../../queries/index.ts';
import { agreementKinds } from '../../../registry/index.ts';
import type { ApiRouter } from '../../router.ts';
import { iso3, labelled, type RegistryRoutes, sources } from './shared.ts';

export function agreementRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/agreements',
      summary: 'Co-production treaties, cultural agreements and cooperation documents',
      tags: ['registry'],
      query: z.object({
        kind: z.enum(agreementKinds, { message: `should be one of ${agreementKinds.join(', ')}` }).optional(),
        country: iso3.optional().describe('a party'),
      }),
      paginate: true,
      examples: {
        valid: [{ query: { country: 'CHN' } }, { query: { kind: 'co-production-treaty' } }],
        invalid: [{ query: { kind: 'trade-deal' }, mentions: 'kind' }],
      },
    },
    async ({ query }) => {
      await r.ensure();
      const rows = (await listAgreements(r.store(), query)).map(labelled);
      return { rows, meta: { provenance: { sources: sources(rows) } } };
    },
  );
}
