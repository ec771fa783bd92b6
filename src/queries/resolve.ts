/**
 * From what a user asked to what the compilers read: checks countries, years, baskets and HS editions
 * against the store, and chooses the import runs, so that every result says which data it used.
 *
 * Invariants:
 * - Data of different sources or perspectives is never summed: when the runs with data in the years
 *   asked for differ in (source, perspective), this throws 'mixed-sources' naming every run and how
 *   to choose one. Two runs of one source reporting the same (year, reporter, flow) are refused the
 *   same way (they would be counted twice).
 * - A year or basket with no data, an HS edition the basket is not resolved to, and a country code
 *   that does not exist are LanternErrors with a fix hint, not empty results.
 * - Reads only; never writes.
 */
import { LanternError, type Problem } from '../errors.ts';
import type { Scope } from '../indicators/params.ts';
import { assertCountry } from '../reference/countries.ts';
import { getBasket } from '../reference/baskets.ts';
import type { Store } from '../store/db.ts';
import { inList, sql } from '../store/sql.ts';

/** One import run a result read, for provenance. */
export interface RunInfo {
  id: number;
  source: string;
  format: string;
  release: string | null;
  fileName: string;
  perspective: 'reconciled' | 'reported';
}

/** Where a result's numbers come from. */
export interface Provenance {
  runs: RunInfo[];
  perspective: 'reconciled' | 'reported';
  /** The view applied to reported data; null for reconciled data (BACI has one value per flow). */
  view: 'reporter' | 'partner' | 'mirror-max' | null;
  /** HS editions of the rows read. */
  classifications: string[];
  /** HS level of the rows read. */
  level: number;
}

/** What selects runs: explicit ids, or a source name and/or perspective. */
export interface RunSelection {
  runs?: number[];
  source?: string;
  perspective?: 'reconciled' | 'reported';
}

interface RunStat {
  run_id: number;
  source: string;
  format: string;
  release: string | null;
  file_name: string;
  perspective: 'reconciled' | 'reported';
  classification: string;
  product_level: number;
  min_year: number;
  max_year: number;
  n: number;
}

function describeRun(r: Pick<RunStat, 'run_id' | 'source' | 'release' | 'file_name' | 'perspective'>): string {
  return `run ${r.run_id} (${r.source}${r.release ? ` ${r.release}` : ''}, ${r.file_name}, ${r.perspective})`;
}

/** Normalises country codes (ISO alpha-3/alpha-2/numeric) to alpha-3; unknown ones are collected. */
export function normaliseCountries(codes: readonly string[] | undefined, field: string, problems: Problem[]): string[] | undefined {
  if (!codes) return undefined;
  const out: string[] = [];
  for (const c of codes) {
    try {
      out.push(assertCountry(c).iso3);
    } catch (e) {
      if (e instanceof LanternError) problems.push(...e.problems.map((p) => ({ ...p, field })));
      else throw e;
    }
  }
  return out;
}

export interface Resolved {
  runIds: number[];
  provenance: Provenance;
  /** Years (within the window asked for) that have rows in the chosen runs. */
  years: number[];
  notes: string[];
}

/**
 * Chooses the runs for a window of years and checks the scope against them.
 *
 * @param window the years the computation reads (may start before the first year shown, e.g. YoY)
 * @param shown the years the user asked for: at least one of them must have data
 */
