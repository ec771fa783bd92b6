/**
 * `/jobs` (src/api/routes/jobs.ts) on a fresh file store, as the dashboard's empty-store page uses
 * them: writes need the token; a bad upload fails its job with the error `lantern import` prints
 * for the same file and stores nothing; a real Comtrade sample uploaded gives the figures of the
 * file (summed here from the file itself); two demo requests at once are one job.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, createApi } from '../../src/api/app.ts';
import type { JobInfo } from '../../src/contract.ts';
import { createToken } from '../../src/registry/index.ts';
import { prepareStore } from '../../src/setup.ts';
import { openStore, sql, type Store } from '../../src/store/index.ts';
import { captureCli, problemPlaces } from '../cli.ts';
import { hasShared, sharedPath } from '../shared.ts';
import { dedupedSum, SHRIMP, sharedRows } from '../support/comtrade-file.ts';

let dir: string;
let store: Store;
let api: Api;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-api-jobs-'));
  store = await openStore({ path: join(dir, 'store.duckdb') });
  await prepareStore(store);
  token = (await createToken(store, { name: 'page', now: new Date() })).token;
  api = await createApi({ store, dbPath: join(dir, 'store.duckdb'), log: () => {} });
}, 120_000);
afterAll(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function post(path: string, body: BodyInit, auth = token, type = 'application/octet-stream') {
  const res = await api.app.request(`/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; data?: JobInfo; error?: string } };
}

/** Polls the job until it has finished (no time limit but the test's: no timing is asserted). */
async function finished(id: string): Promise<JobInfo> {
  for (;;) {
    const res = await api.app.request(`/api/v1/jobs?id=${id}`);
    const job = ((await res.json()) as { data: JobInfo }).data;
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function tradeRows(): Promise<number> {
  const [r] = await store.query<{ n: number }>(sql`select (select count(*) from trade_flows) + (select count(*) from import_runs) as n`);
  return Number(r?.n);
}

describe('background jobs: demo world and uploaded files', () => {
  it('refuse writes without the token, and a file name with folders', async () => {
    expect((await post('/jobs/demo', '{"rows":2000}', '', 'application/json')).status).toBe(401);
    expect((await post('/jobs/import?name=x.csv', 'a,b\n1,2\n', '')).status).toBe(401);
    const bad = await post(`/jobs/import?name=${encodeURIComponent('../x.csv')}`, 'a,b\n1,2\n');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/name/);
    expect(await tradeRows()).toBe(0);
  });

  it('a bad file fails its job with the same error as `lantern import`, and the store is unchanged', async () => {
    // A Comtrade-shaped file whose second row has no number for its value.
    const text = 'typeCode,freqCode,refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\nC,A,2021,CHN,USA,X,970110,100\nC,A,2021,CHN,USA,X,970190,lots\n';
    const file = join(dir, 'bad-flows.csv');
    writeFileSync(file, text);
    const cli = await captureCli(['import', file, '--db', join(dir, 'cli.duckdb')], { cwd: dir });
    expect(cli.code).not.toBe(0);
    const started = await post('/jobs/import?name=bad-flows.csv', text);
    expect(started.status).toBe(201);
    const job = await finished(started.body.data!.id);
    expect(job.state).toBe('failed');
    // The CLI's problems (file, line, column, expected, found); as the way out, what an upload has:
    // fix the rows and upload again (the CLI's --skip-bad-rows is not a choice here).
    expect(problemPlaces(job.error!.text)).toEqual(problemPlaces(cli.err));
    expect(job.error!.text).toMatch(/bad-flows\.csv:3 column /);
    expect(cli.err).toContain('--skip-bad-rows');
    expect(job.error!.text).not.toContain('--skip-bad-rows');
    expect(job.error!.text).toContain('Fix them and upload the file again.');
    expect(job.error!.errors.every((p) => !p.hint || /upload the file again/.test(p.hint)), JSON.stringify(job.error!.errors)).toBe(true);
    expect(job.error!.errors.length).toBeGreaterThan(0);
    expect(await tradeRows()).toBe(0);
  }, 120_000);

  it.skipIf(!hasShared(...SHRIMP))("an uploaded Comtrade sample is imported whole: Thailand's 2011 exports equal the file's sum", async () => {
    const started = await post(`/jobs/import?name=${SHRIMP.at(-1)}`, readFileSync(sharedPath(...SHRIMP)));
    const job = await finished(started.body.data!.id);
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    expect(job.progress?.unit).toBe('bytes');
    const rows = sharedRows(SHRIMP);
    const expected = dedupedSum(rows, (r) => r.rep === 'THA' && r.flow === 'X' && r.year === 2011);
    const [got] = await store.query<{ v: number }>(
      sql`select sum(value_usd) as v from trade_flows where reporter = 'THA' and flow = 'X' and year = 2011 and partner_kind <> 'world'`,
    );
    expect(Math.abs(Number(got?.v) - expected)).toBeLessThan(1);
    // The same file again is "unchanged", as for the CLI.
    const again = await finished((await post(`/jobs/import?name=${SHRIMP.at(-1)}`, readFileSync(sharedPath(...SHRIMP)))).body.data!.id);
    expect(again.result?.status).toBe('unchanged');
  }, 300_000);

  it('two demo requests at once are one job; when done the store holds the synthetic world', async () => {
    const [a, b] = await Promise.all([
      post('/jobs/demo', '{"rows":2000,"seed":3}', token, 'application/json'),
      post('/jobs/demo', '{"rows":2000,"seed":3}', token, 'application/json'),
    ]);
    expect(a.body.data!.id).toBe(b.body.data!.id);
    const job = await finished(a.body.data!.id);
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    expect(job.result!.rows).toBe(2000);
    const status = (await (await api.app.request('/api/v1/status')).json()) as { data: { trade: { synthetic: boolean } } };
    expect(status.data.trade.synthetic).toBe(true);
  }, 300_000);
});
