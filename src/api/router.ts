/**
 * The route framework every resource module uses. A module declares routes with `app.get(spec,
 * handler)` (or post/put/delete); the router then, for every route and without the module doing
 * anything:
 *
 * - documents it in the OpenAPI document (path, query, body, examples) through @hono/zod-openapi's
 *   registry;
 * - validates path, query and body with the module's zod schemas — query strings are converted to
 *   the types the schema expects (queries/coerce.ts); unknown query keys (`__proto__` and `_x`
 *   too) are a 400 that lists the known ones, as are a key without a name (`?=1`) and a one-value
 *   key given twice (`?limit=1&limit=2`);
 * - wraps the answer in the success envelope, pages long lists (`limit`, `offset`, `total`,
 *   `next`), serves the `.csv` variant of the same rows, sets an ETag and answers 304, and caches
 *   GET answers until the data changes (`deps.invalidate()`, called after every successful write);
 * - refuses writes on a read-only store.
 *
 * Invariants: a handler never builds an envelope or a Response itself; it returns a RouteResult or
 * throws a LanternError. The route table (`router.table`) lists every route with its examples; a
 * test walks it (test/integration/api-routes.test.ts).
 */
import * as crypto from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { isLanternError, LanternError } from '../errors.ts';
import { inLane, type Lane, type Store, WorkTicket } from '../store/index.ts';
import type { ApiMeta, ApiOk } from '../contract.ts';
import { flattenObject, rowsToCsv, zodToLanternError } from './envelope.ts';
import { guardedResponse } from './guard.ts';
import { PARQUET_TYPE, parquetBytes } from './parquet-answer.ts';
import { coerceQuery, queryValues, type ReadModel, shapeOf } from '../queries/index.ts';
import { jsonDepth, MAX_JSON_DEPTH } from '../sources/index.ts';
import { RouteCosts } from './route-costs.ts';

export type Row = Record<string, unknown>;

/** What every route module is handed. */
export interface ApiDeps {
  store: Store;
  /** True when the store was opened read-only (`lantern serve --read-only`): writes are refused. */
  readOnly: boolean;
  /** The store file as the user named it (for the status page), or ':memory:'. */
  dbPath: string;
  now: () => Date;
  /** Drops cached answers; call it after changing data outside a write route. */
  invalidate: () => void;
  log: (line: string) => void;
  /** Resource names that have endpoints (tags of the route table), e.g. to show `registry` in the navigation. */
  resources: () => string[];
}

/** A request to use in the route-table test and the API page. */
export interface RouteExample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** For invalid examples: the HTTP status expected (default: any 4xx). */
  status?: number;
  /** For invalid examples: a word the error message must contain (the offending field, say). */
  mentions?: string;
  /** The test store the example needs: 'reported' = Comtrade-style reported rows (mirror indicators). Default: the BACI fixture. */
  fixture?: 'reported';
}

