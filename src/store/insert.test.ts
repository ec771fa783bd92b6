/**
 * insertRows / insertRecords: the JSON path (every column type has a plain name) and the VALUES
 * path (a DECIMAL column) store the same values, NULLs and bigints included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './db.ts';
import { insertRecords, insertRows } from './insert.ts';
import { type SqlValue, sql } from './sql.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore({ migrate: false });
  await store.run(
    'create table plain (name varchar, n integer, big bigint, x double, ok boolean, d date); create table dec (name varchar, amount decimal(18, 2))',
  );
});
afterAll(() => store.close());

describe('insertRows', () => {
  it('stores typed values through from_json, in one statement for many rows', async () => {
    const rows: SqlValue[][] = Array.from({ length: 1500 }, (_, i) => [`r${i}`, i, 2n ** 40n + BigInt(i), i / 4, i % 2 === 0, '2021-03-04']);
    rows.push(['nulls', null, null, null, null, null]);
    await insertRows(store, 'plain', ['name', 'n', 'big', 'x', 'ok', 'd'], rows);
    const [s] = await store.query<Record<string, unknown>>(
      sql`select count(*)::int as c, sum(n)::bigint as n, max(big)::varchar as big, sum(x) as x, count(*) filter (where ok)::int as t, min(d)::varchar as d, count(*) filter (where n is null)::int as nulls from plain`,
    );
    expect(s).toEqual({ c: 1501, n: (1499 * 1500) / 2, big: String(2n ** 40n + 1499n), x: (1499 * 1500) / 8, t: 750, d: '2021-03-04', nulls: 1 });
  });

  it('falls back to VALUES where a type has no plain name (DECIMAL), with the same result', async () => {
    await insertRecords(store, 'dec', [
      { name: 'a', amount: 1.25 },
      { name: 'b', amount: null },
    ]);
    expect(await store.query(sql`select name, amount::double as amount from dec order by name`)).toEqual([
      { name: 'a', amount: 1.25 },
      { name: 'b', amount: null },
    ]);
  });

  it('does nothing for no rows', async () => {
    await insertRows(store, 'dec', ['name', 'amount'], []);
    await insertRecords(store, 'dec', []);
    expect((await store.query<{ n: number }>(sql`select count(*)::int as n from dec`))[0]?.n).toBe(2);
  });
});
