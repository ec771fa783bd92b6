/**
 * Read-only facts about the store for the status page and the Data page: tables, trade coverage,
 * import runs. Catalog queries only (no trade indicator lives here; those are in queries/).
 */
import type { Store } from '../store/db.ts';
import { sql } from '../store/sql.ts';

/** Sources or notes that mark a run as the synthetic demo world. */
export function isSyntheticRun(run: { source?: unknown; note?: unknown; format?: unknown }): boolean {
  const s = `${run.source ?? ''} ${run.format ?? ''}`.toLowerCase();
  return /synthetic|demo/.test(s) || /synthetic/i.test(String(run.note ?? ''));
}

export async function listTables(store: Store): Promise<{ name: string; rows: number }[]> {
  if (store.dialect.name !== 'duckdb') return [];
  const rows = await store.query<{ name: string; rows: number }>(
    sql`select table_name as name, estimated_size as rows from duckdb_tables() where schema_name = 'main' order by table_name`,
  );
  return rows.map((r) => ({ name: r.name, rows: Number(r.rows) }));
}

/** Import runs with the years and number of reporters each loaded. */
export async function listRuns(store: Store): Promise<Record<string, unknown>[]> {
  const rows = await store.query<Record<string, unknown>>(sql`
    select r.*, c.years, c.reporters, c.first_year, c.last_year
    from import_runs r
    left join (
      select run_id, min(year) as first_year, max(year) as last_year,
             string_agg(distinct cast(year as varchar), ',' order by cast(year as varchar)) as years,
             count(distinct reporter) as reporters
      from trade_flows group by run_id
    ) c on c.run_id = r.id
    order by r.id`);
  return rows.map((r) => ({ ...r, synthetic: isSyntheticRun(r) }));
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
