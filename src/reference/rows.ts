/**
 * Batched inserts for reference tables (hundreds to a few thousand rows: baskets, official series).
 * Values are bound parameters; table and column names are program constants. Bulk loads of the HS
 * tables use DuckDB's appender instead (see hs-load.ts).
 */
import type { Store } from '../store/db.ts';
import { ident, join, type SqlValue, sql } from '../store/sql.ts';

export async function insertRows(
  store: Store,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  batch = 400,
): Promise<void> {
  const cols = join(columns.map((c) => ident(c)));
  for (let i = 0; i < rows.length; i += batch) {
    const values = rows.slice(i, i + batch).map((r) => sql`(${join(r.map((v) => sql`${v}`))})`);
    await store.run(sql`insert into ${ident(table)} (${cols}) values ${join(values)}`);
  }
}
