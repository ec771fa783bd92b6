/**
 * Appends import runs to a ClickHouse store (`lantern import … --store clickhouse://…`).
 *
 * The file is read, checked and normalised by the one import pipeline, into a scratch DuckDB store
 * (ingest/cluster-import.ts), which also computes the run's summaries (store/flow-totals.ts); this
 * module moves each new run from there to the cluster, holding the cluster's write lock
 * (`withWriteLock`) so two imports never take the same run id or interleave:
 *
 * 1. rows nobody reads are deleted (see below);
 * 2. the run gets the next id of the cluster (`max(import_runs.id) + 1`);
 * 3. its rows go in batches (DuckDB's CSV writer, `FILE_SIZE_BYTES`) straight into each shard's
 *    `trade_flows_local`, placed by `hash(reporter) % shards` as `push` places them, and are counted;
 * 4. its summaries (flow_totals, flow_country_totals, flow_pair_totals, flow_summary_runs) go to
 *    every server, whole copies as `push` keeps them;
 * 5. with `--replace`, the key and value of each row of the runs it replaces (earlier runs of the
 *    same file name and format) are copied into `replaced_flows` on every server, for `lantern diff`;
 * 6. the commit: the run's `import_runs` row inserted on every server, or, when it replaces runs,
 *    `import_runs` rebuilt with the new row and the old runs' `replaced_by`, swapped in by one
 *    RENAME per server;
 * 7. after a replace, the old runs' rows and summaries are deleted from the local tables.
 *
 * ClickHouse cannot roll back, so a run is invisible until committed instead: the view
 * `trade_flows` reads only rows whose run is in `import_runs` and not replaced (the run-id filter,
 * installed by `ensureCommittedView`), and read models take their runs (hence the summaries they
 * read) from `import_runs`. A failure before the commit deletes what the import wrote (`ALTER TABLE …
 * DELETE` on every server: mutations apply to the parts that exist when they are submitted, never
 * to rows inserted later); a process killed before the commit leaves rows nobody reads, deleted by
 * the next import, as are the rows of a replaced run if the process died before step 7. Honest
 * limits: the commit is one insert (or RENAME) per server, so for milliseconds one server may show
 * the run and another not; a lock a killed import left is released by `lantern cluster unlock`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LanternError } from '../../errors.ts';
import { type ClickHouseStore, RETIRED, STAGING, TRADE_FLOWS_ALL, TRADE_FLOWS_LOCAL } from '../clickhouse.ts';
import type { Store } from '../db.ts';
import { clickhouse, duckdb } from '../dialect.ts';
import { CLUSTER_SUMMARY_TABLES } from '../flow-totals.ts';
import { raw, sql } from '../sql.ts';
import { duckColumns, mapColumn } from './push.ts';
import { withWriteLock } from './lock.ts';

export interface AppendedRun {
  /** The run's id in the scratch store, and the id it has on the cluster. */
  localId: number;
  runId: number;
  rows: number;
  rows_per_server: number[];
  batches: number;
  /** Runs of the cluster this one replaced (`replace`). */
  replaced: number[];
}

export interface AppendOptions {
  /** Bytes per exported file, hence per INSERT (default 64 MB). */
  batchBytes?: number;
  /** Called after each batch lands (tests stop an import half-way here). */
  onBatch?: (batch: number) => void | Promise<void>;
  /** Called just before the commit (tests stop an import there). */
  beforeCommit?: () => void | Promise<void>;
}

/** What to replace: the cluster's earlier runs of this file name and format (as `import --replace` on DuckDB). */
export interface ReplaceOf {
  fileName: string;
  format: string;
}


function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function idList(ids: readonly number[]): string {
  return `(${ids.map((id) => String(Math.trunc(id))).join(', ')})`;
}

/** The cluster's tables every command needs (trade_flows, import_runs, countries): pushed once from a DuckDB store. */
export async function requireFilled(ch: ClickHouseStore): Promise<void> {
  const names = new Set((await ch.tables()).map((t) => t.name));
  const missing = ['trade_flows', 'import_runs', 'countries'].filter((t) => !names.has(t));
  if (missing.length) {
    throw new LanternError('store-error', `The ClickHouse store lacks ${missing.join(', ')}: it has not been filled yet.`, [
      {
        field: 'store',
        message: 'no reference tables on the cluster',
        found: missing.join(', '),
        hint: 'copy a DuckDB store to it once with `lantern cluster push` (the reference data comes along)',
      },
    ]);
  }
}

