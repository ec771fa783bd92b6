/**
 * The HTTP API: a Hono app serving `/api/v1` (JSON envelope, `.csv` variants, OpenAPI document)
 * and the readable API page at `/api`. The resource modules are listed in `routes/index.ts`: adding a
 * resource is one new file plus one line there (see CONTEXT.md). A module that fails to build its
 * routes fails the start: no resource silently vanishes from the API.
 *
 * Invariants:
 * - Every response under `/api/v1` is the success or the error envelope (envelope.ts), or CSV.
 * - One `onError` maps LanternError → its status and problems, zod errors → 400, bugs → 500.
 * - The API never writes unless a route is a write route and the store is writable.
 *
 * @example
 *   const api = await createApi({ store });
 *   const res = await api.app.request('/api/v1/status');
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { ZodError } from 'zod';
import { API_VERSION } from '../queries/index.ts';
import { ownGroupsState } from '../reference/index.ts';
import type { Store } from '../store/index.ts';
import { errorEnvelope, errorOf, zodToLanternError } from './envelope.ts';
import { renderApiPage } from './docs.ts';
import { readOnlyCors, securityHeaders, writeGuard } from './guard.ts';
import { type ApiDeps, createRouter, exampleUrlOf, FORMAT_HEADER, requestHeader, ResponseCache, type RouteEntry } from './router.ts';
import { RouteCosts } from './route-costs.ts';
import { type NamedRouteModule, routeModules } from './routes/index.ts';

export const API_BASE = '/api/v1';
/** The version of the wire contract, declared beside the status read model that reports it. */
export { API_VERSION };

export interface CreateApiOptions {
  store: Store;
  readOnly?: boolean;
  dbPath?: string;
  now?: () => Date;
  log?: (line: string) => void;
  /** Largest request body accepted, in bytes (default guard.ts DEFAULT_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** Largest uploaded file (routes with `upload`), in bytes (default guard.ts DEFAULT_MAX_UPLOAD_BYTES). */
  maxUploadBytes?: number;
  /** Route modules to use instead of the manifest `routes/index.ts` (tests). */
  modules?: readonly NamedRouteModule[];
}

export interface Api {
  /** The root Hono app: mount web assets on it, or call `app.request()` in tests. */
  app: Hono;
  /** Every route, with its examples. */
  table: RouteEntry[];
  cache: ResponseCache;
  /** Which lane each route's reads run in, declared or measured (route-costs.ts). */
  costs: RouteCosts;
  deps: ApiDeps;
  /** The OpenAPI 3.1 document. */
  openapi: () => Record<string, unknown>;
}

function onError(e: Error, c: Context): Response {
  const env = e instanceof ZodError ? errorEnvelope(zodToLanternError(e, 'query')) : errorEnvelope(e);
  if (env.status >= 500) console.error(`[lantern api] ${c.req.method} ${c.req.path}: ${e.stack ?? e.message}`);
  return c.json(env, env.status as 400);
}

/**
 * Kept whole: the app's assembly in the order a request meets it (CORS, the `.csv` and `.parquet`
 * variants, the route table and its OpenAPI document, static files, errors); each step is short and
 * reads best in sequence.
 */
