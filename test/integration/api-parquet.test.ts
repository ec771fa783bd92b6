/**
 * `.parquet` beside `.csv`: every GET route that gives CSV gives the same rows as Parquet (walked
 * over the route table on the fixture store: the first valid example of each route), read back with
 * DuckDB's Parquet reader and compared with the CSV's rows, parsed by csv-parse; plus `?table=`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, createApi } from '../../src/api/app.ts';
import { exampleUrlOf } from '../../src/api/router.ts';
import { readParquet } from '../../src/queries/parquet.ts';
import type { Store } from '../../src/store/db.ts';
import { openFixtureStore } from './api-fixture.ts';

let store: Store;
let reported: Store;
let api: Api;
let reportedApi: Api;
const dir = mkdtempSync(join(tmpdir(), 'lantern-api-parquet-test-'));

beforeAll(async () => {
  store = await openFixtureStore();
  api = await createApi({ store, dbPath: 'fixture', log: () => {} });
  reported = await openFixtureStore({ reported: true });
  reportedApi = await createApi({ store: reported, dbPath: 'fixture-reported', log: () => {} });
});
afterAll(async () => {
  await store?.close();
  await reported?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rowsOf(bytes: ArrayBuffer, name: string): Promise<Record<string, unknown>[]> {
  const f = join(dir, `${name}.parquet`);
  writeFileSync(f, Buffer.from(bytes));
  return readParquet(f);
}

const withSuffix = (url: string, suffix: string) => url.replace(/(\?|$)/, `${suffix}$1`);

describe('Parquet variants of the API', () => {
  it('every route with CSV answers .parquet with the same rows and columns', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const r of api.table.filter((x) => x.method === 'get' && x.csv)) {
      const ex = r.examples.valid[0];
      if (!ex) continue;
      const on = ex.fixture === 'reported' ? reportedApi : api;
      const url = exampleUrlOf(r.path, ex);
      const csvRes = await on.app.request(`/api/v1${withSuffix(url, '.csv')}`);
      const pqRes = await on.app.request(`/api/v1${withSuffix(url, '.parquet')}`);
      if (pqRes.status !== 200 || pqRes.headers.get('content-type') !== 'application/vnd.apache.parquet') {
        failures.push(`${url}.parquet → ${pqRes.status} ${(await pqRes.text()).slice(0, 200)}`);
        continue;
      }
      const csvRows = parse(await csvRes.text(), { columns: true, bom: true }) as Record<string, string>[];
      const pqRows = await rowsOf(await pqRes.arrayBuffer(), String(checked));
      if (pqRows.length !== csvRows.length) failures.push(`${url}: ${pqRows.length} Parquet rows, ${csvRows.length} CSV rows`);
      else if (csvRows.length && Object.keys(pqRows[0]!).join() !== Object.keys(csvRows[0]!).join()) {
        failures.push(`${url}: columns ${Object.keys(pqRows[0]!).join()} vs ${Object.keys(csvRows[0]!).join()}`);
      }
      checked++;
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(15);
  });

  it('gives numbers as numbers, picks ?table=, and names the file', async () => {
    const res = await api.app.request('/api/v1/profiles/country/CHN.parquet?basket=unesco-fcs-2009&table=partners');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.parquet');
    const rows = await rowsOf(await res.arrayBuffer(), 'partners');
    expect(rows.length).toBeGreaterThan(0);
    expect(typeof Object.values(rows[0]!).find((v) => typeof v === 'number')).toBe('number');
    const none = await api.app.request('/api/v1/profiles/country/CHN.parquet?table=nope');
    expect(none.status).toBe(400);
  });
});
