/**
 * Benchmarks of the registry, each next to a reference measured in the same run:
 *
 * 1. `lantern registry import` of N cultural-centre rows (CSV parse, zod validation, duplicate
 *    checks, one transaction with the audit log) vs DuckDB's own `read_csv` of the same file into a
 *    plain table (no validation, no audit).
 * 2. `registry effect` (events, panel SQL joined to the basket, estimator, 1000 bootstrap
 *    resamples) on a generated trade table vs the bare panel aggregate in SQL.
 *
 *   npx tsx bench/registry.ts [--rows 20000] [--flows 2000000] [--reps 3]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { effectPanelQuery, registryEffect } from '../src/queries/registry-effect.ts';
import { createEntities, importRegistryCsv } from '../src/registry/index.ts';
import { openStore } from '../src/store/db.ts';
import { sql } from '../src/store/sql.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}
const ROWS = Number(arg('rows', '20000'));
const FLOWS = Number(arg('flows', '2000000'));
const REPS = Number(arg('reps', '3'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const dir = mkdtempSync(join(tmpdir(), 'lantern-bench-registry-'));
const file = join(dir, 'centres.csv');
const countries = [
  'FRA',
  'DEU',
  'JPN',
  'USA',
  'GBR',
  'ITA',
  'ESP',
  'BRA',
  'IND',
  'MEX',
  'EGY',
  'NGA',
  'AUS',
  'CAN',
  'RUS',
];
const lines = ['kind,name_en,home_country,country,city,opened,source_url,source_note'];
for (let i = 0; i < ROWS; i++) {
  lines.push(
    `cultural-centre,Centre ${i},KOR,${countries[i % countries.length]},City ${i},${1990 + (i % 30)}-${String(1 + (i % 12)).padStart(2, '0')},https://example.org/${i},generated`,
  );
}
const text = lines.join('\n');
writeFileSync(file, text);

async function importLantern(): Promise<number> {
  const store = await openStore();
  const t0 = performance.now();
  await importRegistryCsv(
    store,
    text,
    { kind: 'centre', file: 'centres.csv' },
    { actor: 'bench', now: new Date() },
  );
  const t = performance.now() - t0;
  await store.close();
  return t;
}

async function importRaw(): Promise<number> {
  const store = await openStore({ migrate: false });
  const t0 = performance.now();
  await store.run(`create table c as select * from read_csv('${file.replaceAll("'", "''")}', header = true)`);
  const t = performance.now() - t0;
  await store.close();
  return t;
}

/** A store with FLOWS generated export rows of KOR (200 partners × 23 years × codes) and 26 dated centres. */
async function effectStore() {
  const store = await openStore();
  const codes = Math.max(1, Math.round(FLOWS / (200 * 23)));
  await store.run(
    `insert into import_runs (id, source, format, file_name, sha256, perspective, started_at) values (1, 'baci', 'bench', 'bench', 'bench', 'reconciled', now())`,
  );
  await store.run(`insert into trade_flows_wide (run_id, year, type_code, reporter, partner, partner_kind, flow, classification, product, product_level, value_usd)
    select 1, y, 'C', 'KOR', 'P' || lpad(p::varchar, 2, '0'), 'country', 'X', 'HS2017', lpad((100000 + c)::varchar, 6, '0'), 6, 1000 + hash(y, p, c) % 5000
    from range(2000, 2023) t1(y), range(0, 200) t2(p), range(0, ${codes}) t3(c)`);
  // Partner codes P00…P99 are not ISO codes: map the events to them directly in the table.
  await store.run(
    `insert into baskets (id, name, version, framework, hs_edition, bundled) values ('bench', 'bench', '1', 'user', 'HS2017', false)`,
  );
  await store.run(`insert into basket_resolved (basket_id, edition, code, source_code, source_codes, mapping)
    select 'bench', 'HS2017', lpad((100000 + c)::varchar, 6, '0'), lpad((100000 + c)::varchar, 6, '0'), lpad((100000 + c)::varchar, 6, '0'), 'identity' from range(0, ${Math.ceil(codes / 2)}) t(c)`);
  await createEntities(
    store,
    'institution',
    countries.map((c, i) => ({
      value: {
        kind: 'cultural-centre',
        name_en: `Bench ${c}`,
        home_country: 'KOR',
        country: c,
        opened: String(2004 + i),
        source_url: 'https://example.org',
      },
    })),
    { actor: 'bench', now: new Date() },
  );
  const ids = await store.query<{ id: string }>(
    sql`select id from registry_institutions where home_country = 'KOR' order by id`,
  );
  for (const [i, r] of ids.entries())
    await store.run(
      sql`update registry_institutions set country = ${`P${String(i + 1).padStart(2, '0')}`} where id = ${r.id}`,
    );
  const [n] = await store.query<{ n: number }>(sql`select count(*) as n from trade_flows`);
  return { store, flows: Number(n?.n) };
}

const imp = { lantern: [] as number[], raw: [] as number[] };
for (let r = 0; r < REPS; r++) {
  imp.raw.push(await importRaw());
  imp.lantern.push(await importLantern());
}

const { store, flows } = await effectStore();
const eff = { lantern: [] as number[], raw: [] as number[] };
let estimate: number | null = null;
let used = 0;
for (let r = 0; r < REPS; r++) {
  let t0 = performance.now();
  await store.query(effectPanelQuery({ exporter: 'KOR', basketId: 'bench', source: 'baci' }));
  eff.raw.push(performance.now() - t0);
  t0 = performance.now();
  const e = await registryEffect(store, {
    eventKind: 'centre-opening',
    exporter: 'KOR',
    basket: 'bench',
    bootstrap: 1000,
  });
  eff.lantern.push(performance.now() - t0);
  estimate = e.estimate;
  used = e.events_used;
}
await store.close();
rmSync(dir, { recursive: true, force: true });

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`registry import: ${ROWS} rows, median of ${REPS}`);
console.log(
  `  lantern registry import  ${s(median(imp.lantern))}  (${Math.round(ROWS / (median(imp.lantern) / 1000))} rows/s)`,
);
console.log(`  duckdb read_csv (raw)    ${s(median(imp.raw))}`);
console.log(`  ratio                    ${(median(imp.lantern) / median(imp.raw)).toFixed(1)}×`);
console.log(
  `registry effect: ${flows} trade rows, ${used} events used, estimate ${estimate?.toFixed(4)}, median of ${REPS}`,
);
console.log(`  registry effect          ${s(median(eff.lantern))}`);
console.log(`  panel SQL alone          ${s(median(eff.raw))}`);
console.log(`  ratio                    ${(median(eff.lantern) / median(eff.raw)).toFixed(1)}×`);
