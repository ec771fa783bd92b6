/**
 * Imports written straight into a 2-shard ClickHouse cluster (Debian's clickhouse-server on
 * loopback): `lantern import --store clickhouse://…` on the API fixture file gives the rows an
 * independent sum of the file gives, and the same answers as DuckDB; a second import of the same
 * bytes changes nothing; an import that fails half-way leaves no rows (hidden at once by the run-id
 * filter, then deleted); rows a killed import left behind are never read and the next import deletes
 * them — with a real process killed (SIGKILL) between its batches: its write lock is named as the
 * dead holder's, `lantern cluster unlock` releases it, and the same file then lands whole.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { runCli } from '../../src/cli/main.ts';
import { importFiles } from '../../src/ingest/index.ts';
import { type ClickHouseStore, TRADE_FLOWS_LOCAL } from '../../src/store/clickhouse.ts';
import type { Store } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { type ClickHouseCluster, hasClickHouse } from '../clickhouse-server.ts';
import { repoRoot } from '../shared.ts';
import { baciTotals } from '../support/baci-releases.ts';
import { type FilledCluster, mutationsDone, rowsPerServer, startFilledCluster } from '../support/cluster.ts';
import { FIXTURE_FILE, openFixtureStore } from './api-fixture.ts';
import { differences } from './json-differences.ts';

/** Rows of a run on the shards' local tables, read past the run-id filter. */
async function localRows(ch: ClickHouseStore, runId: number): Promise<number> {
  return (await rowsPerServer(ch, TRADE_FLOWS_LOCAL, `run_id = ${runId}`)).reduce((a, b) => a + b, 0);
}

