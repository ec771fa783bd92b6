/**
 * Copies a DuckDB store's tables into a ClickHouse store (`lantern cluster push`).
 *
 * Bulk, engine to engine: DuckDB's own CSV writer exports each table (`COPY … TO dir` with
 * `FILE_SIZE_BYTES`, so a big table becomes several files of whole rows), and each file is one
 * `INSERT … FORMAT CSV` over HTTP. No row passes through JavaScript.
 *
 * - `trade_flows` (a view over the DuckDB store's physical tables) is sharded: rows go to shard `hash(reporter) % shards` (DuckDB's hash), into
 *   that server's `trade_flows_local`; `trade_flows_all` (Distributed) and the view `trade_flows`
 *   read them all.
 * - Every other table (reference data: countries, baskets, basket_resolved, import_runs …) is
 *   copied whole to every server, so joins with trade_flows stay shard-local and exact.
 *
 * All or nothing per push, as far as ClickHouse allows: everything loads into `*__staging`
 * tables; row counts are checked against DuckDB; only then one RENAME per server swaps the new
 * tables in (see `ClickHouseStore.replaceTables`). Any failure before the swap drops the staging
 * tables and leaves what the cluster served untouched.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LanternError, type Problem } from '../../errors.ts';
import { type ClickHouseStore, clickhouseDdl, STAGING, TRADE_FLOWS_LOCAL } from '../clickhouse.ts';
import type { Store } from '../db.ts';
import { clickhouse, duckdb } from '../dialect.ts';
import { CLUSTER_SUMMARY_TABLES, SUMMARY_TABLES } from '../flow-totals.ts';
import { ident, raw, sql } from '../sql.ts';
import { withWriteLock } from './lock.ts';

/**
 * Tables never copied: bookkeeping of the DuckDB file itself, the physical storage behind the
 * `trade_flows` and `flow_totals` views (migrations 012, 052; SUMMARY_TABLES lists the latter's),
 * which are copied as the views read them, and the summaries a
 * cluster does not keep (migration 051; ClickHouse reads the rows there). Those of migration 050
 * (`CLUSTER_SUMMARY_TABLES`) are copied whole to every server, and read there as on DuckDB.
 */
const NOT_COPIED = new Set([
  'schema_migrations',
  'setup_mark',
  'trade_flows_wide',
  'baci_flows',
  'baci_country_codes',
  'hs6_codes',
  ...SUMMARY_TABLES.filter((t) => !(CLUSTER_SUMMARY_TABLES as readonly string[]).includes(t)),
]);

export interface PushProgress {
  done: number;
  total?: number;
  unit: string;
  label?: string;
}

export interface PushOptions {
  /** Only these tables (default: every table of the DuckDB store). `trade_flows` is always sharded. */
  tables?: string[];
  onProgress?: (e: PushProgress) => void;
  /** Bytes per exported file, hence per INSERT (default 64 MB). */
  batchBytes?: number;
  now?: () => Date;
}

export interface PushedTable {
  table: string;
  placement: 'sharded' | 'replicated';
  rows: number;
  /** Rows per server (sharded: this shard's part; replicated: the full copy). */
  rows_per_server: number[];
  batches: number;
}

interface DuckColumn {
  name: string;
  type: string;
  nullable: boolean;
}

