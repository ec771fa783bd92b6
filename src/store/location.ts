/**
 * Where a store lives, as the user names it: a DuckDB file (`--db`), or a ClickHouse cluster
 * (`--store clickhouse://HOST:PORT[,HOST:PORT…]/DATABASE[?cluster=NAME]`). One place turns either
 * into an open `Store`, so every read command and `lantern serve` run unchanged on both.
 *
 * The ClickHouse form: one `HOST:PORT` (the HTTP port) per shard, in the shard order of the
 * servers' `remote_servers`; the database (default `lantern`); `cluster` (needed with several
 * servers). Credentials never go in the URL (it is printed and kept in shell history): they come
 * from LANTERN_CLICKHOUSE_USER and LANTERN_CLICKHOUSE_PASSWORD.
 *
 * @example
 *   parseStoreUrl('clickhouse://127.0.0.1:8123,127.0.0.1:8124/lantern?cluster=lantern')
 *   // → { urls: ['http://127.0.0.1:8123', 'http://127.0.0.1:8124'], database: 'lantern', cluster: 'lantern' }
 */
import { LanternError, type Problem } from '../errors.ts';
import { type ClickHouseOptions, openClickHouseStore } from './clickhouse.ts';
import { requireFilled } from './clickhouse/append.ts';
import { openStore, type Store } from './db.ts';

export interface StoreLocation {
  /** The DuckDB file, used when `store` is not given. */
  db: string;
  /** A `clickhouse://…` URL; when given, the store is that cluster. */
  store?: string;
  clickhouseUser?: string;
  clickhousePassword?: string;
  /** How long a cluster write waits for the write lock (ms); see ClickHouseOptions.lockWaitMs. */
  clusterLockWaitMs?: number;
}

const FORM = 'clickhouse://HOST:PORT[,HOST:PORT…]/DATABASE[?cluster=NAME]';

function refuse(found: string, message: string, hint?: string): never {
  const problem: Problem = { field: 'store', message, expected: FORM, found, hint };
  throw new LanternError('invalid-argument', `Cannot read the store URL: ${message}.`, [problem]);
}

/** The ClickHouse servers, database and cluster a `clickhouse://` URL names (no request made). */
export function parseStoreUrl(text: string): Pick<ClickHouseOptions, 'urls' | 'database' | 'cluster'> {
  const m = /^clickhouse:\/\/([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?$/.exec(text.trim());
  if (!m) refuse(text, 'not a clickhouse:// URL', 'e.g. clickhouse://127.0.0.1:8123/lantern');
  const [, hosts = '', database = '', query = ''] = m;
  if (hosts.includes('@'))
    refuse(text.replace(/\/\/[^@/]*@/, '//…@'), 'credentials in the URL', 'set LANTERN_CLICKHOUSE_USER and LANTERN_CLICKHOUSE_PASSWORD instead');
  const servers = hosts.split(',').map((h) => h.trim());
  const bad = servers.filter((h) => !/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/.test(h));
  if (servers.length === 0 || bad.length)
    refuse(text, `${bad.length ? `"${bad.join('", "')}" is` : 'no server is'} not HOST:PORT`, 'name the HTTP port of each server, e.g. 127.0.0.1:8123');
  const params = new URLSearchParams(query);
  const unknown = [...params.keys()].filter((k) => k !== 'cluster');
  if (unknown.length) refuse(text, `unknown parameter ${unknown.join(', ')}`, 'the only parameter is cluster=NAME');
  return {
    urls: servers.map((h) => `http://${h}`),
    database: database === '' ? undefined : decodeURIComponent(database),
    cluster: params.get('cluster') ?? undefined,
  };
}

/** True when the location names a ClickHouse store. */
export function isClusterLocation(location: StoreLocation): boolean {
  return location.store !== undefined && location.store !== '';
}

/** What to show a user for the location: the file, or the cluster URL (it holds no secrets). */
export function describeLocation(location: StoreLocation): string {
  return isClusterLocation(location) ? (location.store as string) : location.db;
}

/**
 * Opens the store at a location. A ClickHouse store is never migrated by opening it (its tables
 * come from `lantern cluster push`; one without them is refused, with that hint); a DuckDB file
 * is, unless read-only.
 */
export async function openStoreAt(location: StoreLocation, opts: { readOnly?: boolean } = {}): Promise<Store> {
  if (!isClusterLocation(location)) return openStore({ path: location.db, readOnly: opts.readOnly });
  const store = await openClickHouseStore({
    ...parseStoreUrl(location.store as string),
    user: location.clickhouseUser,
    password: location.clickhousePassword,
    lockWaitMs: location.clusterLockWaitMs,
    readOnly: opts.readOnly,
    migrate: false,
  });
  // A cluster nothing was pushed to: say so once, not on every query.
  await requireFilled(store);
  return store;
}