/** The runs whose rows `trade_flows` reads on a cluster: committed and not replaced. */
const LIVE_RUNS = 'SELECT id FROM {{import_runs}} WHERE replaced_by IS NULL';

/**
 * Makes `trade_flows` read live runs only (`run_id in (select id from import_runs where replaced_by
 * is null)`), on every server where it does not yet. Idempotent.
 */
export async function ensureCommittedView(ch: ClickHouseStore): Promise<void> {
  const view = ch.qualified('trade_flows');
  const live = LIVE_RUNS.replace('{{import_runs}}', ch.qualified('import_runs'));
  const filtered = `CREATE VIEW ${view} AS SELECT * FROM ${ch.qualified(TRADE_FLOWS_ALL)} WHERE run_id IN (${live})`;
  await Promise.all(
    ch.urls.map(async (url) => {
      const [row] = await ch.queryOn<{ q: string }>(
        url,
        sql`select create_table_query as q from system.tables where database = ${ch.database} and name = 'trade_flows'`,
        { database: null },
      );
      if (row?.q.includes('replaced_by')) return;
      if (row) await ch.runOn(url, `DROP TABLE ${view}`);
      await ch.runOn(url, filtered);
    }),
  );
}

/** Deletes rows matching `where` from a table on one server, when there are any (a mutation). */
async function deleteWhere(ch: ClickHouseStore, url: string, table: string, where: string): Promise<void> {
  const [n] = await ch.queryOn<{ n: number }>(url, sql`select count() as n from ${raw(ch.qualified(table))} where ${raw(where)}`);
  // A mutation runs in the background unless asked to wait (mutations_sync came after 18.16): the
  // run-id filter hides the rows meanwhile.
  if (Number(n?.n ?? 0) > 0) await ch.runOn(url, `ALTER TABLE ${ch.qualified(table)} DELETE WHERE ${where}`);
}

/**
 * Deletes, on every server, what no reader reads: rows and summaries of runs that are not live
 * (uncommitted, or replaced), and kept rows (`replaced_flows`) of runs that were not replaced. With
 * `runIds`, rows and summaries of those runs only (a failed import's).
 */
export async function deleteUncommitted(ch: ClickHouseStore, runIds?: readonly number[]): Promise<void> {
  const live = LIVE_RUNS.replace('{{import_runs}}', ch.qualified('import_runs'));
  const which = runIds ? `run_id IN ${idList(runIds)}` : `run_id NOT IN (${live})`;
  await Promise.all(
    ch.urls.map(async (url) => {
      const names = new Set((await ch.tables(url)).map((t) => t.name));
      await deleteWhere(ch, url, TRADE_FLOWS_LOCAL, which);
      for (const t of CLUSTER_SUMMARY_TABLES) if (names.has(t)) await deleteWhere(ch, url, t, which);
      if (!runIds && names.has('replaced_flows'))
        await deleteWhere(ch, url, 'replaced_flows', `run_id NOT IN (SELECT id FROM ${ch.qualified('import_runs')} WHERE replaced_by IS NOT NULL)`);
    }),
  );
}

/** One run of the scratch store to move, and what it replaces or may already be on the cluster. */
export interface RunToAppend {
  localId: number;
  /** Replace the cluster's earlier runs of this file name and format (`import --replace`). */
  replace?: ReplaceOf;
  /** Skip the run when the cluster already holds these bytes in this format (and it is not replacing). */
  unlessHeld?: { sha256: string; format: string };
}

/**
 * Moves runs of a DuckDB store (rows, summaries and `import_runs` row) to a ClickHouse store, one at
 * a time under the cluster's write lock, each all or nothing as seen through `trade_flows`. A run
 * the cluster already holds comes back as `{ heldAs }` and is not moved.
 */
