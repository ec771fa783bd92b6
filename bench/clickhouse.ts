/**
 * `npm run bench:clickhouse`: the cluster store next to the embedded one, in the same run.
 *
 * Builds a seeded BACI-shaped trade_flows (deterministic hash-based rows, `--rows`, default 1M) in
 * an in-memory DuckDB store, starts a 2-shard ClickHouse cluster on loopback (the test harness),
 * times `pushToClickHouse` against DuckDB's own COPY of the same rows to CSV, then runs the same
 * queries through both stores (median of `--reps`), checks their results agree to 1e-9 and prints
 * the ratio ClickHouse / DuckDB.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { indicators } from '../src/indicators/catalog.ts';
import { pushToClickHouse } from '../src/store/clickhouse/push.ts';
import { openClickHouseStore } from '../src/store/clickhouse.ts';
import { listMigrations, migrate, openStore, type Row, type Store } from '../src/store/db.ts';
import { clickhouse, type Dialect, duckdb } from '../src/store/dialect.ts';
import { type Sql, sql } from '../src/store/sql.ts';
import { hasClickHouse, startClickHouseCluster } from '../test/clickhouse-server.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const rows = arg('rows', 1_000_000);
const reps = arg('reps', 3);

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) times.push((await time(fn)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

function same(a: Row[], b: Row[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((ra, i) =>
    Object.entries(ra).every(([k, v]) => {
      const w = (b[i] as Row)[k];
      if (typeof v === 'number' && typeof w === 'number')
        return Math.abs(v - w) <= 1e-9 * Math.max(Math.abs(v), Math.abs(w), 1e-300);
      return v === w;
    }),
  );
}

async function main(): Promise<void> {
  if (!hasClickHouse()) return;
  const duck = await openStore({ migrate: false });
  await migrate(
    duck,
    listMigrations().filter((m) => m.id < 30),
  );
  await duck.run(`insert into import_runs (id, source, format, file_name, sha256, perspective, started_at)
                  values (1, 'demo', 'bench', 'bench.csv', 'none', 'reconciled', current_timestamp)`);
  // 8 years, ~200 exporters and importers, 5,000 HS6 codes, values log-uniform over 14 orders of e.
  await duck.run(`insert into trade_flows_wide
    select 1, (2015 + i % 8)::smallint, null, 'C',
           chr(65 + (hash(i, 1) % 8)::int) || chr(65 + (hash(i, 2) % 26)::int) || 'X',
           chr(65 + (hash(i, 3) % 8)::int) || chr(65 + (hash(i, 4) % 26)::int) || 'M',
           'country', 'X', 'HS2017', lpad((10000 + (hash(i, 5) % 5000)::int * 19)::varchar, 6, '0'), 6,
           round(exp((hash(i, 6) % 1000000)::double / 1000000 * 14), 2), null, null, null
    from range(${rows}) t(i)`);
  const cluster = await startClickHouseCluster({ shards: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'lantern-bench-ch-'));
  try {
    const ch = await openClickHouseStore({ urls: cluster.urls, cluster: cluster.cluster });
    const copy = await time(() =>
      duck.run(
        `copy (select * from trade_flows) to '${join(dir, 'flows.csv').replaceAll("'", "''")}' (format csv, header false)`,
      ),
    );
    const push = await time(() => pushToClickHouse(duck, ch));
    const flows = push.value.find((p) => p.table === 'trade_flows');
    console.log(
      `rows: ${rows.toLocaleString('en')} · ClickHouse ${cluster.version}, 2 shards on loopback · median of ${reps}`,
    );
    console.log(
      `push (all ${push.value.length} tables, ${flows?.rows_per_server.join(' + ')} trade rows): ${(push.ms / 1000).toFixed(2)} s; DuckDB COPY of trade_flows to CSV alone: ${(copy.ms / 1000).toFixed(2)} s`,
    );

    const exporter = String(
      (await duck.query<{ r: string }>(sql`select min(reporter) as r from trade_flows`))[0]?.r,
    );
    const value = indicators.find((d) => d.id === 'value');
    const markets = indicators.find((d) => d.id === 'markets');
    if (!value || !markets) throw new Error('catalog without value/markets');
    const queries: [string, (d: Dialect) => Sql][] = [
      [
        'sum by year and exporter',
        () =>
          sql`select year, reporter, sum(value_usd) as v from trade_flows group by year, reporter order by year, reporter`,
      ],
      [
        'world share by exporter, one year',
        () => sql`select reporter, sum(value_usd) / (select sum(value_usd) from trade_flows where year = ${2020}) as share
                  from trade_flows where year = ${2020} group by reporter order by reporter`,
      ],
      [
        'indicator value, one exporter by product',
        (d) =>
          value.build(
            value.params.parse({ country: [exporter], from: 2020, by: 'product', perspective: 'reconciled' }),
            d,
          ),
      ],
      [
        'indicator markets, all exporters',
        (d) => markets.build(markets.params.parse({ from: 2021, perspective: 'reconciled' }), d),
      ],
    ];
    console.log(
      '\n| query | DuckDB | ClickHouse | ratio CH/DuckDB | same result |\n| --- | ---: | ---: | ---: | --- |',
    );
    for (const [label, q] of queries) {
      const a = await duck.query(q(duckdb));
      const b = await (ch as Store).query(q(clickhouse));
      const td = await median(() => duck.query(q(duckdb)));
      const tc = await median(() => ch.query(q(clickhouse)));
      console.log(
        `| ${label} | ${td.toFixed(0)} ms | ${tc.toFixed(0)} ms | ${(tc / td).toFixed(2)} | ${same(a, b) ? `yes (${a.length} rows)` : 'NO'} |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await cluster.stop();
    await duck.close();
  }
}

await main();
