/**
 * Benchmark of the HTTP API: autocannon against `lantern serve` (a child process, on loopback) on
 * the seeded synthetic world (src/sources/synthetic.ts; 10 million rows by default), for the
 * country profile and the market finder — cold (each request a different country, so neither the
 * answer cache nor DuckDB's caches have seen it) and warm (the same request again and again: the
 * answer cache serves it, with its ETag) — next to a static JSON file of the same size served by the
 * same server in the same run (the ceiling of the HTTP stack). Also reports the gzipped size of the
 * JavaScript the first page (Overview) loads, read from Vite's manifest.
 *
 *   npm run bench:api                         # 10,000,000 rows
 *   npm run bench:api -- --rows 1000000 --duration 5
 *   options: --rows N  --seed N  --duration S (warm runs)  --connections N  --cold N (distinct
 *            countries per cold run)  --dir DIR  --record (append the results to bench/RESULTS.md)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import autocannon, { type Result } from 'autocannon';
import { ensureWebBuild, webRoot } from '../src/api/web-assets.ts';
import { importFiles } from '../src/ingest/index.ts';
import { ensureReferenceData } from '../src/reference/setup.ts';
import { writeSyntheticBaci } from '../src/sources/synthetic.ts';
import { openStore } from '../src/store/db.ts';
import { sql } from '../src/store/sql.ts';
import { repoRoot } from '../test/shared.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}
const ROWS = Number(arg('rows', '10000000'));
const SEED = Number(arg('seed', '42'));
const DURATION = Number(arg('duration', '10'));
const CONNECTIONS = Number(arg('connections', '8'));
const COLD = Number(arg('cold', '24'));
const RECORD = process.argv.includes('--record');
const dir = arg('dir', '') || mkdtempSync(join(tmpdir(), 'lantern-bench-api-'));
const YEARS = [2018, 2019, 2020, 2021, 2022];
const BASKET = 'unesco-fcs-2009';

/** Gzipped bytes of the JS the Overview page loads: the entry chunk and the page's chunk, with their static imports. */
export function firstPageJs(dist = join(webRoot, 'dist')): { files: string[]; raw: number; gzip: number } {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string; imports?: string[]; isEntry?: boolean; src?: string }>;
  const entry = Object.entries(manifest).find(([, v]) => v.isEntry)?.[0];
  const page = Object.keys(manifest).find((k) => k.endsWith('pages/overview.ts'));
  if (!entry || !page) throw new Error('no entry or overview chunk in the Vite manifest');
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of manifest[key]?.imports ?? []) walk(i);
  };
  walk(entry);
  walk(page);
  const files = [...seen].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dist, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

