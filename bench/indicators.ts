/**
 * Benchmark of the indicator layer: country profile, market finder and RCA for all countries ×
 * cultural domains, through Lantern's query layer, next to (a) hand-written DuckDB SQL giving the
 * same results, in the same run on the same store, and (b) PostgreSQL 15 (Debian's package, a
 * throwaway cluster started here on loopback) on the same data with indexes — the engine Open Trade
 * Statistics serves from.
 *
 * Data: a seeded synthetic BACI-shaped world (src/sources/synthetic.ts), one year, imported with
 * `importFiles` like a CEPII release. Goals: Lantern ≤ 1.3× hand-written DuckDB; Lantern ≥ 10×
 * faster than PostgreSQL. Each task runs once to warm up, then `--reps` times; the median is kept.
 * The hand-written queries' results are checked against Lantern's before any time is reported.
 *
 *   npm run bench:indicators                    # 10 million rows (takes a while)
 *   npm run bench:indicators -- --rows 500000   # a quick run
 *   … --no-postgres                              # skip PostgreSQL
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { importFiles } from '../src/ingest/index.ts';
import { ensureFlowSummaries } from '../src/store/flow-totals.ts';
import { countryProfile, marketFinder, runIndicator } from '../src/queries/index.ts';
import { ensureReferenceData } from '../src/reference/index.ts';
import { writeSyntheticBaci } from '../src/sources/synthetic.ts';
import { hand } from './hand-sql.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { raw, sql } from '../src/store/sql.ts';

type Row = Record<string, unknown>;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}
const ROWS = Number(arg('rows', '10000000'));
const REPS = Number(arg('reps', '5'));
const SEED = arg('seed', '7');
const USE_PG = !process.argv.includes('--no-postgres');
const YEAR = 2021;
const BASKET = 'unesco-fcs-2009';
const EXPORTER = 'CHN';

const median = (ts: number[]) => [...ts].sort((a, b) => a - b)[Math.floor(ts.length / 2)] as number;

/**
 * Times two functions interleaved (a, b, b, a, a, b …) after a warm-up of each, so that load from
 * other processes on a shared machine falls on both alike; returns their medians.
 */
async function timePair(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  const one = async (f: () => Promise<unknown>, into: number[]) => {
    const t0 = performance.now();
    await f();
    into.push(performance.now() - t0);
  };
  for (let i = 0; i < REPS; i++) {
    if (i % 2 === 0) {
      await one(a, ta);
      await one(b, tb);
    } else {
      await one(b, tb);
      await one(a, ta);
    }
  }
  return [median(ta), median(tb)];
}

// ---------------------------------------------------------------------------------------------
// Hand-written SQL (bench/hand-sql.ts): the same results, written directly against trade_flows.
// Portable between DuckDB and PostgreSQL, so both engines run the very same text.
// ---------------------------------------------------------------------------------------------

interface Runner {
  name: string;
  query(text: string, params: unknown[]): Promise<Row[]>;
}

function duckRunner(store: Store): Runner {
  return {
    name: 'DuckDB (hand-written SQL)',
    // The text is this file's constant SQL; values are bound. Rewriting $n → bound values is done by
    // the store through the sql template: each parameter is spliced in as a bound value.
    query: (text, params) => store.query(bindDollar(text, params)),
  };
}

/** Turns constant text with $n placeholders into a `sql` fragment with bound values. */
function bindDollar(text: string, params: unknown[]) {
  const parts = text.split(/\$(\d+)/);
  let q = raw(parts[0] as string);
  for (let i = 1; i < parts.length; i += 2) {
    const v = params[Number(parts[i]) - 1] as string | number;
    q = sql`${q}${v}${raw(parts[i + 1] as string)}`;
  }
  return q;
}

async function handProfile(r: Runner, p: unknown[]): Promise<Row[][]> {
  const out: Row[][] = [];
  for (const q of hand.profile) out.push(await r.query(q, p));
  return out;
}

