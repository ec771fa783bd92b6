/**
 * Paged listings are paged in SQL (issue 14): `/indicators/{id}/values?limit=&offset=` reads only the
 * page's rows, counts the answer once (the next page of the same answer does not count again), and
 * an offset past the end answers an empty page with the total instead of computing every row. Pages
 * hold the rows the CLI prints for the same question, in its order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { openStore, render, type Sql, type Store } from '../../src/store/index.ts';
import { captureCli } from '../cli.ts';
import { openFixtureStore } from './api-fixture.ts';

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
