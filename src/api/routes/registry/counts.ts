/**
 * `/registry/counts` (official dated counts beside what the registry lists by the same date: queries
 * `registryCountsModel`) and
 * `/registry/count` (how many institutions or agreement partners a country has as of a date:
 * `registryCountModel`).
 */
import { askedSchema, registryCountModel, registryCountsModel } from '../../../queries/index.ts';
import { type ApiRouter, modelAnswer } from '../../router.ts';
import type { RegistryRoutes } from './shared.ts';

export function countRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/counts',
      summary: registryCountsModel.summary,
      tags: ['registry'],
      query: askedSchema(registryCountsModel),
      examples: {
        valid: [{ query: { country: 'CHN', subject: 'cultural-centre' } }],
        invalid: [{ query: { subject: 'Cultural Centre' }, mentions: 'subject' }],
      },
    },
    async ({ rawQuery }) => (await r.ensure(), modelAnswer(registryCountsModel, await registryCountsModel.open(r.store(), rawQuery))),
  );

  app.get(
    {
      path: '/registry/count',
      summary: registryCountModel.summary,
      tags: ['registry'],
      query: askedSchema(registryCountModel),
      examples: {
        valid: [{ query: { kind: 'cultural-centre', country: 'CHN', as_of: '2017-09' } }],
        invalid: [
          { query: { kind: 'cultural-centre', country: 'CHN', as_of: '2017-13' }, mentions: 'as_of' },
        ],
      },
    },
    async ({ rawQuery }) => (await r.ensure(), modelAnswer(registryCountModel, await registryCountModel.open(r.store(), rawQuery))),
  );
}
