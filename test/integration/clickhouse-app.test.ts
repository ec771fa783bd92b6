/**
 * The whole app on ClickHouse: every GET route of the API (hence every page of the dashboard) and
 * the read commands of the CLI answer the same on a 2-shard ClickHouse cluster (Debian's
 * clickhouse-server on loopback, test/clickhouse-server.ts) as on the DuckDB store it was pushed
 * from. Data: the API fixture world (test/fixtures/api, imported through the real BACI importer,
 * with every bundled reference table and the registry), then the reported Comtrade fixture.
 *
 * The same routes are compared on a current engine too (chdb, test/chdb.ts).
 *
 * Each route is called with each of its own valid examples (the route table's, as the API docs and
 * api-routes.test.ts use them). Bodies must be equal, numbers to 1e-9 relative, except the SQL an
 * answer records (rendered per dialect) and what `EXPECTED_DIFFERENCES` names, with the reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, createApi } from '../../src/api/app.ts';
import { exampleUrlOf, type RouteExample } from '../../src/api/router.ts';
import { runCli } from '../../src/cli/main.ts';
import { pushToClickHouse } from '../../src/store/clickhouse/push.ts';
import { type ClickHouseStore, openClickHouseStore } from '../../src/store/clickhouse.ts';
import type { Store } from '../../src/store/db.ts';
import { type ChdbServer, hasChdb, startChdb } from '../chdb.ts';
import { type ClickHouseCluster, hasClickHouse, startClickHouseCluster } from '../clickhouse-server.ts';
import { openFixtureStore } from './api-fixture.ts';
import { differences } from './json-differences.ts';

/** Paths inside an answer that differ by engine, per route, and why. */
const EXPECTED_DIFFERENCES: Record<string, { paths: RegExp; why: string }> = {
  '/status': {
    paths: /^(data\.store\.dialect|data\.tables|rows)(\.|\[|$)/,
    why: 'the store kind, and the DuckDB file tables with their row estimates (a cluster lists its tables with `lantern cluster status`)',
  },
};

/**
 * Routes whose SQL does not run on ClickHouse yet, and why. The test asserts that each still fails
 * there, so the list cannot go stale: a route that starts to agree must leave it.
 */
const NOT_YET_ON_CLICKHOUSE: Record<string, string> = {};

function capture(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    effects: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), env, cwd: '.', now: () => new Date('2026-11-23T04:00:00Z') },
  };
}

/** Calls every GET route with each of its valid examples on both stores; the URLs compared and what differed. */
async function compareRoutes(apis: { onDuck: Api; onCh: Api }, which: (ex: RouteExample) => boolean): Promise<{ compared: string[]; failures: string[] }> {
  const compared: string[] = [];
  const failures: string[] = [];
  for (const r of apis.onDuck.table.filter((t) => t.method === 'get')) {
    for (const ex of r.examples.valid.filter(which)) {
      const url = `/api/v1${exampleUrlOf(r.path, ex)}`;
      const [a, b] = await Promise.all([apis.onCh.app.request(url), apis.onDuck.app.request(url)]);
      const [onCh, onDuck] = [await a.json(), await b.json()] as Record<string, unknown>[];
      if (b.status !== 200) throw new Error(`${url} fails on DuckDB (${b.status}): the example is wrong`);
      const ignored = EXPECTED_DIFFERENCES[r.path]?.paths;
      const diffs = differences(onCh, onDuck).filter((d) => !ignored?.test(`${d.split(':')[0]}`));
      const failure =
        a.status !== 200 ? `${url} → ${a.status} ${JSON.stringify(onCh).slice(0, 400)}` : diffs.length ? `${url}: ${diffs.slice(0, 5).join('; ')}` : undefined;
      if (NOT_YET_ON_CLICKHOUSE[r.path] !== undefined) {
        if (!failure) failures.push(`${url} agrees now: remove ${r.path} from NOT_YET_ON_CLICKHOUSE`);
        continue;
      }
      if (failure) failures.push(failure);
      compared.push(url);
    }
  }
  return { compared, failures };
}

