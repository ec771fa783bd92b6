/**
 * `lantern cluster push` and `lantern cluster status` against two real clickhouse-server processes
 * on loopback (see test/clickhouse-server.ts), through `runCli(argv, effects)`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { openClickHouseStore } from '../../src/store/clickhouse.ts';
import { openStore } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { type ClickHouseCluster, hasClickHouse, startClickHouseCluster } from '../clickhouse-server.ts';
import { type SeedRow, seededDuckDB, seedRows } from './clickhouse-seed.ts';

function capture(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    effects: {
      stdout: (s: string) => out.push(s),
      stderr: (s: string) => err.push(s),
      env,
      cwd: '.',
      now: () => new Date('2026-11-23T04:00:00Z'),
    },
  };
}

describe.skipIf(!hasClickHouse())('lantern cluster', () => {
  let cluster: ClickHouseCluster;
  let dir: string;
  let db: string;
  let rows: SeedRow[];

  beforeAll(async () => {
    cluster = await startClickHouseCluster({ shards: 2 });
    dir = mkdtempSync(join(tmpdir(), 'lantern-cli-ch-'));
    db = join(dir, 'lantern.duckdb');
    rows = seedRows('cli');
    const duck = await seededDuckDB(rows, db);
    await duck.close();
  });

  afterAll(async () => {
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('push copies trade_flows sharded and the other tables to every server, then status shows them', async () => {
    const c = capture({ LANTERN_CLICKHOUSE: cluster.urls.join(',') });
    const code = await runCli(
      ['cluster', 'push', '--db', db, '--cluster', cluster.cluster, '--format', 'json'],
      c.effects,
    );
    expect(c.err.join('')).toBe('');
    expect(code).toBe(0);
    const pushed = JSON.parse(c.out.join('')) as {
      table: string;
      placement: string;
      rows: number;
      rows_per_server: string;
    }[];
    const flows = pushed.find((p) => p.table === 'trade_flows');
    expect(flows?.placement).toBe('sharded');
    expect(flows?.rows).toBe(rows.length);
    const parts = (flows?.rows_per_server ?? '').split(' + ').map(Number);
    expect(parts).toHaveLength(2);
    expect((parts[0] ?? 0) + (parts[1] ?? 0)).toBe(rows.length);
    expect(pushed.find((p) => p.table === 'import_runs')).toMatchObject({
      placement: 'replicated',
      rows: 4,
      rows_per_server: '4 + 4',
    });

    const s = capture();
    expect(
      await runCli(
        [
          'cluster',
          'status',
          '--clickhouse',
          cluster.urls.join(','),
          '--cluster',
          cluster.cluster,
          '--format',
          'json',
        ],
        s.effects,
      ),
    ).toBe(0);
    const status = JSON.parse(s.out.join('')) as {
      pushed_at: string | null;
      server: string;
      shard: number;
      version: string;
      table: string;
      engine: string;
      rows: number;
    }[];
    const local = status.filter((r) => r.table === 'trade_flows_local');
    expect(local.map((r) => r.rows)).toEqual(parts);
    expect(local.map((r) => r.shard)).toEqual([1, 2]);
    // the push time comes from effects.now (2026-11-23T04:00:00Z)
    expect(local.map((r) => r.pushed_at)).toEqual(['2026-11-23T04:00:00.000Z', '2026-11-23T04:00:00.000Z']);
    expect(status.filter((r) => r.table === 'trade_flows_all').map((r) => r.engine)).toEqual([
      'Distributed',
      'Distributed',
    ]);
    expect(status.filter((r) => r.table === 'trade_flows').map((r) => r.engine)).toEqual(['View', 'View']);
    expect(status[0]?.version).toBe(cluster.version);
    expect(status.some((r) => r.table.includes('__'))).toBe(false);
  });

  it('pushes imported BACI rows as trade_flows reads them: ISO3 codes, padded products, the edition', async () => {
    // BACI rows are stored narrow in DuckDB (baci_flows, migration 012); the cluster gets the view.
    const baciDb = join(dir, 'baci.duckdb');
    const fixture = join(import.meta.dirname, '..', 'fixtures', 'baci', 'BACI_HS17_V202401.zip');
    const imp = capture();
    expect(await runCli(['import', fixture, '--db', baciDb], imp.effects), imp.err.join('')).toBe(0);
    const c = capture({ LANTERN_CLICKHOUSE: cluster.urls.join(',') });
    expect(
      await runCli(['cluster', 'push', '--db', baciDb, '--cluster', cluster.cluster, '--format', 'json'], c.effects),
      c.err.join(''),
    ).toBe(0);
    const q = sql`select year, reporter, partner, partner_kind, flow, classification, product, product_level,
        value_usd, quantity, quantity_unit from trade_flows order by year, reporter, partner, product`;
    const duck = await openStore({ path: baciDb, readOnly: true });
    const ch = await openClickHouseStore({ urls: cluster.urls, cluster: cluster.cluster });
    try {
      const here = await duck.query(q);
      // README of the fixtures: 5 rows of 2019 and 2 of 2020; 490 TWN → 251 FRA, k 10121 → '010121'.
      expect(here).toHaveLength(7);
      expect(here).toContainEqual(
        expect.objectContaining({ reporter: 'TWN', partner: 'FRA', product: '010121', classification: 'HS2017', value_usd: 750 }),
      );
      expect(await ch.query(q)).toEqual(here);
    } finally {
      await duck.close();
      await ch.close();
    }
  });

  it('says which option is missing, with one line and a non-zero exit', async () => {
    const c = capture();
    expect(await runCli(['cluster', 'status'], c.effects)).toBe(1);
    expect(c.err.join('')).toMatch(/No ClickHouse server given[\s\S]*--clickhouse/);
  });
});
