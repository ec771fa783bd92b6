/**
 * The cluster store: ClickHouse behind the same `Store` interface as the embedded DuckDB one, so the
 * indicator catalog and the read models run unchanged on either (dialect `clickhouse`).
 *
 * Transport — ClickHouse's HTTP interface through node's `fetch`, not `@clickhouse/client`. The
 * server Debian 12 ships is ClickHouse 18.16, which has no typed query parameters (`{p:Type}`,
 * added in 19.x). `@clickhouse/client` talks to 18.16 for plain queries, DDL and inserts, but binds
 * values only through those typed parameters and cannot send external data. Lantern binds each
 * value as a column of a one-row external table (`lantern_params`, sent as a multipart part beside
 * the query; see dialect.ts), which works on every ClickHouse version and keeps values out of the
 * SQL text. One transport for everything keeps error handling and settings in one place.
 *
 * Layout on the servers (database `lantern` by default, the same on every server):
 * - `trade_flows_local` — a MergeTree table on each shard (DDL: clickhouse/001_trade_flows.sql);
 * - `trade_flows_all` — a `Distributed` table over the shards of `cluster` (on every server, so
 *   any of them can answer), or a `Merge` table over the local one when there is a single server;
 * - `trade_flows` — a view over `trade_flows_all`, the name every query uses (see
 *   `ensureTradeFlows` for why a view);
 * - every other table copied from DuckDB (countries, baskets, basket_resolved, import_runs …) —
 *   a full copy on every server, so joins with trade_flows run shard-locally and stay exact.
 *
 * Invariants and honest limits:
 * - ClickHouse has no transactions. `transaction()` throws (`unsupported`) rather than pretend;
 *   replacing data atomically is `replaceTables()`: load into `*__staging` tables, check row
 *   counts, then one `RENAME TABLE` per server swaps old and new (atomic on each server; across
 *   servers there is a window of milliseconds between the renames). A failed load drops the
 *   staging tables and leaves the served tables as they were.
 * - Queries go to the first server (the initiator) with `distributed_product_mode = 'global'`
 *   (a subquery over a Distributed table inside IN/JOIN is computed once and shipped to shards,
 *   which is exact) and `join_use_nulls = 1` (outer joins give NULL, as in DuckDB).
 * - Rows come back as plain JS like DuckDB's: 64-bit integers as numbers when safe (else strings),
 *   DateTime as ISO strings (the server time zone is assumed UTC), booleans as 0/1 (18.16 has no
 *   Bool type).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LanternError } from '../errors.ts';
import { inlineCtes, keepsPushDown } from './clickhouse/legacy.ts';
import type { Row, Store } from './db.ts';
import { CLICKHOUSE_PARAMS_TABLE, clickhouse, clickhouseType } from './dialect.ts';
import { render, type Sql, type SqlValue, sql } from './sql.ts';

const DDL_DIR = joinPath(dirname(fileURLToPath(import.meta.url)), 'clickhouse');

/** A statement that writes (a `query` given one is refused by `refuseWrites`). */
const WRITE_STATEMENT = /^\s*(insert|update|delete|create|drop|alter|rename|truncate)\b/i;

/** Names put into DDL (database, cluster) are checked against this, then used as identifiers. */
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface ClickHouseOptions {
  /** HTTP URL of one server, e.g. `http://127.0.0.1:8123`. */
  url?: string;
  /** HTTP URLs of every shard's server, in the cluster's shard order. The first answers queries. */
  urls?: string[];
  /** Database on every server (created when missing). Default `lantern`. */
  database?: string;
  /** Name of the cluster (`remote_servers` in the servers' config) for the Distributed table. */
  cluster?: string;
  user?: string;
  password?: string;
  readOnly?: boolean;
  /** Create the database and empty tables on open (default true; never when read-only). */
  migrate?: boolean;
  /** How long an import or push waits for another writer's write lock, in ms (default 30 minutes; setting `clusterLockWaitMs`). */
  lockWaitMs?: number;
  /** Injectable fetch (tests). */
  fetch?: typeof fetch;
}

/** The local (per-shard) table behind `trade_flows`. */
export const TRADE_FLOWS_LOCAL = 'trade_flows_local';
/** The Distributed (or Merge) table over every shard's local table. */
export const TRADE_FLOWS_ALL = 'trade_flows_all';
/** Suffixes of the tables a replacement builds and retires. */
export const STAGING = '__staging';
export const RETIRED = '__old';

