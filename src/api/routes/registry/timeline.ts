/** `/registry/timeline`: dated registry events and official counts, oldest first (queries `registryTimelineModel`). */
import { askedSchema, registryTimelineModel } from '../../../queries/index.ts';
import { type ApiRouter, modelAnswer } from '../../router.ts';
import type { RegistryRoutes } from './shared.ts';

export function timelineRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/timeline',
      summary: registryTimelineModel.summary,
      tags: ['registry'],
      query: askedSchema(registryTimelineModel),
      examples: {
        valid: [
          { query: { country: 'CHN' } },
          { query: { events: 'centre-opening,treaty-signing', from: '2000' } },
        ],
        invalid: [{ query: { events: 'war' }, mentions: 'events' }],
      },
    },
    async ({ rawQuery }) => (await r.ensure(), modelAnswer(registryTimelineModel, await registryTimelineModel.open(r.store(), rawQuery))),
  );
}