export interface RouteSpec<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
> {
  /** OpenAPI-style path under /api/v1, e.g. `/countries/{iso3}`. */
  path: string;
  summary: string;
  description?: string;
  /** The resource name(s), used to group the API page. Default: the first path segment. */
  tags?: string[];
  params?: P;
  query?: Q;
  body?: B;
  /**
   * The request body is a file's bytes (Content-Type application/octet-stream), described here for
   * the OpenAPI document; the handler streams it from `c.req.raw.body`. The write guard caps it at
   * `maxUploadBytes` instead of `maxBodyBytes`.
   */
  upload?: string;
  /** Page the `rows` of the answer (adds `limit` and `offset`). `true` = default 100, max 5000. */
  paginate?: boolean | { defaultLimit?: number; maxLimit?: number };
  /** Offer `<path>.csv` (default true for GET). */
  csv?: boolean;
  /** Cache the answer until the data changes (default true for GET). */
  cache?: boolean;
  /**
   * The lane of its reads (route-costs.ts): `light` for a lookup in a small table, which then never
   * waits behind heavy reads for a connection. Default: measured from its answers.
   */
  cost?: Lane;
  /** zod schema of `data` (documentation only). */
  response?: z.ZodType;
  /**
   * Examples. `valid` requests must succeed on the test fixture store; `invalid` ones must fail with
   * a 4xx error envelope. Every route needs at least one valid example; routes that take input need
   * at least one invalid one (the route-table test enforces it).
   */
  examples: { valid: RouteExample[]; invalid?: RouteExample[] };
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
/** The query as sent: the schema's input type (text converted, defaults not applied). */
type InferIn<T> = T extends z.ZodType ? z.input<T> : Record<string, never>;

export interface HandlerInput<P, Q, B, QI = Record<string, unknown>> {
  params: P;
  query: Q;
  /** The query before validation (text converted to the schema's types, defaults not applied), for read models that parse their input themselves. */
  rawQuery: QI;
  body: B;
  /**
   * Set on paged routes: the handler may page in SQL (then return `total`), else the router slices.
   * `total` is the answer's row count when an earlier page of the same answer counted it.
   */
  page: { limit: number; offset: number; total?: number } | undefined;
  deps: ApiDeps;
  c: Context;
}

/** What a handler returns. The router wraps it in the envelope. */
export interface RouteResult {
  data?: unknown;
  /** Rows: plain objects (any interface type). */
  rows?: readonly object[];
  /** Total number of rows when the handler paged them itself. */
  total?: number;
  meta?: ApiMeta;
  /** Extra tables for the CSV variant, chosen with `?table=NAME` (default: `rows`). */
  tables?: Record<string, readonly object[]>;
  /** The rows of the `.csv` / `.parquet` variant when they are not `rows` (a listing's flat rows). */
  flat?: readonly object[];
}

/**
 * A read model's answer as a route returns it: its wire type as `data` (the object `lantern …
 * --format json` prints), its own list as `rows` where it has one, its tables for `.csv?table=`,
 * and its provenance in `meta`.
 */
export function modelAnswer<D, X>(model: ReadModel<z.ZodObject, D, X>, d: D): RouteResult {
  const list = model.list?.(d);
  const flat = model.rows(d);
  return {
    ...(model.rowsOnly ? {} : { data: d }),
    ...(list ? { rows: list } : {}),
    // A listing's `.csv` is its flat rows, as `lantern … --format csv` prints them (one row per
    // entry of the list, lists and names spread into cells), not the JSON rows written as cells.
    ...(model.rowsOnly ? { flat } : {}),
    tables: model.tables?.(d) ?? { flat },
    meta: { provenance: model.provenance(d) },
  };
}

export type Handler<P, Q, B, QI = Record<string, unknown>> = (input: HandlerInput<P, Q, B, QI>) => Promise<RouteResult> | RouteResult;

export type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteEntry {
  method: Method;
  path: string;
  honoPath: string;
  summary: string;
  tags: string[];
  paginated: boolean;
  csv: boolean;
  hasInput: boolean;
  /** The body is a file's bytes (`RouteSpec.upload`). */
  upload: boolean;
  examples: { valid: RouteExample[]; invalid: RouteExample[] };
}

/** The object a route module receives as `app`. */
export interface ApiRouter {
  get<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
    spec: RouteSpec<P, Q, undefined>,
    handler: Handler<Infer<P>, Infer<Q>, undefined, InferIn<Q>>,
  ): void;
  post<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
    spec: RouteSpec<P, Q, B>,
    handler: Handler<Infer<P>, Infer<Q>, Infer<B>, InferIn<Q>>,
  ): void;
  put<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
    spec: RouteSpec<P, Q, B>,
    handler: Handler<Infer<P>, Infer<Q>, Infer<B>, InferIn<Q>>,
  ): void;
  delete<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
    spec: RouteSpec<P, Q, undefined>,
    handler: Handler<Infer<P>, Infer<Q>, undefined, InferIn<Q>>,
  ): void;
  /** The underlying Hono app, for the rare route that must answer with something else than JSON. */
  readonly hono: OpenAPIHono;
}

/** A resource module: `export const routes: RouteModule = (app, deps) => { app.get(…) }`. */
export type RouteModule = (app: ApiRouter, deps: ApiDeps) => void;

/** The header the `.csv` rewrite sets (app.ts). */
export const FORMAT_HEADER = 'x-lantern-format';

/**
 * A request header, read without building the Request's Headers object when the request came in
 * over HTTP: @hono/node-server hands Node's own parsed headers over as `c.env.incoming`. Elsewhere
 * (`app.request` in tests, a `.csv` variant re-dispatched by app.ts, which passes no `incoming`)
 * it is read from the Request.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: { headers?: Record<string, string | string[] | undefined> } } | undefined)?.incoming;
  if (!incoming?.headers) return c.req.header(name);
  const v = incoming.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

interface CachedAnswer {
  /** Text (JSON, CSV) or bytes (Parquet). */
  body: string | Uint8Array<ArrayBuffer>;
  etag: string;
  type: string;
  status: number;
}

