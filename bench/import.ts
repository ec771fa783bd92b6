/**
 * Benchmark of `lantern import` on a BACI-shaped file at several sizes: the seeded synthetic world
 * (src/sources/synthetic.ts) imported through the library path (`importFiles`: format detection,
 * sha256, validation and normalisation in SQL, provenance, the run's summaries, one transaction)
 * into a fresh DuckDB store file whose reference tables (countries, codes, the bundled baskets) are
 * loaded first, untimed, as `lantern` loads them (the import then writes the baskets' rows among
 * its summaries), next to DuckDB's own `read_csv` of the same file into a plain
 * table in a fresh store file. Each load runs in its own child process, so each has its own peak
 * memory (resident set, `maxRSS`) and its CPU time (user + system of every thread: on a shared machine
 * it moves less than the wall time); per size it prints the three times, the ratios to `read_csv`
 * (of wall and of CPU time) and the peaks:
 *   - read_csv: `create table raw as select * from read_csv(file)` (types detected);
 *   - import: `importFiles` with the summaries written in its transaction (what `lantern import` does);
 *   - import without summaries: the same with `summaries: false` (their cost is the difference).
 * The loads alternate in order between repetitions; the load average is printed beside each one.
 *
 *   npm run bench:import                                   # 10,000,000 rows, 1 repetition
 *   npm run bench:import -- --sizes 10000000,20000000,50000000 --dir /tmp/b
 *   npm run bench:import -- --trace --dir /tmp/b          # one import (10 M rows), each statement's CPU and wall time
 *   npm run bench:import -- --trace --bare --dir /tmp/b   # the same without the summaries
 *   npm run bench:import -- --trace --source atlas --rows 4000000 --dir /tmp/b   # another source's file
 *   npm run bench:import -- --trace --source comtrade --explain 'flow_run_stats' --dir /tmp/b
 *                                                          # EXPLAIN ANALYZE of the statements naming it, in the transaction
 *   options: --sizes N,N,…  --rows N (one size)  --reps N  --seed N
 *            --source baci|atlas|comtrade|services|comtrade-json|ots|kaggle (bench/source-files.ts;
 *              each the BACI world's flows in that source's layout, Kaggle its own generator)
 *            --ways raw,full,bare (which loads to run; a ratio needs raw)
 *            --dir DIR (files and stores; kept, and a file of the same rows there is reused)
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/store/db.ts';
import { raw as raw_ } from '../src/store/sql.ts';
import { BENCH_SOURCES, type BenchSource, type SourceFile, sourceFile } from './source-files.ts';
import { benchDir, fresh, type Imported, inChild, lanternImport, machineLoad, reportToParent } from './stores.ts';
import { printTrace, traceStatements } from './trace.ts';
import { arg, median } from './timing.ts';

type Way = 'raw' | 'full' | 'bare';
const LABEL: Record<Way, string> = {
  raw: 'DuckDB read_csv into a plain table',
  full: 'lantern import, summaries included',
  bare: 'lantern import without summaries',
};

/** DuckDB's own reader with its own type detection (constant text, not a user's value). */
async function rawLoad(storePath: string, file: SourceFile): Promise<Imported> {
  const raw = file.raw;
  if (!raw) throw new Error(`read_csv does not read ${file.path}`);
  const store = await openStore({ path: storePath, migrate: false });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await store.run(raw.load(file.path));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const [n] = await store.query<{ n: number; usd: number }>(raw_(raw.check));
  await store.close();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, rows: Number(n?.n), usd: Number(n?.usd) };
}

// Child mode: one load, its result printed for the parent.
const SOURCE = arg('source', 'baci') as BenchSource;
if (!BENCH_SOURCES.includes(SOURCE)) throw new Error(`--source ${SOURCE}: one of ${BENCH_SOURCES.join(', ')}`);
/** How the bench imports a source's file: its format, and the names checked only for BACI's countries and HS6 codes. */
const importOptions = (f: SourceFile) => ({ format: f.format, anyNames: SOURCE !== 'baci' });

const child = arg('child', '') as Way | '';
if (child) {
  const file = await sourceFile(SOURCE, arg('dir', ''), Number(arg('rows', '0')), Number(arg('seed', '42')));
  const storePath = arg('store', '');
  const r =
    child === 'raw' ? await rawLoad(storePath, file) : await lanternImport(storePath, file.path, { ...importOptions(file), summaries: child === 'full' });
  reportToParent(r);
  process.exit(0);
}

