/**
 * The embedded store: DuckDB through `@duckdb/node-api`. The only module that imports the DuckDB
 * client (the ClickHouse store lives in clickhouse.ts behind the same `Store` interface).
 *
 * Invariants:
 * - Writes, transactions and everything that is not a plain SELECT run on the store's main
 *   connection, one at a time, so a transaction never interleaves with another caller's statements.
 * - `useReaders(n)` (the server) adds n connections for reads: a SELECT outside a transaction runs on
 *   one of them, in the lane of the work that issued it (lanes.ts: heavy statements never hold every
 *   connection, so a light read does not wait behind them). Readers see what is committed (DuckDB's
 *   MVCC). Work that needs one connection throughout (a TEMP table read back)
 *   goes through `pinned(fn)`.
 * - `transaction(fn)` commits only if `fn` resolves; otherwise it rolls back and the store is as it
 *   was. A killed process leaves uncommitted work out of the file (DuckDB's write-ahead log).
 * - Rows come back as plain JS: BIGINT as number when safe (else string), timestamps as ISO strings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dirname, join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BOOLEAN,
  DOUBLE,
  DuckDBAppender,
  DuckDBConnection,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  BIGINT,
  VARCHAR,
  SQLNULL,
} from '@duckdb/node-api';
import { LanternError } from '../errors.ts';
import { type Dialect, duckdb } from './dialect.ts';
import { coreBudget, currentLane, currentTicket, type Lane, ReaderPool } from './lanes.ts';
import { render, type Sql, type SqlValue, sql } from './sql.ts';

export type Row = Record<string, unknown>;

/** What every store offers: the DuckDB one here, the ClickHouse one for a cluster. */
export interface Store {
  readonly dialect: Dialect;
  readonly readOnly: boolean;
  /** Runs a query and returns its rows as plain objects. */
  query<T = Row>(q: Sql): Promise<T[]>;
  /** Runs a statement (or several, separated by `;`, when given constant text). */
  run(q: Sql | string): Promise<void>;
  /** Runs `fn` in one transaction: all of it lands, or none of it. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A file path, or `:memory:` (the default) for a store that lives only in this process. */
  path?: string;
  readOnly?: boolean;
  /** Apply pending migrations on open (default true; read-only stores never migrate). */
  migrate?: boolean;
}

/** DuckDB optimizers switched off on every connection, each for a wrong answer it gave us. */
export const DISABLED_OPTIMIZERS = 'common_subplan';

const MIGRATIONS_DIR = joinPath(dirname(fileURLToPath(import.meta.url)), 'migrations');

function paramType(v: SqlValue): DuckDBType {
  if (v === null) return SQLNULL;
  if (typeof v === 'boolean') return BOOLEAN;
  if (typeof v === 'bigint') return BIGINT;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= 2 ** 31 - 1 ? INTEGER : DOUBLE;
  return VARCHAR;
}

function toJs(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(toJs);
  return v;
}

function wrapDbError(e: unknown, text: string): never {
  if (e instanceof LanternError) throw e;
  const message = e instanceof Error ? e.message : String(e);
  if (/Could not set lock|Conflicting lock/i.test(message)) {
    throw new LanternError('store-error', `The store file is in use by another Lantern process: ${message}`, [
      { message: 'another process holds the store', hint: 'stop `lantern serve` or use another --db file' },
    ]);
  }
  const err = new Error(`${message}\n  in SQL: ${text.slice(0, 500)}`);
  (err as Error & { cause?: unknown }).cause = e;
  throw err;
}

/** Statements a reader may run: a query that starts as a SELECT and writes nothing. */
const READ_ONLY = /^\s*(select|with|from)\b/i;
const WRITES = /\b(insert\s+into|update\s+\S+\s+set|delete\s+from|create\s|drop\s|alter\s|copy\s|attach\s|checkpoint\b)/i;

export function isReadStatement(text: string): boolean {
  return READ_ONLY.test(text) && !WRITES.test(text);
}

/** Runs the rows of a query on a connection, as plain JS. */
async function readRows<T>(connection: DuckDBConnection, text: string, values: SqlValue[]): Promise<T[]> {
  try {
    const reader = await connection.runAndReadAll(text, values as DuckDBValue[], values.map(paramType));
    return reader.getRowObjectsJS().map((row) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(row)) out[k] = toJs(v);
      return out as T;
    });
  } catch (e) {
    return wrapDbError(e, text);
  }
}

/** Runs one statement, adding the time it held its connection to the current work's ticket. */
async function timed<T>(fn: () => Promise<T>): Promise<T> {
  const ticket = currentTicket();
  if (!ticket) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    ticket.busyMs += performance.now() - t0;
    ticket.statements++;
  }
}

class DuckDBStore implements Store {
  readonly dialect = duckdb;
  private queue: Promise<unknown> = Promise.resolve();
  private readers: ReaderPool<DuckDBConnection> | undefined;
  /** How many readers `useReaders` asked for, and how many may run heavy statements (kept across `suspend`). */
  private readerCount = 0;
  private heavySlots = 0;
  private threads: number | undefined;