export async function appendRuns(
  duck: Store,
  ch: ClickHouseStore,
  runs: readonly (number | RunToAppend)[],
  options: AppendOptions = {},
): Promise<(AppendedRun | { heldAs: number })[]> {
  if (duck.dialect.name !== 'duckdb') throw new Error('appendRuns reads from a DuckDB store');
  if (ch.readOnly) throw new LanternError('read-only', 'The ClickHouse store was opened read-only; import writes.');
  return withWriteLock(ch, 'import', async () => {
    await requireFilled(ch);
    await ensureCommittedView(ch);
    await deleteUncommitted(ch);
    const out: (AppendedRun | { heldAs: number })[] = [];
    for (const r of runs) {
      const run = typeof r === 'number' ? { localId: r } : r;
      if (run.unlessHeld && !run.replace) {
        const [held] = await ch.query<{ id: number }>(
          sql`select id from import_runs where sha256 = ${run.unlessHeld.sha256} and format = ${run.unlessHeld.format} and replaced_by is null order by id limit 1`,
        );
        if (held) {
          out.push({ heldAs: Number(held.id) });
          continue;
        }
      }
      out.push(await appendRun(duck, ch, run.localId, run.replace, options));
    }
    return out;
  });
}

/** Columns of a table on the cluster (the initiator's copy), in order. */
async function clusterColumns(ch: ClickHouseStore, table: string): Promise<string[]> {
  const rows = await ch.queryOn<{ name: string }>(
    ch.initiator,
    sql`select name from system.columns where database = ${ch.database} and table = ${table}`,
    { database: null },
  );
  return rows.map((r) => r.name);
}

/**
 * Copies the rows `where` picks of a DuckDB table to a table of the same name on `urls`, in CSV
 * files of at most `batchBytes`, with `run_id` set to the cluster's run id. Creates the table on a
 * server that lacks it (a cluster pushed before the table existed).
 */
async function copyTable(
  duck: Store,
  ch: ClickHouseStore,
  from: { table: string; where: string; runColumn: string; runId: number },
  to: { table: string; urls: readonly string[] },
  dir: string,
  options: { batchBytes?: number; afterBatch?: () => void | Promise<void> } = {},
): Promise<void> {
  const columns = await duckColumns(duck, from.table);
  const exprs = columns.map((c) => (c.name === from.runColumn ? `${from.runId} as ${duckdb.quoteIdent(c.name)}` : (mapColumn(c)?.exportExpr ?? duckdb.quoteIdent(c.name))));
  const names = columns.map((c) => clickhouse.quoteIdent(c.name)).join(', ');
  if (to.table !== TRADE_FLOWS_LOCAL) {
    const ddl = `CREATE TABLE IF NOT EXISTS ${ch.qualified(to.table)} (${columns
      .map((c) => `${clickhouse.quoteIdent(c.name)} ${mapColumn(c)?.chType}`)
      .join(', ')}) ENGINE = MergeTree ORDER BY tuple()`;
    await Promise.all(to.urls.map((url) => ch.runOn(url, ddl)));
  }
  const out = join(dir, `${from.table}_${to.urls.length === 1 ? ch.urls.indexOf(to.urls[0] as string) : 'all'}`);
  await duck.run(
    `copy (select ${exprs.join(', ')} from ${duckdb.quoteIdent(from.table)} where ${from.where})
     to ${literal(out)} (format csv, header false, nullstr '\\N', file_size_bytes ${options.batchBytes ?? 64 * 1024 * 1024})`,
  );
  for (const f of readdirSync(out).sort()) {
    const body = readFileSync(join(out, f));
    await Promise.all(to.urls.map((url) => ch.request(url, `INSERT INTO ${ch.qualified(to.table)} (${names}) FORMAT CSV`, { body })));
    await options.afterBatch?.();
  }
}

/** Rows of `table` per server with `run_id` in `ids`. */
async function countPerServer(ch: ClickHouseStore, table: string, ids: readonly number[]): Promise<number[]> {
  return Promise.all(
    ch.urls.map(async (url) => {
      const [r] = await ch.queryOn<{ n: number }>(url, sql`select count() as n from ${raw(ch.qualified(table))} where run_id in ${raw(idList(ids))}`);
      return Number(r?.n ?? 0);
    }),
  );
}

/**
 * Kept whole: the steps of one run's write in order (load, count against the import, summaries,
 * clean up on failure) share the run's ids and counts.
 */
