/**
 * `/complexity/product-space` and `/complexity/opportunities`: the product space of a year (nodes
 * with layout, PCI and links) and a country's place in it — density, COG, ECI, COI and the ranked
 * opportunities (queries/product-space.ts). `data` is what `lantern product-space` and `lantern
 * opportunities` print with `--format json`. ECI/PCI rankings over years are
 * `/indicators/eci/values` and `/indicators/pci/values`.
 */
import { askedSchema, opportunitiesModel, productSpaceModel } from '../../queries/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/complexity/product-space',
      summary: productSpaceModel.summary,
      tags: ['complexity'],
      query: askedSchema(productSpaceModel),
      examples: {
        valid: [{ query: { country: 'CHN' } }, { query: { year: '2021' } }],
        invalid: [{ query: { country: 'china' }, mentions: 'country' }, { query: { digits: '5' }, mentions: 'digits' }],
      },
    },
    async ({ rawQuery }) => modelAnswer(productSpaceModel, await productSpaceModel.open(deps.store, rawQuery)),
  );
  app.get(
    {
      path: '/complexity/opportunities',
      summary: opportunitiesModel.summary,
      tags: ['complexity'],
      query: askedSchema(opportunitiesModel),
      examples: {
        valid: [{ query: { country: 'CHN' } }, { query: { country: 'USA', opportunities: 'all', limit: '10' } }],
        invalid: [{ query: { country: 'CHN', opportunities: 'some' }, mentions: 'opportunities' }, { query: {}, mentions: 'country' }],
      },
    },
    async ({ rawQuery }) => modelAnswer(opportunitiesModel, await opportunitiesModel.open(deps.store, rawQuery)),
  );
};
