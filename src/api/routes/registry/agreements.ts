/** `/registry/agreements`: co-production treaties, cultural agreements and cooperation documents (queries `registryAgreementsModel`). */
import { askedSchema, registryAgreementsModel } from '../../../queries/index.ts';
import { type ApiRouter, modelAnswer } from '../../router.ts';
import type { RegistryRoutes } from './shared.ts';

export function agreementRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/agreements',
      summary: registryAgreementsModel.summary,
      tags: ['registry'],
      query: askedSchema(registryAgreementsModel),
      paginate: true,
      examples: {
        valid: [{ query: { country: 'CHN' } }, { query: { kind: 'co-production-treaty' } }],
        invalid: [{ query: { kind: 'trade-deal' }, mentions: 'kind' }],
      },
    },
    async ({ rawQuery }) => (await r.ensure(), modelAnswer(registryAgreementsModel, await registryAgreementsModel.open(r.store(), rawQuery))),
  );
}
