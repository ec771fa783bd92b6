/**
 * Lantern as a user meets it: whole new processes on a store file, not a warm library.
 *
 * - Cold one-shot commands: `lantern indicator rca --year Y --basket unesco-fcs-2009 --by domain`,
 *   `lantern profile country CHN`, `lantern markets --exporter CHN --product P`, each a new process
 *   of the built CLI (bin/lantern.mjs → dist/), against a new Node process running the equivalent
 *   hand-written DuckDB SQL on the same file (bench/cold-hand.mjs). Alternating, `--reps` times
 *   each; medians and their ratio. Goal ≤ 1.5×.
 * - CLI start: `lantern --help` and `lantern --version` against `node -e 0`. Goal ≤ 3×.
 * - First request after start: `lantern serve --no-warm` on the store; the time from the printed
 *   URL to the Overview's profile answer. Goal ≤ 1.5 s.
 * - Import: the store is made by `importFiles` (which writes the summaries in its transaction);
 *   its time is printed next to DuckDB's own read_csv of the file and a plain import whose
 *   summaries are dropped (the cost of the summaries).
 *
 *   npm run build && npm run bench:cold                  # 2 million rows
 *   npm run bench:cold -- --rows 10000000 --reps 5
 *   npm run bench:cold -- --first-only --db STORE --reps 3  # only the first request, on a store made before
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importFiles } from '../src/ingest/index.ts';
import { prepareStore } from '../src/setup.ts';
import { writeSyntheticBaci } from '../src/sources/synthetic.ts';
import { deleteRunSummaries, openStore, writeRunSummaries } from '../src/store/index.ts';
import { sql } from '../src/store/index.ts';
import { hand } from './hand-sql.ts';
import { arg, bin, median, root, startServe, timedGet } from './timing.ts';

const ROWS = Number(arg('rows', '2000000'));
const REPS = Number(arg('reps', '3'));
const YEAR = 2021;
const BASKET = 'unesco-fcs-2009';
const EXPORTER = 'CHN';
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Wall time of one process, in ms; throws when it fails. */
function timed(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Alternates two commands (a b b a a b …) after one warm-up each; their medians. */
function pair(a: () => number, b: () => number): [number, number] {
  a();
  b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < REPS; i++) {
    if (i % 2 === 0) {
      ta.push(a());
      tb.push(b());
    } else {
      tb.push(b());
      ta.push(a());
    }
  }
  return [median(ta), median(tb)];
}

async function firstRequest(db: string): Promise<{ ready: number; first: number }> {
  const serving = await startServe(db);
  try {
    const first = await timedGet(new URL(`api/v1/profiles/country/${EXPORTER}?basket=${BASKET}&top=50`, serving.url));
    return { ready: serving.ready, first };
  } finally {
    await serving.stop();
  }
}

/** The first request after start on a store made before, `--reps` new servers; each time printed, then the median. */
async function firstOnly(db: string): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const first = await firstRequest(db);
    times.push(first.first);
    console.log(`lantern serve: listening after ${secs(first.ready)}; first Overview request ${secs(first.first)}`);
  }
  console.log(`first Overview request, median of ${REPS}: ${secs(median(times))}`);
  console.log(`machine: ${execFileSync('nproc').toString().trim()} cores, load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--first-only')) return firstOnly(arg('db', ''));
  const dir = mkdtempSync(join(tmpdir(), 'lantern-bench-cold-'));
  try {
    console.log(`Lantern cold-process benchmark — ${ROWS.toLocaleString('en-US')} rows, ${REPS} reps (median), built CLI`);
    const file = join(dir, `BACI_HS07_Y${YEAR}_V000000.csv`);
    await writeSyntheticBaci({ path: file, rows: ROWS, seed: 7, years: [YEAR - 1, YEAR], edition: 'HS07' });
    const db = join(dir, 'bench.duckdb');

    // Import: DuckDB's read_csv, then Lantern's import (summaries included), then the summaries' share.
    const store = await openStore({ path: db });
    await prepareStore(store);
    let t0 = performance.now();
    await store.run(sql`create temp table raw as select * from read_csv(${file})`);
    const raw = performance.now() - t0;
    t0 = performance.now();
    const [imp] = await importFiles(store, [file]);
    const imported = performance.now() - t0;
    // The summaries' share: the same writes again, alone, in a transaction.
    t0 = performance.now();
    await store.transaction(async (tx) => {
      await deleteRunSummaries(tx, [imp!.runId]);
      await writeRunSummaries(tx, imp!.runId);
    });
    const summaries = performance.now() - t0;
    const [{ edition, product }] = (await store.query<{ edition: string; product: string }>(
      sql`select t.classification as edition, t.product from trade_flows t join basket_resolved b on b.code = t.product and b.edition = t.classification and b.basket_id = ${BASKET} where t.reporter = ${EXPORTER} and t.year = ${YEAR} group by all order by sum(t.value_usd) desc limit 1`,
    )) as [{ edition: string; product: string }];
    await store.close();
    console.log(`import: ${imp!.rowsLoaded.toLocaleString('en-US')} rows in ${secs(imported)} with the summaries (${(imported / raw).toFixed(2)}× DuckDB's read_csv of the file, ${secs(raw)}); the summaries alone ${secs(summaries)}, so about ${((imported - summaries) / raw).toFixed(2)}× without them`);

    const job = (statements: string[]) => {
      const path = join(dir, `job-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(path, JSON.stringify({ statements, params: [YEAR, BASKET, edition, EXPORTER, product] }));
      return path;
    };
    const handProc = (statements: string[]) => {
      const j = job(statements);
      return () => timed(process.execPath, [join(root, 'bench', 'cold-hand.mjs'), db, j]);
    };
    const lantern = (...args: string[]) => () => timed(process.execPath, [bin, '--db', db, ...args, '--format', 'csv']);

    const rows: [string, number, number][] = [];
    const cases: [string, () => number, () => number][] = [
      [`indicator rca --year ${YEAR} --basket ${BASKET} --by domain`, lantern('indicator', 'rca', '--year', String(YEAR), '--basket', BASKET, '--by', 'domain'), handProc([hand.rca])],
      [`profile country ${EXPORTER} --years ${YEAR}`, lantern('profile', 'country', EXPORTER, '--years', String(YEAR), '--basket', BASKET), handProc(hand.profile)],
      [`markets --exporter ${EXPORTER} --product ${product}`, lantern('markets', '--exporter', EXPORTER, '--product', product, '--year', String(YEAR)), handProc([hand.markets, hand.competitors, hand.potential])],
    ];
    for (const [what, a, b] of cases) {
      const [l, h] = pair(a, b);
      rows.push([what, l, h]);
      console.log(`${what}: lantern ${secs(l)}, hand-written DuckDB SQL ${secs(h)}: ${(l / h).toFixed(2)}×`);
    }

    const node = () => timed(process.execPath, ['-e', '0']);
    const [help, n1] = pair(() => timed(process.execPath, [bin, '--help']), node);
    const [version, n2] = pair(() => timed(process.execPath, [bin, '--version']), node);
    console.log(`lantern --help ${secs(help)}, --version ${secs(version)}; node -e 0 ${secs(n1)} / ${secs(n2)}: ${(help / n1).toFixed(2)}× and ${(version / n2).toFixed(2)}×`);

    const first = await firstRequest(db);
    console.log(`lantern serve: listening after ${secs(first.ready)}; first Overview request ${secs(first.first)}`);
    console.log(`machine: ${execFileSync('nproc').toString().trim()} cores, load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