async function waitFor(url: string, ms = 120_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() - t0 > ms) throw new Error(`server did not answer ${url} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Line {
  name: string;
  r: Result;
}

function row(l: Line): string {
  const { r } = l;
  return `| ${l.name} | ${r.requests.total} | ${r.requests.average.toFixed(1)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx + r.errors + r.timeouts} |`;
}

async function main(): Promise<void> {
  const storePath = join(dir, 'bench-api.duckdb');
  const csv = join(dir, 'BACI_HS07_V000000.csv');
  let t0 = performance.now();
  if (!existsSync(storePath)) {
    process.stderr.write(`generating ${ROWS.toLocaleString('en-US')} rows…\n`);
    await writeSyntheticBaci({ path: csv, rows: ROWS, seed: SEED, years: YEARS, edition: 'HS07' });
    const store = await openStore({ path: storePath });
    await ensureReferenceData(store);
    process.stderr.write('importing…\n');
    await importFiles(store, [csv], { format: 'baci', hsEdition: 'HS2007', release: `synthetic-seed-${SEED}` });
    await store.close();
    rmSync(csv, { force: true });
  }
  const loadS = (performance.now() - t0) / 1000;
  // The exporters with the most rows: the cold runs visit each once.
  const store = await openStore({ path: storePath, readOnly: true });
  const top = await store.query<{ reporter: string }>(
    sql`select reporter from trade_flows where flow = 'X' and partner_kind = 'country' group by reporter order by count(*) desc limit ${COLD * 2 + 1}`,
  );
  await store.close();
  const countries = top.map((r) => r.reporter);
  const warmCountry = countries[0]!;
  const coldProfile = countries.slice(1, COLD + 1);
  const coldMarkets = countries.slice(COLD + 1, 2 * COLD + 1);

  const web = await ensureWebBuild({ log: (s) => process.stderr.write(`${s}\n`) });
  const js = firstPageJs();

  const port = 4300 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'bin', 'lantern.mjs'), 'serve', '--db', storePath, '--port', String(port), '--read-only', '--no-build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`${base}/api/v1/status`);
    const profilePath = (c: string) => `/api/v1/profiles/country/${c}?basket=${BASKET}&years=2018-2022`;
    const marketsPath = (c: string) => `/api/v1/markets?exporter=${c}&basket=${BASKET}&year=2022`;
    // The static ceiling: a file of the same bytes as one profile answer, served from web/dist.
    t0 = performance.now();
    const sample = await (await fetch(`${base}${profilePath(warmCountry)}`)).text();
    const firstProfileMs = performance.now() - t0;
    if (!sample.startsWith('{"ok":true')) throw new Error(`profile failed: ${sample.slice(0, 300)}`);
    writeFileSync(join(webRoot, 'dist', 'bench-static.json'), sample);
    const lines: Line[] = [];
    const run = async (name: string, opts: Parameters<typeof autocannon>[0]) => {
      process.stderr.write(`${name}…\n`);
      const r = await autocannon({ timeout: 120, ...opts });
      lines.push({ name, r });
    };
    const cycle = (paths: string[]) => {
      let i = 0;
      return [{ setupRequest: (req: { path?: string }) => ({ ...req, path: paths[i++ % paths.length] }) }];
    };
    await run('static JSON file (same bytes as a profile)', { url: `${base}/bench-static.json`, connections: CONNECTIONS, duration: DURATION });
    await run(`country profile, cold (${coldProfile.length} countries, each once)`, { url: base, connections: 2, amount: coldProfile.length, requests: cycle(coldProfile.map(profilePath)) });
    await run('country profile, warm (same request)', { url: `${base}${profilePath(warmCountry)}`, connections: CONNECTIONS, duration: DURATION });
    await fetch(`${base}${marketsPath(warmCountry)}`);
    await run(`market finder, cold (${coldMarkets.length} exporters, each once)`, { url: base, connections: 2, amount: coldMarkets.length, requests: cycle(coldMarkets.map(marketsPath)) });
    await run('market finder, warm (same request)', { url: `${base}${marketsPath(warmCountry)}`, connections: CONNECTIONS, duration: DURATION });

    const staticRps = lines[0]!.r.requests.average;
    const table = [
      '| request | requests | req/s | p50 ms | p99 ms | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...lines.map(row),
    ].join('\n');
    const ratios = lines
      .slice(1)
      .map((l) => `- ${l.name}: ${(l.r.requests.average / staticRps).toPrecision(3)}× the static file's req/s`)
      .join('\n');
    const report = `
## HTTP API (\`npm run bench:api\`) — 2026-11-23

Machine: 2-core, 24 GiB, Node 20.20, Debian 12 (this run saw ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB).
World: seeded synthetic BACI (seed ${SEED}), ${ROWS.toLocaleString('en-US')} rows, ${YEARS[0]}–${YEARS.at(-1)}, HS 2007; built and imported in ${loadS.toFixed(0)} s${loadS < 1 ? ' (store reused)' : ''}.
Server: \`lantern serve --read-only\` as a child process on 127.0.0.1; autocannon in the parent, ${CONNECTIONS} connections for ${DURATION} s on warm and static runs, 2 connections over the distinct requests on cold runs.
Requests: \`${profilePath('XXX')}\` and \`${marketsPath('XXX')}\`. First profile request (cold, before the runs): ${firstProfileMs.toFixed(0)} ms; answer size ${sample.length.toLocaleString('en-US')} bytes.

${table}

${ratios}

Cold = each request names a country not asked before (the answer cache misses; DuckDB computes every indicator of the profile / the market finder). Warm = the same request repeated: the answer cache returns the stored bytes with their ETag, so warm runs measure the HTTP stack plus the cache lookup.

First page JavaScript (Overview: entry + page chunk + their imports, from the Vite manifest, gzip -9): **${(js.gzip / 1024).toFixed(1)} KB** gzipped (${(js.raw / 1024).toFixed(1)} KB raw; goal ≤ 250 KB), ${js.files.length} files. Web build: ${web}.
`;
    process.stdout.write(report);
    if (RECORD) appendFileSync(join(repoRoot, 'bench', 'RESULTS.md'), report);
  } finally {
    child.kill('SIGTERM');
    rmSync(join(webRoot, 'dist', 'bench-static.json'), { force: true });
    if (!arg('dir', '')) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
