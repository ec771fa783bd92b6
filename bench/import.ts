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

async function raw(file: string): Promise<{ ms: number; rows: number }> {
  const store = await openStore({ path: fresh('raw.duckdb'), migrate: false });
  const t0 = performance.now();
  // DuckDB's own reader with its own type detection; constant text written here, not a user's value.
  await store.run(`create table raw as select * from read_csv('${file.replaceAll("'", "''")}')`);
  const ms = performance.now() - t0;
  const [n] = await store.query<{ n: number }>(sql`select count(*)::bigint as n from raw`);
  await store.close();
  return { ms, rows: Number(n?.n) };
}

/**
 * A second reference: the same read_csv into a table of trade_flows' shape (15 columns, 8 of them
 * text) with no validation, no code mapping and no provenance — what the schema itself costs.
 */
async function shaped(file: string): Promise<{ ms: number; rows: number }> {
  const store = await openStore({ path: fresh('shaped.duckdb') });
  const t0 = performance.now();
  await store.run(
    `insert into trade_flows select 0, t, null, 'C', i::varchar, j::varchar, 'country', 'X', 'HS2017', k::varchar, 6, v, q, null, null from read_csv('${file.replaceAll("'", "''")}')`,
  );
  const ms = performance.now() - t0;
  const [n] = await store.query<{ n: number }>(sql`select count(*)::bigint as n from trade_flows`);
  await store.close();
  return { ms, rows: Number(n?.n) };
}

async function lantern(file: string): Promise<{ ms: number; rows: number }> {
  const store = await openStore({ path: fresh('lantern.duckdb') });
  await loadCountries(store); // first-run reference setup, done by `lantern` when it opens a store
  const t0 = performance.now();
  const [s] = await importFiles(store, [file]);
  const ms = performance.now() - t0;
  await store.close();
  return { ms, rows: s?.rowsLoaded ?? 0 };
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
const r: number[] = [];
const sh: number[] = [];
for (let i = 0; i < REPS; i++) {
  const a = await raw(file);
  const b = await lantern(file);
  const c = await shaped(file);
  if (a.rows !== info.rows || b.rows !== info.rows || c.rows !== info.rows) {
    throw new Error(
      `row counts differ: file ${info.rows}, raw ${a.rows}, lantern ${b.rows}, shaped ${c.rows}`,
    );
  }
  r.push(a.ms);
  l.push(b.ms);
  sh.push(c.ms);
  console.log(
    `rep ${i + 1}: raw read_csv ${(a.ms / 1000).toFixed(2)} s, lantern import ${(b.ms / 1000).toFixed(2)} s, read_csv into trade_flows' shape ${(c.ms / 1000).toFixed(2)} s`,
  );
}
const rm = median(r);
const lm = median(l);
const sm = median(sh);
const rate = (ms: number) => Math.round(info.rows / (ms / 1000)).toLocaleString('en-US');
console.log(
  `rows                                   ${info.rows.toLocaleString('en-US')} (median of ${REPS})`,
);
console.log(`DuckDB read_csv into a plain table     ${(rm / 1000).toFixed(2)} s  (${rate(rm)} rows/s)`);
console.log(`lantern import (library path)          ${(lm / 1000).toFixed(2)} s  (${rate(lm)} rows/s)`);
console.log(`ratio                                  ${(lm / rm).toFixed(2)}×  (goal ≤ 1.25×)`);
console.log(
  `read_csv into trade_flows' shape       ${(sm / 1000).toFixed(2)} s  → lantern / shaped = ${(lm / sm).toFixed(2)}×`,
);
if (!arg('dir', '')) rmSync(dir, { recursive: true, force: true });
