/**
 * Comtrade files read the test's own way (csv-parse, not Lantern's reader), and the count-once sum
 * computed independently of `countedRows`: per report (reporter, partner, flow, year), the codes no
 * other present code of the report contains. Used by the tests that check Lantern's figures on the
 * real samples (../shared/data/comtrade_samples) and on hand-made files in the same layout, and
 * the set-up of those that import a sample into a store of their own (`importSample`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { type Api, createApi } from '../../src/api/app.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { captureCli } from '../cli.ts';
import { sharedPath } from '../shared.ts';

export const WOOD = ['data', 'comtrade_samples', 'api_eu27_wood_imports_hs4_bilateral_2018_2022.csv.gz'];
export const SHRIMP = ['data', 'comtrade_samples', 'api_tha_shrimp_hs6_2007_2011.csv'];

/** One row of a Comtrade file: reporter, partner (ISO as written), flow X/M, year, code, value. */
export interface Row {
  rep: string;
  par: string;
  flow: string;
  year: number;
  code: string;
  v: number;
}

/** The rows of a Comtrade CSV text (comtradr's snake_case columns, or Comtrade Plus's camelCase ones). */
export function rowsOf(text: string): Row[] {
  return (parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[]).map((r) => ({
    rep: (r.reporter_iso ?? r.reporterISO)!.trim(),
    par: (r.partner_iso ?? r.partnerISO)!.trim(),
    flow: (r.flow_code ?? r.flowCode)?.trim() || ((r.flow_desc ?? r.flowDesc) === 'Import' ? 'M' : 'X'),
    year: Number(r.ref_year ?? r.refYear),
    code: (r.cmd_code ?? r.cmdCode)!.trim(),
    v: Number(r.primary_value ?? r.primaryValue),
  }));
}

/** The rows of a file under ../shared (gzipped or not). */
export function sharedRows(parts: string[]): Row[] {
  const buf = readFileSync(sharedPath(...parts));
  return rowsOf((parts.at(-1)!.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8'));
}

/** Whether a row counts whole: no ancestor of its code (2 or 4 digits) is present in its report. */
function countedWhole(present: Set<string>, r: Row): boolean {
  const report = `${r.rep}|${r.par}|${r.flow}|${r.year}`;
  return ![2, 4].filter((n) => n < r.code.length).some((n) => present.has(`${report}|${r.code.slice(0, n)}`));
}

/** Per key: the sum of the codes no other present code of their report contains. */
export function dedupedTotals(rows: Row[], key: (r: Row) => string): Map<string, number> {
  const present = new Set(rows.map((r) => `${r.rep}|${r.par}|${r.flow}|${r.year}|${r.code}`));
  const out = new Map<string, number>();
  for (const r of rows) {
    if (!countedWhole(present, r)) continue;
    out.set(key(r), (out.get(key(r)) ?? 0) + r.v);
  }
  return out;
}

/** The sum of the rows kept by `keep`, each report's codes counted once (ancestors looked up in all rows). */
export function dedupedSum(rows: Row[], keep: (r: Row) => boolean): number {
  const present = new Set(rows.map((r) => `${r.rep}|${r.par}|${r.flow}|${r.year}|${r.code}`));
  return rows.filter((r) => keep(r) && countedWhole(present, r)).reduce((s, r) => s + r.v, 0);
}

/** A sample imported by the CLI into a new store of its own (see `importSample`). */
export interface ImportedSample {
  /** The scratch folder and the store file in it. */
  dir: string;
  db: string;
  /** The file's rows, read the test's own way. */
  rows: Row[];
  /** The store, opened read-only, and an API of this process on it. */
  store: Store;
  api: Api;
  /** Closes the store and removes the folder. */
  close(): Promise<void>;
}

/**
 * `lantern import` of a sample under ../shared into a new store in a scratch folder (as a user
 * would), then the store opened read-only with an API on it.
 *
 * @example
 *   const s = await importSample(SHRIMP, 'world-scope');
 *   await s.api.app.request('/api/v1/profiles/country/THA');
 */
export async function importSample(parts: string[], name: string): Promise<ImportedSample> {
  const dir = mkdtempSync(join(tmpdir(), `lantern-${name}-`));
  const db = join(dir, `${name}.duckdb`);
  try {
    const r = await captureCli(['import', '--db', db, sharedPath(...parts)], { cwd: dir });
    if (r.code !== 0) throw new Error(`lantern import ${parts.at(-1)} failed (exit ${r.code}): ${r.err}`);
    const store = await openStore({ path: db, readOnly: true });
    const api = await createApi({ store, log: () => {} });
    return {
      dir,
      db,
      rows: sharedRows(parts),
      store,
      api,
      close: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
