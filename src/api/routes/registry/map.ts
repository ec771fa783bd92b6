/**
 * `/registry/map` (a home country's institutions and its treaty partners: queries `registryMapModel`;
 * the country is required: without it a 400 lists the registry's home countries)
 * and `/registry/trade` (the home country's exports to one partner and to all others, for the detail
 * pages: `registryTradeModel`, its series as the rows).
 */
import { askedSchema, registryMapModel, registryTradeModel } from '../../../queries/index.ts';
import { type ApiRouter, modelAnswer } from '../../router.ts';
import type { RegistryRoutes } from './shared.ts';

export function mapRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/map',
      summary: registryMapModel.summary,
      tags: ['registry'],
      query: askedSchema(registryMapModel),
      examples: {
        valid: [{ query: { country: 'CHN' } }],
        invalid: [
          { query: { country: 'ZZZ' }, mentions: 'country' },
          { query: {}, mentions: 'home countries', status: 400 },
        ],
      },
    },
    async ({ rawQuery }) => (await r.ensure(), modelAnswer(registryMapModel, await registryMapModel.open(r.store(), rawQuery))),
  );

  app.get(
    {
      path: '/registry/trade',
      summary: registryTradeModel.summary,
      tags: ['registry'],
      query: askedSchema(registryTradeModel),
      examples: {
        valid: [{ query: { exporter: 'CHN', partner: 'USA', basket: 'unesco-fcs-2009' } }],
        invalid: [{ query: { exporter: 'CHN' }, mentions: 'partner' }],
      },
    },
    async ({ rawQuery }) => modelAnswer(registryTradeModel, await registryTradeModel.open(r.store(), rawQuery)),
  );
}
