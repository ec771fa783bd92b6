/**
 * `/diff`: what changed between two releases (queries/release-diff.ts) — rows added, removed and
 * revised, totals before and after, by reporter, year or product, and the largest revisions. Each
 * side is an import run id or a release name; runs taken out by `import --replace` still compare.
 * The CSV variant gives the groups; `?table=largest_value` or `largest_share` the other tables.
 * `rows` (the groups) are paged with `limit`/`offset`: every page is sliced from one computed answer
 * (the router keeps it), so paging does not compare the releases again; by default a page holds
 * every group (at most one per HS product), as before paging.
 */
import { askedSchema, releaseDiffModel } from '../../queries/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/diff',
      summary: releaseDiffModel.summary,
      tags: ['datasets'],
      query: askedSchema(releaseDiffModel),
      paginate: { defaultLimit: 10_000, maxLimit: 10_000 },
      examples: {
        valid: [{ query: { a: '1', b: '1' } }, { query: { a: '1', b: '1', by: 'year', top: '3' } }],
        invalid: [
          { query: { a: '1' }, mentions: 'b' },
          { query: { a: '1', b: '1', by: 'partner' }, mentions: 'by' },
          { query: { a: '1', b: '999999' }, status: 400 },
        ],
      },
    },
    async ({ rawQuery }) => modelAnswer(releaseDiffModel, await releaseDiffModel.open(deps.store, rawQuery)),
  );
};
