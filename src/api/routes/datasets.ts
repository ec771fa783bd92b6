/** `/datasets`: import runs with their provenance (ingest's `listImportRuns`). */
import { z } from 'zod';
import { LanternError } from '../../errors.ts';
import type { RouteModule } from '../router.ts';
import { listRuns, pageRuns } from '../store-info.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/datasets',
      summary: 'Import runs: source, format, release, file, sha256, rows, years, reporters, imported at',
      tags: ['datasets'],
      query: z.object({
        all: z.boolean().optional().describe('include runs replaced by a later --replace import'),
        source: z.string().regex(/^[a-z0-9-]+$/, 'should be a source name such as baci or comtrade').optional().describe('only runs of this source'),
      }),
      paginate: true,
      examples: { valid: [{}, { query: { all: 'true' } }], invalid: [{ query: { all: 'maybe' }, mentions: 'all' }, { query: { limit: '0' }, mentions: 'limit' }] },
    },
    async ({ query, page }) => {
      // Paged in SQL: only the page's runs are read; the count is kept for the next pages (router).
      const filter = { all: query.all, source: query.source };
      const { rows, total } = page ? await pageRuns(deps.store, filter, page) : { rows: await listRuns(deps.store, filter), total: undefined };
      return { rows, total, meta: { provenance: { runs: rows.map((r) => r.id) } } };
    },
  );
  app.get(
    {
      path: '/datasets/{id}',
      summary: 'One import run with its provenance',
      tags: ['datasets'],
      params: z.object({ id: z.string().regex(/^\d+$/, 'should be an import run id (a number; see /datasets)') }),
      examples: { valid: [{ params: { id: '1' } }], invalid: [{ params: { id: 'abc' }, mentions: 'id' }, { params: { id: '999999' }, status: 404 }] },
    },
    async ({ params }) => {
      const run = (await listRuns(deps.store, { all: true })).find((r) => r.id === Number(params.id));
      if (!run) {
        throw new LanternError('not-found', `There is no import run ${params.id}.`, [
          { field: 'path.id', message: 'no such import run', found: params.id, hint: 'list the runs with /api/v1/datasets or `lantern datasets`' },
        ]);
      }
      return { data: run, meta: { provenance: { runs: [run.id] } } };
    },
  );
};
