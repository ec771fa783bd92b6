/**
 * Read-only facts about the store for the status page and the Data page: tables, trade coverage,
 * import runs. Catalog queries only (no trade indicator lives here; those are in queries/).
 */
import { sql, type Store } from '../store/index.ts';

export { listTables } from '../store/index.ts';

/** The import runs (ingest's read model, the wire type ImportRunInfo). */
export { isSyntheticRun, listImportRuns as listRuns } from '../ingest/index.ts';

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
