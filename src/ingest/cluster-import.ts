/**
 * Importing into a ClickHouse store. The file goes through the one import pipeline (detect, read,
 * check, normalise, summaries) into a scratch DuckDB store in memory, exactly as into a DuckDB file;
 * then `appendRuns` (store/clickhouse/append.ts) moves each new run to the cluster in batches under
 * the cluster's write lock, invisible until committed and deleted if anything fails. A file whose
 * bytes the cluster already holds (same sha256 and format, not replaced) is not imported again.
 * `--replace` replaces the cluster's earlier runs of the same file name and format, keeping their
 * rows' keys and values for `lantern diff`, as on DuckDB.
 */
import { appendRuns, type ClickHouseStore, openStore } from '../store/index.ts';
import type { ImportOptions, ImportSummary } from './import.ts';

/** What `importFiles` does on a ClickHouse store (it calls this). */
export async function importIntoCluster(
  ch: ClickHouseStore,
  paths: readonly string[],
  options: ImportOptions,
  importFiles: (store: Awaited<ReturnType<typeof openStore>>, paths: readonly string[], options: ImportOptions) => Promise<ImportSummary[]>,
): Promise<ImportSummary[]> {
  const scratch = await openStore();
  try {
    const out: ImportSummary[] = [];
    for (const path of paths) {
      const [s] = await importFiles(scratch, [path], options);
      if (!s) continue;
      const [run] = await appendRuns(
        scratch,
        ch,
        [
          {
            localId: s.runId,
            replace: options.replace ? { fileName: s.file, format: s.format } : undefined,
            unlessHeld: { sha256: s.sha256, format: s.format },
          },
        ],
        options.cluster,
      );
      if (!run) continue;
      if ('heldAs' in run) {
        out.push({ ...s, status: 'unchanged', runId: run.heldAs, message: `already imported as run ${run.heldAs}; nothing changed (pass --replace to import it again)` });
        continue;
      }
      const n = run.rows;
      const replaced = run.replaced.length ? `replaced run${run.replaced.length > 1 ? 's' : ''} ${run.replaced.join(', ')}: ` : '';
      out.push({
        ...s,
        status: run.replaced.length ? 'replaced' : 'imported',
        replacedRuns: run.replaced,
        runId: run.runId,
        message: `${replaced}imported ${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'} into the ClickHouse store as run ${run.runId} (${run.rows_per_server.join(' + ')} on ${run.rows_per_server.length} shards)`,
      });
    }
    return out;
  } finally {
    await scratch.close();
  }
}
