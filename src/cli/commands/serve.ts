/**
 * `lantern serve`: opens (or creates) the store — the DuckDB file, or the ClickHouse cluster of
 * `--store` — loads the reference data (DuckDB), builds the dashboard
 * if its assets are missing or stale, and serves API + dashboard until interrupted.
 * `npm start` runs it with the defaults (./lantern.duckdb, http://127.0.0.1:4173/). While it runs,
 * other lantern commands on the same store borrow the file from it (store/server-file.ts).
 */
import type { Command } from 'commander';
import { ensureWebBuild, startServer } from '../../api/index.ts';
import { prepareStore } from '../../setup.ts';
import { describeLocation, isClickHouseStore, isClusterLocation, newLeaseSecret, openStoreAt, writeServerFile } from '../../store/index.ts';
import { type CliContext, useConfiguredGroups } from '../context.ts';

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the dashboard and the HTTP API (default http://127.0.0.1:4173/)')
    .option('--port <n>', 'port to listen on (default 4173, or $LANTERN_PORT; 0 picks a free port)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1, or $LANTERN_HOST)')
    .option('--read-only', 'open the store read-only: the API refuses writes, several servers may share the file')
    .option('--no-build', 'do not build the dashboard even when web/dist is missing or stale')
    .option('--no-warm', "do not compute the first page's answers in the background at start")
    .action(async (opts: { readOnly?: boolean; build?: boolean; warm?: boolean }, cmd: Command) => {
      const config = ctx.config(cmd);
      const { stdout, stderr } = ctx.effects;
      const log = (s: string) => stderr(`${s}\n`);
      if (opts.build !== false) await ensureWebBuild({ log });
      await useConfiguredGroups(config);
      const store = await openStoreAt(config, { readOnly: Boolean(opts.readOnly) });
      const bar = ctx.progress();
      await prepareStore(store, { onProgress: bar.onProgress }).finally(bar.stop);
      // A cluster is shared over HTTP: there is no file to lend, hence no lease.
      const cluster = isClusterLocation(config);
      // Its write routes (registry, baskets, tokens) are refused with the way round (store/clickhouse.ts).
      if (isClickHouseStore(store)) store.refuseWrites('a write through the API of `lantern serve --store clickhouse://…`');
      const leaseSecret = cluster ? undefined : newLeaseSecret();
      const server = await startServer({
        store,
        dbPath: describeLocation(config),
        readOnly: Boolean(opts.readOnly),
        maxBodyBytes: config.maxBodyBytes,
        readConnections: config.readConnections,
        heavyReads: config.heavyReads,
        threadNice: config.threadNice,
        port: config.port,
        host: config.host,
        log,
        leaseSecret,
      });
      // Other lantern processes on this store (CLI reads, imports, demo…) find the server here and
      // borrow the file from it while they run (store/server-file.ts).
      const removeServerFile = leaseSecret
        ? writeServerFile(config.db, { pid: process.pid, url: server.url, secret: leaseSecret })
        : () => {};
      stdout(`Lantern is serving ${describeLocation(config)}${opts.readOnly ? ' (read-only)' : ''}\n`);
      stdout(`  dashboard  ${server.url}\n  API        ${server.url}api\n`);
      stdout('Press Ctrl+C to stop.\n');
      // The first page a visitor sees (Overview of CHN) costs seconds on a big store: compute its
      // answers now, in the background, so they are in the answer cache. Failures are ignored
      // (e.g. an empty store); the visitor's own request will report them.
      if (opts.warm !== false) void warmFirstPage(server.api.app.request.bind(server.api.app));
      await new Promise<void>((resolveStop) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolveStop();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      removeServerFile();
      await server.close();
      await store.close();
      stdout('stopped.\n');
    });
}

/**
 * The API requests of the dashboard's first page, in the order it makes them: it opens on the
 * store's default country (`/status` → `defaults.country`, the largest reporter).
 */
export function firstPageRequests(country: string | null): string[] {
  return [
    '/api/v1/status',
    '/api/v1/countries?limit=5000',
    '/api/v1/baskets',
    '/api/v1/groups',
    ...(country ? [`/api/v1/profiles/country/${country}?basket=unesco-fcs-2009&top=50`] : []),
  ];
}

async function warmFirstPage(request: (path: string) => Response | Promise<Response>): Promise<void> {
  let country: string | null = null;
  try {
    const status = (await (await request('/api/v1/status')).json()) as { data?: { defaults?: { country: string | null } } };
    country = status.data?.defaults?.country ?? null;
  } catch {
    // ignored: see above
  }
  for (const path of firstPageRequests(country)) {
    try {
      await (await request(path)).arrayBuffer();
    } catch {
      // ignored: see above
    }
  }
}
