/** Helpers for the ingest integration tests: an in-memory store and sums computed outside Lantern. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { openStore, type Store } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';

export async function memoryStore(): Promise<Store & Awaited<ReturnType<typeof openStore>>> {
  return openStore();
}

/** Rows of a CSV (gzip allowed) as objects, parsed by csv-parse directly (not through Lantern). */
export function readCsvRows(path: string): Record<string, string>[] {
  let buf = readFileSync(path);
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  return parse(buf, { columns: true, bom: true }) as Record<string, string>[];
}

export async function one<T = Record<string, unknown>>(store: Store, q: ReturnType<typeof sql>): Promise<T> {
  const rows = await store.query<T>(q);
  return rows[0] as T;
}

/** Sum of value_usd and row count of one run. */
export async function runTotals(store: Store, runId: number): Promise<{ n: number; v: number }> {
  return one(
    store,
    sql`select count(*)::int as n, coalesce(sum(value_usd), 0)::double as v from trade_flows where run_id = ${runId}`,
  );
}

/** Relative closeness for sums of many doubles. */
export function close(a: number, b: number, rel = 1e-9): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}
