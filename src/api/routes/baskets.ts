/**
 * `/baskets`: cultural baskets (versioned HS code lists) and their resolution to an HS edition
 * (queries/baskets.ts `basketListModel`, `basketModel`: what `lantern baskets` and `lantern basket
 * show` print with --format json).
 */
import { askedSchema, basketListModel, basketModel } from '../../queries/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/baskets',
      summary: basketListModel.summary,
      tags: ['baskets'],
      query: askedSchema(basketListModel),
      examples: { valid: [{}], invalid: [{ query: { framework: 'x' }, mentions: 'framework' }] },
    },
    async ({ rawQuery }) => modelAnswer(basketListModel, await basketListModel.open(deps.store, rawQuery)),
  );
  app.get(
    {
      path: '/baskets/{id}',
      summary: basketModel.summary,
      tags: ['baskets'],
      params: basketModel.params.pick({ id: true }),
      query: askedSchema(basketModel, ['id']),
      examples: {
        valid: [{ params: { id: 'unesco-fcs-2009' } }, { params: { id: 'unesco-fcs-2009' }, query: { edition: 'HS2007' } }, { params: { id: 'unesco-fcs-2009@core' } }, { params: { id: 'unesco-fcs-2009:D' }, query: { lang: 'zh' } }],
        invalid: [{ params: { id: 'no-such-basket' }, status: 404 }, { params: { id: 'unesco-fcs-2009@heritage' }, mentions: 'scope' }, { params: { id: 'unesco-fcs-2009' }, query: { edition: 'HS2019' }, mentions: 'edition' }],
      },
    },
    async ({ params, rawQuery }) => modelAnswer(basketModel, await basketModel.open(deps.store, { ...rawQuery, ...params })),
  );
};
