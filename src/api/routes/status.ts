/**
 * `/status`: what the store holds — file, tables and row counts, trade coverage, import runs — and
 * whether the data is the synthetic demo world (queries/status.ts `statusModel`: the object
 * `lantern status --format json` prints). The dashboard reads it on every page load (banner,
 * empty-store notice, navigation). The edge passes what only it knows: the file's name (not its
 * folders: the API is open to any origin), read-only, and its resources.
 */
import { basename } from 'node:path';
import { askedSchema, statusModel } from '../../queries/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/status',
      summary: statusModel.summary,
      tags: ['status'],
      query: askedSchema(statusModel),
      examples: { valid: [{}], invalid: [{ query: { verbose: '1' }, mentions: 'verbose' }] },
    },
    async ({ rawQuery }) =>
      modelAnswer(
        statusModel,
        await statusModel.open(deps.store, rawQuery, { path: basename(deps.dbPath), readOnly: deps.readOnly, resources: deps.resources() }),
      ),
  );
};
