/**
 * `/markets`: the market finder (queries/market-finder.ts). For an exporter and a product or
 * basket: every importing market with size, growth, the exporter's share, top competitors,
 * concentration, export potential and unrealised potential. Paged; sortable server-side. `data` is
 * the read model's answer as `lantern markets --format json` prints it; `rows` are its markets.
 */
import { askedSchema, marketFinderModel } from '../../queries/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';
import { productOrBasket, productOrBasketQuery } from '../product-query.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/markets',
      summary: marketFinderModel.summary,
      tags: ['markets'],
      query: askedSchema(marketFinderModel, ['limit', 'product']).extend(productOrBasketQuery('an HS code (950510, 9505) or basket[:domain] (default unesco-fcs-2009)')),
      paginate: { defaultLimit: 250, maxLimit: 1000 },
      examples: {
        valid: [{ query: { exporter: 'CHN' } }, { query: { exporter: 'CHN', basket: 'unesco-fcs-2009', year: '2022', sort: 'growth_1y' } }],
        invalid: [{ query: { exporter: 'CH' }, mentions: 'exporter' }, { query: { exporter: 'CHN', sort: 'fame' }, mentions: 'sort' }, {}],
      },
    },
    async ({ rawQuery }) => modelAnswer(marketFinderModel, await marketFinderModel.open(deps.store, productOrBasket(rawQuery))),
  );
};
