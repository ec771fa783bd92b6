/** `/registry/institutions`: cultural centres abroad, export bases and other institutions of cultural trade. */
import { z } from 'zod';
import { listInstitutions } from '../../../queries/index.ts';
import { institutionKinds } from '../../../registry/index.ts';
import type { ApiRouter } from '../../router.ts';
import { iso3, labelled, type RegistryRoutes, sources } from './shared.ts';

export function institutionRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/institutions',
      summary: 'Institutions of cultural trade: cultural centres abroad, export bases …',
      tags: ['registry'],
      query: z.object({
        kind: z
          .enum(institutionKinds, { message: `should be one of ${institutionKinds.join(', ')}` })
          .optional(),
        country: iso3.optional().describe('home or host country'),
        home: iso3.optional(),
        host: iso3.optional(),
      }),
      paginate: true,
      examples: {
        valid: [{ query: { kind: 'cultural-centre', home: 'CHN' } }, { query: { country: 'FRA' } }],
        invalid: [
          { query: { country: 'china' }, mentions: 'country' },
          { query: { kind: 'museum' }, mentions: 'kind' },
        ],
      },
    },
    async ({ query }) => {
      await r.ensure();
      const rows = (await listInstitutions(r.store(), query)).map(labelled);
      return { rows, meta: { provenance: { sources: sources(rows) } } };
    },
  );
}
