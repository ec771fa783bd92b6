/**
 * Benchmark of `lantern reference load`: the HS nomenclature of all seven editions and the 21 UNSD
 * correlation tables from ../shared/data (about 46,000 + 220,000 rows), read, validated, loaded in
 * one transaction and every basket re-resolved — next to DuckDB's own `read_csv` of the same files
 * into plain tables (no validation, no provenance, no baskets), in the same run.
 *
 *   npx tsx bench/reference-load.ts [--reps 3] [--shared ../shared]
 */

import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureBundledBaskets } from '../src/reference/bundled-baskets.ts';
import { findReferenceFiles, loadReferenceFiles, readReferencePath } from '../src/reference/hs-load.ts';
import { openStore } from '../src/store/db.ts';
import { sharedPath } from '../test/shared.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}
const REPS = Number(arg('reps', '3'));
const dir = arg('shared', '') ? join(arg('shared', ''), 'data') : sharedPath('data');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function lantern(): Promise<number> {
  const store = await openStore();
  await ensureBundledBaskets(store);
  const t0 = performance.now();
  await loadReferenceFiles(store, readReferencePath(dir));
  const t = performance.now() - t0;
  await store.close();
  return t;
}

async function raw(): Promise<number> {
  const store = await openStore({ migrate: false });
  const files = findReferenceFiles(dir).map((f) => join(dir, f));
  const nom = files.filter((f) => /nomenclature/.test(f));
  const corr = files.filter((f) => /_to_/.test(f));
  const list = (fs: string[]) => `[${fs.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ')}]`;
  const t0 = performance.now();
  // constant text written here (file paths of this machine), never a user's value
  await store.run(
    `create table p as select * from read_csv(${list(nom)}, all_varchar = true, union_by_name = true)`,
  );
  await store.run(
    `create table c as select * from read_csv(${list(corr)}, all_varchar = true, union_by_name = true)`,
  );
  const t = performance.now() - t0;
  await store.close();
  return t;
}

const l: number[] = [];
const r: number[] = [];
for (let i = 0; i < REPS; i++) {
  r.push(await raw());
  l.push(await lantern());
}
const lm = median(l);
const rm = median(r);
console.log(
  `reference load (${REPS} reps, median): lantern ${(lm / 1000).toFixed(2)} s, duckdb read_csv ${(rm / 1000).toFixed(2)} s, ratio ${(lm / rm).toFixed(2)}×`,
);