/** A small LRU of GET answers, bounded in entries and bytes, emptied whenever the data changes. */
export class ResponseCache {
  private map = new Map<string, CachedAnswer>();
  private bytes = 0;
  hits = 0;
  misses = 0;
  constructor(
    private readonly max = 1000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}
  get(key: string): CachedAnswer | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
      this.hits++;
    } else this.misses++;
    return v;
  }
  set(key: string, v: CachedAnswer): void {
    if (v.body.length > this.maxBytes / 4) return; // one huge answer must not flush the rest
    const old = this.map.get(key);
    if (old) {
      this.bytes -= old.body.length;
      this.map.delete(key);
    }
    this.map.set(key, v);
    this.bytes += v.body.length;
    while (this.map.size > this.max || this.bytes > this.maxBytes) {
      const oldest = this.map.keys().next().value as string;
      this.bytes -= this.map.get(oldest)!.body.length;
      this.map.delete(oldest);
    }
  }
  clear(): void {
    this.map.clear();
    this.bytes = 0;
    this.results.clear();
    this.running.clear();
    this.totals.clear();
    this.generation++;
  }

  /** Whole answers (before paging) of recent reads, newest last; and the reads being computed. */
  private results = new Map<string, unknown>();
  /** Row counts of answers paged in SQL, by `wholeKey`: the next page need not count again. */
  private totals = new Map<string, number>();
  private running = new Map<string, { pagedKey: string; promise: Promise<unknown> }>();
  private generation = 0;
  /** Changes on every `clear()`: an answer computed across a write is not kept. */
  get epoch(): number {
    return this.generation;
  }
  /** The row count of an answer an earlier page counted (`wholeKey`), if known. */
  total(wholeKey: string): number | undefined {
    return this.totals.get(wholeKey);
  }

  /** Keeps the row count of an answer paged in SQL, unless a write landed since `epoch`. */
  keepTotal(wholeKey: string, total: number, epoch: number): void {
    if (epoch !== this.generation) return;
    this.totals.set(wholeKey, total);
    if (this.totals.size > 256) this.totals.delete(this.totals.keys().next().value as string);
  }

  /** How many answers `shared` computed (tests check that concurrent and paged reads share one). */
  computed = 0;

  /**
   * A read's answer, computed once: a read already under way for the same answer (`wholeKey`: the
   * request less limit/offset) is awaited instead of computed again, and a whole answer (`isWhole`:
   * one the router pages) is kept for the next pages. An answer paged in SQL is shared only by
   * requests for the same page (`pagedKey`). `clear()` (every write) forgets both.
   */
  async shared<T>(wholeKey: string, pagedKey: string, compute: () => Promise<T>, isWhole: (r: T) => boolean): Promise<T> {
    if (this.results.has(wholeKey)) {
      const hit = this.results.get(wholeKey) as T;
      this.results.delete(wholeKey);
      this.results.set(wholeKey, hit);
      return hit;
    }
    const under = this.running.get(wholeKey);
    if (under) {
      const r = (await under.promise) as T;
      if (isWhole(r) || under.pagedKey === pagedKey) return r;
      this.computed++;
      return compute();
    }
    const generation = this.generation;
    this.computed++;
    const promise = compute();
    this.running.set(wholeKey, { pagedKey, promise });
    try {
      const r = await promise;
      if (generation === this.generation && isWhole(r)) {
        this.results.set(wholeKey, r);
        if (this.results.size > 64) this.results.delete(this.results.keys().next().value as string);
      }
      return r;
    } finally {
      if (this.running.get(wholeKey)?.promise === promise) this.running.delete(wholeKey);
    }
  }
  get size(): number {
    return this.map.size;
  }
}

/** The one-shot hash (Node 20.12 and later) makes no Hash object per answer; the same bytes as `createHash`. */
const sha1 = (crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: 'base64url') => string }).hash;

export function etagOf(body: string | Uint8Array): string {
  return `"${sha1 ? sha1('sha1', body, 'base64url') : crypto.createHash('sha1').update(body).digest('base64url')}"`;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === '*' || v === etag;
  });
}