async function handMarkets(r: Runner, p: unknown[]): Promise<Row[][]> {
  return [
    await r.query(hand.markets, p),
    await r.query(hand.competitors, p),
    await r.query(hand.potential, p),
  ];
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a throwaway cluster on loopback.
// ---------------------------------------------------------------------------------------------

function pgBin(name: string): string {
  for (const v of ['17', '16', '15']) {
    const p = `/usr/lib/postgresql/${v}/bin/${name}`;
    try {
      statSync(p);
      return p;
    } catch {}
  }
  throw new Error(`PostgreSQL's ${name} not found (apt-get install postgresql)`);
}

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

async function startPostgres(dir: string): Promise<{ client: pg.Client; stop: () => void }> {
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString()) : undefined;
  const gid = asRoot ? Number(execFileSync('id', ['-g', 'postgres']).toString()) : undefined;
  const data = join(dir, 'pgdata');
  chmodSync(dir, 0o755); // mkdtemp makes it 0700: the postgres user must reach its data directory
  mkdirSync(data);
  if (asRoot) chownSync(data, uid!, gid!);
  const run = (bin: string, args: string[]) => {
    const r = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', pgBin(bin), ...args], { encoding: 'utf8' })
      : spawnSync(pgBin(bin), args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${bin} failed: ${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const port = await freePort();
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${data} -c shared_buffers=2GB -c work_mem=256MB -c max_parallel_workers_per_gather=2 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run('pg_ctl', ['-D', data, '-o', opts, '-w', '-l', join(data, 'log'), 'start']);
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await client.connect();
  return {
    client,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } catch {}
    },
  };
}

async function loadPostgres(client: pg.Client, store: Store, dir: string): Promise<number> {
  const t0 = performance.now();
  const csvDir = join(dir, 'csv');
  mkdirSync(csvDir);
  chmodSync(dir, 0o755);
  chmodSync(csvDir, 0o777);
  const flows = join(csvDir, 'trade_flows.csv');
  const baskets = join(csvDir, 'basket_resolved.csv');
  const distances = join(csvDir, 'country_distances.csv');
  await store.run(
    `copy (select year, reporter, partner, partner_kind, flow, product, product_level, value_usd, quantity from trade_flows) to '${flows}' (format csv, header false)`,
  );
  await store.run(
    `copy (select basket_id, edition, code, domain from basket_resolved) to '${baskets}' (format csv, header false)`,
  );
  await store.run(`copy (select origin, destination, km from country_distances) to '${distances}' (format csv, header false)`);
  chmodSync(flows, 0o644);
  chmodSync(baskets, 0o644);
  chmodSync(distances, 0o644);
  await client.query(
    `create unlogged table trade_flows (year smallint, reporter varchar, partner varchar, partner_kind varchar, flow varchar, product varchar, product_level smallint, value_usd double precision, quantity double precision)`,
  );
  await client.query(
    `create table basket_resolved (basket_id varchar, edition varchar, code varchar, domain varchar)`,
  );
  await client.query(`copy trade_flows from '${flows}' with (format csv, header false)`);
  await client.query(`copy basket_resolved from '${baskets}' with (format csv, header false)`);
  await client.query(`create table country_distances (origin varchar, destination varchar, km double precision)`);
  await client.query(`copy country_distances from '${distances}' with (format csv, header false)`);
  // Sensible indexes for these queries: by year × exporter, year × importer, year × product.
  await client.query(`create index on trade_flows (year, reporter, product)`);
  await client.query(`create index on trade_flows (year, partner, product)`);
  await client.query(`create index on trade_flows (year, product)`);
  await client.query(`create index on basket_resolved (basket_id, edition, code)`);
  await client.query(`vacuum analyze trade_flows`);
  await client.query(`analyze basket_resolved`);
  return performance.now() - t0;
}

function pgRunner(client: pg.Client): Runner {
  return {
    name: 'PostgreSQL 15',
    // PostgreSQL wants exactly the parameters the text uses.
    query: async (text, params) => {
      const used = [...new Set([...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))].sort(
        (a, b) => a - b,
      );
      const renumbered = text.replace(/\$(\d+)/g, (_, d) => `$${used.indexOf(Number(d)) + 1}`);
      return (
        await client.query(
          renumbered,
          used.map((u) => params[u - 1]),
        )
      ).rows as Row[];
    },
  };
}

// ---------------------------------------------------------------------------------------------

function checkSame(what: string, a: number[], b: number[]): void {
  if (a.length !== b.length) throw new Error(`${what}: ${a.length} rows vs ${b.length}`);
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i] as number, b[i] as number];
    if (Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x)))
      throw new Error(`${what}: row ${i} differs: ${x} vs ${y}`);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-bench-ind-'));
  let stopPg: (() => void) | undefined;
  try {
    console.log(
      `Lantern indicators benchmark — ${ROWS.toLocaleString('en-US')} rows, seed ${SEED}, ${REPS} reps (median)`,
    );
    const file = join(dir, `BACI_HS07_Y${YEAR}_V000000.csv`);
    let t0 = performance.now();
    const info = await writeSyntheticBaci({
      path: file,
      rows: ROWS,
      seed: SEED,
      years: [YEAR],
      edition: 'HS07',
    });
    console.log(
      `synthetic world: ${info.rows.toLocaleString('en-US')} rows, ${info.countries.length} economies, ${(performance.now() - t0) / 1000}s`,
    );
    const store = await openStore({ path: join(dir, 'bench.duckdb') });
    await ensureReferenceData(store);
    t0 = performance.now();
    const [imp] = await importFiles(store, [file]);
    console.log(
      `import: ${imp?.rowsLoaded.toLocaleString('en-US')} rows in ${((performance.now() - t0) / 1000).toFixed(1)}s`,
    );
    const edition = (
      await store.query<{ c: string }>(sql`select distinct classification as c from trade_flows`)
    )[0]?.c as string;
    const prodRow = await store.query<{ product: string }>(
      sql`select t.product from trade_flows t join basket_resolved b on b.code = t.product and b.edition = t.classification and b.basket_id = ${BASKET} where t.reporter = ${EXPORTER} group by t.product order by sum(t.value_usd) desc limit 1`,
    );
    const product = prodRow[0]?.product as string;
    const params = [YEAR, BASKET, edition, EXPORTER, product];
    console.log(`edition ${edition}; exporter ${EXPORTER}; market-finder product ${product}`);

    // Lantern's results, and the same from hand-written SQL (checked equal before timing).
    const lantern = {
      profile: () => countryProfile(store, { country: EXPORTER, years: String(YEAR), basket: BASKET }),
      markets: () =>
        marketFinder(store, { exporter: EXPORTER, product, year: YEAR, sort: 'market', order: 'asc' }),
      rca: () => runIndicator(store, 'rca', { from: YEAR, basket: BASKET, by: 'domain' }),
    };
    const duck = duckRunner(store);
    // Written by the import (or once by prepareStore on an older store): the summaries tables. This
    // only checks they are there; building them is part of the import's time.
    t0 = performance.now();
    const built = await ensureFlowSummaries(store);
    console.log(`summaries: ${built} run(s) built now, checked in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
    const l = {
      rca: await lantern.rca(),
      markets: await lantern.markets(),
      profile: await lantern.profile(),
    };
    const h = {
      rca: await duck.query(hand.rca, params),
      markets: await handMarkets(duck, params),
      profile: await handProfile(duck, params),
    };
    checkSame(
      'rca',
      l.rca.rows.map((r) => r.value as number),
      h.rca.map((r) => r.value as number),
    );
    checkSame(
      'market sizes',
      l.markets.markets.map((m) => m.imports),
      h.markets[0]!.map((r) => r.size as number),
    );
    checkSame(
      'market hhi',
      l.markets.markets.map((m) => m.hhi ?? 0),
      h.markets[0]!.map((r) => r.hhi as number),
    );
    checkSame(
      'potential',
      l.markets.markets.map((m) => m.potential ?? 0),
      h.markets[2]!.map((r) => r.potential as number),
    );
    const dom = l.profile.byDomain?.rows ?? [];
    const hdom = h.profile[3]!;
    checkSame(
      'profile RCA by domain',
      dom
        .filter((d) => d.exports > 0)
        .map((d) => d.rca ?? 0)
        .sort(),
      hdom.map((r) => r.rca as number).sort(),
    );
    checkSame(
      'profile totals',
      [l.profile.totals.rows[0]!.exports ?? Number.NaN, l.profile.totals.rows[0]!.imports ?? Number.NaN],
      [h.profile[0]![0]!.x as number, h.profile[0]![0]!.m as number],
    );
    console.log('results: Lantern = hand-written DuckDB SQL (checked)');

    const tasks = [
      { name: 'country profile', lantern: lantern.profile, hand: (r: Runner) => handProfile(r, params) },
      { name: 'market finder', lantern: lantern.markets, hand: (r: Runner) => handMarkets(r, params) },
      {
        name: 'RCA, all countries × domains',
        lantern: lantern.rca,
        hand: (r: Runner) => r.query(hand.rca, params),
      },
    ];
    const results: { task: string; lantern: number; duck: number; pg?: number }[] = [];
    for (const t of tasks) {
      const [lt, dt] = await timePair(t.lantern, () => t.hand(duck));
      results.push({ task: t.name, lantern: lt, duck: dt });
    }

    if (USE_PG) {
      const p = await startPostgres(dir);
      stopPg = p.stop;
      const ms = await loadPostgres(p.client, store, dir);
      console.log(`PostgreSQL: loaded and indexed in ${(ms / 1000).toFixed(1)}s`);
      const pgr = pgRunner(p.client);
      checkSame(
        'rca on PostgreSQL',
        h.rca.map((r) => r.value as number),
        (await pgr.query(hand.rca, params)).map((r) => Number(r.value)),
      );
      // PostgreSQL is slow at this size: one warm-up and at most 3 timed runs (1 at ≥ 5M rows).
      const pgReps = ROWS >= 5_000_000 ? 1 : Math.max(1, Math.min(REPS, 3));
      for (const [i, t] of tasks.entries()) {
        await t.hand(pgr);
        const ts: number[] = [];
        for (let k = 0; k < pgReps; k++) {
          const s = performance.now();
          await t.hand(pgr);
          ts.push(performance.now() - s);
        }
        results[i]!.pg = median(ts);
      }
      await p.client.end();
    }
    await store.close();

    const f = (ms: number) => `${ms.toFixed(1)} ms`;
    console.log(
      '\n| task | Lantern | hand-written DuckDB | Lantern / DuckDB (goal ≤ 1.3) | PostgreSQL 15 | PostgreSQL / Lantern (goal ≥ 10) |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of results) {
      console.log(
        `| ${r.task} | ${f(r.lantern)} | ${f(r.duck)} | ${(r.lantern / r.duck).toFixed(2)}× | ${r.pg !== undefined ? f(r.pg) : '–'} | ${r.pg !== undefined ? `${(r.pg / r.lantern).toFixed(1)}×` : '–'} |`,
      );
    }
  } finally {
    stopPg?.();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
