/**
 * `/countries`: ISO codes, English and Chinese names, regions (queries/countries.ts
 * `countryListModel`, the list `lantern countries --format json` prints), and one country by code (`countryModel`,
 * `lantern countries CODE`).
 */
import { askedSchema, countryListModel, countryModel } from '../../queries/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/countries',
      summary: countryListModel.summary,
      tags: ['countries'],
      query: askedSchema(countryListModel),
      paginate: { defaultLimit: 500, maxLimit: 5000 },
      examples: { valid: [{}, { query: { kind: 'country', search: 'chin' } }], invalid: [{ query: { kind: 'planet' }, mentions: 'kind' }] },
    },
    async ({ rawQuery }) => modelAnswer(countryListModel, await countryListModel.open(deps.store, rawQuery)),
  );
  app.get(
    {
      path: '/countries/{code}',
      summary: countryModel.summary,
      tags: ['countries'],
      params: countryModel.params,
      examples: { valid: [{ params: { code: 'CHN' } }, { params: { code: 'cn' } }], invalid: [{ params: { code: 'XYZ' }, status: 400, mentions: 'XYZ' }] },
    },
    async ({ params }) => modelAnswer(countryModel, await countryModel.open(deps.store, params)),
  );
};