const pageKeys = ['limit', 'offset'] as const;

/**
 * A thing named in the query that is not there (`basket=nope`, `indicator=nope`, `a=` an unknown
 * release) is the request's fault: 400 with the same message, as the CLI refuses the flag. A 404
 * stays for what the path names, and for a question with no data (`no-data`).
 */
function asQueryFault(e: unknown, rawQuery: Record<string, string[]>): unknown {
  if (!isLanternError(e) || e.status !== 404 || e.code === 'no-data' || !e.problems.length) return e;
  const named = e.problems.every((p) => p.field !== undefined && Object.hasOwn(rawQuery, p.field.replace(/^query\./, '')));
  return named ? e.withStatus(400) : e;
}

/** `?=1`: a pair without a name. */
function namelessQuery(known: string[]): LanternError {
  return new LanternError('invalid-argument', 'A query parameter has no name.', [
    {
      field: 'query',
      message: 'a value without a name (`=value`)',
      found: '=',
      expected: 'name=value',
      hint: known.length ? `name it: one of ${known.join(', ')}` : 'remove it: this endpoint takes no parameters',
    },
  ]);
}

/** Names that are not the route's, listed with the names there are. */
function unknownQuery(unknown: string[], known: string[]): LanternError {
  return new LanternError(
    'invalid-argument',
    `Unknown query parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`,
    unknown.map((k) => ({
      field: `query.${k}`,
      message: 'not a parameter of this endpoint',
      found: k,
      expected: known.length ? known.join(' | ') : '(no parameters)',
      hint: known.length ? `use one of: ${known.join(', ')}` : 'remove it',
    })),
  );
}

/** `?limit=1&limit=2`: a one-value name given several times (the last one used to win silently). */
function repeatedQuery(repeated: { key: string; values: string[] }[]): LanternError {
  const first = repeated[0]!;
  return new LanternError(
    'invalid-argument',
    repeated.length > 1
      ? `Query parameters ${repeated.map((r) => r.key).join(', ')} are each given more than once; each takes one value.`
      : `Query parameter ${first.key} is given ${first.values.length} times; it takes one value.`,
    repeated.map(({ key, values }) => ({
      field: `query.${key}`,
      message: `given ${values.length} times`,
      found: values.join(', '),
      expected: 'one value',
      hint: `give ${key} once: only a list (such as country=CHN,USA) takes several values`,
    })),
  );
}

/**
 * Builds a router bound to a Hono app and dependencies.
 *
 * Kept whole: one route's life (OpenAPI entry, path/query/body validation, one shared computation,
 * paging, CSV and Parquet, ETag and cache) is one closure over the route's spec, the deps and the
 * cache; split, each part would take all three again.
 */
