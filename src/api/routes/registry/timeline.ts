/** `/registry/timeline`: dated registry events and official counts, oldest first. */
import { z } from 'zod';
import { timeline, timelineEvents } from '../../../queries/index.ts';
import type { ApiRouter, Row } from '../../router.ts';
import { iso3, type RegistryRoutes, sources } from './shared.ts';

export function timelineRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/timeline',
      summary: 'Dated registry events and official counts, oldest first',
      tags: ['registry'],
      query: z.object({
        country: iso3.optional(),
        from: z.number().int().min(1800).max(2100).optional(),
        to: z.number().int().min(1800).max(2100).optional(),
        events: z
          .array(z.enum(timelineEvents, { message: `should be among ${timelineEvents.join(', ')}` }))
          .optional(),
      }),
      examples: {
        valid: [
          { query: { country: 'CHN' } },
          { query: { events: 'centre-opening,treaty-signing', from: '2000' } },
        ],
        invalid: [{ query: { events: 'war' }, mentions: 'events' }],
      },
    },
    async ({ query }) => {
      await r.ensure();
      const rows = await timeline(r.store(), query);
      return { rows, meta: { provenance: { sources: sources(rows as unknown as Row[]) } } };
    },
  );
}
