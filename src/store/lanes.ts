/**
 * Lanes for reads: a cheap statement never waits behind expensive ones for a connection.
 *
 * The server's read connections form a `ReaderPool`. Every statement runs in a lane: `light`
 * (a lookup: names of codes, a small list) or `heavy` (an indicator, a profile, a market finder:
 * hundreds of milliseconds over the trade rows). Heavy statements hold at most `heavySlots`
 * connections at once (a semaphore), so the others are always there for light ones. Neither lane
 * starves the other: a heavy statement waiting while fewer than `heavySlots` run gets the next
 * free connection, and light statements use every connection heavy ones do not wait for.
 *
 * The lane of a statement is the lane of the work that issued it: `inLane(ticket, fn)` runs `fn`
 * with that ticket (AsyncLocalStorage), and every statement `fn` issues, however deep in a read
 * model, runs in the ticket's lane and adds the time it held a connection to `ticket.busyMs`
 * (the router measures routes with it: api/route-costs.ts). Work outside any ticket (the warm-up,
 * the CLI) is heavy.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type Lane = 'light' | 'heavy';

/** One unit of work (an API request): its lane, and what its statements cost. */
export class WorkTicket {
  /** Milliseconds its statements held a connection (queueing not counted). */
  busyMs = 0;
  statements = 0;
  constructor(readonly lane: Lane) {}
}

const tickets = new AsyncLocalStorage<WorkTicket>();

/** Runs `fn` with `ticket`: its statements run in the ticket's lane and are counted on it. */
export function inLane<T>(ticket: WorkTicket, fn: () => Promise<T>): Promise<T> {
  return tickets.run(ticket, fn);
}

/** The ticket of the work under way, if any. */
export function currentTicket(): WorkTicket | undefined {
  return tickets.getStore();
}

/** The lane a statement issued now runs in. */
export function currentLane(): Lane {
  return tickets.getStore()?.lane ?? 'heavy';
}

/**
 * How the server shares the machine's cores: heavy statements may keep `cores − 1` threads busy in
 * all, leaving a core for the event loop and light statements. A DuckDB statement runs on its own
 * thread plus the instance's pool (`threads − 1` threads shared by all statements), so `heavySlots`
 * statements at once with `threads` = cores − heavySlots stay within the budget: on 2 cores one
 * heavy statement on one thread; on 8 cores three at once with a pool of 4. `heavy` (config
 * heavyReads) sets the number of heavy statements instead. There is always a connection left for
 * light statements.
 */
export function coreBudget(connections: number, cores: number, heavy?: number): { heavySlots: number; threads: number } {
  const heavySlots = Math.max(1, Math.min(connections - 1, heavy ?? Math.floor((cores - 1) / 2)));
  return { heavySlots, threads: Math.max(1, cores - heavySlots) };
}

/** Connections shared by two lanes (see the file's comment). */
export class ReaderPool<C> {
  private idle: C[];
  private waiting: Record<Lane, ((c: C) => void)[]> = { light: [], heavy: [] };
  private heavyRunning = 0;
  /** Statements started, per lane (tests count them). */
  readonly started: Record<Lane, number> = { light: 0, heavy: 0 };

  constructor(
    readonly connections: readonly C[],
    readonly heavySlots: number,
  ) {
    if (connections.length === 0) throw new Error('a reader pool needs at least one connection');
    this.idle = [...connections];
  }

  /** Statements waiting for a connection, per lane. */
  get queued(): Record<Lane, number> {
    return { light: this.waiting.light.length, heavy: this.waiting.heavy.length };
  }

  /** Runs `fn` on a connection of the pool, in `lane`, once one is free for that lane. */
  async use<T>(lane: Lane, fn: (c: C) => Promise<T>): Promise<T> {
    const c = await this.acquire(lane);
    this.started[lane]++;
    try {
      return await fn(c);
    } finally {
      this.release(c, lane);
    }
  }

  /** Resolves once the work under way is done and every connection is back (before closing them). */
  async drain(): Promise<void> {
    await Promise.all(this.connections.map(() => this.acquire('light')));
  }

  private canStart(lane: Lane): boolean {
    if (this.idle.length === 0) return false;
    const heavyMayStart = this.heavyRunning < this.heavySlots;
    return lane === 'heavy' ? heavyMayStart : !(heavyMayStart && this.waiting.heavy.length > 0);
  }

  private take(lane: Lane): C {
    if (lane === 'heavy') this.heavyRunning++;
    return this.idle.pop() as C;
  }

  private acquire(lane: Lane): Promise<C> {
    // A statement never overtakes others of its lane that wait (first come, first served).
    if (this.waiting[lane].length === 0 && this.canStart(lane)) return Promise.resolve(this.take(lane));
    return new Promise((resolve) => this.waiting[lane].push(resolve));
  }

  private release(c: C, lane: Lane): void {
    if (lane === 'heavy') this.heavyRunning--;
    this.idle.push(c);
    for (const l of ['heavy', 'light'] as const) {
      while (this.waiting[l].length > 0 && this.canStart(l)) (this.waiting[l].shift() as (c: C) => void)(this.take(l));
    }
  }
}
