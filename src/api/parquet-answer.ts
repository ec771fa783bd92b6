/**
 * The `.parquet` variant of an API answer: the same rows as `.csv` (the `rows`, or `?table=NAME`),
 * written as a Parquet file by queries/parquet.ts into a scratch folder and answered as bytes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeParquet } from '../queries/index.ts';

export const PARQUET_TYPE = 'application/vnd.apache.parquet';

/** Rows → the bytes of a Parquet file. */
export async function parquetBytes(rows: readonly Record<string, unknown>[]): Promise<Uint8Array<ArrayBuffer>> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-api-parquet-'));
  try {
    const file = join(dir, 'answer.parquet');
    await writeParquet(rows, file);
    return new Uint8Array(readFileSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
