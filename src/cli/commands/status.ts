/** `lantern status`: what the store holds — tables and their row counts, applied migrations. */
import type { Command } from 'commander';
import { sql } from '../../store/sql.ts';
import { type CliContext, listingOptions } from '../context.ts';

export function registerStatus(program: Command, ctx: CliContext): void {
  listingOptions(
    program.command('status').description('show the store file, its tables and their row counts'),
  ).action(async (_opts, cmd: Command) => {
    await ctx.withStore(cmd, async (store) => {
      const tables = await store.query<{ table_name: string; rows: number }>(
        sql`select table_name, estimated_size as rows from duckdb_tables() where schema_name = 'main' order by table_name`,
      );
      ctx.print(cmd, tables, [
        { key: 'table_name', label: 'table' },
        { key: 'rows', label: 'rows' },
      ]);
    });
  });
}