export function createRouter(
  hono: OpenAPIHono,
  deps: ApiDeps,
  cache: ResponseCache,
  costs = new RouteCosts(),
): { router: ApiRouter; table: RouteEntry[] } {
  const table: RouteEntry[] = [];

  function add(method: Method, spec: RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>, handler: Handler<unknown, unknown, unknown>) {
    const honoPath = spec.path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
    const isGet = method === 'get';
    const csv = spec.csv ?? isGet;
    const useCache = spec.cache ?? isGet;
    const paging = spec.paginate
      ? { defaultLimit: 100, maxLimit: 5000, ...(typeof spec.paginate === 'object' ? spec.paginate : {}) }
      : undefined;
    const tags = spec.tags ?? [spec.path.split('/')[1]?.replace(/\.csv$/, '') || 'api'];
    const pageSchema = z.object({
      limit: z
        .number({ error: 'should be a whole number of rows' })
        .int('should be a whole number of rows')
        .min(1, 'should be at least 1')
        .max(paging?.maxLimit ?? 5000, `should be at most ${paging?.maxLimit ?? 5000} (page with offset)`)
        .optional(),
      offset: z.number({ error: 'should be a whole number of rows to skip' }).int().min(0, 'should be 0 or more').optional(),
    });

    // Documentation: the query schema plus paging, registered with the OpenAPI registry.
    const queryShape = { ...(spec.query ? (shapeOf(spec.query) ?? {}) : {}), ...(paging ? pageSchema.shape : {}) };
    const docQuery = Object.keys(queryShape).length ? z.object(queryShape as z.ZodRawShape) : undefined;
    const exampleUrl = spec.examples.valid[0] ? exampleUrlOf(spec.path, spec.examples.valid[0]) : undefined;
    try {
      hono.openAPIRegistry.registerPath({
        method,
        path: spec.path,
        summary: spec.summary,
        description: [spec.description, csv ? `CSV of the same rows: \`${spec.path}.csv\`; Parquet: \`${spec.path}.parquet\`.` : '', exampleUrl ? `Example: \`${exampleUrl}\`` : '']
          .filter(Boolean)
          .join('\n\n'),
        tags,
        request: {
          ...(spec.params ? { params: spec.params as z.ZodObject } : {}),
          ...(docQuery ? { query: docQuery } : {}),
          ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
          ...(spec.upload
            ? { body: { description: spec.upload, required: true, content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } } }
            : {}),
        },
        responses: {
          200: {
            description: 'Success envelope: `{ ok: true, data | rows, … }`',
            content: {
              'application/json': { schema: spec.response ? z.object({ ok: z.literal(true), data: spec.response }) : successSchema },
              ...(csv ? { 'text/csv': { schema: z.string() }, [PARQUET_TYPE]: { schema: z.string() } } : {}),
            },
          },
          ...(spec.params || spec.query || spec.body || spec.upload ? { 400: { description: 'Invalid input', content: { 'application/json': { schema: errorSchema } } } } : {}),
          404: { description: 'Not found', content: { 'application/json': { schema: errorSchema } } },
        },
      });
    } catch (e) {
      throw new Error(`${method.toUpperCase()} ${spec.path} cannot be documented in OpenAPI: ${(e as Error).message}`, { cause: e });
    }

    table.push({
      method,
      path: spec.path,
      honoPath,
      summary: spec.summary,
      tags,
      paginated: Boolean(paging),
      csv,
      hasInput: Boolean(spec.params || spec.query || spec.body || spec.upload),
      upload: Boolean(spec.upload),
      examples: { valid: spec.examples.valid, invalid: spec.examples.invalid ?? [] },
    });

    hono.on(method.toUpperCase(), honoPath, async (c) => {
      const asked = requestHeader(c, FORMAT_HEADER);
      const format = asked === 'csv' || asked === 'parquet' ? asked : 'json';
      // CSV and Parquet are the same rows: `tabular` is what both share (paging, ?table=).
      const tabular = format !== 'json';
      if (tabular && !csv) throw new LanternError('not-found', `${spec.path} has no ${format === 'csv' ? 'CSV' : 'Parquet'} variant.`);
      if (!isGet && deps.readOnly) {
        throw new LanternError('read-only', 'The server was started with --read-only; this request writes.', [
          { message: `${method.toUpperCase()} ${spec.path} changes data`, hint: 'restart `lantern serve` without --read-only' },
        ]);
      }
      const url = new URL(c.req.url);
      // The query's pairs sorted once (a stable sort), for the answer's key and the whole answer's.
      const sorted = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const cacheKey = `${format} ${url.pathname}?${sorted.map(([k, v]) => `${k}=${v}`).join('&')}`;
      if (useCache) {
        const hit = cache.get(cacheKey);
        if (hit) return answer(c, hit);
      }

      // Path parameters.
      let params: unknown;
      if (spec.params) {
        const input = c.req.param();
        const r = spec.params.safeParse(input);
        if (!r.success) throw zodToLanternError(r.error, 'path', input);
        params = r.data;
      }
      // Query: every name is one of the route's (`__proto__` too), and a one-value name is given once.
      const rawQuery = queryValues(url.searchParams);
      const reserved = [...(paging ? pageKeys : []), ...(tabular ? ['table'] : [])];
      const names = Object.keys(queryShape);
      if (rawQuery[''] !== undefined) throw namelessQuery(names);
      const { value: qv, unknown, repeated } = coerceQuery(spec.query, rawQuery, reserved);
      if (unknown.length) throw unknownQuery(unknown, names);
      const pageRaw = Object.fromEntries(pageKeys.filter((k) => paging && rawQuery[k]).map((k) => [k, rawQuery[k]!]));
      const { value: pv, repeated: pageRepeated } = coerceQuery(pageSchema, pageRaw);
      const tableRepeated = tabular && (rawQuery.table?.length ?? 0) > 1 ? [{ key: 'table', values: rawQuery.table! }] : [];
      const twice = [...repeated, ...pageRepeated, ...tableRepeated];
      if (twice.length) throw repeatedQuery(twice);
      let query: unknown = qv;
      if (spec.query) {
        const r = spec.query.safeParse(qv);
        if (!r.success) throw zodToLanternError(r.error, 'query', qv);
        query = r.data;
      }
      let page: { limit: number; offset: number } | undefined;
      if (paging) {
        const r = pageSchema.safeParse(pv);
        if (!r.success) throw zodToLanternError(r.error, 'query', pv);
        const explicit = r.data.limit !== undefined;
        page = {
          limit: r.data.limit ?? (tabular ? 1_000_000 : paging.defaultLimit),
          offset: r.data.offset ?? 0,
        };
        if (tabular && !explicit) page.limit = 1_000_000;
      }
      // Body.
      let body: unknown;
      if (spec.body) {
        const raw = parseJsonBody(await c.req.text()); // the body limit (413) throws from text()
        const r = spec.body.safeParse(raw);
        if (!r.success) throw zodToLanternError(r.error, 'body', raw);
        body = r.data;
      }

      // Reads share one computation: the same answer asked twice at once is computed once, and
      // every page of an answer the router pages (no `total` from the handler) is sliced from one.
      type Result = { data?: unknown; rows?: Row[]; total?: number; meta?: ApiMeta; tables?: Record<string, Row[]>; flat?: Row[] };
      const epoch = cache.epoch; // a write that lands while this read runs makes its answer stale
      const pagedKey = `${cacheKey}#${page ? `${page.limit},${page.offset}` : ''}`;
      const wholeKey = paging ? `${format} ${url.pathname}?${sorted.filter(([k]) => !pageKeys.includes(k as never)).map(([k, v]) => `${k}=${v}`).join('&')}` : cacheKey;
      const known = page && useCache ? cache.total(wholeKey) : undefined;
      const handlerPage = page && known !== undefined ? { ...page, total: known } : page;
      // The handler's statements run in the route's lane, and what they cost is measured.
      const route = `${method.toUpperCase()} ${spec.path}`;
      const compute = async () => {
        const ticket = new WorkTicket(costs.lane(route, spec.cost));
        const r = await inLane(ticket, async () => (await handler({ params, query, rawQuery: qv, body, page: handlerPage, deps, c })) as Result).catch((e: unknown) => {
          throw asQueryFault(e, rawQuery);
        });
        costs.record(route, ticket);
        return r;
      };
      const result: Result = useCache
        ? await cache.shared(wholeKey, pagedKey, compute, (r) => r.total === undefined)
        : await compute();
      if (useCache && result.total !== undefined) cache.keepTotal(wholeKey, result.total, epoch);
      if (!isGet) {
        cache.clear();
      }

      let built: CachedAnswer;
      if (tabular) {
        const tableName = rawQuery.table?.at(-1);
        let rows: Row[] | undefined;
        if (tableName) {
          // Own keys only: `?table=constructor` or `__proto__` must not reach Object.prototype.
          rows = tableName === 'rows' ? result.rows : result.tables && Object.hasOwn(result.tables, tableName) ? result.tables[tableName] : undefined;
          if (!Array.isArray(rows)) rows = undefined;
          if (!rows) {
            const names = [...(result.rows ? ['rows'] : []), ...Object.keys(result.tables ?? {})];
            throw new LanternError('invalid-argument', `No table "${tableName}" in this answer.`, [
              { field: 'query.table', message: 'unknown table', found: tableName, expected: names.join(' | ') || '(none)' },
            ]);
          }
        } else {
          rows =
            result.flat ??
            result.rows ??
            Object.values(result.tables ?? {})[0] ??
            (Array.isArray(result.data) ? (result.data as Row[]) : result.data && typeof result.data === 'object' ? [flattenObject(result.data as Row)] : []);
        }
        if (page && !result.total) rows = rows.slice(page.offset, page.offset + page.limit);
        built =
          format === 'parquet'
            ? { body: await parquetBytes(rows), etag: '', type: PARQUET_TYPE, status: 200 }
            : { body: rowsToCsv(rows), etag: '', type: 'text/csv; charset=utf-8', status: 200 };
      } else {
        const env: ApiOk = { ok: true };
        if (result.data !== undefined) env.data = result.data;
        if (result.rows !== undefined) {
          if (page) {
            const total = result.total ?? result.rows.length;
            const rows = result.total !== undefined ? result.rows : result.rows.slice(page.offset, page.offset + page.limit);
            env.rows = rows;
            env.total = total;
            env.limit = page.limit;
            env.offset = page.offset;
            if (page.offset + rows.length < total) {
              const nextUrl = new URL(url);
              nextUrl.searchParams.set('offset', String(page.offset + page.limit));
              nextUrl.searchParams.set('limit', String(page.limit));
              env.next = `${nextUrl.pathname}${nextUrl.search}`;
            } else env.next = null;
          } else env.rows = result.rows;
        }
        if (result.meta) env.meta = result.meta;
        built = { body: JSON.stringify(env), etag: '', type: 'application/json; charset=utf-8', status: isGet ? 200 : method === 'post' ? 201 : 200 };
      }
      built.etag = etagOf(built.body);
      if (useCache && cache.epoch === epoch) cache.set(cacheKey, built);
      return answer(c, built);
    });
  }

  function answer(c: Context, a: CachedAnswer): Response {
    const headers: Record<string, string> = { etag: a.etag, 'cache-control': 'no-cache' };
    if (matchesEtag(requestHeader(c, 'if-none-match'), a.etag)) return guardedResponse(c, null, 304, headers);
    headers['content-type'] = a.type;
    if (a.type.startsWith('text/csv') || a.type === PARQUET_TYPE) {
      const name = new URL(c.req.url).pathname.split('/').filter(Boolean).slice(2).join('-') || 'lantern';
      headers['content-disposition'] = `${a.type === PARQUET_TYPE ? 'attachment' : 'inline'}; filename="${name}.${a.type === PARQUET_TYPE ? 'parquet' : 'csv'}"`;
    }
    return guardedResponse(c, a.body, a.status, headers);
  }

  const router: ApiRouter = {
    get: (spec, handler) => add('get', spec as never, handler as never),
    post: (spec, handler) => add('post', spec as never, handler as never),
    put: (spec, handler) => add('put', spec as never, handler as never),
    delete: (spec, handler) => add('delete', spec as never, handler as never),
    hono,
  };
  return { router, table };
}