/** Settings sent with every request (see the module header). */
const QUERY_SETTINGS: Record<string, string> = {
  distributed_product_mode: 'global',
  enable_optimize_predicate_expression: '1',
  join_use_nulls: '1',
  output_format_json_quote_64bit_integers: '1',
  output_format_json_quote_denormals: '0',
};

/** A ClickHouse DDL file: `NNN_name.sql` in store/clickhouse, `{{table}}` standing for the table name. */
export function clickhouseDdl(name: string, table: string): string {
  const file = readdirSync(DDL_DIR).find((f) => /^\d{3}_/.test(f) && f.slice(4, -4) === name);
  if (!file) throw new Error(`no ClickHouse DDL named ${name} in ${DDL_DIR}`);
  return readFileSync(joinPath(DDL_DIR, file), 'utf8').replaceAll('{{table}}', clickhouse.quoteIdent(table));
}

/**
 * Splits constant SQL text into statements at `;`, ignoring `;` inside quotes and comments
 * (ClickHouse's HTTP interface takes one statement per request).
 */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      cur += text.slice(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      cur += text.slice(i, stop);
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === '\\') j += 2;
        else if (text[j] === c && text[j + 1] === c) j += 2;
        else if (text[j] === c) break;
        else j++;
      }
      cur += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === ';') {
      out.push(cur);
      cur = '';
      i++;
    } else {
      cur += c;
      i++;
    }
  }
  out.push(cur);
  // Keep statements that hold more than comments and whitespace.
  return out
    .map((s) => s.trim())
    .filter(
      (s) =>
        s
          .replace(/--[^\n]*/g, '')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .trim() !== '',
    );
}

/** One value in ClickHouse's TabSeparated text (the external table's row). */
function tsvValue(v: SqlValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (v === Number.POSITIVE_INFINITY) return 'inf';
    if (v === Number.NEGATIVE_INFINITY) return '-inf';
    return String(v);
  }
  return v.replace(/[\\\t\n\r\0\b\f]/g, (ch) =>
    ch === '\\'
      ? '\\\\'
      : ch === '\t'
        ? '\\t'
        : ch === '\n'
          ? '\\n'
          : ch === '\r'
            ? '\\r'
            : ch === '\0'
              ? '\\0'
              : ch === '\b'
                ? '\\b'
                : '\\f',
  );
}

/** The external-data part carrying bound values: its structure and its one TSV row. */
export function externalParams(params: Record<string, SqlValue>): { structure: string; row: string } {
  const names = Object.keys(params);
  return {
    structure: names.map((n) => `${n} ${clickhouseType(params[n] as SqlValue)}`).join(', '),
    row: `${names.map((n) => tsvValue(params[n] as SqlValue)).join('\t')}\n`,
  };
}

function baseType(type: string): string {
  let t = type;
  for (;;) {
    const m = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(t);
    if (!m) return t;
    t = m[1] as string;
  }
}

/** Converts one value of ClickHouse JSON output to the plain JS the DuckDB store returns. */
export function fromClickHouse(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  const t = baseType(type);
  if (/^U?Int(64|128|256)$/.test(t) && typeof value === 'string') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  if (t.startsWith('DateTime') && typeof value === 'string') {
    return `${value.replace(' ', 'T')}${value.includes('.') ? '' : '.000'}Z`;
  }
  if (t === 'Date' && typeof value === 'string') return `${value}T00:00:00.000Z`;
  if (t.startsWith('Array(') && Array.isArray(value))
    return value.map((v) => fromClickHouse(v, t.slice(6, -1)));
  return value;
}

interface JsonResult {
  meta: { name: string; type: string }[];
  data: Record<string, unknown>[];
}

/** Text of a ClickHouse error response, trimmed to its message. */
function clickhouseMessage(body: string): string {
  const m = /e\.displayText\(\) = (?:DB::Exception: )?([\s\S]*?)(?:, e\.what\(\) = [\w:]+)?\s*$/.exec(
    body.trim(),
  );
  return (m ? m[1] : body.trim()) as string;
}

/** A ClickHouse server's answer to one request. */
export class ClickHouseError extends Error {
  constructor(
    message: string,
    readonly code: number | undefined,
    readonly url: string,
  ) {
    super(message);
    this.name = 'ClickHouseError';
  }
}

