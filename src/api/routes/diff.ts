/**
 * `/diff`: what changed between two releases (queries/release-diff.ts) — rows added, removed and
 * revised, totals before and after, by reporter, year or product, and the largest revisions. Each
 * side is an import run id or a release name; runs taken out by `import --replace` still compare.
 * The CSV variant gives the groups; `?table=largest_value` or `largest_share` the other tables.
 */
import { releaseDiff, releaseDiffParams, releaseDiffRows } from '../../queries/index.ts';
import type { RouteModule } from '../router.ts';

const query = releaseDiffParams.extend({
  a: releaseDiffParams.shape.a.describe('the earlier side: an import run id or a release name (e.g. V202401)'),
  b: releaseDiffParams.shape.b.describe('the later side: an import run id or a release name (e.g. V202501)'),
  by: releaseDiffParams.shape.by.describe('group the changes by reporter, year or product'),
  top: releaseDiffParams.shape.top.describe('how many of the largest revisions to list'),
  source: releaseDiffParams.shape.source.describe('with release names: only runs of this source'),
});

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/diff',
      summary: 'Release diff: rows added, removed and revised between two runs or releases, by reporter, year or product',
      tags: ['datasets'],
      query,
      examples: {
        valid: [{ query: { a: '1', b: '1' } }, { query: { a: '1', b: '1', by: 'year', top: '3' } }],
        invalid: [
          { query: { a: '1' }, mentions: 'b' },
          { query: { a: '1', b: '1', by: 'partner' }, mentions: 'by' },
          { query: { a: '1', b: '999999' }, status: 404 },
        ],
      },
    },
    async ({ query }) => {
      const d = await releaseDiff(deps.store, query);
      return {
        data: d,
        rows: releaseDiffRows(d),
        tables: { largest_value: d.largest_value, largest_share: d.largest_share },
        meta: { provenance: { runs: [...d.a.runs, ...d.b.runs], note: d.notes.join(' ') || undefined } },
      };
    },
  );
};
