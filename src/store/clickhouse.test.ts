import { afterEach, describe, expect, it } from 'vitest';
import { LanternError } from '../errors.ts';
import { clickhouseTradeFlowsColumns, mapColumn } from './clickhouse/push.ts';
import {
  ClickHouseStore,
  externalParams,
  fromClickHouse,
  openClickHouseStore,
  splitStatements,
} from './clickhouse.ts';
import { listMigrations, migrate, openStore, type Store } from './db.ts';
import { sql } from './sql.ts';

let duck: Store | undefined;
afterEach(async () => {
  await duck?.close();
  duck = undefined;
});

/** A fetch that records requests and answers with `reply`. */
function recordingFetch(reply: (url: string, body: unknown) => string) {
  const calls: { url: string; body: unknown }[] = [];
  const f = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, body: init?.body });
    return new Response(reply(url, init?.body), { status: 200 });
  }) as typeof fetch;
  return { f, calls };
}

describe('ClickHouse store without a server', () => {
  it('splits constant SQL at semicolons outside quotes and comments', () => {
    const text =
      "create table a (x String default ';'); -- a; comment\n/* b; */ insert into a values ('it''s; fine');\n  ;";
    expect(splitStatements(text)).toEqual([
      "create table a (x String default ';')",
      "-- a; comment\n/* b; */ insert into a values ('it''s; fine')",
    ]);
  });

  it('carries bound values as one TSV row of a typed external table, escaped', () => {
    const p = externalParams({
      p1: "x'\t\n\\y",
      p2: 2021,
      p3: 1.5,
      p4: null,
      p5: true,
      p6: 12345678901234567890n,
    });
    expect(p.structure).toBe('p1 String, p2 Int64, p3 Float64, p4 Nullable(String), p5 UInt8, p6 Int64');
    expect(p.row).toBe("x'\\t\\n\\\\y\t2021\t1.5\t\\N\t1\t12345678901234567890\n");
  });

  it('keeps a hostile value out of the SQL text it sends', async () => {
    const evil = "CHN'); drop table trade_flows; --";
    const { f, calls } = recordingFetch(() =>
      JSON.stringify({ meta: [{ name: 'n', type: 'UInt64' }], data: [{ n: '3' }] }),
    );
    const ch = new ClickHouseStore({ url: 'http://127.0.0.1:1', fetch: f });
    const rows = await ch.query(sql`select count() as n from trade_flows where reporter = ${evil}`);
    expect(rows).toEqual([{ n: 3 }]);
    const call = calls[0] as { url: string; body: FormData };
    expect(call.body).toBeInstanceOf(FormData);
    const query = call.body.get('query') as string;
    expect(query).toBe(
      'select count() as n from trade_flows where reporter = identity((select p1 from lantern_params))\nFORMAT JSON',
    );
    expect(query).not.toContain('CHN');
    expect(await (call.body.get('lantern_params') as Blob).text()).toBe(`${evil}\n`);
    expect(new URL(call.url).searchParams.get('lantern_params_structure')).toBe('p1 String');
    expect(new URL(call.url).searchParams.get('database')).toBe('lantern');
  });

  it('converts ClickHouse JSON values to the plain JS the DuckDB store returns', () => {
    expect(fromClickHouse('12345678901', 'UInt64')).toBe(12345678901);
    expect(fromClickHouse('123456789012345678901', 'Nullable(Int128)')).toBe('123456789012345678901');
    expect(fromClickHouse('2024-01-02 03:04:05', 'DateTime')).toBe('2024-01-02T03:04:05.000Z');
    expect(fromClickHouse('2024-01-02', 'Date')).toBe('2024-01-02T00:00:00.000Z');
    expect(fromClickHouse(null, 'Nullable(Float64)')).toBeNull();
    expect(fromClickHouse(1.25, 'Float64')).toBe(1.25);
  });

  it('refuses transactions instead of pretending to have them', async () => {
    const ch = new ClickHouseStore({ url: 'http://127.0.0.1:1' });
    await expect(ch.transaction(async () => 1)).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('checks its arguments before any request and reports every problem at once', async () => {
    const { f, calls } = recordingFetch(() => '');
    const err = await openClickHouseStore({
      urls: ['127.0.0.1:8123', 'http://b:1'],
      database: 'x-y',
      fetch: f,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(LanternError);
    expect((err as LanternError).problems.map((p) => p.field)).toEqual(['url', 'database', 'cluster']);
    expect(calls).toHaveLength(0);
  });

  it('says which server cannot be reached', async () => {
    const f = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(openClickHouseStore({ url: 'http://127.0.0.1:9', fetch: f })).rejects.toThrow(
      /Cannot reach ClickHouse at http:\/\/127\.0\.0\.1:9/,
    );
  });

  it('declares trade_flows with exactly the columns of DuckDB migration 001, mapped to ClickHouse types', async () => {
    duck = await openStore({ migrate: false });
    await migrate(
      duck,
      listMigrations().filter((m) => m.id === 1),
    );
    const cols = await duck.query<{ name: string; type: string; nullable: string }>(
      sql`select column_name as name, data_type as type, is_nullable as nullable from information_schema.columns
          where table_name = 'trade_flows' order by ordinal_position`,
    );
    const mapped = cols.map((c) => ({
      name: c.name,
      type: mapColumn({ ...c, nullable: c.nullable === 'YES' })?.chType,
    }));
    expect(clickhouseTradeFlowsColumns()).toEqual(mapped);
    expect(mapped.find((c) => c.name === 'month')?.type).toBe('Nullable(Int8)');
  });

  it('maps DuckDB types it can carry and reports the ones it cannot', () => {
    expect(mapColumn({ name: 'b', type: 'BOOLEAN', nullable: false })).toEqual({
      chType: 'UInt8',
      exportExpr: 'cast("b" as integer)',
    });
    expect(mapColumn({ name: 't', type: 'TIMESTAMP', nullable: true })?.chType).toBe('Nullable(DateTime)');
    expect(mapColumn({ name: 'l', type: 'VARCHAR[]', nullable: true })).toBeUndefined();
  });
});
