/**
 * Read-only facts about the store for the status page and the Data page: tables, trade coverage,
 * import runs. Catalog queries only (no trade indicator lives here; those are in queries/).
 */
import { inList, reporterStatsSource, runStatsSource, sql, type Store } from '../store/index.ts';

export { listTables } from '../store/index.ts';

/** The import runs (ingest's read model, the wire type ImportRunInfo). */
export { isSyntheticRun, listImportRuns as listRuns, pageImportRuns as pageRuns } from '../ingest/index.ts';

/** Rows, years, reporters and editions of the trade in the store, from the run statistics (store/flow-totals.ts). */
export async function tradeSummary(
  store: Store,
): Promise<{ rows: number; years: number[]; reporters: number; classifications: string[]; levels: number[] }> {
  const runs = await runStatsSource(store);
  const [t] = await store.query<{ rows: number | null; reporters: number }>(
    sql`select (select sum(n) from (${runs}) s) as rows, (select count(distinct reporter) from (${await reporterStatsSource(store)}) r) as reporters`,
  );
  const years = await store.query<{ year: number }>(sql`select distinct year from (${runs}) s order by year`);
  const cls = await store.query<{ c: string }>(sql`select distinct classification as c from (${runs}) s order by c`);
  const levels = await store.query<{ l: number }>(
    sql`select distinct product_level as l from (${runs}) s where type_code = ${'C'} and product_level > 0 order by l`,
  );
  return {
    rows: Number(t?.rows ?? 0),
    reporters: Number(t?.reporters ?? 0),
    years: years.map((y) => Number(y.year)),
    classifications: cls.map((c) => c.c),
    levels: levels.map((l) => Number(l.l)),
  };
}

/**
 * Whether the store holds re-exports (flow RX) or re-imports (RM): only reported runs can (BACI has
 * exports only), so a store of reconciled data is answered without reading a row.
 */
export async function hasReexports(store: Store, reportedRuns: number[]): Promise<boolean> {
  if (reportedRuns.length === 0) return false;
  const rows = await store.query<{ hit: number }>(
    sql`select 1 as hit from trade_flows where run_id in ${inList(reportedRuns)} and flow in (${'RX'}, ${'RM'}) limit 1`,
  );
  return rows.length > 0;
}