export class ClickHouseStore implements Store {
  readonly dialect = clickhouse;
  readonly urls: string[];
  readonly database: string;
  readonly cluster: string | undefined;
  readonly readOnly: boolean;
  /** How long a write waits for the cluster's write lock (ms): store/clickhouse/lock.ts. */
  readonly lockWaitMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly auth: string | undefined;
  /** The initiator's version (`select version()`), known once the store is opened. */
  serverVersion: string | undefined;
  /** Set by `refuseWrites`: the command whose writes are refused. */
  private refusing: string | undefined;

  constructor(options: ClickHouseOptions) {
    const urls = options.urls ?? (options.url ? [options.url] : []);
    this.urls = urls.map((u) => u.replace(/\/+$/, ''));
    this.database = options.database ?? 'lantern';
    this.cluster = options.cluster;
    this.readOnly = options.readOnly ?? false;
    this.lockWaitMs = options.lockWaitMs ?? 30 * 60_000;
    this.fetchFn = options.fetch ?? fetch;
    this.auth =
      options.user !== undefined
        ? `Basic ${Buffer.from(`${options.user}:${options.password ?? ''}`).toString('base64')}`
        : undefined;
  }

  /** The server that answers queries (and coordinates Distributed ones). */
  get initiator(): string {
    return this.urls[0] as string;
  }

