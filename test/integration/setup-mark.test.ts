/**
 * First-run loaders run once per build and data (src/setup.ts): after they have all run the store
 * keeps the fingerprint they ran with, a later prepareStore with the same fingerprint skips them,
 * and a different fingerprint (a new build, new bundled data, a new migration) runs them again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadersFingerprint, prepareStore } from '../../src/setup.ts';
import { openStore } from '../../src/store/db.ts';
import { ident, sql } from '../../src/store/sql.ts';

const count = async (store: Awaited<ReturnType<typeof openStore>>, table: string) =>
  (await store.query<{ n: number }>(sql`select count(*)::int as n from ${ident(table)}`))[0]?.n;

describe('the setup mark', () => {
  const opened: Awaited<ReturnType<typeof openStore>>[] = [];
  afterAll(async () => {
    for (const s of opened) await s.close();
  });

  it('skips the loaders when they ran with the same fingerprint, and runs them when it differs', async () => {
    const store = await openStore();
    opened.push(store);
    expect(await count(store, 'countries')).toBe(0);
    await prepareStore(store);
    const countries = await count(store, 'countries');
    expect(countries).toBeGreaterThan(200);
    expect(await store.query(sql`select fingerprint from setup_mark`)).toEqual([{ fingerprint: loadersFingerprint() }]);

    // Same fingerprint: the loaders do not run (the countries' version mark, deleted by hand, would
    // make the countries loader load them again).
    await store.run(sql`delete from countries_version`);
    await prepareStore(store);
    expect(await count(store, 'countries_version')).toBe(0);

    // Another fingerprint (as after a new build): they run again.
    await store.run(sql`update setup_mark set fingerprint = ${'an older build'}`);
    await prepareStore(store);
    expect(await count(store, 'countries_version')).toBe(1);
    expect(await count(store, 'countries')).toBe(countries);
    expect(await store.query(sql`select fingerprint from setup_mark`)).toEqual([{ fingerprint: loadersFingerprint() }]);
  });

  it('is the same on every call and names the loaders, code and data it covers', () => {
    expect(loadersFingerprint()).toBe(loadersFingerprint());
    expect(loadersFingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });
});
