/**
 * Values kept per store state (state-memo.ts): computed once while the store is unchanged, shared by
 * callers asking at once, computed again after any write (a statement, a transaction, an appender),
 * and not kept when the computation failed. Counted, not timed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './db.ts';
import { rowAppender } from './insert.ts';
import { sql } from './sql.ts';
import { memoByState } from './state-memo.ts';

let store: Awaited<ReturnType<typeof openStore>>;
let computed = 0;
const count = () =>
  memoByState(store, 'n', async () => {
    computed++;
    return Number((await store.query<{ n: number }>(sql`select count(*) as n from t`))[0]?.n);
  });

beforeAll(async () => {
  store = await openStore({ migrate: false });
  await store.run('create table t (x integer)');
});
afterAll(async () => store.close());

describe('memoByState', () => {
  it('computes once per store state, shared by callers asking at once', async () => {
    computed = 0;
    expect(await Promise.all([count(), count(), count()])).toEqual([0, 0, 0]);
    expect(await count()).toBe(0);
    expect(computed).toBe(1);
  });

  it('computes again after a statement, a transaction or an appender changed the store', async () => {
    computed = 0;
    await store.run(sql`insert into t values (${1})`);
    expect(await count()).toBe(1);
    await store.transaction(async (tx) => tx.run(sql`insert into t values (${2})`));
    expect(await count()).toBe(2);
    const app = await rowAppender(store, 't', [{ name: 'x', kind: 'integer' }]);
    app.add([3]);
    await app.close();
    expect(await count()).toBe(3);
    expect(await count()).toBe(3);
    expect(computed).toBe(3);
  });

  it('does not keep a failure', async () => {
    let tries = 0;
    const failing = () =>
      memoByState(store, 'fails once', async () => {
        if (tries++ === 0) throw new Error('first try fails');
        return 'ok';
      });
    await expect(failing()).rejects.toThrow('first try fails');
    expect(await failing()).toBe('ok');
  });
});
