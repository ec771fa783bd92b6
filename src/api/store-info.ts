/**
 * Read-only facts about the store for the status page and the Data page: tables, trade coverage,
 * import runs. Catalog queries only (no trade indicator lives here; those are in queries/).
 */
import { reporterStatsSource, runStatsSource, sql, type Store } from '../store/index.ts';

export { listTables } from '../store/index.ts';

/** The import runs (ingest's read model, the wire type ImportRunInfo). */
export { isSyntheticRun, listImportRuns as listRuns } from '../ingest/index.ts';

/** Rows, years, reporters and editions of the trade in the store, from the run statistics (store/flow-totals.ts). */
export async function tradeSummary(
  store: Store,
): Promise<{ rows: number; years: number[]; reporters: number; classifications: string[] }> {
  const runs = await runStatsSource(store);
  const [t] = await store.query<{ rows: number | null; reporters: number }>(
    sql`select (select sum(n) from (${runs}) s) as rows, (select count(distinct reporter) from (${await reporterStatsSource(store)}) r) as reporters`,
  );
  const years = await store.query<{ year: number }>(sql`select distinct year from (${runs}) s order by year`);
  const cls = await store.query<{ c: string }>(sql`select distinct classification as c from (${runs}) s order by c`);
  return {
    rows: Number(t?.rows ?? 0),
    reporters: Number(t?.reporters ?? 0),
    years: years.map((y) => Number(y.year)),
    classifications: cls.map((c) => c.c),
  };
}
