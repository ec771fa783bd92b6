import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './db.ts';
import { sql } from './sql.ts';
import { INTERNAL_TABLES, listTables, USER_TABLES } from './tables.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(async () => {
  await store?.close();
});

describe('listTables: the tables as users see them', () => {
  it('lists every table and view of a new store, each described or marked internal, none both', async () => {
    const listed = await listTables(store);
    const inStore = await store.query<{ name: string }>(
      sql`select table_name as name from duckdb_tables() where schema_name = 'main'
          union all select view_name from duckdb_views() where schema_name = 'main' and not internal`,
    );
    expect(listed.map((t) => t.name).sort()).toEqual(inStore.map((t) => t.name).sort());
    const unclassified = listed.filter((t) => !(t.name in USER_TABLES) && !INTERNAL_TABLES.has(t.name)).map((t) => t.name);
    expect(unclassified, 'a new table: describe it in USER_TABLES or list it in INTERNAL_TABLES').toEqual([]);
    expect(Object.keys(USER_TABLES).filter((n) => INTERNAL_TABLES.has(n))).toEqual([]);
    // Every described table exists: a renamed table does not leave a stale description.
    expect(Object.keys(USER_TABLES).filter((n) => !listed.some((t) => t.name === n))).toEqual([]);
  });

  it('lists the views behind which the import keeps its storage (trade_flows, flow_totals, flow_basket_rows)', async () => {
    const listed = await listTables(store);
    const views = listed.filter((t) => t.kind === 'view').map((t) => t.name);
    expect(views).toEqual(expect.arrayContaining(['trade_flows', 'flow_totals', 'flow_basket_rows']));
    const trade = listed.find((t) => t.name === 'trade_flows')!;
    expect(trade).toMatchObject({ kind: 'view', about: expect.stringContaining('Trade rows'), about_zh: expect.stringMatching(/贸易/) });
    expect(listed.find((t) => t.name === 'flow_basket_rows_named')).toMatchObject({ about: null, about_zh: null });
    // Sorted by name, as `lantern status` prints them.
    const names = listed.map((t) => t.name);
    expect(names).toEqual([...names].sort());
  });
});
