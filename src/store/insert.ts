/**
 * Inserting many rows written by the program (reference tables, registry entries, population):
 * one helper for every area.
 *
 * On DuckDB the rows travel as ONE bound JSON parameter and `from_json` turns them into typed
 * columns: a multi-row VALUES list binds one parameter per cell, which DuckDB prepares slowly for
 * thousands of cells. The column types come from the store's own catalog, never from input. Where a
 * column's type has no plain spelling for `from_json` (DECIMAL(p, s), lists, structs), or on another
 * engine, the rows go in batches of VALUES instead. Table and column names are program constants.
 *
 * @example
 *   await insertRows(store, 'population', ['country', 'year', 'population'], [['CHN', 2021, 1.41e9]]);
 *   await insertRecords(store, 'registry_audit', [{ actor: 'cli', action: 'create' }]);
 */
import { type DuckDBStore, isDuckDBStore, type Store } from './db.ts';
import { ident, join, raw, type SqlValue, sql } from './sql.ts';

/** Rows given as arrays of values in the order of `columns`. */
export async function insertRows(
  store: Store,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const cols = join(columns.map((c) => ident(c)));
  const types = store.dialect.name === 'duckdb' ? await columnTypes(store, table, columns) : undefined;
  if (types) {
    const records = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null])));
    const json = JSON.stringify(records, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    const shape = raw(`'${JSON.stringify([types])}'`);
    await store.run(
      sql`insert into ${ident(table)} (${cols}) select unnest(from_json(${json}::json, ${shape}), recursive := true)`,
    );
    return;
  }
  const batch = 400;
  for (let i = 0; i < rows.length; i += batch) {
    const values = rows.slice(i, i + batch).map((r) => sql`(${join(r.map((v) => sql`${v}`))})`);
    await store.run(sql`insert into ${ident(table)} (${cols}) values ${join(values)}`);
  }
}

/** The type of a column as an appender writes it (also its SQL type). */
export type AppendKind = 'varchar' | 'integer' | 'bigint' | 'smallint' | 'tinyint' | 'double' | 'boolean';

/** A value an appender takes. */
export type AppendValue = string | number | boolean | null;

/** Rows added one at a time to a table; `close` lands them (DuckDB: the engine's appender, STYLE.md §7). */
export interface RowAppender {
  add(row: readonly AppendValue[]): void;
  close(): Promise<void>;
}

/** The DuckDB client's appender, named through the store (db.ts is the only importer of the client). */
type DuckDBAppender = Awaited<ReturnType<DuckDBStore['appender']>>;

/** How one column's non-null value goes into DuckDB's appender. */
function cellWriter(app: DuckDBAppender, kind: AppendKind): (v: string | number | boolean) => void {
  switch (kind) {
    case 'varchar':
      return (v) => app.appendVarchar(String(v));
    case 'integer':
      return (v) => app.appendInteger(Number(v));
    case 'bigint':
      return (v) => app.appendBigInt(BigInt(v as number));
    case 'smallint':
      return (v) => app.appendSmallInt(Number(v));
    case 'tinyint':
      return (v) => app.appendTinyInt(Number(v));
    case 'double':
      return (v) => app.appendDouble(Number(v));
    case 'boolean':
      return (v) => app.appendBoolean(Boolean(v));
  }
}

/**
 * Appends rows to `table`, whose columns are exactly `columns`, in order, of the kinds given. On
 * DuckDB the rows go through its appender as they are added (a row reader's rows into trade_flows_wide, ingest's
 * rejected rows, the HS tables), each column's writer chosen once; on another engine they are kept
 * and inserted at `close` (`insertRows`). Only store/ touches the DuckDB client's appender.
 */
export async function rowAppender(store: Store, table: string, columns: readonly { name: string; kind: AppendKind }[]): Promise<RowAppender> {
  if (!isDuckDBStore(store)) {
    const rows: AppendValue[][] = [];
    return {
      add: (row) => void rows.push([...row]),
      close: () => insertRows(store, table, columns.map((c) => c.name), rows),
    };
  }
  const app = await store.appender(table);
  const writers = columns.map((c) => cellWriter(app, c.kind));
  return {
    add(row) {
      for (let i = 0; i < writers.length; i++) {
        const v = row[i] ?? null;
        if (v === null) app.appendNull();
        else writers[i]!(v);
      }
      app.endRow();
    },
    close: async () => {
      app.closeSync();
      store.noteChange();
    },
  };
}

/** Rows given as records; the columns are the keys of the first record. */
export async function insertRecords(
  store: Store,
  table: string,
  records: readonly Record<string, SqlValue>[],
): Promise<void> {
  if (records.length === 0) return;
  const columns = Object.keys(records[0]!);
  await insertRows(
    store,
    table,
    columns,
    records.map((r) => columns.map((c) => r[c] ?? null)),
  );
}

/** The catalog types of the columns, when every one has a plain name (`VARCHAR`, `DOUBLE`, `TIMESTAMP` …). */
async function columnTypes(
  store: Store,
  table: string,
  columns: readonly string[],
): Promise<Record<string, string> | undefined> {
  const rows = await store.query<{ column_name: string; data_type: string }>(
    sql`select column_name, data_type from information_schema.columns where table_name = ${table}`,
  );
  const types = new Map(rows.map((r) => [r.column_name, r.data_type]));
  const out: Record<string, string> = {};
  for (const c of columns) {
    const type = types.get(c);
    if (!type || !/^[A-Z][A-Z0-9 ]*$/.test(type)) return undefined;
    out[c] = type;
  }
  return out;
}
