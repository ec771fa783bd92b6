/**
 * The read lanes (lanes.ts): with every heavy slot held, a light statement still runs; heavy
 * statements beyond their slots wait and are not starved by light ones; a ticket's lane follows its
 * statements through awaits. No timing: statements are held open by the test and counted.
 */
import { describe, expect, it } from 'vitest';
import { coreBudget, currentLane, inLane, ReaderPool, WorkTicket } from './lanes.ts';
import { openStore } from './db.ts';
import { sql } from './sql.ts';

/** A statement the test finishes when it wants. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  return { done, finish };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ReaderPool', () => {
  it('runs a light statement while every heavy slot is held, and queues the heavy one beyond them', async () => {
    const pool = new ReaderPool(['a', 'b', 'c'], 2);
    const h1 = held();
    const h2 = held();
    const running: string[] = [];
    const heavy1 = pool.use('heavy', async (c) => (running.push(c), h1.done));
    const heavy2 = pool.use('heavy', async (c) => (running.push(c), h2.done));
    let third = false;
    const heavy3 = pool.use('heavy', async () => {
      third = true;
    });
    await tick();
    expect(pool.queued).toEqual({ light: 0, heavy: 1 });
    expect(third).toBe(false);
    // Both heavy slots are busy: a light statement still gets the connection kept for it.
    const light = await pool.use('light', async (c) => `ran on ${c}`);
    expect(light).toMatch(/^ran on [abc]$/);
    expect(running).not.toContain(light.slice(-1));
    expect(pool.started).toEqual({ light: 1, heavy: 2 });
    h1.finish();
    await heavy1;
    await heavy3;
    expect(third).toBe(true);
    h2.finish();
    await heavy2;
    expect(pool.started).toEqual({ light: 1, heavy: 3 });
  });

  it('gives a waiting heavy statement the next free connection, before waiting light ones', async () => {
    const pool = new ReaderPool(['a', 'b'], 1);
    const l1 = held();
    const l2 = held();
    const lights = [pool.use('light', () => l1.done), pool.use('light', () => l2.done)];
    const order: string[] = [];
    const heavy = pool.use('heavy', async () => void order.push('heavy'));
    const light3 = pool.use('light', async () => void order.push('light'));
    await tick();
    expect(pool.queued).toEqual({ light: 1, heavy: 1 });
    l1.finish();
    await heavy;
    l2.finish();
    await Promise.all([...lights, light3]);
    expect(order).toEqual(['heavy', 'light']);
  });

  it('leaves a core and a connection for light statements', () => {
    expect(coreBudget(4, 2)).toEqual({ heavySlots: 1, threads: 1 });
    expect(coreBudget(4, 8)).toEqual({ heavySlots: 3, threads: 5 });
    expect(coreBudget(4, 32)).toEqual({ heavySlots: 3, threads: 29 });
    expect(coreBudget(1, 8)).toEqual({ heavySlots: 1, threads: 7 });
    expect(coreBudget(4, 2, 2)).toEqual({ heavySlots: 2, threads: 1 }); // config heavyReads
    expect(coreBudget(4, 8, 9)).toEqual({ heavySlots: 3, threads: 5 }); // a connection stays for light reads
    for (const cores of [2, 3, 4, 8, 16]) {
      const { heavySlots, threads } = coreBudget(16, cores);
      expect(heavySlots + threads - 1, `${cores} cores`).toBeLessThanOrEqual(Math.max(1, cores - 1));
    }
  });
});

describe('tickets', () => {
  it("carry their lane through awaits, and count the store's statements on the readers", async () => {
    const store = await openStore();
    try {
      await store.useReaders(2, { heavySlots: 1, threads: 2 });
      expect(await store.query(sql`select current_setting('threads') as t`)).toEqual([{ t: 2 }]);
      const light = new WorkTicket('light');
      const rows = await inLane(light, async () => {
        await tick();
        expect(currentLane()).toBe('light');
        return Promise.all([store.query(sql`select 1 as x`), store.query(sql`select 2 as x`)]);
      });
      expect(rows.flat()).toEqual([{ x: 1 }, { x: 2 }]);
      expect(light.statements).toBe(2);
      expect(currentLane()).toBe('heavy');
      await store.query(sql`select 3 as x`);
      expect(store.readerStats()?.started).toEqual({ light: 2, heavy: 2 }); // the threads setting read above, and select 3
    } finally {
      await store.close();
    }
  });
});
