/**
 * Benchmark of `lantern import` on a BACI-shaped file: the seeded synthetic world
 * (src/sources/synthetic.ts, ~10 million rows by default) imported through the library path
 * (`importFiles`: format detection, sha256, validation and normalisation in SQL, provenance, one
 * transaction) into a fresh DuckDB store file — next to DuckDB's own `read_csv` of the same file into
 * a plain table in a fresh store file, in the same run. Prints both times and their ratio.
 *
 *   npm run bench:import                  # 10,000,000 rows, 1 repetition
 *   npm run bench:import -- --rows 1000000 --reps 3
 *   options: --rows N  --reps N  --seed N  --dir DIR (where the file and stores go; default a temp dir)
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importFiles } from '../src/ingest/index.ts';
import { loadCountries } from '../src/reference/countries.ts';
import { writeSyntheticBaci } from '../src/sources/synthetic.ts';
import { openStore } from '../src/store/db.ts';
import { sql } from '../src/store/sql.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}
const ROWS = Number(arg('rows', '10000000'));
const REPS = Number(arg('reps', '1'));
const SEED = Number(arg('seed', '42'));
const dir = arg('dir', '') || mkdtempSync(join(tmpdir(), 'lantern-bench-import-'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function fresh(name: string): string {
  const p = join(dir, name);
  for (const f of [p, `${p}.wal`]) if (existsSync(f)) rmSync(f);
  return p;
}

async function raw(file: string): Promise<{ ms: number; rows: number; usd: number }> {
  const store = await openStore({ path: fresh('raw.duckdb'), migrate: false });
  const t0 = performance.now();
  // DuckDB's own reader with its own type detection; constant text written here, not a user's value.
  await store.run(`create table raw as select * from read_csv('${file.replaceAll("'", "''")}')`);
  const ms = performance.now() - t0;
  const [n] = await store.query<{ n: number; usd: number }>(
    sql`select count(*)::bigint as n, sum(v) * 1000 as usd from raw`,
  );
  await store.close();
  return { ms, rows: Number(n?.n), usd: Number(n?.usd) };
}

async function lantern(file: string): Promise<{ ms: number; rows: number; usd: number }> {
  const store = await openStore({ path: fresh('lantern.duckdb') });
  await loadCountries(store); // first-run reference setup, done by `lantern` when it opens a store
  const t0 = performance.now();
  const [s] = await importFiles(store, [file]);
  const ms = performance.now() - t0;
  // What users read: the trade_flows view, named in ISO3 and zero-padded codes.
  const [n] = await store.query<{ n: number; usd: number; bad: number }>(
    sql`select count(*)::bigint as n, sum(value_usd) as usd,
          count(*) filter (where reporter not in (select iso3 from countries) or partner not in (select iso3 from countries)
            or length(product) <> 6)::bigint as bad
        from trade_flows`,
  );
  await store.close();
  if (Number(n?.n) !== s?.rowsLoaded || Number(n?.bad) !== 0) {
    throw new Error(`trade_flows reads ${n?.n} rows (${n?.bad} badly named) after loading ${s?.rowsLoaded}`);
  }
  return { ms, rows: s?.rowsLoaded ?? 0, usd: Number(n?.usd) };
}

const file = join(dir, 'BACI_HS17_V000000.csv');
const tg = performance.now();
const info = await writeSyntheticBaci({
  path: file,
  rows: ROWS,
  seed: SEED,
  years: [2019, 2020, 2021, 2022],
});
const genMs = performance.now() - tg;
const mb = statSync(file).size / 2 ** 20;
console.log(
  `synthetic BACI: ${info.rows.toLocaleString('en-US')} rows, ${mb.toFixed(0)} MiB, ${info.countries.length} economies, ${info.products.length} HS6 codes (generated in ${(genMs / 1000).toFixed(1)} s)`,
);

const l: number[] = [];
const ratios: number[] = [];
const r: number[] = [];
for (let i = 0; i < REPS; i++) {
  const a = await raw(file);
  const b = await lantern(file);
  if (a.rows !== info.rows || b.rows !== info.rows) {
    throw new Error(
      `row counts differ: file ${info.rows}, raw ${a.rows}, lantern ${b.rows}`,
    );
  }
  if (Math.abs(a.usd - b.usd) > 1e-9 * a.usd) {
    throw new Error(`totals differ: raw ${a.usd} USD, lantern ${b.usd} USD`);
  }
  r.push(a.ms);
  l.push(b.ms);
  ratios.push(b.ms / a.ms);
  console.log(
    `rep ${i + 1}: raw read_csv ${(a.ms / 1000).toFixed(2)} s, lantern import ${(b.ms / 1000).toFixed(2)} s, ratio ${(b.ms / a.ms).toFixed(2)}×`,
  );
}
const rm = median(r);
const lm = median(l);
const rate = (ms: number) => Math.round(info.rows / (ms / 1000)).toLocaleString('en-US');
console.log(
  `rows                                   ${info.rows.toLocaleString('en-US')} (median of ${REPS})`,
);
console.log(`DuckDB read_csv into a plain table     ${(rm / 1000).toFixed(2)} s  (${rate(rm)} rows/s)`);
console.log(`lantern import (library path)          ${(lm / 1000).toFixed(2)} s  (${rate(lm)} rows/s)`);
console.log(
  `ratio                                  ${(lm / rm).toFixed(2)}× of the medians; per repetition ${ratios.map((x) => x.toFixed(2)).join(', ')} (median ${median(ratios).toFixed(2)}×; goal ≤ 1.25×)`,
);
if (!arg('dir', '')) rmSync(dir, { recursive: true, force: true });