export async function resolveRuns(
  store: Store,
  sel: RunSelection,
  window: { from: number; to: number },
  shown: { from: number; to: number },
  opts: { level?: number; view?: Provenance['view'] } = {},
): Promise<Resolved> {
  const runFilter = sel.runs?.length ? sql` and r.id in ${inList(sel.runs)}` : sql``;
  const sourceFilter = sel.source ? sql` and r.source = ${sel.source}` : sql``;
  const perspectiveFilter = sel.perspective ? sql` and r.perspective = ${sel.perspective}` : sql``;
  const stats = await store.query<RunStat>(
    sql`select t.run_id as run_id, r.source as source, r.format as format, r.release as release, r.file_name as file_name, r.perspective as perspective, t.classification as classification, t.product_level as product_level, min(t.year) as min_year, max(t.year) as max_year, count(*) as n from trade_flows t join import_runs r on r.id = t.run_id where t.year between ${window.from} and ${window.to} and t.type_code = ${'C'} and t.partner_kind = ${'country'} and t.product_level between 2 and 6${runFilter}${sourceFilter}${perspectiveFilter} group by t.run_id, r.source, r.format, r.release, r.file_name, r.perspective, t.classification, t.product_level order by t.run_id`,
  );
  const asked = describeSelection(sel);
  if (stats.length === 0) {
    const avail = await store.query<{ y0: number; y1: number; n: number }>(
      sql`select min(t.year) as y0, max(t.year) as y1, count(*) as n from trade_flows t join import_runs r on r.id = t.run_id where t.partner_kind = ${'country'}${runFilter}${sourceFilter}${perspectiveFilter}`,
    );
    const a = avail[0];
    const span = shown.from === shown.to ? String(shown.from) : `${shown.from}–${shown.to}`;
    throw new LanternError('no-data', `No bilateral trade data for ${span}${asked}.`, [
      {
        field: 'years',
        message: 'no rows in these years',
        found: span,
        expected: a && a.n > 0 ? `a year from ${a.y0} to ${a.y1}` : 'imported data',
        hint: a && a.n > 0 ? `the store has ${a.n} bilateral rows for ${a.y0}–${a.y1}` : 'import data first: `lantern import FILE` (BACI, Comtrade, OTS)',
      },
    ]);
  }
  // Group by run.
  const runs = new Map<number, RunStat[]>();
  for (const s of stats) runs.set(s.run_id, [...(runs.get(s.run_id) ?? []), s]);
  const kinds = new Set([...runs.values()].map((r) => `${r[0]!.source}|${r[0]!.perspective}`));
  if (kinds.size > 1) {
    throw new LanternError(
      'mixed-sources',
      `The data for these years comes from ${kinds.size} different sources or perspectives; Lantern never sums them.`,
      [...runs.values()].map((r) => ({
        field: 'runs',
        message: `${describeRun(r[0]!)} has ${r.reduce((n, s) => n + s.n, 0)} rows for ${r[0]!.min_year}–${Math.max(...r.map((s) => s.max_year))}`,
        hint: `choose one: --source ${r[0]!.source} --perspective ${r[0]!.perspective}, or --runs ${r[0]!.run_id}`,
      })),
    );
  }
  const level = opts.level ?? Math.max(...stats.map((s) => s.product_level));
  const atLevel = stats.filter((s) => s.product_level === level);
  if (atLevel.length === 0) {
    throw new LanternError('no-data', `No rows at HS level ${level} for these years${asked}.`, [
      {
        field: 'level',
        message: 'no rows at this level',
        found: String(level),
        expected: [...new Set(stats.map((s) => s.product_level))].sort().join(' | '),
        hint: 'pass --level with one of the levels the data has',
      },
    ]);
  }
  const ids = [...new Set(atLevel.map((s) => s.run_id))];
  if (ids.length > 1) await assertNoOverlap(store, ids, window, runs);
  const yearRows = await store.query<{ year: number }>(
    sql`select distinct year from trade_flows where run_id in ${inList(ids)} and year between ${window.from} and ${window.to} and partner_kind = ${'country'} and product_level = ${level} order by year`,
  );
  const years = yearRows.map((r) => r.year);
  const shownYears = years.filter((y) => y >= shown.from && y <= shown.to);
  if (shownYears.length === 0) {
    const span = shown.from === shown.to ? String(shown.from) : `${shown.from}–${shown.to}`;
    throw new LanternError('no-data', `No data for ${span}${asked}.`, [
      { field: 'years', message: 'no rows in these years', found: span, expected: years.join(', ') || 'another year', hint: 'pick a year the data covers (`lantern status`)' },
    ]);
  }
  const notes: string[] = [];
  const missing: number[] = [];
  for (let y = shown.from; y <= shown.to; y++) if (!years.includes(y)) missing.push(y);
  if (missing.length) notes.push(`no data for ${missing.join(', ')}`);
  const first = runs.get(ids[0]!)![0]!;
  const perspective = first.perspective;
  return {
    runIds: ids,
    years,
    notes,
    provenance: {
      runs: ids.map((id) => {
        const r = runs.get(id)![0]!;
        return { id, source: r.source, format: r.format, release: r.release, fileName: r.file_name, perspective: r.perspective };
      }),
      perspective,
      view: perspective === 'reported' ? (opts.view ?? 'reporter') : null,
      classifications: [...new Set(atLevel.map((s) => s.classification))].sort(),
      level,
    },
  };
}

