/**
 * Importing into a ClickHouse store. The file goes through the one import pipeline (detect, read,
 * check, normalise) into a scratch DuckDB store in memory, exactly as into a DuckDB file; then
 * `appendRuns` (store/clickhouse/append.ts) moves each new run to the cluster in batches, invisible
 * until committed and deleted if anything fails. A file whose bytes the cluster already holds (same
 * sha256 and format, not replaced) is not imported again. `--replace` is refused: replacing a run
 * on a cluster (deleting its rows and keeping them for `lantern diff`) is not written yet.
 */
import { LanternError } from '../errors.ts';
import { appendRuns, type ClickHouseStore, openStore, sql } from '../store/index.ts';
import type { ImportOptions, ImportSummary } from './import.ts';

/** What `importFiles` does on a ClickHouse store (it calls this). */
export async function importIntoCluster(
  ch: ClickHouseStore,
  paths: readonly string[],
  options: ImportOptions,
  importFiles: (store: Awaited<ReturnType<typeof openStore>>, paths: readonly string[], options: ImportOptions) => Promise<ImportSummary[]>,
): Promise<ImportSummary[]> {
  if (options.replace) {
    throw new LanternError('unsupported', 'Replacing a run is not possible on a ClickHouse store yet.', [
      {
        field: '--replace',
        message: 'the cluster store appends runs only',
        hint: 'import with --replace into the DuckDB store, then copy it with `lantern cluster push`',
      },
    ]);
  }
  const scratch = await openStore();
  try {
    const out: ImportSummary[] = [];
    for (const path of paths) {
      const [s] = await importFiles(scratch, [path], options);
      if (!s) continue;
      const [held] = await ch.query<{ id: number }>(
        sql`select id from import_runs where sha256 = ${s.sha256} and format = ${s.format} and replaced_by is null order by id limit 1`,
      );
      if (held) {
        out.push({ ...s, status: 'unchanged', runId: Number(held.id), message: `already imported as run ${held.id}; nothing changed` });
        continue;
      }
      const [run] = await appendRuns(scratch, ch, [s.runId], options.cluster);
      const n = run?.rows ?? 0;
      out.push({
        ...s,
        runId: run?.runId ?? s.runId,
        message: `imported ${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'} into the ClickHouse store as run ${run?.runId} (${run?.rows_per_server.join(' + ')} on ${run?.rows_per_server.length} shards)`,
      });
    }
    return out;
  } finally {
    await scratch.close();
  }
}
