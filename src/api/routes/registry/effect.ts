/**
 * `/registry/effect`: the descriptive event study (difference-in-differences; not causal): queries
 * `registryEffectModel`, the answer as `data` (what `lantern registry effect --format json` prints),
 * its events as the rows.
 */
import { askedSchema, registryEffectModel } from '../../../queries/index.ts';
import { type ApiRouter, modelAnswer } from '../../router.ts';
import type { RegistryRoutes } from './shared.ts';

export function effectRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/effect',
      summary: registryEffectModel.summary,
      tags: ['registry'],
      query: askedSchema(registryEffectModel),
      examples: {
        valid: [{ query: { event_kind: 'centre-opening', exporter: 'CHN', basket: 'unesco-fcs-2009' } }],
        invalid: [{ query: { event_kind: 'base-designation', exporter: 'CHN' }, mentions: 'event_kind' }],
      },
    },
    async ({ rawQuery }) => (await r.ensure(), modelAnswer(registryEffectModel, await registryEffectModel.open(r.store(), rawQuery))),
  );
}
