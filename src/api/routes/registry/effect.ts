/** `/registry/effect`: the descriptive event study (difference-in-differences; not causal). */
import { z } from 'zod';
import { effectEventKinds, registryEffect } from '../../../queries/index.ts';
import type { ApiRouter } from '../../router.ts';
import { iso3, type RegistryRoutes } from './shared.ts';

export function effectRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/effect',
      summary:
        'Exports to partners before and after registry events vs all other partners (difference-in-differences; descriptive, not causal)',
      tags: ['registry'],
      query: z.object({
        event_kind: z.enum(effectEventKinds, { message: `should be one of ${effectEventKinds.join(', ')}` }),
        exporter: iso3,
        basket: z.string().min(1).default('unesco-fcs-2009'),
        window: z.number().int().min(1).max(10).default(3),
        bootstrap: z.number().int().min(0).max(20000).default(1000),
        seed: z.string().min(1).max(64).default('lantern'),
        source: z.string().min(1).optional(),
      }),
      examples: {
        valid: [{ query: { event_kind: 'centre-opening', exporter: 'CHN', basket: 'unesco-fcs-2009' } }],
        invalid: [{ query: { event_kind: 'base-designation', exporter: 'CHN' }, mentions: 'event_kind' }],
      },
    },
    async ({ query }) => {
      await r.ensure();
      const e = await registryEffect(r.store(), {
        eventKind: query.event_kind,
        exporter: query.exporter,
        basket: query.basket,
        window: query.window,
        bootstrap: query.bootstrap,
        seed: query.seed,
        source: query.source,
      });
      const { events, ...summary } = e;
      return { data: summary, rows: events, meta: { provenance: { note: e.method } } };
    },
  );
}
