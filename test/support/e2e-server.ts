/**
 * The start-up the dashboard e2e files share: a store served by `lantern serve`'s server on a free
 * loopback port with the dashboard built, and its teardown. `serveDemo` fills a scratch store with
 * the seeded demo world through the CLI first (as a user would: `lantern demo --rows N`);
 * `serveImported` a file given to `lantern import` in a new store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '../../src/api/server.ts';
import { ensureWebBuild } from '../../src/api/web-assets.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { captureCli } from '../cli.ts';

export interface Served {
  store: Store;
  server: RunningServer;
  /** Stops the server and closes the store (and removes the scratch folder of `serveDemo`). */
  close: () => Promise<void>;
}

/** Serves a filled store; `dbPath` is what /status names. */
export async function serveStore(store: Store, dbPath: string): Promise<Served> {
  await ensureWebBuild();
  const server = await startServer({ store, dbPath, port: 0, host: '127.0.0.1', log: () => {} });
  return {
    store,
    server,
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}

/** The demo world of `rows` rows in a scratch folder named after `what`, served. */
export function serveDemo(rows: number, what: string): Promise<Served> {
  return serveAfter(['demo', '--rows', String(rows)], what);
}

/** A new store in a scratch folder named after `what`, filled by `lantern import file`, served. */
export function serveImported(file: string, what: string): Promise<Served> {
  return serveAfter(['import', file], what);
}

/** Runs the CLI command `args` on a new store in a scratch folder, then serves that store. */
async function serveAfter(args: string[], what: string): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), `lantern-e2e-${what}-`));
  const db = join(dir, `${what}.duckdb`);
  const run = await captureCli([...args, '--db', db], { cwd: dir });
  if (run.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`lantern ${args.join(' ')} failed (exit ${run.code}): ${run.err}`);
  }
  const served = await serveStore(await openStore({ path: db }), db);
  return {
    ...served,
    close: async () => {
      await served.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