function describeSelection(sel: RunSelection): string {
  const parts: string[] = [];
  if (sel.runs?.length) parts.push(`runs ${sel.runs.join(', ')}`);
  if (sel.source) parts.push(`source ${sel.source}`);
  if (sel.perspective) parts.push(`perspective ${sel.perspective}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Two runs of one source with rows for the same (year, reporter, flow) would be counted twice. */
async function assertNoOverlap(store: Store, ids: number[], window: { from: number; to: number }, runs: Map<number, RunStat[]>): Promise<void> {
  const clash = await store.query<{ year: number; reporter: string; flow: string; a: number; b: number }>(
    sql`select year, reporter, flow, min(run_id) as a, max(run_id) as b from (select distinct run_id, year, reporter, flow from trade_flows where run_id in ${inList(ids)} and year between ${window.from} and ${window.to} and partner_kind = ${'country'}) d group by year, reporter, flow having count(*) > 1 order by year, reporter, flow limit 20`,
  );
  if (clash.length === 0) return;
  throw new LanternError(
    'mixed-sources',
    'Two import runs hold the same reports; summing them would count the trade twice.',
    clash.map((c) => ({
      field: 'runs',
      message: `${c.reporter} ${c.flow === 'X' ? 'exports' : c.flow === 'M' ? 'imports' : c.flow} ${c.year} are in ${describeRun(runs.get(c.a)![0]!)} and ${describeRun(runs.get(c.b)![0]!)}`,
      hint: `choose one with --runs ${c.a} or --runs ${c.b}, or delete one run`,
    })),
  );
}

/** Checks the scope's basket (and domain) exist and are resolved to the data's HS editions. */
export async function checkBasket(store: Store, scope: Pick<Scope, 'basket' | 'domain'>, classifications: readonly string[]): Promise<void> {
  if (!scope.basket) return;
  const basket = await getBasket(store, scope.basket);
  if (scope.domain) {
    const domains = (await store.query<{ domain: string }>(sql`select distinct domain from basket_codes where basket_id = ${basket.id} and domain is not null order by domain`)).map((r) => r.domain);
    if (!domains.includes(scope.domain)) {
      throw new LanternError('unknown-basket', `Basket "${basket.id}" has no domain "${scope.domain}".`, [
        { field: 'basket', message: 'unknown domain', expected: domains.join(' | ') || '(the basket has no domains)', found: scope.domain },
      ]);
    }
  }
  const editions = (await store.query<{ edition: string }>(sql`select distinct edition from basket_resolved where basket_id = ${basket.id} order by edition`)).map((r) => r.edition);
  const missing = classifications.filter((c) => !editions.includes(c));
  if (missing.length) {
    throw new LanternError('edition-mismatch', `Basket "${basket.id}" is not resolved to ${missing.join(', ')}, the HS edition of the data.`, [
      {
        field: 'basket',
        message: `the basket is written in ${basket.hsEdition} and resolved to ${editions.join(', ') || 'no edition yet'}`,
        expected: missing.join(', '),
        found: editions.join(', ') || '(none)',
        hint: `load the HS correlation table reaching ${missing.join(', ')} (\`lantern fetch hs\`), then resolve the basket again`,
      },
    ]);
  }
}

/** Throws once with every problem collected (unknown countries …). */
export function throwProblems(problems: Problem[], what: string): void {
  if (problems.length === 0) return;
  const code = problems.every((p) => p.field === 'country' || p.field === 'partner' || p.field === 'exporter' || p.field === 'importer') ? 'unknown-country' : 'invalid-argument';
  throw new LanternError(code, `${what}: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`}.`, problems);
}

/** The first and last year of bilateral data in the store (optionally of one source), or null. */
export async function dataYears(store: Store, source?: string): Promise<{ from: number; to: number } | null> {
  const f = source ? sql` and r.source = ${source}` : sql``;
  const rows = await store.query<{ y0: number | null; y1: number | null }>(
    sql`select min(t.year) as y0, max(t.year) as y1 from trade_flows t join import_runs r on r.id = t.run_id where t.partner_kind = ${'country'}${f}`,
  );
  const r = rows[0];
  return r && r.y0 !== null && r.y1 !== null ? { from: r.y0, to: r.y1 } : null;
}
