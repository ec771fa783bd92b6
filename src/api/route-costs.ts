/**
 * Which lane a route's reads run in (store/lanes.ts): `light` routes keep connections of their own
 * and never wait behind the heavy ones.
 *
 * A route may declare its cost (`RouteSpec.cost`: a lookup in a small table is `light`); else it
 * is measured. Every answer a route computes records how long its statements held a connection
 * (queueing not counted); once a route has answered `MIN_ANSWERS` times, it becomes light when the
 * moving average of that time falls under `LIGHT_MS`, and heavy again only above `HEAVY_MS`: on a
 * loaded machine every statement takes longer, and a lookup must not flip lanes with the load. A
 * route not yet measured is heavy: a new expensive route cannot take the light connections before
 * it is known.
 */
import type { Lane, WorkTicket } from '../store/index.ts';

/** Below this many milliseconds of connection time per answer (moving average), a route is light. */
export const LIGHT_MS = 25;
/** Above this moving average a light route is heavy again. */
export const HEAVY_MS = 100;
/** Answers measured before a route without a declared cost can be light. */
export const MIN_ANSWERS = 3;
/** Weight of the newest answer in the moving average (the first answers are averaged plainly). */
const WEIGHT = 0.2;

interface Measure {
  answers: number;
  /** Moving average of connection time per answer, ms. */
  busyMs: number;
  lane: Lane;
}

export class RouteCosts {
  private measured = new Map<string, Measure>();

  /** The lane of `route` (e.g. `GET /hs/names`): the declared one, else as measured so far. */
  lane(route: string, declared?: Lane): Lane {
    if (declared) return declared;
    return this.measured.get(route)?.lane ?? 'heavy';
  }

  /** Records one computed answer of `route`. */
  record(route: string, ticket: WorkTicket): void {
    const m = this.measured.get(route) ?? { answers: 0, busyMs: 0, lane: 'heavy' };
    m.answers++;
    m.busyMs += Math.max(WEIGHT, 1 / m.answers) * (ticket.busyMs - m.busyMs);
    if (m.lane === 'heavy' && m.answers >= MIN_ANSWERS && m.busyMs < LIGHT_MS) m.lane = 'light';
    else if (m.lane === 'light' && m.busyMs > HEAVY_MS) m.lane = 'heavy';
    this.measured.set(route, m);
  }

  /** What is known of a route (tests, the status page). */
  measure(route: string): Readonly<Measure> | undefined {
    return this.measured.get(route);
  }
}