async function appendRun(
  duck: Store,
  ch: ClickHouseStore,
  localId: number,
  replaceOf: ReplaceOf | undefined,
  options: AppendOptions,
): Promise<AppendedRun> {
  const [last] = await ch.query<{ id: number | null }>(sql`select max(id) as id from import_runs`);
  const runId = Number(last?.id ?? 0) + 1;
  const old = replaceOf
    ? (
        await ch.query<{ id: number }>(
          sql`select id from import_runs where file_name = ${replaceOf.fileName} and format = ${replaceOf.format} and replaced_by is null order by id`,
        )
      ).map((r) => Number(r.id))
    : [];
  const local = `run_id = ${Math.trunc(localId)}`;
  const [{ n: expected } = { n: 0 }] = await duck.query<{ n: number }>(sql`select count(*) as n from trade_flows where run_id = ${localId}`);
  const dir = mkdtempSync(join(tmpdir(), 'lantern-append-'));
  let batches = 0;
  let committing = false;
  let committed = false;
  try {
    // The rows, each shard its part.
    const shards = ch.urls.length;
    for (let shard = 0; shard < shards; shard++) {
      await copyTable(
        duck,
        ch,
        { table: 'trade_flows', where: `${local} and hash(reporter) % ${shards} = ${shard}`, runColumn: 'run_id', runId },
        { table: TRADE_FLOWS_LOCAL, urls: [ch.urls[shard] as string] },
        dir,
        {
          batchBytes: options.batchBytes,
          afterBatch: async () => {
            batches++;
            await options.onBatch?.(batches);
          },
        },
      );
    }
    const counts = await countPerServer(ch, TRADE_FLOWS_LOCAL, [runId]);
    if (counts.reduce((a, b) => a + b, 0) !== Number(expected)) {
      throw new LanternError('store-error', `ClickHouse received ${counts.join(' + ')} rows of run ${runId}, the import read ${expected}.`, [
        { field: 'trade_flows', message: 'row counts differ after loading', expected: String(expected), found: counts.join(', ') },
      ]);
    }
    // Its summaries, a whole copy on every server (read only once the run is committed).
    const [summarised] = await duck.query<{ n: number }>(sql`select count(*) as n from flow_summary_runs where run_id = ${localId}`);
    if (Number(summarised?.n ?? 0) > 0) {
      for (const t of CLUSTER_SUMMARY_TABLES) {
        await copyTable(duck, ch, { table: t, where: local, runColumn: 'run_id', runId }, { table: t, urls: ch.urls }, dir, { batchBytes: options.batchBytes });
      }
    }
    if (old.length) await keepReplaced(ch, old);
    await options.beforeCommit?.();
    // The commit: the run's row on every server (each keeps a whole copy of import_runs).
    const runFile = join(dir, 'run.csv');
    const runColumns = await duckColumns(duck, 'import_runs');
    const runExprs = runColumns.map((c) => (c.name === 'id' ? `${runId} as id` : (mapColumn(c)?.exportExpr ?? duckdb.quoteIdent(c.name))));
    await duck.run(`copy (select ${runExprs.join(', ')} from import_runs where id = ${Math.trunc(localId)}) to ${literal(runFile)} (format csv, header false, nullstr '\\N')`);
    const runNames = runColumns.map((c) => clickhouse.quoteIdent(c.name)).join(', ');
    const runRow: BodyInit = readFileSync(runFile);
    committing = true;
    if (old.length) await commitReplacing(ch, runNames, runRow, runId, old);
    else
      await Promise.all(
        ch.urls.map((url) => ch.request(url, `INSERT INTO ${ch.qualified('import_runs')} (${runNames}) FORMAT CSV`, { body: runRow })),
      );
    committed = true;
  } catch (e) {
    // A commit that reached some servers only is taken back too.
    if (committing)
      await Promise.all(
        ch.urls.map(async (url) => {
          await ch.runOn(url, `ALTER TABLE ${ch.qualified('import_runs')} DELETE WHERE id = ${runId}`);
          if (old.length) await ch.runOn(url, `ALTER TABLE ${ch.qualified('import_runs')} UPDATE replaced_by = NULL WHERE replaced_by = ${runId}`);
        }),
      ).catch(() => undefined);
    await deleteUncommitted(ch, [runId]).catch(() => undefined);
    if (old.length)
      await Promise.all(ch.urls.map((url) => deleteWhere(ch, url, 'replaced_flows', `run_id IN ${idList(old)}`))).catch(() => undefined);
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Replaced: the old runs' rows and summaries leave the local tables (hidden already; a failure
  // here is cleaned up by the next import).
  if (committed && old.length) await deleteUncommitted(ch, old).catch(() => undefined);
  return { localId, runId, rows: Number(expected), rows_per_server: await countPerServer(ch, TRADE_FLOWS_LOCAL, [runId]), batches, replaced: old };
}

/**
 * Before a replacing commit: each row's key and value of the runs being replaced, copied into
 * `replaced_flows` on every server (as keep-replaced.ts does in DuckDB's transaction), and counted.
 */
async function keepReplaced(ch: ClickHouseStore, old: readonly number[]): Promise<void> {
  const cols = 'run_id, year, month, type_code, reporter, partner, flow, classification, product, value_usd';
  await Promise.all(
    ch.urls.map(async (url) => {
      await ch.runOn(
        url,
        `CREATE TABLE IF NOT EXISTS ${ch.qualified('replaced_flows')} (run_id Int32, year Int16, month Nullable(Int8), type_code String, reporter String, partner String, flow String, classification String, product String, value_usd Float64) ENGINE = MergeTree ORDER BY tuple()`,
      );
      // Leftovers of a replace that never committed (deleted before this insert: a mutation never touches later parts).
      await deleteWhere(ch, url, 'replaced_flows', `run_id IN ${idList(old)}`);
      await ch.runOn(url, `INSERT INTO ${ch.qualified('replaced_flows')} (${cols}) SELECT ${cols} FROM ${ch.qualified(TRADE_FLOWS_ALL)} WHERE run_id IN ${idList(old)}`);
    }),
  );
  const [live] = await ch.query<{ n: number }>(sql`select count() as n from ${raw(ch.qualified(TRADE_FLOWS_ALL))} where run_id in ${raw(idList(old))}`);
  const kept = await countPerServer(ch, 'replaced_flows', old);
  if (kept.some((n) => n !== Number(live?.n ?? 0))) {
    throw new LanternError('store-error', `ClickHouse kept ${kept.join(', ')} rows of the replaced run(s) ${old.join(', ')}, which hold ${live?.n}.`, [
      { field: 'replaced_flows', message: 'row counts differ after copying', expected: String(live?.n), found: kept.join(', ') },
    ]);
  }
}

/**
 * The commit of a replacing run: on every server, `import_runs` is rebuilt as a staging table with
 * the old runs' `replaced_by` set and the new run's row added, counted, and swapped in by one RENAME
 * (`replaceTables`), so the new run appears and the old ones leave `trade_flows` at once.
 */
async function commitReplacing(ch: ClickHouseStore, runNames: string, runRow: BodyInit, runId: number, old: readonly number[]): Promise<void> {
  const table = ch.qualified('import_runs');
  const staging = ch.qualified(`import_runs${STAGING}`);
  const columns = await clusterColumns(ch, 'import_runs');
  const select = columns
    .map((c) => (c === 'replaced_by' ? `if(id IN ${idList(old)}, ${runId}, replaced_by) AS replaced_by` : clickhouse.quoteIdent(c)))
    .join(', ');
  await Promise.all(
    ch.urls.map(async (url) => {
      await ch.runOn(url, `DROP TABLE IF EXISTS ${staging}`);
      await ch.runOn(url, `DROP TABLE IF EXISTS ${ch.qualified(`import_runs${RETIRED}`)}`);
      await ch.runOn(url, `CREATE TABLE ${staging} AS ${table}`);
      await ch.runOn(url, `INSERT INTO ${staging} (${columns.map((c) => clickhouse.quoteIdent(c)).join(', ')}) SELECT ${select} FROM ${table}`);
      await ch.request(url, `INSERT INTO ${staging} (${runNames}) FORMAT CSV`, { body: runRow });
      const [before] = await ch.queryOn<{ n: number }>(url, sql`select count() as n from ${raw(table)}`);
      const [after] = await ch.queryOn<{ n: number; r: number }>(
        url,
        sql`select count() as n, countIf(replaced_by = ${runId}) as r from ${raw(staging)}`,
      );
      if (Number(after?.n) !== Number(before?.n) + 1 || Number(after?.r) !== old.length) {
        throw new LanternError('store-error', `ClickHouse (${url}) could not rebuild import_runs for run ${runId}.`, [
          { field: 'import_runs', message: 'rows after the rebuild', expected: `${Number(before?.n) + 1} rows, ${old.length} replaced`, found: `${after?.n} rows, ${after?.r} replaced` },
        ]);
      }
    }),
  );
  await ch.replaceTables(['import_runs']);
}
