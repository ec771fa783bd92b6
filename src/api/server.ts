/**
 * `lantern serve`'s server: the API (app.ts) and the dashboard's static assets on one port.
 *
 * - `/api/v1/…` and `/api`: the API (app.ts).
 * - `/assets/…`: hashed bundles, cached for a year (immutable).
 * - any other GET: a file of web/dist, else index.html (the dashboard routes on the client, so
 *   shared URLs like `/market-finder?exporter=CHN` open the right page).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import type { Context } from 'hono';
import { coreBudget, isDuckDBStore, LEASE_GRANTED, LEASE_HEADER, LEASE_PATH, type Store } from '../store/index.ts';
import { type Api, createApi } from './app.ts';
import { favourEventLoop } from './thread-priority.ts';
import { webRoot } from './web-assets.ts';

export interface ServeOptions {
  store: Store;
  dbPath: string;
  readOnly?: boolean;
  /** Largest request body, in bytes (config maxBodyBytes). */
  maxBodyBytes?: number;
  /** Read connections besides the main one (config readConnections; default READ_CONNECTIONS). */
  readConnections?: number;
  /** Heavy statements at once (config heavyReads; default from the cores: store/lanes.ts coreBudget). */
  heavyReads?: number;
  port?: number;
  host?: string;
  /** Folder of the built dashboard (default web/dist). */
  webDist?: string;
  /** The secret another Lantern process sends to lease the store file (store/server-file.ts); none: no leases. */
  leaseSecret?: string;
  /** The nice value of the process's other threads, below the event loop (thread-priority.ts; config threadNice; 0 or none: left alone). */
  threadNice?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  api: Api;
  close: () => Promise<void>;
}

const FALLBACK_PAGE = `<!doctype html><meta charset="utf-8"><title>Lantern</title>
<body style="font:16px system-ui;margin:3rem"><h1>Lantern</h1><p>The dashboard has not been built (Vite is not installed).
Run <code>npm ci</code> then <code>npm start</code>. The API works: <a href="/api">/api</a>, <a href="/api/v1/status">/api/v1/status</a>.</p>`;

/** Builds the app: API plus static dashboard. Exposed for tests (`app.request`). */
export async function createServerApp(options: Omit<ServeOptions, 'port' | 'host'>): Promise<Api> {
  const api = await createApi({ store: options.store, readOnly: options.readOnly, dbPath: options.dbPath, maxBodyBytes: options.maxBodyBytes, log: options.log });
  const dist = options.webDist ?? join(webRoot, 'dist');
  const { app } = api;
  if (options.leaseSecret) app.post(`/${LEASE_PATH}`, leaseHandler(options.store, options.leaseSecret, api, options.log));
  app.use('*', compress());
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set('cache-control', 'public, max-age=31536000, immutable');
  });
  const statics = serveStatic({ root: dist });
  app.use('*', (c, next) => (c.req.path.startsWith('/api') ? next() : statics(c, next)));
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound();
    const index = join(dist, 'index.html');
    c.header('cache-control', 'no-cache');
    return c.html(existsSync(index) ? readFileSync(index, 'utf8') : FALLBACK_PAGE);
  });
  return api;
}

/**
 * Connections for reads besides the store's main one: a cheap request runs on an idle one instead
 * of waiting behind an expensive answer (DuckDB shares its threads between them).
 */
export const READ_CONNECTIONS = 4;

/** Starts listening; resolves once the port is bound. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const api = await createServerApp(options);
  if (isDuckDBStore(options.store)) {
    const n = options.readConnections ?? READ_CONNECTIONS;
    await options.store.useReaders(n, coreBudget(n, availableParallelism(), options.heavyReads));
  }
  const stopFavouring = favourEventLoop(options.threadNice ?? 0);
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: api.app.fetch, port: options.port ?? 4173, hostname: host }, (info: AddressInfo) => {
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
      resolvePromise({
        url: `http://${shownHost}:${info.port}/`,
        port: info.port,
        api,
        close: () =>
          new Promise<void>((r) => {
            stopFavouring();
            server.close(() => r());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.on('error', reject);
  });
}

/**
 * A lease of the store file to another Lantern process (store/server-file.ts): the store is
 * suspended (closed once the work under way is done; requests wait), the answer's first line says
 * so, and the answer stays open. When the other process closes it (done, or dead), the store is
 * opened again and the answer cache is emptied: the other process may have written.
 */
function leaseHandler(store: Store, secret: string, api: Api, log?: (line: string) => void) {
  return async (c: Context) => {
    if (c.req.header(LEASE_HEADER) !== secret || !isDuckDBStore(store)) {
      return c.json({ ok: false, error: 'This lease needs the secret of the server file.', status: 403 }, 403);
    }
    const resume = await store.suspend();
    log?.('the store file is lent to another lantern process; requests wait');
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      api.cache.clear();
      void resume().then(() => {
        api.cache.clear();
        log?.('the store file is back; requests go on');
      });
    };
    c.req.raw.signal.addEventListener('abort', end);
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode(`${LEASE_GRANTED}\n`)),
      cancel: end,
    });
    return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  };
}