  /**
   * Sends one statement to one server. `params` become the external table `lantern_params`;
   * `body` is insert data (the statement then goes in the URL, as ClickHouse expects).
   */
  async request(
    url: string,
    text: string,
    options: { params?: Record<string, SqlValue>; body?: BodyInit; database?: string | null; settings?: Record<string, string> } = {},
  ): Promise<string> {
    const search = new URLSearchParams({ ...QUERY_SETTINGS, ...options.settings });
    const database = options.database === undefined ? this.database : options.database;
    if (database !== null) search.set('database', database);
    if (this.readOnly) search.set('readonly', '2');
    let body: BodyInit;
    const hasParams = options.params && Object.keys(options.params).length > 0;
    if (options.body !== undefined) {
      search.set('query', text);
      body = options.body;
    } else if (hasParams) {
      const { structure, row } = externalParams(options.params as Record<string, SqlValue>);
      search.set(`${CLICKHOUSE_PARAMS_TABLE}_structure`, structure);
      const form = new FormData();
      form.append('query', text);
      form.append(CLICKHOUSE_PARAMS_TABLE, new Blob([row]), `${CLICKHOUSE_PARAMS_TABLE}.tsv`);
      body = form;
    } else {
      body = text;
    }
    const headers: Record<string, string> = {};
    if (this.auth) headers.authorization = this.auth;
    let res: Response;
    try {
      res = await this.fetchFn(`${url}/?${search}`, {
        method: 'POST',
        body,
        headers,
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (e) {
      // fetch's own message is "fetch failed"; what happened (refused, reset, timed out) is its cause.
      const cause = (e as Error & { cause?: Error }).cause?.message;
      throw new LanternError('store-error', `Cannot reach ClickHouse at ${url}: ${(e as Error).message}${cause ? ` (${cause})` : ''}`, [
        {
          message: 'connection failed',
          hint: 'is clickhouse-server running and listening there? check --clickhouse',
        },
      ]);
    }
    const answer = await res.text();
    if (!res.ok) {
      const code = /^Code: (\d+)/.exec(answer)?.[1];
      throw new ClickHouseError(
        `ClickHouse (${url}): ${clickhouseMessage(answer)}\n  in SQL: ${text.slice(0, 500)}`,
        code === undefined ? undefined : Number(code),
        url,
      );
    }
    return answer;
  }

  query<T = Row>(q: Sql): Promise<T[]> {
    if (this.refusing && WRITE_STATEMENT.test(render(q, this.dialect).text)) return Promise.reject(this.writeRefusal());
    return this.queryOn<T>(this.initiator, q);
  }

  /**
   * From now on, `run`, `transaction`, `insert` and a writing `query` refuse, naming `command`: a
   * cluster is written by `lantern import` (store/clickhouse/append.ts) and `lantern cluster push`
   * only. The CLI sets it for every other command on a cluster, the server for its write routes.
   */
  refuseWrites(command: string): void {
    this.refusing = command;
  }

  /** Throws the refusal `refuseWrites` set up, if any. */
  checkWritable(): void {
    if (this.refusing) throw this.writeRefusal();
  }

  private writeRefusal(): LanternError {
    const command = this.refusing as string;
    return new LanternError('unsupported', `${command} writes to the store, and a ClickHouse store is written only by imports and pushes.`, [
      {
        field: 'store',
        message: 'the cluster takes `lantern import --store clickhouse://…` and `lantern cluster push`; other writes (registry, tokens, official series, baskets) have no cluster form',
        found: this.urls.join(','),
        hint: `run ${command} on the DuckDB store (--db FILE, without --store or LANTERN_STORE), then copy it to the cluster with \`lantern cluster push\``,
      },
    ]);
  }

  /**
   * Runs a query on one server (not necessarily through the Distributed table): per-shard counts,
   * status. `database: null` runs it outside the store's database (system tables before it exists).
   */
  async queryOn<T = Row>(url: string, q: Sql, options: { database?: string | null } = {}): Promise<T[]> {
    const { text, params, settings } = this.render(q);
    const statement = `${text.trim().replace(/;+$/, '')}\nFORMAT JSON`;
    const answer = await this.request(url, statement, {
      ...options,
      params: params as Record<string, SqlValue>,
      settings,
    });
    let parsed: JsonResult;
    try {
      parsed = JSON.parse(answer) as JsonResult;
    } catch {
      // An error after the first block arrives inside a 200 response, after the JSON started.
      throw new ClickHouseError(
        `ClickHouse (${url}): ${clickhouseMessage(answer.slice(-2000))}`,
        undefined,
        url,
      );
    }
    const types = new Map(parsed.meta.map((m) => [m.name, m.type]));
    return parsed.data.map((row) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(row)) out[k] = fromClickHouse(v, types.get(k) ?? 'String');
      return out as T;
    });
  }

  /** True for servers before 20.x, which need the rewrites of clickhouse/legacy.ts. */
  get legacy(): boolean {
    const major = Number(this.serverVersion?.split('.')[0]);
    return Number.isFinite(major) && major < 20;
  }

  /**
   * Renders for the dialect, then rewrites for an old server (see clickhouse/legacy.ts): CTEs
   * inlined, and a statement reading `trade_flows` many times sent without predicate push-down
   * (`settings`: what it changes of QUERY_SETTINGS).
   */
  private render(q: Sql): { text: string; params: Record<string, SqlValue>; settings?: Record<string, string> } {
    const { text, params } = render(q, this.dialect);
    if (!this.legacy) return { text, params: params as Record<string, SqlValue> };
    const inlined = inlineCtes(text);
    return {
      text: inlined,
      params: params as Record<string, SqlValue>,
      ...(keepsPushDown(inlined, 'trade_flows') ? {} : { settings: { enable_optimize_predicate_expression: '0' } }),
    };
  }

  /** Runs a statement (or several, `;`-separated constant text) on the first server. */
  async run(q: Sql | string): Promise<void> {
    this.checkWritable();
    await this.runOn(this.initiator, q);
  }

  /** Runs a statement on one server. */
  async runOn(url: string, q: Sql | string, options: { database?: string | null } = {}): Promise<void> {
    if (typeof q === 'string') {
      for (const s of splitStatements(q)) await this.request(url, s, options);
      return;
    }
    const { text, params, settings } = this.render(q);
    await this.request(url, text, { ...options, params: params as Record<string, SqlValue>, settings });
  }

  /** Runs a statement on every server (DDL: there is no ZooKeeper for `ON CLUSTER`). */
  async runEverywhere(q: Sql | string, options: { database?: string | null } = {}): Promise<void> {
    await Promise.all(this.urls.map((u) => this.runOn(u, q, options)));
  }

  /** Inserts a body of rows (CSV unless `format` says otherwise) into a table on one server. */
  async insert(url: string, table: string, body: BodyInit, format = 'CSV'): Promise<void> {
    this.checkWritable();
    if (this.readOnly)
      throw new LanternError(
        'read-only',
        'The ClickHouse store was opened read-only; this operation writes.',
      );
    await this.request(url, `INSERT INTO ${this.qualified(table)} FORMAT ${format}`, { body });
  }

  /**
   * ClickHouse has no transactions, so this refuses rather than pretend: a sequence of writes could
   * land partly. Atomic replacement of whole tables is `replaceTables()`.
   */
  transaction<T>(_fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.refusing) return Promise.reject(this.writeRefusal());
    return Promise.reject(
      new LanternError(
        'unsupported',
        'ClickHouse has no transactions: the cluster store cannot run a multi-statement write atomically.',
        [
          {
            message: 'transaction() on a ClickHouse store',
            hint: 'write to DuckDB and copy with `lantern cluster push`, which swaps whole tables in one RENAME per server',
          },
        ],
      ),
    );
  }

