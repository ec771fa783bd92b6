/** `lantern status`: what the store holds — tables and their row counts, applied migrations. */
import type { Command } from 'commander';
import { listTables } from '../../store/index.ts';
import type { CliContext } from '../context.ts';
import { listingOptions } from '../output.ts';

export function registerStatus(program: Command, ctx: CliContext): void {
  listingOptions(
    program.command('status').description('show the store file, its tables and their row counts'),
  ).action(async (_opts, cmd: Command) => {
    await ctx.withStore(cmd, async (store) => {
      const tables = (await listTables(store)).map((t) => ({ table_name: t.name, kind: t.kind, rows: t.rows }));
      ctx.print(cmd, tables, [
        { key: 'table_name', label: 'table' },
        { key: 'kind', label: 'kind' },
        { key: 'rows', label: 'rows' },
      ]);
    });
  });
}
