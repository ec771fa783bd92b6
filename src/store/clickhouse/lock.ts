/**
 * The cluster's write lock: one writer at a time (an import, a push), so two imports never take the
 * same run id, interleave their commits, or clean up each other's rows.
 *
 * The lock is a table, `lantern_write_lock`, on the initiator: creating a table that exists fails
 * (code 57, also while another CREATE of that name is under way), so exactly one `CREATE TABLE`
 * wins, with no coordinator (the Debian servers have no ZooKeeper). The winner writes who holds it
 * (what, host, pid, since) into it and drops it when done, whatever happened. A waiter polls until
 * it can create the table, up to `waitMs` (LANTERN_CLUSTER_LOCK_WAIT_MS; default 30 minutes: an
 * import of a large file holds it that long), then gives up naming the holder. A process killed
 * while holding it leaves the table: `lantern cluster unlock` drops it; the refusal says so, and
 * says when the holder's process is gone (same host, no such pid).
 */
import { hostname } from 'node:os';
import { LanternError } from '../../errors.ts';
import { ClickHouseError, type ClickHouseStore } from '../clickhouse.ts';
import { raw, sql } from '../sql.ts';
import { alive } from '../process-alive.ts';

export const WRITE_LOCK = 'lantern_write_lock';
const TABLE_EXISTS = 57;

export interface LockHolder {
  what: string;
  host: string;
  pid: number;
  since: string;
}

/** Who holds the write lock, or undefined when nobody does (or its holder has not written itself yet). */
export async function lockHolder(ch: ClickHouseStore): Promise<LockHolder | undefined> {
  try {
    const [h] = await ch.query<LockHolder>(sql`select what, host, pid, since from ${raw(ch.qualified(WRITE_LOCK))} limit 1`);
    return h ? { ...h, pid: Number(h.pid) } : undefined;
  } catch (e) {
    if (e instanceof ClickHouseError) return undefined; // released meanwhile
    throw e;
  }
}

/** Drops the write lock whoever holds it (`lantern cluster unlock`); true when there was one. */
export async function releaseWriteLock(ch: ClickHouseStore): Promise<boolean> {
  const held = (await ch.tables()).some((t) => t.name === WRITE_LOCK);
  if (held) await ch.run(`DROP TABLE IF EXISTS ${ch.qualified(WRITE_LOCK)}`);
  return held;
}

/**
 * Runs `fn` holding the cluster's write lock; `what` says what holds it ('import', 'push').
 *
 * @example
 *   await withWriteLock(ch, 'import', () => appendRun(…));
 */
export async function withWriteLock<T>(ch: ClickHouseStore, what: string, fn: () => Promise<T>, waitMs = ch.lockWaitMs): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      await ch.run(`CREATE TABLE ${ch.qualified(WRITE_LOCK)} (what String, host String, pid UInt32, since DateTime) ENGINE = Log`);
      break;
    } catch (e) {
      if (!(e instanceof ClickHouseError) || e.code !== TABLE_EXISTS) throw e;
    }
    if (Date.now() - started >= waitMs) throw await heldError(ch, what);
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    const since = new Date().toISOString().slice(0, 19).replace('T', ' ');
    await ch.insert(ch.initiator, WRITE_LOCK, `${what}\t${hostname()}\t${process.pid}\t${since}\n`, 'TabSeparated');
    return await fn();
  } finally {
    await ch.run(`DROP TABLE IF EXISTS ${ch.qualified(WRITE_LOCK)}`);
  }
}

async function heldError(ch: ClickHouseStore, what: string): Promise<LanternError> {
  const h = await lockHolder(ch);
  const gone = h && h.host === hostname() && !alive(h.pid);
  return new LanternError('store-error', `Another writer holds the ClickHouse store's write lock; this ${what} did not start.`, [
    {
      field: 'store',
      message: h ? `held by ${h.what} (pid ${h.pid} on ${h.host}) since ${h.since} UTC${gone ? '; that process is gone' : ''}` : 'held (its holder is not recorded)',
      hint: gone
        ? 'the holder was killed: release the lock with `lantern cluster unlock` (same --clickhouse servers), then run this again'
        : `wait for it to finish and run this again (or wait longer: LANTERN_CLUSTER_LOCK_WAIT_MS); if no import or push is running, \`lantern cluster unlock\` (same --clickhouse servers)`,
    },
  ]);
}