/** ClickHouse type and DuckDB export expression for one DuckDB column; undefined when unsupported. */
export function mapColumn(c: DuckColumn): { chType: string; exportExpr: string } | undefined {
  const col = duckdb.quoteIdent(c.name);
  const t = c.type.toUpperCase();
  let chType: string | undefined;
  let exportExpr = col;
  if (t === 'BOOLEAN') {
    chType = 'UInt8';
    exportExpr = `cast(${col} as integer)`;
  } else if (t === 'TINYINT') chType = 'Int8';
  else if (t === 'SMALLINT') chType = 'Int16';
  else if (t === 'INTEGER') chType = 'Int32';
  else if (t === 'BIGINT') chType = 'Int64';
  else if (t === 'UTINYINT') chType = 'UInt8';
  else if (t === 'USMALLINT') chType = 'UInt16';
  else if (t === 'UINTEGER') chType = 'UInt32';
  else if (t === 'UBIGINT') chType = 'UInt64';
  else if (t === 'FLOAT') chType = 'Float32';
  else if (t === 'DOUBLE') chType = 'Float64';
  else if (t.startsWith('DECIMAL')) {
    // 18.16's Decimal is experimental; a double keeps 15–17 significant digits.
    chType = 'Float64';
    exportExpr = `cast(${col} as double)`;
  } else if (t === 'VARCHAR' || t === 'UUID') {
    chType = 'String';
    if (t === 'UUID') exportExpr = `cast(${col} as varchar)`;
  } else if (t === 'DATE') {
    chType = 'Date';
    exportExpr = `strftime(${col}, '%Y-%m-%d')`;
  } else if (
    t === 'TIMESTAMP' ||
    t === 'TIMESTAMP WITH TIME ZONE' ||
    t === 'TIMESTAMP_S' ||
    t === 'TIMESTAMP_MS'
  ) {
    // DateTime has whole seconds, UTC (the test servers and the docs set the server time zone).
    chType = 'DateTime';
    exportExpr = `strftime(${col}, '%Y-%m-%d %H:%M:%S')`;
  }
  if (!chType) return undefined;
  return { chType: c.nullable ? `Nullable(${chType})` : chType, exportExpr };
}

/** The views copied as tables, each with the table that declares its columns' nullability (migrations 012, 052). */
const DECLARED_BY: Record<string, string> = { trade_flows: 'trade_flows_wide', flow_totals: 'flow_totals_named' };

export async function duckColumns(duck: Store, table: string): Promise<DuckColumn[]> {
  const rows = await duck.query<{ name: string; type: string; nullable: string }>(
    sql`select column_name as name, data_type as type, is_nullable as nullable
        from information_schema.columns where table_schema = 'main' and table_name = ${table} order by ordinal_position`,
  );
  const columns = rows.map((r) => ({ name: r.name, type: r.type, nullable: r.nullable === 'YES' }));
  const declaring = DECLARED_BY[table];
  if (!declaring) return columns;
  // A view's columns are all nullable to the catalog: the contract is the declared table's.
  const declared = new Map((await duckColumns(duck, declaring)).map((c) => [c.name, c.nullable]));
  return columns.map((c) => ({ ...c, nullable: declared.get(c.name) ?? c.nullable }));
}

/** Column names and types of trade_flows as declared in clickhouse/001_trade_flows.sql. */
export function clickhouseTradeFlowsColumns(): { name: string; type: string }[] {
  const ddl = clickhouseDdl('trade_flows', 'x');
  const create = ddl.search(/^create table/im);
  const body = ddl.slice(ddl.indexOf('(', create) + 1, ddl.lastIndexOf(') engine'));
  return body
    .split('\n')
    .map((l) => l.trim().replace(/,$/, ''))
    .filter((l) => l && !l.startsWith('--'))
    .map((l) => {
      const [name, ...type] = l.split(/\s+/);
      return { name: name as string, type: type.join(' ') };
    });
}

/**
 * Runs `fn` over `items`, at most `limit` at a time. After a failure no new item starts; it waits
 * for the running ones to settle, then throws the first error (so cleanup never races a load).
 */
async function pool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        await fn(items[i] as T, i);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const bad = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (bad) throw bad.reason;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Copies tables from a DuckDB store to a ClickHouse store, replacing what the cluster held.
 *
 * @example
 *   const result = await pushToClickHouse(duck, ch, { onProgress });
 */
