/**
 * `/profiles/product`: a product, heading, chapter or basket (domain) across countries
 * (queries/product-profile.ts), and `/bilateral/{a}/{b}`: flows between two countries
 * (queries/bilateral.ts): each sends its read model's answer (contract.ts) as `data`, as the CLI prints it.
 * Query schemas and defaults come from the read models' descriptors.
 */
import { z } from 'zod';
import { askedSchema, bilateralModel, productProfileModel } from '../../queries/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';
import { productOrBasket, productOrBasketQuery } from '../product-query.ts';

const iso3 = (example: string) => z.string().regex(/^[A-Za-z]{3}$/, `should be an ISO alpha-3 code such as ${example}`);

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/profiles/product',
      summary: productProfileModel.summary,
      tags: ['profiles'],
      query: askedSchema(productProfileModel, ['product']).extend(productOrBasketQuery('an HS code (940540, 9405, 94) or basket[:domain]')),
      examples: {
        valid: [{ query: { basket: 'unesco-fcs-2009' } }, { query: { product: 'unesco-fcs-2009:books', years: '2020-2021', top: '5' } }],
        invalid: [{ query: { product: '12345' }, mentions: 'product' }, { query: { years: 'recently' }, mentions: 'years' }],
      },
    },
    async ({ rawQuery }) => modelAnswer(productProfileModel, await productProfileModel.open(deps.store, productOrBasket(rawQuery))),
  );

  app.get(
    {
      path: '/bilateral/{a}/{b}',
      summary: bilateralModel.summary,
      tags: ['bilateral'],
      params: z.object({ a: iso3('CHN'), b: iso3('USA') }),
      query: askedSchema(bilateralModel, ['a', 'b']),
      examples: {
        valid: [{ params: { a: 'CHN', b: 'USA' } }, { params: { a: 'CHN', b: 'USA' }, query: { basket: 'unesco-fcs-2009', years: '2019-2021' } }],
        invalid: [{ params: { a: 'CHN', b: 'U' }, mentions: 'b' }, { params: { a: 'CHN', b: 'USA' }, query: { by: 'colour' }, mentions: 'by' }],
      },
    },
    async ({ params, rawQuery }) => modelAnswer(bilateralModel, await bilateralModel.open(deps.store, { ...rawQuery, ...params })),
  );
};
