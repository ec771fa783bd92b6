/** `/registry/institutions`: cultural centres abroad, export bases and other institutions of cultural trade (queries `registryInstitutionsModel`). */
import { askedSchema, registryInstitutionsModel } from '../../../queries/index.ts';
import { type ApiRouter, modelAnswer } from '../../router.ts';
import type { RegistryRoutes } from './shared.ts';

export function institutionRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/institutions',
      summary: registryInstitutionsModel.summary,
      tags: ['registry'],
      query: askedSchema(registryInstitutionsModel),
      paginate: true,
      examples: {
        valid: [{ query: { kind: 'cultural-centre', home: 'CHN' } }, { query: { country: 'FRA' } }],
        invalid: [
          { query: { country: 'china' }, mentions: 'country' },
          { query: { kind: 'museum' }, mentions: 'kind' },
        ],
      },
    },
    async ({ rawQuery }) => (await r.ensure(), modelAnswer(registryInstitutionsModel, await registryInstitutionsModel.open(r.store(), rawQuery))),
  );
}