export async function pushToClickHouse(
  duck: Store,
  ch: ClickHouseStore,
  options: PushOptions = {},
): Promise<PushedTable[]> {
  if (duck.dialect.name !== 'duckdb') throw new Error('pushToClickHouse reads from a DuckDB store');
  if (ch.readOnly)
    throw new LanternError('read-only', 'The ClickHouse store was opened read-only; push writes.');
  const all = (
    await duck.query<{ name: string }>(
      sql`select table_name as name from duckdb_tables() where schema_name = 'main' and not temporary
          union select view_name from duckdb_views() where schema_name = 'main' and view_name in ('trade_flows', 'flow_totals')
          order by name`,
    )
  ).map((r) => r.name);
  const wanted = options.tables ?? all.filter((t) => !NOT_COPIED.has(t));
  const problems: Problem[] = [];
  for (const t of wanted)
    if (!all.includes(t))
      problems.push({ field: 'table', message: 'no such table in the DuckDB store', found: t });

  // Plan every table first: an unsupported column stops the push before anything is written.
  const plans: {
    table: string;
    sharded: boolean;
    columns: DuckColumn[];
    exprs: string[];
    ddl: (name: string) => string;
  }[] = [];
  for (const table of wanted.filter((t) => all.includes(t))) {
    const columns = await duckColumns(duck, table);
    const mapped = columns.map((c) => ({ c, m: mapColumn(c) }));
    for (const { c, m } of mapped) {
      if (!m) {
        problems.push({
          field: `${table}.${c.name}`,
          message: 'column type has no ClickHouse counterpart in the loader',
          found: c.type,
          hint: 'leave the table out with --tables, or add the type to mapColumn in src/store/clickhouse/push.ts',
        });
      }
    }
    const sharded = table === 'trade_flows';
    if (sharded) {
      const expected = clickhouseTradeFlowsColumns();
      const got = columns.map((c, i) => ({ name: c.name, type: mapped[i]?.m?.chType }));
      if (JSON.stringify(expected) !== JSON.stringify(got)) {
        problems.push({
          field: 'trade_flows',
          message: 'DuckDB trade_flows and the ClickHouse DDL differ',
          expected: expected.map((c) => `${c.name} ${c.type}`).join(', '),
          found: got.map((c) => `${c.name} ${c.type ?? '?'}`).join(', '),
          hint: 'update src/store/clickhouse/001_trade_flows.sql to the DuckDB columns',
        });
      }
    }
    plans.push({
      table,
      sharded,
      columns,
      exprs: mapped.map(({ m }) => m?.exportExpr ?? ''),
      ddl: sharded
        ? (name) => clickhouseDdl('trade_flows', name)
        : (name) =>
            `CREATE TABLE ${clickhouse.quoteIdent(name)} (${mapped
              .map(({ c, m }) => `${clickhouse.quoteIdent(c.name)} ${m?.chType}`)
              .join(', ')}) ENGINE = MergeTree ORDER BY tuple()`,
    });
  }
  if (problems.length)
    throw new LanternError('invalid-argument', 'Cannot push these tables to ClickHouse.', problems);

  // One writer at a time: an import running now would lose its run to the swap.
  return withWriteLock(ch, 'push', () => loadAndSwap(duck, ch, plans, options));
}

/**
 * The push proper, under the write lock: staging tables loaded, counted, swapped in.
 *
 * Kept whole: the steps of the push that run in order under the write lock: staging tables loaded,
 * counted, swapped in, cleaned up on failure.
 */
