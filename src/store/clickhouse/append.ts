/**
 * Appends import runs to a ClickHouse store (`lantern import … --store clickhouse://…`).
 *
 * The file is read, checked and normalised by the one import pipeline, into a scratch DuckDB store
 * (ingest/cluster-import.ts); this module moves each new run from there to the cluster:
 *
 * 1. uncommitted rows a killed or failed earlier import left are deleted (see below);
 * 2. the run gets the next id of the cluster (`max(import_runs.id) + 1`);
 * 3. its rows go in batches (DuckDB's CSV writer, `FILE_SIZE_BYTES`) straight into each shard's
 *    `trade_flows_local`, placed by `hash(reporter) % shards` as `push` places them;
 * 4. the rows that landed are counted on every shard;
 * 5. the run's `import_runs` row is inserted on every server: the commit.
 *
 * ClickHouse cannot roll back, so a run is invisible until committed instead: the view
 * `trade_flows` reads only rows whose `run_id` is in `import_runs` (the run-id filter, installed by
 * `ensureCommittedView`). A failure before the commit deletes the run's rows (`ALTER TABLE … DELETE
 * WHERE run_id = …` on every shard); a process killed before the commit leaves rows nobody reads,
 * deleted by the next import. Honest limits: two imports into one cluster at the same time could
 * take the same id; the commit is one insert per server, so for milliseconds one server may show the
 * run and another not. A cluster store keeps no summaries: its indicators read the rows.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LanternError } from '../../errors.ts';
import { type ClickHouseStore, TRADE_FLOWS_ALL, TRADE_FLOWS_LOCAL } from '../clickhouse.ts';
import type { Store } from '../db.ts';
import { clickhouse, duckdb } from '../dialect.ts';
import { raw, sql } from '../sql.ts';
import { duckColumns, mapColumn } from './push.ts';

export interface AppendedRun {
  /** The run's id in the scratch store, and the id it has on the cluster. */
  localId: number;
  runId: number;
  rows: number;
  rows_per_server: number[];
  batches: number;
}

