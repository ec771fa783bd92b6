/**
 * `/countries`: ISO codes, English and Chinese names, regions (queries/countries.ts
 * `countryListModel`, the list `lantern countries --format json` prints), and one country by code.
 */
import { z } from 'zod';
import { assertCountry, countryRow } from '../../reference/index.ts';
import { askedSchema, countryListModel } from '../../queries/index.ts';
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
      summary: 'One country by ISO alpha-3, alpha-2 or numeric code',
      tags: ['countries'],
      params: z.object({ code: z.string().min(2).max(3) }),
      examples: { valid: [{ params: { code: 'CHN' } }, { params: { code: 'cn' } }], invalid: [{ params: { code: 'XYZ' }, status: 400, mentions: 'XYZ' }] },
    },
    ({ params }) => ({ data: countryRow(assertCountry(params.code)) }),
  );
};
