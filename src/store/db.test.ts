import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LanternError } from '../errors.ts';
import { isReadStatement, listMigrations, migrate, openStore, type Store } from './db.ts';
import { sql } from './sql.ts';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('DuckDB store', () => {
  it('applies every migration once, in number order', async () => {
    store = await openStore();
    const applied = await store.query<{ id: number }>(sql`select id from schema_migrations order by id`);
    expect(applied.map((r) => r.id)).toEqual(listMigrations().map((m) => m.id));
    const tables = await store.query<{ name: string }>(
      sql`select table_name as name from duckdb_tables() union all select view_name from duckdb_views() where not internal`,
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['import_runs', 'trade_flows', 'rejected_rows']));
  });

  it('returns plain JS values: bigints as numbers, timestamps as ISO strings', async () => {
    store = await openStore();
    const [row] = await store.query(sql`select 12345678901::BIGINT as big, TIMESTAMP '2024-01-02 03:04:05' as ts, ${'a'} as s`);
    expect(row).toEqual({ big: 12345678901, ts: '2024-01-02T03:04:05.000Z', s: 'a' });
  });

  it('rolls a failed transaction back completely', async () => {
    store = await openStore();
    await store.run('create table t (x integer)');
    await store.run(sql`insert into t values (${1})`);
    await expect(
      store.transaction(async (tx) => {
        await tx.run(sql`insert into t values (${2})`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.query(sql`select x from t`)).toEqual([{ x: 1 }]);
  });

  it('serialises concurrent callers so a transaction sees only its own writes', async () => {
    store = await openStore();
    await store.run('create table t (x integer)');
    const s = store;
    const tx = s.transaction(async (t) => {
      await t.run(sql`insert into t values (${1})`);
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('abort');
    });
    const outside = s.run(sql`insert into t values (${2})`);
    await expect(tx).rejects.toThrow('abort');
    await outside;
    expect(await s.query(sql`select x from t`)).toEqual([{ x: 2 }]);
  });

  it('keeps data in a file across opens, and refuses writes when read-only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-db-'));
    try {
      const path = join(dir, 'x.duckdb');
      let s = await openStore({ path });
      await s.run('create table t (x integer)');
      await s.run(sql`insert into t values (${7})`);
      await s.close();
      s = await openStore({ path, readOnly: true });
      expect(await s.query(sql`select x from t`)).toEqual([{ x: 7 }]);
      await expect(s.transaction(async () => 1)).rejects.toBeInstanceOf(LanternError);
      await s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the rows of a store made before trade_flows became a view (migration 012)', async () => {
    store = await openStore({ migrate: false });
    await migrate(
      store,
      listMigrations().filter((m) => m.id < 12),
    );
    await store.run(`insert into import_runs (id, source, format, file_name, sha256, perspective, started_at)
      values (7, 'baci', 'baci-csv', 'old.csv', 'x', 'reconciled', current_timestamp)`);
    await store.run(`insert into trade_flows values
      (7, 2019, null, 'C', 'CHN', 'USA', 'country', 'X', 'HS2017', '970110', 6, 1250500, 3.2, 't', null)`);
    await migrate(store);
    const rows = await store.query(sql`select run_id, reporter, product, value_usd from trade_flows`);
    expect(rows).toEqual([{ run_id: 7, reporter: 'CHN', product: '970110', value_usd: 1250500 }]);
    const [kind] = await store.query<{ n: number }>(
      sql`select count(*)::int as n from duckdb_views() where view_name = 'trade_flows'`,
    );
    expect(kind?.n).toBe(1);
  });
});

// DuckDB 1.5.5's common-subplan optimizer treats two joins that differ only in which copy of a
// table supplies a column as one subplan, and returns the same country for both sides
// (docs/engine/duckdb-common-subplan.md). openStore switches it off (DISABLED_OPTIMIZERS).
describe('read connections (useReaders, the server)', () => {
  it('answers a read while a transaction holds the main connection, with what is committed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-readers-'));
    const file = await openStore({ path: join(dir, 'r.duckdb') });
    store = file;
    try {
      await file.run('create table t (x integer)');
      await file.run(sql`insert into t values (${1})`);
      await file.useReaders(2);
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      let written!: () => void;
      const insideTx = new Promise<void>((r) => (written = r));
      const tx = file.transaction(async (t) => {
        await t.run(sql`insert into t values (${2})`);
        written();
        await gate; // the main connection stays busy until the reads below have answered
      });
      await insideTx;
      // Without a reader this would wait for the gate, which opens only after it answers.
      const during = await file.query<{ n: number }>(sql`select count(*)::int as n from t`);
      expect(during).toEqual([{ n: 1 }]);
      open();
      await tx;
      expect(await file.query<{ n: number }>(sql`select count(*)::int as n from t`)).toEqual([{ n: 2 }]);
    } finally {
      await file.close();
      store = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a TEMP table and its reads on one connection with pinned(), and reopens readers after suspend', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-readers-'));
    const file = await openStore({ path: join(dir, 'p.duckdb') });
    store = file;
    try {
      await file.useReaders(3);
      const n = await file.pinned(async (one) => {
        await one.run('create temp table scratch as select * from range(5) r(x)');
        const [r] = await one.query<{ n: number }>(sql`select count(*)::int as n from scratch`);
        await one.run('drop table scratch');
        return r?.n;
      });
      expect(n).toBe(5);
      const resume = await file.suspend();
      const waiting = file.query<{ one: number }>(sql`select 1 as one`); // waits for the file
      await resume();
      expect(await waiting).toEqual([{ one: 1 }]);
      const answers = await Promise.all([1, 2, 3, 4, 5].map((i) => file.query<{ i: number }>(sql`select ${i} as i`)));
      expect(answers.map((a) => a[0]?.i)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await file.close();
      store = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends to readers only statements that read', () => {
    expect(isReadStatement('select 1')).toBe(true);
    expect(isReadStatement('  with a as (select 1) select * from a')).toBe(true);
    expect(isReadStatement('insert into t select 1')).toBe(false);
    expect(isReadStatement('with a as (select 1) insert into t select * from a')).toBe(false);
    expect(isReadStatement('create temp table x as select 1')).toBe(false);
    expect(isReadStatement('select * from t; delete from t')).toBe(false);
    expect(isReadStatement('set threads = 1')).toBe(false);
  });
});

describe('engine workarounds', () => {
  it('keeps the exporter and importer of one flow apart when the same join appears twice', async () => {
    const store = await openStore({ migrate: false });
    try {
      await store.run(
        "create table codes (code integer, iso3 varchar); insert into codes values (1, 'AAA'), (2, 'BBB'); create table flows (exporter integer, importer integer); insert into flows values (1, 2)",
      );
      const rows = await store.query(
        sql`select 'exporter' as side, e.iso3 as iso3 from flows f join codes e on e.code = f.exporter join codes m on m.code = f.importer union all select 'importer' as side, m.iso3 as iso3 from flows f join codes e on e.code = f.exporter join codes m on m.code = f.importer order by side`,
      );
      expect(rows).toEqual([
        { side: 'exporter', iso3: 'AAA' },
        { side: 'importer', iso3: 'BBB' },
      ]);
      expect(String((await store.query<{ v: unknown }>(sql`select current_setting('disabled_optimizers') as v`))[0]?.v)).toMatch(
        /common_subplan/,
      );
    } finally {
      await store.close();
    }
  });
});