export async function createApi(options: CreateApiOptions): Promise<Api> {
  const cache = new ResponseCache();
  const costs = new RouteCosts();
  let table: RouteEntry[] = [];
  const deps: ApiDeps = {
    store: options.store,
    readOnly: options.readOnly ?? options.store.readOnly,
    dbPath: options.dbPath ?? ':memory:',
    now: options.now ?? (() => new Date()),
    invalidate: () => cache.clear(),
    log: options.log ?? ((line) => console.error(line)),
    resources: () => [...new Set(table.flatMap((r) => r.tags))].sort(),
  };

  const api = new OpenAPIHono({
    strict: false,
    defaultHook: (result) => {
      if (!result.success) throw zodToLanternError(result.error as unknown as ZodError, (result as { target?: string }).target === 'param' ? 'path' : 'query');
    },
  });
  api.onError(onError);
  // The user's own country groups follow their folder (reference/country-groups.ts): answers kept
  // from before an edit (a group= filter, /groups) are dropped when it changes.
  let groupsSeen = ownGroupsState();
  api.use('*', async (_c, next) => {
    const now = ownGroupsState();
    if (now !== groupsSeen) {
      groupsSeen = now;
      cache.clear();
    }
    await next();
  });
  const { router, table: routeTable } = createRouter(api, deps, cache, costs);
  table = routeTable;

  for (const m of options.modules ?? routeModules) {
    try {
      m.routes(router, deps);
    } catch (e) {
      throw new Error(`The API cannot start: route module "${m.name}" failed to build its routes: ${(e as Error).message}`, { cause: e });
    }
  }

  let doc: Record<string, unknown> | undefined;
  const openapi = () => {
    doc ??= api.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Lantern API',
        version: API_VERSION,
        description:
          'Open observatory of international trade in cultural goods and services. Every answer is `{ ok: true, … }` or `{ ok: false, error, errors, status }`; add `.csv` to a path for CSV, `.parquet` for Parquet; long lists take `limit` and `offset`.',
      },
      servers: [{ url: API_BASE }],
    }) as unknown as Record<string, unknown>;
    return doc;
  };

  // The route table itself and the OpenAPI document.
  api.get('/openapi.json', (c) => c.json(openapi()));
  api.get('/', (c) =>
    c.json({
      ok: true,
      data: {
        name: 'Lantern API',
        version: API_VERSION,
        openapi: `${API_BASE}/openapi.json`,
        routes: table.map((r) => ({
          method: r.method.toUpperCase(),
          path: r.path,
          summary: r.summary,
          tags: r.tags,
          paginated: r.paginated,
          csv: r.csv,
          example: r.examples.valid[0] ? `${API_BASE}${exampleUrlOf(r.path, r.examples.valid[0])}` : undefined,
        })),
      },
    }),
  );
  const notFound = (c: Context) => {
    const env = errorOf('not-found', `No endpoint ${c.req.method} ${c.req.path}.`, [
      { message: 'unknown path', found: c.req.path, hint: `see ${API_BASE}/ for the list of endpoints, or /api for the API page` },
    ]);
    return c.json(env, 404);
  };
  api.notFound(notFound);

  const app = new Hono({ strict: false });
  app.onError(onError);
  app.notFound((c) => (c.req.path.startsWith('/api') ? notFound(c) : c.text('Not found', 404)));
  app.use('*', securityHeaders);
  // An open data API: any site may read it; writes get no CORS headers and need the registry's token.
  app.use(`${API_BASE}/*`, readOnlyCors());
  const uploadPaths = new Set(table.filter((r) => r.upload).map((r) => `${API_BASE}${r.path}`));
  app.use(`${API_BASE}/*`, writeGuard(deps, options.maxBodyBytes, { paths: uploadPaths, maxBytes: options.maxUploadBytes }));
  // `.csv` and `.parquet` variants: /api/v1/x.csv is /api/v1/x answered as CSV, x.parquet as Parquet.
  // The path is looked at in the URL's text first: most requests are neither, and need no URL object.
  // The variant is answered without Node's `incoming` in its env: its headers are the Request's.
  app.use(`${API_BASE}/*`, async (c, next) => {
    const text = c.req.url.split('?', 1)[0]!;
    if (!text.endsWith('.csv') && !text.endsWith('.parquet')) return next();
    const url = new URL(c.req.url);
    const variant = (['csv', 'parquet'] as const).find((f) => url.pathname.endsWith(`.${f}`));
    if (variant && !requestHeader(c, FORMAT_HEADER)) {
      url.pathname = url.pathname.slice(0, -(variant.length + 1));
      const headers = new Headers(c.req.raw.headers);
      headers.set(FORMAT_HEADER, variant);
      return app.fetch(new Request(url, { method: c.req.method, headers }), { ...(c.env as object), incoming: undefined });
    }
    return next();
  });
  app.route(API_BASE, api);
  app.get('/api', (c) => c.html(renderApiPage(openapi(), table, API_BASE)));
  app.get('/api/', (c) => c.redirect('/api'));

  return { app, table, cache, costs, deps, openapi };
}

/**
 * The resources (route tags) the API offers over `store`, as its `/status` lists them: what
 * `lantern status` reports beside its own store, so that both edges answer the same object. Builds
 * the route table only; nothing is served and no route runs.
 */
export async function apiResources(store: Store): Promise<string[]> {
  return (await createApi({ store, log: () => {} })).deps.resources();
}