describe.skipIf(!hasClickHouse())('the app on ClickHouse answers as on DuckDB', () => {
  let cluster: ClickHouseCluster;
  let ch: ClickHouseStore;
  let dir: string;
  const stores: Store[] = [];

  beforeAll(async () => {
    cluster = await startClickHouseCluster({ shards: 2 });
    ch = await openClickHouseStore({ urls: cluster.urls, cluster: cluster.cluster });
    dir = mkdtempSync(join(tmpdir(), 'lantern-ch-app-'));
  });

  afterAll(async () => {
    for (const s of stores) await s.close();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Pushes a DuckDB store to the cluster; the API on each. */
  async function both(duck: Store): Promise<{ onDuck: Api; onCh: Api }> {
    stores.push(duck);
    await pushToClickHouse(duck, ch);
    return {
      onDuck: await createApi({ store: duck, dbPath: 'lantern.duckdb', log: () => {} }),
      onCh: await createApi({ store: ch, dbPath: 'lantern.duckdb', log: () => {} }),
    };
  }

  it('every GET route on the reconciled (BACI) fixture world', async () => {
    const apis = await both(await openFixtureStore({ path: join(dir, 'fixture.duckdb') }));
    const { compared, failures } = await compareRoutes(apis, (ex) => ex.fixture === undefined);
    expect(failures).toEqual([]);
    expect(compared.length).toBeGreaterThan(60);
  });

  // The CLI's read commands with --store on the cluster print what they print with --db on the file
  // it was pushed from (JSON: the whole answer, provenance included).
  it('read commands with --store clickhouse://… print what they print on the DuckDB file', async () => {
    for (const s of stores.splice(0)) await s.close(); // the CLI opens the file itself
    const db = join(dir, 'fixture.duckdb');
    const url = `clickhouse://${cluster.urls.map((u) => u.replace('http://', '')).join(',')}/lantern?cluster=${cluster.cluster}`;
    const commands = [
      ['profile', 'country', 'CHN', '--basket', 'unesco-fcs-2009', '--years', '2019-2022'],
      ['profile', 'product', '950510', '--year', '2021'],
      ['bilateral', 'CHN', 'USA', '--basket', 'unesco-fcs-2009', '--years', '2019-2021'],
      ['markets', '--exporter', 'CHN', '--product', '950510', '--year', '2021'],
      ['indicator', 'rca', '--country', 'CHN', '--year', '2021', '--basket', 'unesco-fcs-2009'],
      ['indicator', 'eci', '--year', '2021'],
      ['compare', 'CHN', 'USA', '--indicator', 'world-share', '--basket', 'unesco-fcs-2009'],
      ['countries', '--search', 'china'],
      ['datasets'],
    ];
    const failures: string[] = [];
    for (const argv of commands) {
      const onFile = capture();
      const onCluster = capture({ LANTERN_STORE: url });
      const fileCode = await runCli([...argv, '--format', 'json', '--db', db], onFile.effects);
      expect(fileCode, `${argv.join(' ')} on DuckDB: ${onFile.err.join('')}`).toBe(0);
      const code = await runCli([...argv, '--format', 'json'], onCluster.effects);
      if (code !== 0) {
        failures.push(`${argv.join(' ')} → exit ${code}: ${onCluster.err.join('').slice(0, 400)}`);
        continue;
      }
      const diffs = differences(JSON.parse(onCluster.out.join('')), JSON.parse(onFile.out.join('')));
      if (diffs.length) failures.push(`${argv.join(' ')}: ${diffs.slice(0, 5).join('; ')}`);
    }
    expect(failures).toEqual([]);
    // The flag wins over the environment, and a malformed URL is refused with the form expected.
    const bad = capture({ LANTERN_STORE: url });
    expect(await runCli(['datasets', '--store', 'clickhouse://nohost/lantern'], bad.effects)).toBe(1);
    expect(bad.err.join('')).toMatch(/not HOST:PORT[\s\S]*clickhouse:\/\/HOST:PORT/);
  });
});

// The same page APIs on a current ClickHouse engine (chdb: ClickHouse 26.x in process, behind the
// HTTP interface the store speaks; test/chdb.ts), so the SQL is right on today's releases too.
describe.skipIf(!hasChdb())('the app on a current ClickHouse engine (chdb) answers as on DuckDB', () => {
  let engine: ChdbServer;
  let duck: Store;

  beforeAll(() => {
    engine = startChdb();
  });

  afterAll(async () => {
    await duck?.close();
    engine?.stop();
  });

  it('every GET route on the reconciled (BACI) fixture world', async () => {
    const ch = await openClickHouseStore({ url: engine.url, fetch: engine.fetch });
    duck = await openFixtureStore();
    await pushToClickHouse(duck, ch);
    const apis = {
      onDuck: await createApi({ store: duck, dbPath: 'lantern.duckdb', log: () => {} }),
      onCh: await createApi({ store: ch, dbPath: 'lantern.duckdb', log: () => {} }),
    };
    const { compared, failures } = await compareRoutes(apis, (ex) => ex.fixture === undefined);
    expect(failures).toEqual([]);
    expect(compared.length).toBeGreaterThan(60);
  });
});
