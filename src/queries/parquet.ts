/**
 * Rows → a Parquet file, written by DuckDB (`COPY … TO … (FORMAT parquet)`) from a scratch in-memory
 * store, so it works whatever store the rows came from.
 *
 * Invariants: no user value reaches SQL text. The rows go through a temporary NDJSON file whose path
 * the program made (mkdtemp); the Parquet file is written beside it and then copied to the user's
 * path with the file system, so the user's path never appears in SQL either. Column types: BIGINT
 * when every value is an integer, DOUBLE when numeric, BOOLEAN, else VARCHAR (objects as JSON).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, raw } from '../store/index.ts';

type Row = Record<string, unknown>;

function columnType(values: unknown[]): string {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return 'VARCHAR';
  if (present.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  if (present.every((v) => typeof v === 'number')) {
    return present.every((v) => Number.isSafeInteger(v)) ? 'BIGINT' : 'DOUBLE';
  }
  return 'VARCHAR';
}

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Writes rows to `file` as Parquet; columns in the order of the first row's keys (then any others). */
export async function writeParquet(rows: readonly Row[], file: string): Promise<void> {
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  const dir = mkdtempSync(join(tmpdir(), 'lantern-parquet-'));
  try {
    const nd = join(dir, 'rows.ndjson');
    const out = join(dir, 'out.parquet');
    const flat = rows.map((r) =>
      Object.fromEntries(
        keys.map((k) => [
          k,
          r[k] !== null && typeof r[k] === 'object' ? JSON.stringify(r[k]) : (r[k] ?? null),
        ]),
      ),
    );
    writeFileSync(nd, flat.map((r) => JSON.stringify(r)).join('\n') + (flat.length ? '\n' : ''));
    const store = await openStore({ migrate: false });
    try {
      const source =
        keys.length === 0
          ? 'select 1 as empty where false'
          : `select * from read_json(${literal(nd)}, format = 'newline_delimited', columns = {${keys
              .map((k) => `${literal(k)}: ${literal(columnType(flat.map((r) => r[k])))}`)
              .join(', ')}})`;
      await store.run(`copy (${source}) to ${literal(out)} (format parquet)`);
    } finally {
      await store.close();
    }
    copyFileSync(out, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads a Parquet file back as rows (tests, and `lantern` users checking an export). */
export async function readParquet(file: string): Promise<Row[]> {
  const store = await openStore({ migrate: false });
  const dir = mkdtempSync(join(tmpdir(), 'lantern-parquet-'));
  try {
    const copy = join(dir, 'in.parquet');
    copyFileSync(file, copy);
    return await store.query(raw(`select * from read_parquet(${literal(copy)})`));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