  /** `database`.`table`, quoted. */
  qualified(table: string): string {
    return `${clickhouse.quoteIdent(this.database)}.${clickhouse.quoteIdent(table)}`;
  }

  /** Tables of the database on one server. */
  async tables(url = this.initiator): Promise<{ name: string; engine: string }[]> {
    return this.queryOn(url, sqlTables(this.database), { database: null });
  }

  /**
   * Swaps staging tables in: on each server, one `RENAME TABLE` moves every `t` to `t__old` and
   * every `t__staging` to `t`, then the old ones are dropped. `names` are the final table names;
   * each `name__staging` must exist on every server.
   */
  async replaceTables(names: string[]): Promise<void> {
    await Promise.all(
      this.urls.map(async (url) => {
        const existing = new Set((await this.tables(url)).map((t) => t.name));
        for (const n of names) {
          if (existing.has(n + RETIRED)) await this.runOn(url, `DROP TABLE ${this.qualified(n + RETIRED)}`);
        }
        const renames: string[] = [];
        for (const n of names) {
          if (existing.has(n)) renames.push(`${this.qualified(n)} TO ${this.qualified(n + RETIRED)}`);
          renames.push(`${this.qualified(n + STAGING)} TO ${this.qualified(n)}`);
        }
        await this.runOn(url, `RENAME TABLE ${renames.join(', ')}`);
        for (const n of names) {
          if (existing.has(n)) await this.runOn(url, `DROP TABLE IF EXISTS ${this.qualified(n + RETIRED)}`);
        }
      }),
    );
  }

  /** Creates the database, the local trade_flows table and `trade_flows` over it, where missing. */
  async migrate(): Promise<void> {
    await this.runEverywhere(`CREATE DATABASE IF NOT EXISTS ${clickhouse.quoteIdent(this.database)}`, {
      database: null,
    });
    await Promise.all(
      this.urls.map(async (url) => {
        const names = new Set((await this.tables(url)).map((t) => t.name));
        if (!names.has(TRADE_FLOWS_LOCAL))
          await this.runOn(url, clickhouseDdl('trade_flows', TRADE_FLOWS_LOCAL));
      }),
    );
    await this.ensureTradeFlows();
  }

  /**
   * Creates, where missing, the tables over `trade_flows_local` on every server: `trade_flows_all`
   * (Distributed over the cluster's shards, or Merge over the one local table) and the view
   * `trade_flows` everyone queries. Why a view: on 18.16 a Distributed table joined under an alias
   * (`from trade_flows t join basket_resolved b on b.code = t.product`, as the indicator catalog
   * writes) fails on the shards ("Unknown identifier: t.product"); through a view the join runs on
   * the initiator over the shards' filtered rows (predicates are pushed into the view with
   * enable_optimize_predicate_expression), and aggregates that read `trade_flows_all` directly
   * still run on the shards.
   */
  async ensureTradeFlows(): Promise<void> {
    const all = this.qualified(TRADE_FLOWS_ALL);
    const local = this.qualified(TRADE_FLOWS_LOCAL);
    const over = this.cluster
      ? // Rows are placed by the loader (by reporter); the key only matters for inserts through this table.
        `CREATE TABLE ${all} AS ${local} ENGINE = Distributed(${this.cluster}, ${this.database}, ${TRADE_FLOWS_LOCAL}, rand())`
      : `CREATE TABLE ${all} AS ${local} ENGINE = Merge(${this.database}, '^${TRADE_FLOWS_LOCAL}$')`;
    await Promise.all(
      this.urls.map(async (url) => {
        const names = new Set((await this.tables(url)).map((t) => t.name));
        if (!names.has(TRADE_FLOWS_ALL)) await this.runOn(url, over);
        if (!names.has('trade_flows'))
          await this.runOn(url, `CREATE VIEW ${this.qualified('trade_flows')} AS SELECT * FROM ${all}`);
      }),
    );
  }

