/**
 * `/profiles/country/{iso3}`: the country profile (queries/country-profile.ts), sent as `data`: the
 * object `lantern profile country --format json` prints (contract.ts `CountryProfileData`). The CSV
 * variant gives the profile's flat rows; `?table=partners|products|domains|trend` picks one section.
 */
import { z } from 'zod';
import { askedSchema, countryProfileModel } from '../../queries/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/profiles/country/{iso3}',
      summary: countryProfileModel.summary,
      tags: ['profiles'],
      params: z.object({ iso3: z.string().regex(/^[A-Za-z]{3}$/, 'should be an ISO alpha-3 code such as CHN') }),
      query: askedSchema(countryProfileModel, ['country']),
      examples: {
        valid: [
          { params: { iso3: 'CHN' } },
          { params: { iso3: 'CHN' }, query: { basket: 'unesco-fcs-2009', years: '2020-2022', top: '20' } },
        ],
        invalid: [
          { params: { iso3: 'CHINA' }, mentions: 'iso3' },
          { params: { iso3: 'CHN' }, query: { years: '2022-2020' }, mentions: 'years' },
          { params: { iso3: 'CHN' }, query: { top: '0' }, mentions: 'top' },
        ],
      },
    },
    async ({ params, rawQuery }) => modelAnswer(countryProfileModel, await countryProfileModel.open(deps.store, { ...rawQuery, country: params.iso3 })),
  );
};
