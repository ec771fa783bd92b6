/**
 * `npm run bench:clickhouse`: the cluster store next to the embedded one, in the same run.
 *
 * Writes the seeded synthetic BACI world (src/sources/synthetic.ts, `--rows`, default 1M, 2019–2022,
 * seed 7), imports it into a DuckDB file as `lantern import` does (with its summaries), starts a
 * 2-shard ClickHouse cluster on loopback (the test harness) and pushes the store to it (timed against
 * DuckDB's own COPY of trade_flows to CSV). Then runs the same questions through both stores — plain
 * SQL, catalog indicators and the main read models as the API runs them (country profile, market
 * finder, product profile, bilateral) — median of `--reps` each, checks the answers agree (numbers to
 * 1e-9) and prints the ratio ClickHouse / DuckDB with the load average beside it.
 */

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { indicators } from '../src/indicators/catalog.ts';
import { importFiles } from '../src/ingest/index.ts';
import { bilateralModel } from '../src/queries/bilateral.ts';
import { countryProfileModel } from '../src/queries/country-profile.ts';
import { marketFinderModel } from '../src/queries/market-finder.ts';
import { productProfileModel } from '../src/queries/product-profile.ts';
import { ensureReferenceData } from '../src/reference/setup.ts';
import { writeSyntheticBaci } from '../src/sources/synthetic.ts';
import { pushToClickHouse } from '../src/store/clickhouse/push.ts';
import { openClickHouseStore } from '../src/store/clickhouse.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { clickhouse, type Dialect, duckdb } from '../src/store/dialect.ts';
import { type Sql, sql } from '../src/store/sql.ts';
import { hasClickHouse, startClickHouseCluster } from '../test/clickhouse-server.ts';
import { differences } from '../test/integration/json-differences.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const rows = arg('rows', 1_000_000);
const reps = arg('reps', 3);
const load = () => loadavg()[0]?.toFixed(1);

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

/** One question asked of a store: raw SQL and catalog builds get the store's dialect. */
type Question = [label: string, ask: (store: Store, d: Dialect) => Promise<unknown>];

function questions(exporter: string, partner: string): Question[] {
  const value = indicators.find((d) => d.id === 'value');
  const markets = indicators.find((d) => d.id === 'markets');
  if (!value || !markets) throw new Error('catalog without value/markets');
  const q = (build: (d: Dialect) => Sql) => (s: Store, d: Dialect) => s.query(build(d));
  const basket = 'unesco-fcs-2009';
  return [
    ['SQL: sum by year and exporter', q(() => sql`select year, reporter, sum(value_usd) as v from trade_flows group by year, reporter order by year, reporter`)],
    ['catalog `value`, one exporter by product', q((d) => value.build(value.params.parse({ country: [exporter], from: 2022, by: 'product', perspective: 'reconciled' }), d))],
    ['catalog `markets`, all exporters', q((d) => markets.build(markets.params.parse({ from: 2022, perspective: 'reconciled' }), d))],
    [`country profile ${exporter}, ${basket}, 2019–2022`, (s) => countryProfileModel.open(s, { country: exporter, basket, years: '2019-2022' })],
    [`market finder ${exporter}, ${basket}, 2022`, (s) => marketFinderModel.open(s, { exporter, product: basket, year: '2022' })],
    [`product profile ${basket}, 2019–2022`, (s) => productProfileModel.open(s, { product: basket, years: '2019-2022' })],
    [`bilateral ${exporter}–${partner}, ${basket}, 2019–2022`, (s) => bilateralModel.open(s, { a: exporter, b: partner, basket, years: '2019-2022' })],
  ];
}

async function main(): Promise<void> {
  if (!hasClickHouse()) return;
  // `--dir D` keeps the imported store in D for the next run of the same size.
  const kept = process.argv.includes('--dir') ? process.argv[process.argv.indexOf('--dir') + 1] : undefined;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'lantern-bench-ch-'));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `bench-${rows}.duckdb`);
  const reuse = existsSync(path);
  const cluster = await startClickHouseCluster({ shards: 2 });
  const duck = await openStore({ path });
  try {
    console.log(`machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}; ${new Date().toISOString()}; load ${load()} at start`);
    if (!reuse) {
      const csv = join(dir, 'BACI_HS17_V000000.csv');
      const made = await time(() => writeSyntheticBaci({ path: csv, rows, seed: 7, years: [2019, 2020, 2021, 2022] }));
      await ensureReferenceData(duck);
      const imported = await time(() => importFiles(duck, [csv], { format: 'baci', hsEdition: 'HS2017', release: 'synthetic-seed-7' }));
      rmSync(csv, { force: true });
      console.log(`rows: ${rows.toLocaleString('en')} (written in ${(made.ms / 1000).toFixed(1)} s, imported into DuckDB in ${(imported.ms / 1000).toFixed(1)} s; load ${load()})`);
    } else console.log(`rows: ${rows.toLocaleString('en')} (the store ${path} of an earlier run)`);
    const ch = await openClickHouseStore({ urls: cluster.urls, cluster: cluster.cluster });
    const copy = await time(() =>
      duck.run(`copy (select * from trade_flows) to '${join(dir, 'flows.csv').replaceAll("'", "''")}' (format csv, header false)`),
    );
    const push = await time(() => pushToClickHouse(duck, ch));
    const flows = push.value.find((p) => p.table === 'trade_flows');
    console.log(`ClickHouse ${cluster.version}, 2 shards on loopback · median of ${reps} · load ${load()}`);
    console.log(
      `push (all ${push.value.length} tables, ${flows?.rows_per_server.join(' + ')} trade rows): ${(push.ms / 1000).toFixed(2)} s; DuckDB COPY of trade_flows to CSV alone: ${(copy.ms / 1000).toFixed(2)} s`,
    );
    // The largest exporter and its largest partner: the questions a user asks first.
    const [top] = await duck.query<{ r: string; p: string }>(
      sql`select reporter as r, arg_max(partner, value_usd) as p from trade_flows where flow = 'X' and partner_kind = 'country' group by reporter order by sum(value_usd) desc limit 1`,
    );
    console.log('\n| question | DuckDB | ClickHouse | ratio CH/DuckDB | same answer | load |\n| --- | ---: | ---: | ---: | --- | ---: |');
    for (const [label, ask] of questions(String(top?.r), String(top?.p))) {
      const a = await ask(duck, duckdb);
      const b = await ask(ch, clickhouse);
      const diffs = differences(b, a);
      const td = await median(() => ask(duck, duckdb));
      const tc = await median(() => ask(ch, clickhouse));
      const size = Array.isArray(a) ? ` (${a.length} rows)` : '';
      console.log(
        `| ${label} | ${td.toFixed(0)} ms | ${tc.toFixed(0)} ms | ${(tc / td).toFixed(2)} | ${diffs.length ? `NO: ${diffs.slice(0, 2).join('; ')}` : `yes${size}`} | ${load()} |`,
      );
    }
  } finally {
    await duck.close();
    await cluster.stop();
    if (!kept) rmSync(dir, { recursive: true, force: true });
    else rmSync(join(dir, 'flows.csv'), { force: true });
  }
}

await main();