  constructor(
    private instance: DuckDBInstance,
    private connection: DuckDBConnection,
    readonly readOnly: boolean,
    private readonly locked = true,
    /** The file (or ':memory:') this store opened: `suspend` reopens it. */
    readonly path = ':memory:',
    /** Changes made through this store, shared with its transaction and pinned views (state-memo.ts reads it). */
    private readonly changes: { n: number } = { n: 0 },
  ) {}

  /**
   * A number that moves whenever what the store holds may have changed: every statement that is not
   * a read, every transaction's end, every appender closed, and the file given back after another
   * process had it (`suspend`). Caches of what the store holds compare it (state-memo.ts).
   */
  get version(): number {
    return this.changes.n;
  }

  /** Notes a change made outside `run`, `query` and `transaction` (an appender closed). */
  noteChange(): void {
    this.changes.n++;
  }

  /**
   * Serialises work on the one connection. Inside a transaction (or `pinned`) the store's lock is
   * already held, and this view of it queues its own statements, so callers may still issue several
   * at once (a DuckDB connection runs one statement at a time).
   */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  query<T = Row>(q: Sql): Promise<T[]> {
    const { text, params } = render(q, this.dialect);
    const values = params as SqlValue[];
    if (this.locked && this.readers && isReadStatement(text)) {
      return this.readers.use(currentLane(), (connection) => timed(() => readRows<T>(connection, text, values)));
    }
    if (isReadStatement(text)) return this.exclusive(() => timed(() => readRows<T>(this.connection, text, values)));
    return this.exclusive(() => timed(() => readRows<T>(this.connection, text, values)).finally(() => this.noteChange()));
  }

  /**
   * Opens `n` connections for reads (see the invariants above and lanes.ts); the server calls it
   * once at start. Heavy statements hold at most `heavySlots` of them at once, and DuckDB's threads
   * are set so that they leave a core free (`coreBudget`). Each is set up as every Lantern
   * connection is.
   */
  async useReaders(n: number, budget: { heavySlots: number; threads?: number } = coreBudget(n, availableParallelism())): Promise<void> {
    this.readerCount = n;
    this.heavySlots = Math.max(1, Math.min(budget.heavySlots, n));
    this.threads = budget.threads ? Math.max(1, Math.floor(budget.threads)) : undefined;
    await this.exclusive(() => this.openReaders());
  }

  /** Statements the readers started per lane, and those waiting (tests and the benchmark read it). */
  readerStats(): { started: Record<Lane, number>; queued: Record<Lane, number>; heavySlots: number; connections: number } | undefined {
    const r = this.readers;
    return r && { started: { ...r.started }, queued: r.queued, heavySlots: r.heavySlots, connections: r.connections.length };
  }

  private async openReaders(): Promise<void> {
    if (this.readerCount <= 0 || this.readers) return;
    // An instance setting: set again when `suspend` reopens the file.
    if (this.threads) await this.connection.run(`set threads = ${this.threads}`);
    const connections: DuckDBConnection[] = [];
    for (let i = 0; i < this.readerCount; i++) connections.push(await setUp(await this.instance.connect()));
    this.readers = new ReaderPool(connections, this.heavySlots);
  }

  /** Waits for the readers' work under way and closes them; new reads go to the main connection. */
  private async closeReaders(): Promise<void> {
    const old = this.readers;
    this.readers = undefined;
    if (!old) return;
    await old.drain();
    for (const c of old.connections) c.closeSync();
  }

