/**
 * The event loop first. A cheap request (names of codes, the import runs) costs the server a
 * fraction of a millisecond of JavaScript, but while heavy statements run, DuckDB's work (on libuv's
 * pool threads) and V8's helper threads take the cores, and the event loop waits its turn like any
 * of them. On Linux a thread has its own nice value: `favourEventLoop` gives every thread of the
 * process but the calling one (the event loop) a lower priority, so the scheduler runs the event
 * loop as soon as it has work, and heavy statements use what is left. They lose nothing when the
 * event loop is idle, which it mostly is.
 *
 * The price: heavy statements yield to every other runnable thread of the machine, not only to the
 * event loop. On two cores with 8 clients flooding a cheap route beside 8 heavy ones, nice 10 cut
 * the cheap p50 from 2.3–2.6 ms to 1.3 ms and halved the heavy answers (bench/RESULTS.md, session
 * 10), so it is the operator's choice (config threadNice), off by default.
 *
 * Threads are created later too (libuv starts its pool at the first statement, DuckDB its workers
 * when a statement needs them; a new thread takes the priority of the thread that creates it), so
 * the threads are looked at again every few seconds. Elsewhere than Linux it does nothing.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value measured in bench/RESULTS.md (config threadNice; 0 is the system's default and off, 19 the lowest priority). */
export const WORKER_NICE = 10;
const RECHECK_MS = 5000;

/** The calling thread's id, or undefined where /proc/thread-self does not exist (not Linux). */
function ownThreadId(): number | undefined {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return undefined;
  }
}

/** Lowers the priority of every thread of the process but `self` to `nice`; returns how many it changed. */
export function lowerOtherThreads(self: number, nice = WORKER_NICE): number {
  let changed = 0;
  for (const name of readdirSync('/proc/self/task')) {
    const tid = Number(name);
    if (tid === self) continue;
    try {
      if (getPriority(tid) >= nice) continue;
      setPriority(tid, nice);
      changed++;
    } catch {
      // The thread ended meanwhile.
    }
  }
  return changed;
}

/** Keeps the other threads below the calling one (see the file's comment); returns a stop function. */
export function favourEventLoop(nice = WORKER_NICE): () => void {
  const self = ownThreadId();
  if (nice <= 0 || self === undefined || !Number.isInteger(self)) return () => {};
  lowerOtherThreads(self, nice);
  const timer = setInterval(() => lowerOtherThreads(self, nice), RECHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
