/**
 * `lantern datasets [ID]`: the import runs in the store — where every row came from
 * (queries/datasets.ts `datasetListModel`: its flags, and the list GET /api/v1/datasets sends; with
 * an ID, `datasetModel`, the run GET /api/v1/datasets/{id} sends).
 */
import type { Command } from 'commander';
import { datasetListModel, datasetModel } from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { emitResult, isTable, listingOptions } from '../output.ts';
import { modelOptions, modelValues } from '../param-options.ts';

export function registerDatasets(program: Command, ctx: CliContext): void {
  const command = program
    .command('datasets [id]')
    .description('list import runs: id, source, format, release, file, sha256, rows, years, reporters, imported at; with ID, that run');
  listingOptions(modelOptions(command, datasetListModel)).action(async (id: string | undefined, opts: Record<string, unknown>, cmd: Command) => {
    await ctx.withStore(
      cmd,
      async (store) => {
        if (id !== undefined) {
          const run = await datasetModel.open(store, { id });
          return emitResult(ctx, cmd, { json: run, rows: [{ ...run, options: run.options ? JSON.stringify(run.options) : null }] });
        }
        const runs = await datasetListModel.open(store, modelValues(datasetListModel, opts));
        // The table shows the columns chosen for reading; CSV prints the model's flat rows, as the API's .csv does.
        if (!isTable(cmd)) return ctx.print(cmd, datasetListModel.rows(runs), undefined, runs);
        ctx.print(
          cmd,
          runs.map((r) => ({ ...r, options: r.options ? JSON.stringify(r.options) : null })),
          [
            { key: 'id' },
            { key: 'source' },
            { key: 'format' },
            { key: 'release' },
            { key: 'file' },
            { key: 'sha256', display: (v) => String(v).slice(0, 12) },
            { key: 'rows' },
            { key: 'rows_rejected', label: 'rejected' },
            { key: 'years' },
            { key: 'reporters' },
            { key: 'options', display: (v) => (v ? String(v).slice(0, 40) : '') },
            { key: 'imported_at', label: 'imported at' },
            ...(opts.all ? [{ key: 'replaced_by', label: 'replaced by' }] : []),
          ],
          runs,
        );
      },
      { readOnly: false },
    );
  });
}
