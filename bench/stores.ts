/**
 * What the import benchmarks share (bench/import.ts, bench/baci-zip.ts): where their files and
 * stores go, a fresh store file, Lantern's import of a file into one (checked against what
 * `trade_flows` then reads), a child process's peak memory and the machine's load beside a figure.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importFiles, type ImportOptions } from '../src/ingest/index.ts';
import { prepareStore } from '../src/setup.ts';
import { openStore } from '../src/store/db.ts';
import { sql } from '../src/store/sql.ts';
import { arg } from './timing.ts';

/** The folder for a bench's files and stores: `--dir DIR` (kept), else a temp folder removed by `done()`. */
export function benchDir(prefix: string): { dir: string; done: () => void } {
  const given = arg('dir', '');
  const dir = given || mkdtempSync(join(tmpdir(), `lantern-bench-${prefix}-`));
  mkdirSync(dir, { recursive: true });
  return { dir, done: () => (given ? undefined : rmSync(dir, { recursive: true, force: true })) };
}

/** The path of a store file `name` in `dir`, with any earlier file (and its WAL) removed. */
export function fresh(dir: string, name: string): string {
  const p = join(dir, name);
  for (const f of [p, `${p}.wal`]) if (existsSync(f)) rmSync(f);
  return p;
}

export interface Imported {
  ms: number;
  /** CPU time of the load (user + system, every thread of the process): on a shared machine it moves less than the wall time. */
  cpuMs?: number;
  rows: number;
  /** The sum of `trade_flows.value_usd` after the import. */
  usd: number;
}

/**
 * `importFiles` of one file into a fresh store file, timed, after the store's reference tables are
 * loaded as `lantern` loads them when it opens a store (`prepareStore`: countries, codes and the
 * bundled baskets, whose basket rows the import then writes among its summaries; `onStart` is
 * called just before the timed part); then `trade_flows` must read every loaded row, each reporter and
 * partner a known entity and each product six digits (unless `anyNames`: reported data has areas,
 * TOTAL and services codes).
 */
export async function lanternImport(
  storePath: string,
  file: string,
  options: ImportOptions & { anyNames?: boolean } = {},
  onStart?: () => void,
): Promise<Imported> {
  const store = await openStore({ path: storePath });
  await prepareStore(store);
  onStart?.();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const [s] = await importFiles(store, [file], options);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const [n] = await store.query<{ n: number; usd: number; bad: number }>(
    sql`select count(*)::bigint as n, sum(value_usd) as usd,
          count(*) filter (where reporter not in (select iso3 from countries) or partner not in (select iso3 from countries)
            or length(product) <> 6)::bigint as bad
        from trade_flows`,
  );
  await store.close();
  if (Number(n?.n) !== s?.rowsLoaded || (Number(n?.bad) !== 0 && !options.anyNames)) {
    throw new Error(`trade_flows reads ${n?.n} rows (${n?.bad} badly named) after loading ${s?.rowsLoaded}`);
  }
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, rows: s?.rowsLoaded ?? 0, usd: Number(n?.usd) };
}

/** The machine beside a figure: cores and the load averages (1, 5, 15 minutes). */
export function machineLoad(): string {
  return `${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;
}

/**
 * Runs this same script again as a child process with `args` (the bench reads them as its child
 * mode) and resolves to the JSON object the child printed last, with the child's peak resident
 * memory in MiB (`process.resourceUsage().maxRSS`, reported by the child itself).
 */
export async function inChild<T>(script: string, args: string[]): Promise<T & { peakMiB: number }> {
  const child = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  const last = out.trim().split('\n').pop() ?? '';
  if (code !== 0 || !last.startsWith('{')) throw new Error(`child ${args.join(' ')} exited ${code}: ${out.slice(-2000)}`);
  return JSON.parse(last) as T & { peakMiB: number };
}

/** In a child: prints `result` with the process's peak resident memory, as the last line `inChild` reads. */
export function reportToParent(result: object): void {
  console.log(JSON.stringify({ ...result, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}