const TRACE = process.argv.includes('--trace');
const sizes = arg('sizes', arg('rows', '10000000')).split(',').map(Number);
const REPS = Number(arg('reps', '1'));
const SEED = Number(arg('seed', '42'));
const WAYS = arg('ways', 'raw,full,bare').split(',') as Way[];
if (!WAYS.includes('raw') || WAYS.some((w) => !(w in LABEL))) throw new Error(`--ways ${WAYS.join(',')}: name raw and any of full, bare`);
const { dir, done } = benchDir('import');
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function benchFile(rows: number): Promise<SourceFile> {
  const t0 = performance.now();
  const file = await sourceFile(SOURCE, dir, rows, SEED);
  if (performance.now() - t0 > 1000) console.log(`  written in ${secs(performance.now() - t0)}`);
  return file;
}

if (TRACE) {
  // One import of the first size with the summaries, in this process, each statement timed.
  const file = await benchFile(sizes[0] as number);
  const storePath = fresh(dir, 'trace.duckdb');
  const traced = traceStatements({ explain: arg('explain', '') || undefined });
  const before = machineLoad();
  const r = await lanternImport(storePath, file.path, { ...importOptions(file), summaries: !process.argv.includes('--bare') }, () => traced.splice(0));
  console.log(`${SOURCE}: ${basename(file.path)}, ${r.rows.toLocaleString('en-US')} rows stored`);
  printTrace(traced);
  console.log(`import ${secs(r.ms)}, cpu ${secs(r.cpuMs ?? Number.NaN)} (${before}; ${machineLoad()} at the end)`);
  fresh(dir, 'trace.duckdb');
  done();
  process.exit(0);
}

const summary: string[] = [];
for (const rows of sizes) {
  const file = await benchFile(rows);
  if (!file.raw) throw new Error(`--source ${SOURCE}: DuckDB's read_csv does not read this format (JSON); run it with --trace`);
  console.log(`\n${rows.toLocaleString('en-US')} rows: ${(statSync(file.path).size / 2 ** 20).toFixed(0)} MiB ${SOURCE} file ${basename(file.path)} (seed ${SEED})`);
  const ms: Record<Way, number[]> = { raw: [], full: [], bare: [] };
  const peak: Record<Way, number[]> = { raw: [], full: [], bare: [] };
  const cpu: Record<Way, number[]> = { raw: [], full: [], bare: [] };
  for (let rep = 0; rep < REPS; rep++) {
    const order = (rep % 2 === 0 ? ['raw', 'full', 'bare'] : ['bare', 'full', 'raw']).filter((w) => WAYS.includes(w as Way)) as Way[];
    const got: Partial<Record<Way, Imported>> = {};
    for (const way of order) {
      const before = machineLoad();
      const r = await inChild<Imported>(import.meta.filename, [
        '--child', way, '--source', SOURCE, '--dir', dir, '--rows', String(rows), '--seed', String(SEED), '--store', fresh(dir, `${way}.duckdb`),
      ]);
      got[way] = r;
      ms[way].push(r.ms);
      peak[way].push(r.peakMiB);
      cpu[way].push(r.cpuMs ?? Number.NaN);
      console.log(`  rep ${rep + 1} ${LABEL[way].padEnd(36)} ${secs(r.ms).padStart(9)}  cpu ${secs(r.cpuMs ?? Number.NaN)}  peak ${r.peakMiB} MiB  (${before})`);
    }
    for (const way of WAYS.filter((w) => w !== 'raw')) {
      const a = got.raw as Imported;
      const b = got[way] as Imported;
      if (a.rows !== b.rows) throw new Error(`row counts differ: read_csv ${a.rows}, ${way} ${b.rows}`);
      if (Math.abs(a.usd - b.usd) > 1e-9 * a.usd) throw new Error(`totals differ: read_csv ${a.usd} USD, ${way} ${b.usd} USD`);
    }
  }
  const raw = median(ms.raw);
  const part = (w: Way, label: string) =>
    WAYS.includes(w)
      ? `${label} ${secs(median(ms[w]))} = ${(median(ms[w]) / raw).toFixed(2)}× (cpu ${(median(cpu[w]) / median(cpu.raw)).toFixed(2)}×; peak ${Math.max(...peak[w])} MiB)`
      : undefined;
  const line = [
    `${String(rows / 1e6).padStart(4)} M rows: read_csv ${secs(raw)} (peak ${Math.max(...peak.raw)} MiB)`,
    part('full', 'import'),
    part('bare', 'without summaries'),
  ]
    .filter(Boolean)
    .join(', ') + ` (median of ${REPS}; goal ≤ 1.25× at 10 M)`;
  summary.push(line);
  console.log(line);
  for (const w of ['raw', 'full', 'bare'] as const) fresh(dir, `${w}.duckdb`); // the stores are not kept
}
console.log(`\n${summary.join('\n')}\n(${machineLoad()} at the end)`);
done();