describe.skipIf(!hasClickHouse())('importing into a ClickHouse store', () => {
  let filled: FilledCluster;
  let cluster: ClickHouseCluster;
  let ch: ClickHouseStore;
  let dir: string;
  let url: string;
  const stores: Store[] = [];

  beforeAll(async () => {
    // The reference tables come to the cluster once, by push, from a store with no trade yet.
    filled = await startFilledCluster();
    ({ cluster, ch, storeUrl: url } = filled);
    dir = mkdtempSync(join(tmpdir(), 'lantern-ch-import-'));
  });

  afterAll(async () => {
    for (const s of stores) await s.close();
    await filled?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const capture = (env: Record<string, string> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, effects: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), env: { LANTERN_STORE: url, ...env }, cwd: '.', now: () => new Date('2026-11-23T00:00:00Z') } };
  };

  it('lantern import --store writes the file to the cluster: the rows and total of the file, the answers of DuckDB', async () => {
    const c = capture();
    const code = await runCli(['import', FIXTURE_FILE, '--format', 'baci', '--hs-edition', 'HS2007', '--output', 'json'], c.effects);
    expect(c.err.join(''), c.err.join('')).not.toMatch(/error/);
    expect(code).toBe(0);
    const [summary] = JSON.parse(c.out.join('')) as { run: number; status: string; rows: number }[];
    expect(summary).toMatchObject({ run: 1, status: 'imported', rows: 2016 });

    const file = baciTotals(readFileSync(FIXTURE_FILE, 'utf8'));
    expect(file.rows).toBe(2016);
    const [onCluster] = await ch.query<{ n: number; v: number }>(sql`select count() as n, sum(value_usd) as v from trade_flows`);
    expect(Number(onCluster?.n)).toBe(file.rows);
    expect(Number(onCluster?.v)).toBeCloseTo(file.usd, 3);
    expect(await localRows(ch, 1)).toBe(file.rows);

    // The same answers as the same file imported into DuckDB.
    const duck = await openFixtureStore();
    stores.push(duck);
    const [onDuck, onCh] = await Promise.all([
      createApi({ store: duck, log: () => {} }),
      createApi({ store: ch, log: () => {} }),
    ]);
    for (const path of ['/profiles/country/CHN?basket=unesco-fcs-2009&years=2021-2022', '/markets?exporter=CHN&basket=unesco-fcs-2009&year=2022', '/indicators/rca/values?country=CHN&from=2021&basket=unesco-fcs-2009&by=domain']) {
      const [a, b] = await Promise.all([onCh.app.request(`/api/v1${path}`), onDuck.app.request(`/api/v1${path}`)]);
      expect(a.status, path).toBe(200);
      expect(differences(await a.json(), await b.json()), path).toEqual([]);
    }

    // The same bytes again: nothing changes.
    const again = capture();
    expect(await runCli(['import', FIXTURE_FILE, '--format', 'baci', '--hs-edition', 'HS2007', '--output', 'json'], again.effects)).toBe(0);
    expect(JSON.parse(again.out.join(''))[0]).toMatchObject({ run: 1, status: 'unchanged' });
    expect(Number((await ch.query<{ n: number }>(sql`select count() as n from trade_flows`))[0]?.n)).toBe(file.rows);
  });

  it('an import that fails half-way leaves no rows and no run', async () => {
    // Another release of the file (other bytes), loaded in small batches; the third batch fails.
    const lines = readFileSync(FIXTURE_FILE, 'utf8').trim().split('\n');
    const path = join(dir, 'BACI_HS07_V202501.csv');
    writeFileSync(path, `${[lines[0], ...lines.slice(1).map((l) => l.replace(/^2015,/, '2014,'))].join('\n')}\n`);
    let batches = 0;
    const err = await importFiles(ch, [path], {
      format: 'baci',
      hsEdition: 'HS2007',
      cluster: {
        batchBytes: 4096,
        onBatch: (n) => {
          batches = n;
          if (n === 3) throw new Error('the import died here');
        },
      },
    }).catch((e: unknown) => e);
    expect(String(err)).toMatch(/the import died here/);
    expect(batches).toBe(3);
    // No run 2, and nothing of it through trade_flows at once; then the rows themselves are gone.
    expect((await ch.query<{ id: number }>(sql`select id from import_runs order by id`)).map((r) => Number(r.id))).toEqual([1]);
    expect(Number((await ch.query<{ n: number }>(sql`select count() as n from trade_flows where run_id = 2`))[0]?.n)).toBe(0);
    await mutationsDone(ch);
    expect(await localRows(ch, 2)).toBe(0);
    expect(Number((await ch.query<{ n: number }>(sql`select count() as n from trade_flows`))[0]?.n)).toBe(2016);
  });

  it('rows a killed import left are never read, and the next import deletes them', async () => {
    // What a process killed between its batches and its commit leaves: rows of a run no server lists.
    await ch.request(cluster.urls[1] as string, `INSERT INTO ${ch.qualified(TRADE_FLOWS_LOCAL)} (run_id, year, reporter, partner, partner_kind, flow, type_code, classification, product, product_level, value_usd) FORMAT CSV`, {
      body: '7,2020,FRA,DEU,country,X,C,HS2007,970110,6,123456\n',
    });
    expect(await localRows(ch, 7)).toBe(1);
    expect(Number((await ch.query<{ n: number }>(sql`select count() as n from trade_flows where run_id = 7`))[0]?.n)).toBe(0);
    const path = join(dir, 'BACI_HS07_V202502.csv');
    writeFileSync(path, 't,i,j,k,v,q\n2016,251,276,970110,5.000,1.000\n');
    const [s] = await importFiles(ch, [path], { format: 'baci', hsEdition: 'HS2007' });
    expect(s).toMatchObject({ runId: 2, status: 'imported', rowsLoaded: 1 });
    await mutationsDone(ch);
    expect(await localRows(ch, 7)).toBe(0);
    const [fra] = await ch.query<{ v: number }>(sql`select sum(value_usd) as v from trade_flows where run_id = 2`);
    expect(Number(fra?.v)).toBe(5000);
  });

  it('an import process killed (SIGKILL) between its batches: no row of it is read; unlock, and the same file lands whole', async () => {
    // The fixture's rows moved to 2023 (a year the cluster does not hold): a file not imported yet.
    const text = readFileSync(FIXTURE_FILE, 'utf8').replace(/^20\d\d,/gm, '2023,');
    const path = join(dir, 'BACI_HS07_V202503.csv');
    writeFileSync(path, text);
    const [before] = await ch.query<{ n: number; v: number }>(sql`select count() as n, sum(value_usd) as v from trade_flows`);
    // The real importer in a process of its own, which kills itself after its second batch: no
    // handler runs, nothing is cleaned up, the write lock stays (as after kill -9 or a lost machine).
    const script = join(dir, 'killed-import.mts');
    const src = (f: string) => JSON.stringify(pathToFileURL(join(repoRoot, 'src', f)).href);
    writeFileSync(
      script,
      `import { importFiles } from ${src('ingest/index.ts')};
import { openClickHouseStore } from ${src('store/clickhouse.ts')};
const ch = await openClickHouseStore({ urls: ${JSON.stringify(cluster.urls)}, cluster: ${JSON.stringify(cluster.cluster)} });
await importFiles(ch, [${JSON.stringify(path)}], { format: 'baci', hsEdition: 'HS2007', cluster: { batchBytes: 4096, onBatch: (n) => { if (n === 2) process.kill(process.pid, 'SIGKILL'); } } });
`,
    );
    const tsx = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const died = await new Promise<{ signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
      execFile(process.execPath, ['--import', tsx, script], { cwd: repoRoot }, (e, _out, stderr) => resolve({ signal: (e as { signal?: NodeJS.Signals } | null)?.signal ?? null, stderr })),
    );
    expect(died.signal, died.stderr).toBe('SIGKILL');
    const runs = (await ch.query<{ id: number }>(sql`select id from import_runs order by id`)).map((r) => Number(r.id));
    const killedRun = Math.max(0, ...runs) + 1;
    expect(await localRows(ch, killedRun)).toBeGreaterThan(0); // its batches reached the shards …
    const [after] = await ch.query<{ n: number; v: number }>(sql`select count() as n, sum(value_usd) as v from trade_flows`);
    expect([Number(after?.n), Number(after?.v)]).toEqual([Number(before?.n), Number(before?.v)]); // … and are not read

    // The next import names the dead holder and the way out; after `cluster unlock` it lands whole.
    const refused = capture({ LANTERN_CLUSTER_LOCK_WAIT_MS: '0' });
    expect(await runCli(['import', path, '--hs-edition', 'HS2007'], refused.effects)).toBe(1);
    expect(refused.err.join('')).toMatch(/write lock[\s\S]*lantern cluster unlock/);
    const unlock = capture();
    expect(await runCli(['cluster', 'unlock', '--clickhouse', cluster.urls.join(','), '--cluster', cluster.cluster], unlock.effects)).toBe(0);
    const again = capture();
    expect(await runCli(['import', path, '--hs-edition', 'HS2007', '--output', 'json'], again.effects), again.err.join('')).toBe(0);
    expect(JSON.parse(again.out.join(''))).toMatchObject([{ run: killedRun, status: 'imported', rows: baciTotals(text).rows }]);
    await mutationsDone(ch);
    expect(await localRows(ch, killedRun)).toBe(baciTotals(text).rows);
    const [y2023] = await ch.query<{ n: number; v: number }>(sql`select count() as n, sum(value_usd) as v from trade_flows where year = 2023`);
    expect([Number(y2023?.n), Number(y2023?.v)]).toEqual([baciTotals(text).rows, baciTotals(text).usd]);
  });

  it('a cluster nothing was pushed to is refused once, with the way to fill it', async () => {
    const c = capture();
    const empty = `clickhouse://${(cluster.urls[0] as string).replace('http://', '')}/never_pushed`;
    expect(await runCli(['datasets', '--store', empty], c.effects)).toBe(1);
    expect(c.err.join('')).toMatch(/lacks trade_flows, import_runs, countries[\s\S]*lantern cluster push/);
  });
});
