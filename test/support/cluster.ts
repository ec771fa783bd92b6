/**
 * The start-up the cluster write tests share: a 2-shard ClickHouse cluster on loopback (Debian's
 * clickhouse-server, test/clickhouse-server.ts) holding the reference tables of a DuckDB store with
 * no trade yet (pushed once, as a user fills a cluster with `lantern cluster push`), and what those
 * tests read past the run-id filter: rows per server, and the wait for background deletions.
 *
 * `serveCluster` runs `lantern serve --store clickhouse://…` with the built CLI as a process.
 *
 * @example
 *   const c = await startFilledCluster();
 *   await runCli(['import', file], { …, env: { LANTERN_STORE: c.storeUrl } });
 *   await c.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pushToClickHouse } from '../../src/store/clickhouse/push.ts';
import { type ClickHouseStore, openClickHouseStore } from '../../src/store/clickhouse.ts';
import type { Store } from '../../src/store/db.ts';
import { raw, sql } from '../../src/store/sql.ts';
import { type ClickHouseCluster, startClickHouseCluster } from '../clickhouse-server.ts';
import { openFixtureStore } from '../integration/api-fixture.ts';
import { repoRoot } from '../shared.ts';

export interface FilledCluster {
  cluster: ClickHouseCluster;
  /** The cluster as a store (database `lantern`). */
  ch: ClickHouseStore;
  /** The store the reference tables came from: reference data, no trade (a DuckDB to compare with). */
  reference: Store;
  /** `clickhouse://HOST:PORT,HOST:PORT/lantern?cluster=NAME`, as `--store` or LANTERN_STORE takes it. */
  storeUrl: string;
  /** Closes the reference store and stops the servers. */
  stop(): Promise<void>;
}

/** `--store` URL of a test cluster. */
export function clusterStoreUrl(cluster: ClickHouseCluster, database = 'lantern'): string {
  return `clickhouse://${cluster.urls.map((u) => u.replace('http://', '')).join(',')}/${database}?cluster=${cluster.cluster}`;
}

/**
 * Starts 2 shards and pushes to them a store holding the reference data only (`push: false`
 * leaves them empty, for a test that fills them itself).
 */
export async function startFilledCluster(options: { push?: boolean } = {}): Promise<FilledCluster> {
  const cluster = await startClickHouseCluster({ shards: 2 });
  try {
    const ch = await openClickHouseStore({ urls: cluster.urls, cluster: cluster.cluster });
    const reference = await openFixtureStore({ empty: true });
    if (options.push !== false) await pushToClickHouse(reference, ch);
    return {
      cluster,
      ch,
      reference,
      storeUrl: clusterStoreUrl(cluster),
      stop: async () => {
        await reference.close();
        await cluster.stop();
      },
    };
  } catch (e) {
    await cluster.stop();
    throw e;
  }
}

/** Waits until the servers have finished their deletions (mutations run in the background); a hang guard, not a timing test. */
export async function mutationsDone(ch: ClickHouseStore): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const pending = await Promise.all(
      ch.urls.map(async (u) => Number((await ch.queryOn<{ n: number }>(u, sql`select count() as n from system.mutations where is_done = 0`, { database: null }))[0]?.n ?? 0)),
    );
    if (pending.every((n) => n === 0)) return;
    if (Date.now() > deadline) throw new Error('ClickHouse mutations did not finish');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Rows of a table on each server where `where` holds, read past the run-id filter. */
export async function rowsPerServer(ch: ClickHouseStore, table: string, where: string): Promise<number[]> {
  return Promise.all(
    ch.urls.map(async (u) => Number((await ch.queryOn<{ n: number }>(u, sql`select count() as n from ${raw(ch.qualified(table))} where ${raw(where)}`))[0]?.n ?? 0)),
  );
}

export interface ServedCluster {
  /** The dashboard's URL, `http://127.0.0.1:PORT/`; the API is under `api/v1`. */
  url: string;
  /** Stops the server (SIGTERM to the process this started) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * `lantern serve --store URL --port 0 --no-build` with the built CLI (`bin/lantern.mjs`, dist/ must
 * be built), as a user starts it; resolves with its URL once it prints it. `--no-build`: the caller
 * builds the dashboard first (ensureWebBuild) if it opens pages.
 */
export async function serveCluster(storeUrl: string, extra: string[] = []): Promise<ServedCluster> {
  const server: ChildProcess = spawn(process.execPath, [join(repoRoot, 'bin', 'lantern.mjs'), 'serve', '--store', storeUrl, '--port', '0', '--no-build', ...extra], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      server.stderr?.on('data', (d) => (err += d));
      server.on('exit', (code) => reject(new Error(`lantern serve exited ${code}: ${err}`)));
      server.stdout?.on('data', (d) => {
        out += d;
        const m = /dashboard\s+(http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1] as string);
      });
    });
    return { url, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