async function loadAndSwap(
  duck: Store,
  ch: ClickHouseStore,
  plans: { table: string; sharded: boolean; columns: DuckColumn[]; exprs: string[]; ddl: (name: string) => string }[],
  options: PushOptions,
): Promise<PushedTable[]> {
  const finalName = (p: { table: string; sharded: boolean }) => (p.sharded ? TRADE_FLOWS_LOCAL : p.table);
  const shards = ch.urls.length;
  const dir = mkdtempSync(join(tmpdir(), 'lantern-push-'));
  const batchBytes = options.batchBytes ?? 64 * 1024 * 1024;
  const results: PushedTable[] = [];
  try {
    // Fresh staging tables everywhere (a crashed earlier push may have left some).
    await pool(plans, 4, async (p) => {
      const staging = finalName(p) + STAGING;
      await ch.runEverywhere(`DROP TABLE IF EXISTS ${ch.qualified(staging)}`);
      await ch.runEverywhere(p.ddl(staging));
    });
    const totalRows: number[] = [];
    for (const p of plans) {
      totalRows.push(
        Number(
          (await duck.query<{ n: number }>(sql`select count(*) as n from ${ident(p.table)}`))[0]?.n ?? 0,
        ),
      );
    }
    const grand = totalRows.reduce((a, b) => a + b, 0);
    let done = 0;
    const loaded: PushedTable[] = [];
    // A few tables at a time: DuckDB's exports queue on its one connection while ClickHouse inserts.
    await pool(plans, 3, async (p, k) => {
      const expected = totalRows[k] as number;
      const select = `select ${p.exprs.join(', ')} from ${duckdb.quoteIdent(p.table)}`;
      const parts = p.sharded
        ? Array.from({ length: shards }, (_, i) => ({
            query: `${select} where hash(${duckdb.quoteIdent('reporter')}) % ${shards} = ${i}`,
            targets: [ch.urls[i] as string],
          }))
        : [{ query: select, targets: ch.urls }];
      let batches = 0;
      for (const [i, part] of (expected > 0 ? parts : []).entries()) {
        const out = join(dir, `${k}_${i}`);
        await duck.run(
          `copy (${part.query}) to ${literal(out)} (format csv, header false, nullstr '\\N', file_size_bytes ${batchBytes})`,
        );
        for (const f of readdirSync(out).sort()) {
          const body = readFileSync(join(out, f));
          await Promise.all(part.targets.map((url) => ch.insert(url, finalName(p) + STAGING, body)));
          batches++;
        }
        rmSync(out, { recursive: true, force: true });
      }
      // Check what landed before anything is swapped in.
      const counts = await Promise.all(
        ch.urls.map(async (url) => {
          const r = await ch.queryOn<{ n: number }>(
            url,
            sql`select count() as n from ${raw(ch.qualified(finalName(p) + STAGING))}`,
          );
          return Number(r[0]?.n ?? 0);
        }),
      );
      const landed = p.sharded ? counts.reduce((a, b) => a + b, 0) : Math.min(...counts);
      if (landed !== expected || (!p.sharded && Math.max(...counts) !== expected)) {
        throw new LanternError(
          'store-error',
          `ClickHouse received ${counts.join(' + ')} rows of ${p.table}, DuckDB has ${expected}.`,
          [
            {
              field: p.table,
              message: 'row counts differ after loading',
              expected: String(expected),
              found: counts.join(', '),
            },
          ],
        );
      }
      loaded[k] = {
        table: p.table,
        placement: p.sharded ? 'sharded' : 'replicated',
        rows: expected,
        rows_per_server: counts,
        batches,
      };
      done += expected;
      options.onProgress?.({ done, total: grand, unit: 'rows', label: p.table });
    });
    results.push(...loaded);
    await ch.replaceTables(plans.map(finalName));
    // The tables over the local one read it by name, so they survive the swap; create them when
    // this is the first push.
    if (plans.some((p) => p.sharded)) await ch.ensureTradeFlows();
    await recordPush(ch, results, (options.now ?? (() => new Date()))());
    return results;
  } catch (e) {
    for (const p of plans) {
      await ch
        .runEverywhere(`DROP TABLE IF EXISTS ${ch.qualified(finalName(p) + STAGING)}`)
        .catch(() => undefined);
    }
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Appends one row per pushed table to `lantern_pushes` on the first server (for `cluster status`). */
async function recordPush(ch: ClickHouseStore, results: PushedTable[], at: Date): Promise<void> {
  await ch.run(
    `CREATE TABLE IF NOT EXISTS ${ch.qualified('lantern_pushes')} (pushed_at DateTime, table_name String, placement String, rows UInt64) ENGINE = MergeTree ORDER BY pushed_at`,
  );
  const stamp = at.toISOString().slice(0, 19).replace('T', ' ');
  const body = results
    .map((r) => `${stamp}\t${r.table.replace(/[\t\n\\]/g, ' ')}\t${r.placement}\t${r.rows}\n`)
    .join('');
  await ch.insert(ch.initiator, 'lantern_pushes', body, 'TabSeparated');
}