/** `/countries/{iso3}` + `{ params: { iso3: 'CHN' }, query: { year: '2022' } }` → `/countries/CHN?year=2022`. */
export function exampleUrlOf(path: string, ex: RouteExample): string {
  const p = path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, k: string) => encodeURIComponent(ex.params?.[k] ?? `{${k}}`));
  const q = new URLSearchParams(ex.query ?? {}).toString();
  return q ? `${p}?${q}` : p;
}

export const problemSchema = z.object({
  message: z.string(),
  field: z.string().optional(),
  expected: z.string().optional(),
  found: z.string().optional(),
  hint: z.string().optional(),
});
export const errorSchema = z.object({
  ok: z.literal(false),
  error: z.string(),
  code: z.string(),
  errors: z.array(problemSchema),
  status: z.number().int(),
});
export const successSchema = z.object({
  ok: z.literal(true),
  data: z.unknown().optional(),
  rows: z.array(z.record(z.string(), z.unknown())).optional(),
  total: z.number().int().optional(),
  limit: z.number().int().optional(),
  offset: z.number().int().optional(),
  next: z.string().nullable().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

/**
 * A request body as JSON, or a 400 that says what was wrong with it: empty, nested deeper than any
 * registry row (which would also overflow the validators' stack), or broken at a position.
 */
function parseJsonBody(text: string): unknown {
  const refuse = (message: string, expected: string, found: string, hint: string): never => {
    throw new LanternError('invalid-argument', `The request body ${message}.`, [{ field: 'body', message, expected, found, hint }]);
  };
  if (text.trim() === '') refuse('is empty', 'a JSON object', 'an empty body', 'send Content-Type: application/json with a JSON object of the fields');
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    refuse(
      `is JSON nested ${depth.toLocaleString('en-US')} levels deep`,
      `at most ${MAX_JSON_DEPTH} levels (a registry row is 1 or 2)`,
      `${depth.toLocaleString('en-US')} levels`,
      'send one JSON object of the fields',
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    return refuse(
      'is not valid JSON',
      'a JSON object',
      (e as Error).message.slice(0, 160),
      'send Content-Type: application/json with a JSON object of the fields',
    );
  }
}

