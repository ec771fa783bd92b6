/**
 * `/official`: the bundled official series, each figure with its scope, unit and source URL, the
 * scopes, and lines over years that never join scopes (queries/official.ts: `officialFiguresModel`,
 * `officialScopesModel`, `officialLinesModel`, the lists `lantern official [--scopes | --lines]
 * --format json` prints).
 */
import { askedSchema, officialFiguresModel, officialLinesModel, officialScopesModel } from '../../queries/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/official',
      summary: officialFiguresModel.summary,
      tags: ['official'],
      query: askedSchema(officialFiguresModel),
      paginate: { defaultLimit: 1000, maxLimit: 5000 },
      examples: {
        valid: [{}, { query: { country: 'CHN', flow: 'export' } }],
        invalid: [{ query: { year: 'last' }, mentions: 'year' }, { query: { flow: 'sideways' }, mentions: 'flow' }, { query: { scope: 'cultural_prodcts' }, mentions: 'cultural_products' }],
      },
    },
    async ({ rawQuery }) => modelAnswer(officialFiguresModel, await officialFiguresModel.open(deps.store, rawQuery)),
  );
  app.get(
    {
      path: '/official/scopes',
      summary: officialScopesModel.summary,
      tags: ['official'],
      examples: { valid: [{}] },
    },
    async () => modelAnswer(officialScopesModel, await officialScopesModel.open(deps.store, {})),
  );
  app.get(
    {
      path: '/official/lines',
      summary: officialLinesModel.summary,
      tags: ['official'],
      query: askedSchema(officialLinesModel),
      examples: { valid: [{ query: { indicator: 'value', flow: 'export' } }], invalid: [{ query: { indicator: 'vibes' }, mentions: 'indicator' }] },
    },
    async ({ rawQuery }) => modelAnswer(officialLinesModel, await officialLinesModel.open(deps.store, rawQuery)),
  );
};
