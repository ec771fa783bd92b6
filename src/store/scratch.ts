/**
 * A table of intermediate results that one piece of work fills once and reads several times (a
 * release diff's keyed rows), on either engine, dropped afterwards whatever happens.
 *
 * - DuckDB: a TEMP table on one connection (`pinned`), so every statement of the work sees it.
 * - ClickHouse: no table. The SELECT itself, as a subquery, stands where the table would: a
 *   read-only user (`lantern serve --read-only`, the CLI's read commands) cannot create tables, and
 *   the cluster is built to scan; each read of it computes it again.
 */
import { isClickHouseStore } from './clickhouse.ts';
import { isDuckDBStore, type Store } from './db.ts';
import { ident, type Sql, sql } from './sql.ts';

let count = 0;

/**
 * Creates a table holding the rows of `select` (a fresh name), runs `fn` with the store and the
 * table (a name on DuckDB, the subquery on ClickHouse: use it as `from ${t} alias`), and drops it.
 *
 * @example
 *   const n = await withScratchTable(store, 'release_diff', sql`select …`, (s, t) => s.query(sql`select count(*) from ${t}`));
 */
export async function withScratchTable<T>(
  store: Store,
  prefix: string,
  select: Sql,
  fn: (store: Store, table: Sql) => Promise<T>,
): Promise<T> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${++count}`;
  const t = ident(name);
  if (isDuckDBStore(store)) {
    return store.pinned(async (one) => {
      await one.run(sql`create temp table ${t} as ${select}`);
      try {
        return await fn(one, t);
      } finally {
        await one.run(sql`drop table if exists ${t}`);
      }
    });
  }
  if (isClickHouseStore(store)) return fn(store, sql`(${select})`);
  throw new Error(`withScratchTable: no scratch tables on a ${store.dialect.name} store`);
}