export interface AppendOptions {
  /** Bytes per exported file, hence per INSERT (default 64 MB). */
  batchBytes?: number;
  /** Called after each batch lands (tests stop an import half-way here). */
  onBatch?: (batch: number) => void | Promise<void>;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
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

/**
 * Makes `trade_flows` read committed runs only (`run_id in (select id from import_runs)`), on every
 * server where it does not yet. Idempotent.
 */
export async function ensureCommittedView(ch: ClickHouseStore): Promise<void> {
  const view = ch.qualified('trade_flows');
  const filtered = `CREATE VIEW ${view} AS SELECT * FROM ${ch.qualified(TRADE_FLOWS_ALL)} WHERE run_id IN (SELECT id FROM ${ch.qualified('import_runs')})`;
  await Promise.all(
    ch.urls.map(async (url) => {
      const [row] = await ch.queryOn<{ q: string }>(
        url,
        sql`select create_table_query as q from system.tables where database = ${ch.database} and name = 'trade_flows'`,
        { database: null },
      );
      if (row?.q.includes('import_runs')) return;
      if (row) await ch.runOn(url, `DROP TABLE ${view}`);
      await ch.runOn(url, filtered);
    }),
  );
}

/** Deletes, on every shard, rows of runs the cluster has not committed. */
export async function deleteUncommitted(ch: ClickHouseStore, runIds?: readonly number[]): Promise<void> {
  const local = ch.qualified(TRADE_FLOWS_LOCAL);
  const which = runIds
    ? `run_id IN (${runIds.map((id) => String(Math.trunc(id))).join(', ')})`
    : `run_id NOT IN (SELECT id FROM ${ch.qualified('import_runs')})`;
  await Promise.all(
    ch.urls.map(async (url) => {
      const [n] = await ch.queryOn<{ n: number }>(url, sql`select count() as n from ${raw(local)} where ${raw(which)}`);
      // A mutation runs in the background unless asked to wait (mutations_sync came after 18.16):
      // the run-id filter hides the rows meanwhile.
      if (Number(n?.n ?? 0) > 0) await ch.runOn(url, `ALTER TABLE ${local} DELETE WHERE ${which}`);
    }),
  );
}

/**
 * Moves runs of a DuckDB store (rows and `import_runs` row) to a ClickHouse store, one at a time,
 * each all or nothing as seen through `trade_flows`.
 */
export async function appendRuns(
  duck: Store,
  ch: ClickHouseStore,
  localIds: readonly number[],
  options: AppendOptions = {},
): Promise<AppendedRun[]> {
  if (duck.dialect.name !== 'duckdb') throw new Error('appendRuns reads from a DuckDB store');
  if (ch.readOnly) throw new LanternError('read-only', 'The ClickHouse store was opened read-only; import writes.');
  await requireFilled(ch);
  await ensureCommittedView(ch);
  await deleteUncommitted(ch);
  const out: AppendedRun[] = [];
  for (const id of localIds) out.push(await appendRun(duck, ch, id, options));
  return out;
}

async function appendRun(duck: Store, ch: ClickHouseStore, localId: number, options: AppendOptions): Promise<AppendedRun> {
  const [last] = await ch.query<{ id: number | null }>(sql`select max(id) as id from import_runs`);
  const runId = Number(last?.id ?? 0) + 1;
  const shards = ch.urls.length;
  const columns = await duckColumns(duck, 'trade_flows');
  const exprs = columns.map((c) => (c.name === 'run_id' ? `${runId} as run_id` : (mapColumn(c)?.exportExpr ?? duckdb.quoteIdent(c.name))));
  const names = columns.map((c) => clickhouse.quoteIdent(c.name)).join(', ');
  const [{ n: expected } = { n: 0 }] = await duck.query<{ n: number }>(sql`select count(*) as n from trade_flows where run_id = ${localId}`);
  const dir = mkdtempSync(join(tmpdir(), 'lantern-append-'));
  let batches = 0;
  try {
    for (let shard = 0; shard < shards; shard++) {
      const out = join(dir, String(shard));
      await duck.run(
        `copy (select ${exprs.join(', ')} from trade_flows where run_id = ${Math.trunc(localId)} and hash(reporter) % ${shards} = ${shard})
         to ${literal(out)} (format csv, header false, nullstr '\\N', file_size_bytes ${options.batchBytes ?? 64 * 1024 * 1024})`,
      );
      for (const f of readdirSync(out).sort()) {
        await ch.request(ch.urls[shard] as string, `INSERT INTO ${ch.qualified(TRADE_FLOWS_LOCAL)} (${names}) FORMAT CSV`, {
          body: readFileSync(join(out, f)),
        });
        batches++;
        await options.onBatch?.(batches);
      }
    }
    const counts = await Promise.all(
      ch.urls.map(async (url) => {
        const [r] = await ch.queryOn<{ n: number }>(url, sql`select count() as n from ${raw(ch.qualified(TRADE_FLOWS_LOCAL))} where run_id = ${runId}`);
        return Number(r?.n ?? 0);
      }),
    );
    if (counts.reduce((a, b) => a + b, 0) !== Number(expected)) {
      throw new LanternError('store-error', `ClickHouse received ${counts.join(' + ')} rows of run ${runId}, the import read ${expected}.`, [
        { field: 'trade_flows', message: 'row counts differ after loading', expected: String(expected), found: counts.join(', ') },
      ]);
    }
    // The commit: the run's row on every server (each keeps a whole copy of import_runs).
    const runColumns = await duckColumns(duck, 'import_runs');
    const runExprs = runColumns.map((c) => (c.name === 'id' ? `${runId} as id` : (mapColumn(c)?.exportExpr ?? duckdb.quoteIdent(c.name))));
    const runFile = join(dir, 'run.csv');
    await duck.run(`copy (select ${runExprs.join(', ')} from import_runs where id = ${Math.trunc(localId)}) to ${literal(runFile)} (format csv, header false, nullstr '\\N')`);
    const runNames = runColumns.map((c) => clickhouse.quoteIdent(c.name)).join(', ');
    await Promise.all(
      ch.urls.map((url) =>
        ch.request(url, `INSERT INTO ${ch.qualified('import_runs')} (${runNames}) FORMAT CSV`, { body: readFileSync(runFile) }),
      ),
    );
    return { localId, runId, rows: Number(expected), rows_per_server: counts, batches };
  } catch (e) {
    // A commit that reached some servers only is taken back too.
    await Promise.all(
      ch.urls.map((url) => ch.runOn(url, `ALTER TABLE ${ch.qualified('import_runs')} DELETE WHERE id = ${runId}`)),
    ).catch(() => undefined);
    await deleteUncommitted(ch, [runId]).catch(() => undefined);
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
