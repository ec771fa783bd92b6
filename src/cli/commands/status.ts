/**
 * `lantern status`: what the store holds (queries/status.ts `statusModel`). The table and CSV list
 * the tables and their row counts; `--format json` prints the whole answer, the object GET
 * /api/v1/status sends as `data`: beside the store, the resources the API offers over it.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { describeLocation } from '../../store/index.ts';
import type { CliContext } from '../context.ts';
import { emitResult, listingOptions } from '../output.ts';

export function registerStatus(program: Command, ctx: CliContext): void {
  listingOptions(
    program.command('status').description('show the store: its tables and row counts; as JSON, its trade coverage and import runs too'),
  ).action(async (_opts, cmd: Command) => {
    await ctx.withStore(cmd, async (store) => {
      const [{ statusModel }, { apiResources }] = await Promise.all([import('../../queries/index.ts'), import('../../api/index.ts')]);
      const edge = { path: basename(describeLocation(ctx.config(cmd))), readOnly: store.readOnly, resources: await apiResources(store) };
      const status = await statusModel.open(store, {}, edge);
      await emitResult(ctx, cmd, {
        json: status,
        rows: statusModel.rows(status),
        columns: [
          { key: 'table_name', label: 'table' },
          { key: 'kind', label: 'kind' },
          { key: 'rows', label: 'rows' },
        ],
      });
    });
  });
}
