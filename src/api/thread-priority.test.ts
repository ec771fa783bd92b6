import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, sql, type Store } from '../store/index.ts';
import { type RunningServer, startServer } from './server.ts';
import { favourEventLoop, lowerOtherThreads, WORKER_NICE } from './thread-priority.ts';

const linux = existsSync('/proc/thread-self');
if (!linux) console.warn('thread-priority: skipped, this system has no /proc/thread-self (threads have their own priority on Linux only)');

/** The nice value of each thread of this process, read from /proc (field 19 of its stat line). */
function niceByThread(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const name of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${name}/stat`, 'utf8');
      // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      nice.set(Number(name), Number(fields[16]));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return nice;
}

const self = () => Number(readlinkSync('/proc/thread-self').split('/').pop());

/** A thread that idles until terminated. */
function idleThread(): Promise<Worker> {
  const worker = new Worker('setInterval(() => {}, 1000); require("node:worker_threads").parentPort.postMessage("up")', { eval: true });
  return new Promise((resolve) => worker.once('message', () => resolve(worker)));
}

describe.skipIf(!linux)('the event loop first (thread priorities)', () => {
  it('is off by default: a server started without threadNice leaves every thread as it was', async () => {
    const store = await openStore();
    try {
      await store.query(sql`select 1 as n`);
      const before = niceByThread();
      const server = await startServer({ store, dbPath: ':memory:', port: 0, host: '127.0.0.1', log: () => {} });
      try {
        expect((await fetch(`${server.url}api/v1/status`)).status).toBe(200);
        const after = niceByThread();
        for (const [tid, nice] of before) if (after.has(tid)) expect(after.get(tid), `thread ${tid}`).toBe(nice);
      } finally {
        await server.close();
      }
    } finally {
      await store.close();
    }
  });

  describe('lantern serve', () => {
    let store: Store;
    let server: RunningServer;
    beforeAll(async () => {
      store = await openStore();
      await store.query(sql`select 1 as n`);
      const lowBefore = [...niceByThread()].filter(([tid, nice]) => tid !== self() && nice < WORKER_NICE);
      expect(lowBefore.length, 'before the server starts, other threads run at the default priority').toBeGreaterThan(0);
      server = await startServer({ store, dbPath: ':memory:', port: 0, host: '127.0.0.1', log: () => {}, threadNice: WORKER_NICE });
    });
    afterAll(async () => {
      await server?.close();
      await store?.close();
    });

    it('with threadNice, runs its statements on threads below its event loop, and still answers', async () => {
      expect(await store.query(sql`select 42 as n`)).toEqual([{ n: 42 }]);
      const res = await fetch(`${server.url}api/v1/status`);
      expect(res.status).toBe(200);
      const nice = niceByThread();
      expect(nice.get(self())).toBeLessThan(WORKER_NICE);
      const others = [...nice].filter(([tid]) => tid !== self());
      expect(others.length).toBeGreaterThan(0);
      for (const [tid, n] of others) expect(n, `thread ${tid}`).toBeGreaterThanOrEqual(WORKER_NICE);
    });
  });

  it('lowers every other thread of the process, and never the calling one', async () => {
    const worker = await idleThread();
    try {
      const before = niceByThread();
      expect(before.size).toBeGreaterThan(2);
      const ownNice = before.get(self());
      const stop = favourEventLoop();
      stop();
      const after = niceByThread();
      expect(after.get(self())).toBe(ownNice);
      for (const [tid, nice] of after) if (tid !== self()) expect(nice, `thread ${tid}`).toBeGreaterThanOrEqual(WORKER_NICE);
    } finally {
      await worker.terminate();
    }
  });

  it('lowers a thread started later when it looks again, and leaves the lowered ones alone', async () => {
    lowerOtherThreads(self());
    const worker = await idleThread();
    try {
      const started = [...niceByThread()].filter(([tid, nice]) => tid !== self() && nice < WORKER_NICE);
      expect(started.length, 'the new thread starts at the priority of the thread that made it').toBeGreaterThan(0);
      expect(lowerOtherThreads(self())).toBe(started.length);
      expect(lowerOtherThreads(self())).toBe(0);
    } finally {
      await worker.terminate();
    }
  });

});
