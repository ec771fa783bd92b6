/**
 * `/baskets/{id}/versions`: every version of a basket (kept when a basket is replaced), the current
 * one last (queries/baskets.ts `basketVersionsModel`: what `lantern basket versions` prints with
 * --format json).
 */
import { basketVersionsModel } from '../../queries/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/baskets/{id}/versions',
      summary: basketVersionsModel.summary,
      tags: ['baskets'],
      params: basketVersionsModel.params,
      examples: {
        valid: [{ params: { id: 'unesco-fcs-2009' } }],
        invalid: [{ params: { id: 'no-such-basket' }, status: 404 }, { params: { id: 'Bad Id' }, mentions: 'id' }],
      },
    },
    async ({ params }) => modelAnswer(basketVersionsModel, await basketVersionsModel.open(deps.store, params)),
  );
};
