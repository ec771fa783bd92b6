/**
 * `/registry/counts` (official dated counts beside what the registry lists by the same date: queries
 * `registryCountsModel`) and
 * `/registry/count` (how many institutions or agreement partners a country has as of a date).
 */
import { z } from 'zod';
import { askedSchema, countAgreementPartners, countInstitutions, registryCountsModel } from '../../../queries/index.ts';
import { agreementKinds, institutionKinds, parsePartialDate } from '../../../registry/index.ts';
import { type ApiRouter, modelAnswer } from '../../router.ts';
import { iso3, type RegistryRoutes } from './shared.ts';

const countKinds = [...institutionKinds, ...agreementKinds] as [string, ...string[]];

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
      summary:
        'How many institutions of a kind (or agreement partners) a country has as of a date; undated rows counted apart',
      tags: ['registry'],
      query: z.object({
        kind: z.enum(countKinds, { message: `should be one of ${countKinds.join(', ')}` }),
        country: iso3,
        as_of: z
          .string()
          .refine((v) => parsePartialDate(v).ok, {
            message: 'should be a date as YYYY, YYYY-MM or YYYY-MM-DD',
          })
          .optional(),
      }),
      examples: {
        valid: [{ query: { kind: 'cultural-centre', country: 'CHN', as_of: '2017-09' } }],
        invalid: [
          { query: { kind: 'cultural-centre', country: 'CHN', as_of: '2017-13' }, mentions: 'as_of' },
        ],
      },
    },
    async ({ query }) => {
      await r.ensure();
      const p = { kind: query.kind, country: query.country, asOf: query.as_of };
      const data = (agreementKinds as readonly string[]).includes(query.kind)
        ? await countAgreementPartners(r.store(), p)
        : await countInstitutions(r.store(), p);
      return { data };
    },
  );
}
