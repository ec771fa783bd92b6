/**
 * The tables of a DuckDB store as users see them (`lantern status`, the status page): every base
 * table with DuckDB's row estimate, and the `trade_flows` view (migration 012) with the rows of the
 * tables behind it. A ClickHouse store answers with no rows (its tables are listed by `cluster`).
 */
import type { Store } from './db.ts';
import { sql } from './sql.ts';

export async function listTables(store: Store): Promise<{ name: string; kind: 'table' | 'view'; rows: number }[]> {
  if (store.dialect.name !== 'duckdb') return [];
  const rows = await store.query<{ name: string; kind: 'table' | 'view'; rows: number }>(
    sql`select table_name as name, 'table' as kind, estimated_size as rows from duckdb_tables() where schema_name = 'main'
        union all
        select view_name, 'view', (select coalesce(sum(estimated_size), 0) from duckdb_tables()
                                   where schema_name = 'main' and table_name in ('trade_flows_wide', 'baci_flows'))
        from duckdb_views() where schema_name = 'main' and view_name = 'trade_flows'
        order by name`,
  );
  return rows.map((r) => ({ name: r.name, kind: r.kind, rows: Number(r.rows) }));
}
