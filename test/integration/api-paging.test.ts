/**
 * Paged listings (issue 14): `/indicators/{id}/values?limit=&offset=` is paged in SQL: it reads only
 * the page's rows, counts the answer once (the next page of the same answer, or a page of another
 * size, does not count again), and an offset past the end answers an empty page with the total
 * instead of reading every row. `/datasets` reads the runs once per store state and cuts every page
 * from them: no statement per page, and a new import shows at once. Pages hold the rows the CLI
 * prints for the same question, in its order.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { importFiles, listImportRuns } from '../../src/ingest/index.ts';
import { openStore, render, type Sql, type Store } from '../../src/store/index.ts';
import { captureCli } from '../cli.ts';
import { openFixtureStore, REPORTED_FIXTURE_FILE } from './api-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-paging-'));
const db = join(dir, 'store.duckdb');
let store: Store;
let api: Awaited<ReturnType<typeof createApi>>;
/** The statements the API ran, as text. */
const ran: string[] = [];
let cli: Record<string, unknown>[];

const QUESTION = ['rca', '--year', '2021', '--basket', 'unesco-fcs-2009', '--by', 'product'];
const PATH = '/api/v1/indicators/rca/values?from=2021&basket=unesco-fcs-2009&by=product';

beforeAll(async () => {
  (await openFixtureStore({ path: db })).close();
  const r = await captureCli(['indicator', ...QUESTION, '--db', db, '--format', 'json'], { cwd: dir });
  expect(r.code, r.err).toBe(0);
  const printed = JSON.parse(r.out) as Record<string, unknown>[] | { rows: Record<string, unknown>[] };
  cli = settled(Array.isArray(printed) ? printed : printed.rows);
  store = await openStore({ path: db, readOnly: true });
  const query = store.query.bind(store);
  store.query = (<T,>(q: Sql) => {
    ran.push(render(q, store.dialect).text);
    return query<T>(q);
  }) as Store['query'];
  api = await createApi({ store, log: () => {} });
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function page(query: string): Promise<{ rows: Record<string, unknown>[]; total: number; next: string | null; offset: number }> {
  const res = await api.app.request(`${PATH}&${query}`);
  expect(res.status).toBe(200);
  return settled(await res.json()) as never;
}

/**
 * Numbers to 12 significant digits: DuckDB adds a group's doubles in whatever order its parallel
 * aggregation meets them, so a sum may differ in the last bit between two runs of one query.
 */
function settled<T>(x: T): T {
  if (typeof x === 'number') return (Number.isInteger(x) ? x : Number(x.toPrecision(12))) as T;
  if (Array.isArray(x)) return x.map(settled) as T;
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, settled(v)])) as T;
  return x;
}

const counts = () => ran.filter((t) => t.startsWith('select count(*) as n from (')).length;

describe('paged indicator values', () => {
  it('give the CLI rows page by page, counting the answer once', async () => {
    expect(cli.length).toBeGreaterThan(8);
    const first = await page('limit=5&offset=0');
    expect(first.total).toBe(cli.length);
    expect(first.rows).toEqual(cli.slice(0, 5));
    expect(first.next).toContain('offset=5');
    const before = counts();
    const paged = ran.filter((t) => / limit 5 offset 0$/.test(t));
    expect(paged).toHaveLength(1); // the page was read in SQL
    const second = await page('limit=5&offset=5');
    expect(second.rows).toEqual(cli.slice(5, 10));
    expect(second.total).toBe(cli.length);
    expect(counts()).toBe(before); // the total was known: not counted again
  });

  it('answer an offset past the end with an empty page and the total, reading no rows', async () => {
    const statements = ran.length;
    const far = await page('limit=100&offset=99999999999');
    expect(far.rows).toEqual([]);
    expect(far.total).toBe(cli.length);
    expect(far.next).toBeNull();
    expect(ran.slice(statements).filter((t) => /offset 99999999999/.test(t))).toEqual([]);
  });

  it('page the last rows as the CLI ends', async () => {
    const last = await page(`limit=1000&offset=${cli.length - 3}`);
    expect(last.rows).toEqual(cli.slice(-3));
    expect(last.next).toBeNull();
  });
});

describe('paged import runs (/datasets)', () => {
  let runsStore: Store;
  let runsApi: Awaited<ReturnType<typeof createApi>>;
  const statements: string[] = [];
  const runsRead = () => statements.filter((t) => t.includes('from import_runs')).length;

  beforeAll(async () => {
    // Two runs: the BACI fixture world and the reported Comtrade fixture.
    runsStore = await openFixtureStore();
    await importFiles(runsStore, [REPORTED_FIXTURE_FILE], { now: () => new Date('2026-11-24T00:00:00Z') });
    const query = runsStore.query.bind(runsStore);
    runsStore.query = (<T,>(q: Sql) => {
      statements.push(render(q, runsStore.dialect).text);
      return query<T>(q);
    }) as Store['query'];
    runsApi = await createApi({ store: runsStore, log: () => {} });
  });
  afterAll(async () => {
    await runsStore?.close();
  });

  const runsPage = async (query: string) => {
    const res = await runsApi.app.request(`/api/v1/datasets?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { rows: { id: number }[]; total: number; next: string | null };
  };

  it('cut every page from the runs read once, in the order of the whole list', async () => {
    const all = (await listImportRuns(runsStore)).map((r) => r.id);
    expect(all).toHaveLength(2);
    const before = runsRead();
    const first = await runsPage('limit=1&offset=0');
    expect(first.rows.map((r) => r.id)).toEqual(all.slice(0, 1));
    expect(first.total).toBe(2);
    expect(runsRead()).toBe(before + 1);
    const second = await runsPage('limit=1&offset=1');
    expect(second.rows.map((r) => r.id)).toEqual(all.slice(1, 2));
    expect(second.next).toBeNull();
    const wide = await runsPage('limit=7&offset=0');
    expect(wide.rows.map((r) => r.id)).toEqual(all);
    expect(runsRead()).toBe(before + 1);
  });

  it('answer an offset past the end with an empty page and the total, reading no runs', async () => {
    const before = runsRead();
    const far = await runsPage('limit=100&offset=99999999999');
    expect(far.rows).toEqual([]);
    expect(far.total).toBe(2);
    expect(runsRead()).toBe(before);
  });

  it('filter by source', async () => {
    const baci = await runsPage('source=baci&limit=5');
    expect(baci.total).toBe(1);
    expect(baci.rows.map((r) => (r as { source?: string }).source)).toEqual(['baci']);
  });

  it('show a run imported since at once (the runs are read again after a write)', async () => {
    const file = join(dir, 'BACI_HS07_Y2020_V202699.csv');
    writeFileSync(file, 't,i,j,k,v,q\n2020,156,842,950510,10.0,1.0\n');
    await importFiles(runsStore, [file], { now: () => new Date('2026-11-25T00:00:00Z') });
    runsApi.deps.invalidate(); // as the server does after an import it runs
    const after = await runsPage('limit=1&offset=2');
    expect(after.total).toBe(3);
    expect(after.rows.map((r) => r.id)).toEqual((await listImportRuns(runsStore)).map((r) => r.id).slice(2));
  });
});
