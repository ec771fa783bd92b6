/** `lantern datasets`: the import runs in the store — where every row came from. */
import type { Command } from 'commander';
import { listImportRuns } from '../../ingest/index.ts';
import type { CliContext } from '../context.ts';
import { listingOptions } from '../output.ts';

export function registerDatasets(program: Command, ctx: CliContext): void {
  listingOptions(
    program
      .command('datasets')
      .description(
        'list import runs: id, source, format, release, file, sha256, rows, years, reporters, imported at',
      )
      .option('--all', 'include runs replaced by a later --replace'),
  ).action(async (opts: { all?: boolean }, cmd: Command) => {
    await ctx.withStore(
      cmd,
      async (store) => {
        const runs = await listImportRuns(store, { all: opts.all });
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
