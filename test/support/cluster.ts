/**
 * The start-up the cluster write tests share: a 2-shard ClickHouse cluster on loopback (Debian's
 * clickhouse-server, test/clickhouse-server.ts) holding the reference tables of a DuckDB store with
 * no trade yet (pushed once, as a user fills a cluster with `lantern cluster push`), and what those
 * tests read past the run-id filter: rows per server, and the wait for background deletions.
 *
 * @example
 *   const c = await startFilledCluster();
 *   await runCli(['import', file], { …, env: { LANTERN_STORE: c.storeUrl } });
 *   await c.stop();
 */
import { pushToClickHouse } from '../../src/store/clickhouse/push.ts';
import { type ClickHouseStore, openClickHouseStore } from '../../src/store/clickhouse.ts';
import type { Store } from '../../src/store/db.ts';
import { raw, sql } from '../../src/store/sql.ts';
import { type ClickHouseCluster, startClickHouseCluster } from '../clickhouse-server.ts';
import { openFixtureStore } from '../integration/api-fixture.ts';

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