  async close(): Promise<void> {
    // HTTP requests hold no session: nothing to release.
  }
}

function sqlTables(database: string): Sql {
  return sql`select name, engine from system.tables where database = ${database} order by name`;
}

/** True when the store is the ClickHouse one. */
export function isClickHouseStore(store: Store): store is ClickHouseStore {
  return store instanceof ClickHouseStore;
}

/**
 * Opens a ClickHouse store: checks every server answers, that `cluster` (when given) has one shard
 * per URL, and (unless read-only) creates the database and the empty trade tables.
 *
 * @example
 *   const ch = await openClickHouseStore({ urls: ['http://127.0.0.1:8123', 'http://127.0.0.1:8124'], cluster: 'lantern' });
 *   const rows = await ch.query(sql`select year, sum(value_usd) as v from trade_flows group by year`);
 *
 * Kept whole: the checks of opening (every server answers, one shard per URL, the database and
 * tables) and the store's methods, which close over the connection.
 */
export async function openClickHouseStore(options: ClickHouseOptions): Promise<ClickHouseStore> {
  const store = new ClickHouseStore(options);
  const problems = [];
  if (store.urls.length === 0)
    problems.push({ message: 'no ClickHouse URL given', hint: 'pass --clickhouse http://HOST:8123' });
  for (const u of store.urls) {
    if (!/^https?:\/\/[^/\s]+$/.test(u)) {
      problems.push({
        field: 'url',
        message: 'not an HTTP URL of a server',
        expected: 'http://HOST:PORT',
        found: u,
      });
    }
  }
  if (!NAME_RE.test(store.database)) {
    problems.push({
      field: 'database',
      message: 'not a plain name',
      expected: 'letters, digits and _',
      found: store.database,
    });
  }
  if (store.cluster !== undefined && !NAME_RE.test(store.cluster)) {
    problems.push({
      field: 'cluster',
      message: 'not a plain name',
      expected: 'letters, digits and _',
      found: store.cluster,
    });
  }
  if (store.urls.length > 1 && store.cluster === undefined) {
    problems.push({
      field: 'cluster',
      message: 'several servers but no cluster name',
      hint: 'pass --cluster NAME (remote_servers in their config)',
    });
  }
  if (problems.length)
    throw new LanternError('invalid-argument', 'Cannot open the ClickHouse store.', problems);

  for (const u of store.urls) await store.request(u, 'SELECT 1', { database: null });
  store.serverVersion = (await store.request(store.initiator, 'SELECT version()', { database: null })).trim();
  if (store.cluster) {
    const replicas = await store.queryOn<{ shard: number; host: string; port: number; db: string }>(
      store.initiator,
      sql`select shard_num as shard, host_name as host, port, default_database as db from system.clusters
          where cluster = ${store.cluster} order by shard_num, replica_num`,
      { database: null },
    );
    const n = new Set(replicas.map((r) => r.shard)).size;
    if (n !== store.urls.length) {
      throw new LanternError(
        'invalid-argument',
        `ClickHouse cluster ${store.cluster} has ${n} shard(s) but ${store.urls.length} URL(s) were given.`,
        [
          {
            field: 'cluster',
            message: 'one URL per shard, in the shard order of remote_servers',
            expected: String(store.urls.length),
            found: String(n),
            hint: n === 0 ? 'is the cluster declared in remote_servers of the server config?' : undefined,
          },
        ],
      );
    }
    // A shard resolves unqualified names (a join with basket_resolved) in the replica's default
    // database, not the one the query was sent with.
    const wrong = replicas.filter((r) => r.db !== store.database);
    if (wrong.length) {
      throw new LanternError(
        'invalid-config',
        `ClickHouse cluster ${store.cluster}: shards would resolve table names outside the database ${store.database}.`,
        wrong.map((r) => ({
          field: `remote_servers.${store.cluster}.shard${r.shard}`,
          message: `replica ${r.host}:${r.port} has no default_database ${store.database}`,
          expected: store.database,
          found: r.db,
          hint: `add <default_database>${store.database}</default_database> to each <replica> of the cluster in the server config`,
        })),
      );
    }
  }
  if (!store.readOnly && options.migrate !== false) await store.migrate();
  return store;
}
