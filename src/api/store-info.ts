/**
 * Read-only facts about the store for the status page and the Data page: tables, trade coverage,
 * import runs. Catalog queries only (no trade indicator lives here; those are in queries/).
 */
import { sql, type Store } from '../store/index.ts';
import { type ImportRunInfo, listImportRuns } from '../ingest/index.ts';

export { listTables } from '../store/index.ts';

/** Sources or notes that mark a run as the synthetic demo world. */
export function isSyntheticRun(run: { source?: unknown; release?: unknown; note?: unknown; format?: unknown }): boolean {
  const s = `${run.source ?? ''} ${run.format ?? ''} ${run.release ?? ''}`.toLowerCase();
  return /synthetic|\bdemo\b/.test(s) || /synthetic/i.test(String(run.note ?? ''));
}

/** Import runs (ingest's read model) with the synthetic flag the dashboard's banner needs. */
export async function listRuns(store: Store, opts: { all?: boolean } = {}): Promise<(ImportRunInfo & { synthetic: boolean })[]> {
  return (await listImportRuns(store, opts)).map((r) => ({ ...r, synthetic: isSyntheticRun(r) }));
}

export async function tradeSummary(
  store: Store,
): Promise<{ rows: number; years: number[]; reporters: number; classifications: string[] }> {
  const [t] = await store.query<{ rows: number; reporters: number }>(
    sql`select count(*) as rows, count(distinct reporter) as reporters from trade_flows`,
  );
  const years = await store.query<{ year: number }>(sql`select distinct year from trade_flows order by year`);
  const cls = await store.query<{ c: string }>(sql`select distinct classification as c from trade_flows order by c`);
  return {
    rows: Number(t?.rows ?? 0),
    reporters: Number(t?.reporters ?? 0),
    years: years.map((y) => Number(y.year)),
    classifications: cls.map((c) => c.c),
  };
}