  /**
   * Runs `fn` with every statement on the main connection, nothing else in between: for work that
   * creates a TEMP table and reads it back (a TEMP table lives on one connection).
   */
  pinned<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    if (!this.locked) return fn(this);
    return this.exclusive(() => fn(new DuckDBStore(this.instance, this.connection, this.readOnly, false, this.path, this.changes)));
  }

  run(q: Sql | string): Promise<void> {
    return this.exclusive(async () => {
      this.noteChange();
      if (typeof q === 'string') {
        try {
          await this.connection.run(q);
        } catch (e) {
          wrapDbError(e, q);
        } finally {
          this.noteChange();
        }
        return;
      }
      const { text, params } = render(q, this.dialect);
      const values = params as SqlValue[];
      try {
        await this.connection.run(text, values as DuckDBValue[], values.map(paramType));
      } catch (e) {
        wrapDbError(e, text);
      } finally {
        this.noteChange();
      }
    });
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.readOnly) {
      return Promise.reject(new LanternError('read-only', 'The store was opened read-only; this operation writes.'));
    }
    if (!this.locked) return fn(this); // already inside a transaction: join it
    return this.exclusive(async () => {
      const tx = new DuckDBStore(this.instance, this.connection, this.readOnly, false, this.path, this.changes);
      await this.connection.run('BEGIN TRANSACTION');
      try {
        const result = await fn(tx);
        await this.connection.run('COMMIT');
        return result;
      } catch (e) {
        await this.connection.run('ROLLBACK');
        throw e;
      } finally {
        this.noteChange();
      }
    });
  }

  /** A DuckDB appender for bulk loads into a table (DuckDB stores only; see STYLE.md §7). */
  appender(table: string): Promise<DuckDBAppender> {
    this.noteChange();
    return this.connection.createAppender(table);
  }

  async close(): Promise<void> {
    await this.queue;
    await this.closeReaders();
    this.connection.closeSync();
    this.instance.closeSync();
  }

  /**
   * Lets another process have the file for a while: waits for the work under way, closes the file
   * (DuckDB lets one process write a file, and none read it meanwhile), and resolves to `resume`,
   * which opens it again. Calls made meanwhile wait and then run on the reopened file, so they see
   * what the other process wrote.
   */
  suspend(): Promise<() => Promise<void>> {
    if (!this.locked || this.path === ':memory:') {
      return Promise.reject(new Error('only a file store, outside a transaction, can be suspended'));
    }
    return new Promise((resolveSuspended, rejectSuspended) => {
      void this.exclusive(async () => {
        try {
          await this.closeReaders();
          this.connection.closeSync();
          this.instance.closeSync();
        } catch (e) {
          rejectSuspended(e);
          return;
        }
        let reopened!: () => void;
        const done = new Promise<void>((r) => (reopened = r));
        await new Promise<void>((resume) =>
          resolveSuspended(() => {
            resume();
            return done;
          }),
        );
        try {
          // The other process has closed the file by now; a moment's overlap is waited out.
          for (let attempt = 0; ; attempt++) {
            try {
              ({ instance: this.instance, connection: this.connection } = await connect(this.path, this.readOnly));
              await this.openReaders();
              break;
            } catch (e) {
              if (attempt >= 50) throw e;
              await new Promise((r) => setTimeout(r, 100));
            }
          }
        } finally {
          this.noteChange(); // the other process may have written
          reopened();
        }
      });
    });
  }
}

export type { DuckDBStore };

/** True when the store is the embedded DuckDB one (bulk loaders use its native readers). */
export function isDuckDBStore(store: Store): store is DuckDBStore {
  return store instanceof DuckDBStore;
}

/**
 * Opens (and on first use creates) a DuckDB store and applies pending migrations.
 *
 * @example
 *   const store = await openStore({ path: 'lantern.duckdb' });
 *   const rows = await store.query(sql`select count(*) as n from trade_flows`);
 */
export async function openStore(options: OpenOptions = {}): Promise<Store & DuckDBStore> {
  const path = options.path ?? ':memory:';
  const readOnly = options.readOnly ?? false;
  const { instance, connection } = await connect(path, readOnly);
  const store = new DuckDBStore(instance, connection, readOnly, true, path);
  if (!readOnly && options.migrate !== false) await migrate(store);
  return store;
}

/** Opens the DuckDB file and its one connection, set up as every Lantern connection is. */
async function connect(path: string, readOnly: boolean): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
  } catch (e) {
    return wrapDbError(e, `open ${path}`);
  }
  return { instance, connection: await setUp(await instance.connect()) };
}

/** Sets a connection up as every Lantern connection is. */
async function setUp(connection: DuckDBConnection): Promise<DuckDBConnection> {
  // DuckDB 1.5.5's common-subplan optimizer treats two joins that differ only in which copy of a
  // table supplies a column as one subplan: the two country joins of the trade_flows view then give
  // the reporter's ISO3 on both sides, and per-side aggregates come out keyed wrongly. Until a DuckDB
  // release fixes it, the optimizer stays off (docs/engine/duckdb-common-subplan.md; db.test.ts).
  await connection.run(`set disabled_optimizers = '${DISABLED_OPTIMIZERS}'`);
  return connection;
}

/** A migration file: `NNN_name.sql` in store/migrations, applied once, in number order. */
export interface Migration {
  id: number;
  name: string;
  text: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_-]+\.sql$/.test(f))
    .map((f) => ({ id: Number(f.slice(0, 3)), name: f.slice(4, -4), text: readFileSync(joinPath(dir, f), 'utf8') }))
    .sort((a, b) => a.id - b.id);
}

/** Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction. */
export async function migrate(store: Store, migrations = listMigrations()): Promise<number[]> {
  await store.run(
    'create table if not exists schema_migrations (id integer primary key, name varchar not null, applied_at timestamp not null default current_timestamp)',
  );
  const done = new Set((await store.query<{ id: number }>(sql`select id from schema_migrations`)).map((r) => r.id));
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    await store.transaction(async (tx) => {
      await tx.run(m.text);
      await tx.run(sql`insert into schema_migrations (id, name) values (${m.id}, ${m.name})`);
    });
    applied.push(m.id);
  }
  return applied;
}
