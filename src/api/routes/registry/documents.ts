/** `/registry/documents` and `/registry/measures`: policy documents and their measures (queries `registryDocumentsModel`, `registryMeasuresModel`). */
import { askedSchema, registryDocumentsModel, registryMeasuresModel } from '../../../queries/index.ts';
import { type ApiRouter, modelAnswer } from '../../router.ts';
import type { RegistryRoutes } from './shared.ts';

export function documentRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/documents',
      summary: registryDocumentsModel.summary,
      tags: ['registry'],
      query: askedSchema(registryDocumentsModel),
      examples: {
        valid: [{ query: { country: 'CHN' } }],
        invalid: [{ query: { country: 'XX' }, mentions: 'country' }],
      },
    },
    async ({ rawQuery }) => (await r.ensure(), modelAnswer(registryDocumentsModel, await registryDocumentsModel.open(r.store(), rawQuery))),
  );

  app.get(
    {
      path: '/registry/measures',
      summary: registryMeasuresModel.summary,
      tags: ['registry'],
      query: askedSchema(registryMeasuresModel),
      examples: {
        valid: [{ query: { document: 'cn-2022-foreign-cultural-trade-opinions' } }],
        invalid: [{ query: { country: 'C' }, mentions: 'country' }],
      },
    },
    async ({ rawQuery }) => (await r.ensure(), modelAnswer(registryMeasuresModel, await registryMeasuresModel.open(r.store(), rawQuery))),
  );
}
