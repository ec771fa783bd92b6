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
import type { DataProvenance, RunInfo, WorldScope } from '../contract.ts';
import { LanternError, type Problem } from '../errors.ts';
import { basketAtLevels, basketByPrefix, runFilter, type Scope, tradeWhere } from '../indicators/index.ts';
import { assertCountry, checkBasketScope, getBasket, unknownDomain } from '../reference/index.ts';
import { inList, runStatsSource, sql, type Store } from '../store/index.ts';

/** Where a result's numbers come from: the wire type (contract.ts), the name read models use. */
export type Provenance = DataProvenance;
export type { RunInfo };

/** What selects runs: explicit ids, or a source name and/or perspective. */
export interface RunSelection {
  runs?: number[];
  source?: string;
  perspective?: 'reconciled' | 'reported';
  /** Goods or services, when the question says (a services basket or code, --trade); else from the data. */
  trade?: 'goods' | 'services';
}

/**
 * Rows of trade by run, year, HS edition and level (0: TOTAL), with `nw` of them with partner World
 * (read as what named partners leave over) and `nc` with a named country partner.
 */
interface SummaryRow {
  run_id: number;
  source: string;
  format: string;
  release: string | null;
  file_name: string;
  perspective: 'reconciled' | 'reported';
  type_code: string;
  classification: string;
  product_level: number;
  year: number;
  n: number;
  nw: number;
  nc: number;
}

/**
 * What the store holds, summarised (one group-by over trade_flows), cached per store until the
 * import runs change (every import, replacement or removal of trade rows goes through a run). Run resolution reads this instead of scanning the flows on
 * every query: a server answering many queries pays the scan once per import.
 */
const summaryCache = new WeakMap<Store, { sig: string; rows: SummaryRow[] }>();

/**
 * What changes whenever the trade rows change (every import, replacement or removal goes through a
 * run): caches derived from `trade_flows` compare it to know they are stale.
 */
export async function runsSignature(store: Store): Promise<string> {
  return JSON.stringify(
    await store.query(
      sql`select count(*) as runs, max(id) as last, max(finished_at) as finished, sum(rows_loaded) as loaded from import_runs`,
    ),
  );
}

async function flowSummary(store: Store): Promise<SummaryRow[]> {
  const sig = await runsSignature(store);
  const hit = summaryCache.get(store);
  if (hit && hit.sig === sig) return hit.rows;
  const rows = await store.query<SummaryRow>(
    sql`select s.run_id as run_id, r.source as source, r.format as format, r.release as release, r.file_name as file_name, r.perspective as perspective, s.type_code as type_code, s.classification as classification, s.product_level as product_level, s.year as year, s.n as n, s.nw as nw, s.nc as nc from (${await runStatsSource(store)}) s join import_runs r on r.id = s.run_id where (s.type_code = ${'S'} or s.product_level between 0 and 6) order by run_id, year, type_code, classification, product_level`,
  );
  summaryCache.set(store, { sig, rows });
  return rows;
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
  nw: number;
  nc: number;
}

function describeRun(
  r: Pick<RunStat, 'run_id' | 'source' | 'release' | 'file_name' | 'perspective'>,
): string {
  return `run ${r.run_id} (${r.source}${r.release ? ` ${r.release}` : ''}, ${r.file_name}, ${r.perspective})`;
}

/**
 * When the perspective asked for (an indicator that reads each country's own reports, such as the
 * mirror gap) left out every run of the store: the runs there are, and what would answer. Without
 * it an Atlas or BACI store was told to "import data first".
 */
function otherPerspective(
  summary: readonly (Pick<RunStat, 'run_id' | 'source' | 'release' | 'file_name' | 'perspective'> & { type_code: string; year: number })[],
  sel: RunSelection,
  typeCode: string,
): string | undefined {
  if (!sel.perspective) return undefined;
  const other = summary.filter(
    (r) => r.type_code === typeCode && r.perspective !== sel.perspective && (!sel.runs?.length || sel.runs.includes(r.run_id)),
  );
  if (other.length === 0) return undefined;
  const runs = [...new Map(other.map((r) => [r.run_id, r])).values()].map(describeRun).join(', ');
  const [y0, y1] = [Math.min(...other.map((r) => r.year)), Math.max(...other.map((r) => r.year))];
  const years = y0 === y1 ? String(y0) : `${y0}–${y1}`;
  const wanted =
    sel.perspective === 'reported'
      ? 'reported data (each country’s own reports, with its partners’ mirror: Comtrade, OTS)'
      : 'reconciled data (BACI, the Growth Lab’s Atlas)';
  return `this reads ${wanted}; the store holds ${other[0]!.perspective} data only: ${runs}, ${years} — import ${sel.perspective} data to compute it`;
}

/** Normalises country codes (ISO alpha-3/alpha-2/numeric) to alpha-3; unknown ones are collected. */
export function normaliseCountries(
  codes: readonly string[] | undefined,
  field: string,
  problems: Problem[],
): string[] | undefined {
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
  /** Whether the SQL must filter on the run ids (false when they are all the data in the window). */
  filterRuns: boolean;
  /** Whether the SQL must leave out services rows (false when the runs hold none). */
  goodsOnly: boolean;
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
 *
 * Kept whole: the choice of runs and each check against them share what was read of the runs; the
 * order of the checks is the order of the errors a user sees.
 */
export async function resolveRuns(
  store: Store,
  sel: RunSelection,
  window: { from: number; to: number },
  shown: { from: number; to: number },
  opts: { level?: number; view?: Provenance['view'] } = {},
): Promise<Resolved> {
  const summary = await flowSummary(store);
  const trade = sel.trade ?? defaultTrade(summary, sel, window);
  const typeCode = trade === 'services' ? 'S' : 'C';
  const inWindow = summary.filter(
    (r) =>
      r.type_code === typeCode &&
      r.year >= window.from &&
      r.year <= window.to &&
      (!sel.runs?.length || sel.runs.includes(r.run_id)) &&
      (!sel.source || r.source === sel.source) &&
      (!sel.perspective || r.perspective === sel.perspective),
  );
  const statMap = new Map<string, RunStat>();
  for (const r of inWindow) {
    const k = `${r.run_id}|${r.classification}|${r.product_level}`;
    const e = statMap.get(k);
    if (e) {
      e.min_year = Math.min(e.min_year, r.year);
      e.max_year = Math.max(e.max_year, r.year);
      e.n += r.n;
      e.nw += r.nw;
      e.nc += r.nc;
    } else statMap.set(k, { ...r, min_year: r.year, max_year: r.year });
  }
  const stats = [...statMap.values()].sort((a, b) => a.run_id - b.run_id);
  const asked = describeSelection(sel);
  if (stats.length === 0) {
    const held = [...new Set(summary.map((r) => r.source))].sort();
    if (sel.source && held.length && !held.includes(sel.source)) throw unknownSource(sel.source, held);
    const sel2 = summary.filter(
      (r) =>
        r.type_code === typeCode &&
        (!sel.runs?.length || sel.runs.includes(r.run_id)) &&
        (!sel.source || r.source === sel.source) &&
        (!sel.perspective || r.perspective === sel.perspective),
    );
    const avail = [
      {
        y0: Math.min(...sel2.map((r) => r.year)),
        y1: Math.max(...sel2.map((r) => r.year)),
        n: sel2.reduce((n, r) => n + r.n, 0),
      },
    ];
    const a = avail[0];
    const span = shown.from === shown.to ? String(shown.from) : `${shown.from}–${shown.to}`;
    const what = trade === 'services' ? 'services trade' : 'trade';
    // The other kind of trade, where the store has it: say so rather than "import data first".
    const otherCode = trade === 'services' ? 'C' : 'S';
    const other = summary.filter((r) => r.type_code === otherCode && (!sel.runs?.length || sel.runs.includes(r.run_id)));
    const otherHint = other.length
      ? `the store has ${trade === 'services' ? 'goods' : 'services'} rows only (${Math.min(...other.map((r) => r.year))}–${Math.max(...other.map((r) => r.year))}); ${trade === 'services' ? 'goods and services are never summed: ask without a services basket or code' : 'ask for services with --trade services or --basket cultural-services'}`
      : undefined;
    const perspectiveHint = otherPerspective(summary, sel, typeCode);
    throw new LanternError('no-data', `No ${what} data for ${span}${asked}.`, [
      {
        field: 'years',
        message: 'no rows in these years',
        found: span,
        expected: a && a.n > 0 ? `a year from ${a.y0} to ${a.y1}` : perspectiveHint ? `${sel.perspective} ${what} data` : `imported ${what} data`,
        hint:
          a && a.n > 0
            ? `the store has ${a.n} rows of ${trade === 'services' ? 'services ' : ''}trade for ${a.y0}–${a.y1}`
            : (perspectiveHint ?? otherHint ?? `import data first: \`lantern import FILE\` (BACI, Comtrade, OTS${trade === 'services' ? ': Comtrade services rows, typeCode S' : ''})`),
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
  // Goods rows are read at every level the data has, each flow once (`countedRows` when the runs mix
  // levels or hold all-products TOTAL rows); `level` (--level, or the finest level in the data) is the
  // depth of product groups: codes finer than it are summed to it, codes the data has only coarser
  // keep their own. Services are read through the EBOPS tree at every depth (each flow once): no
  // level to choose (0).
  if (trade === 'services') assertEbops2010(stats);
  const present =
    trade === 'services' ? [0] : [...new Set(stats.map((s) => Number(s.product_level)))].sort((a, b) => a - b);
  const finest = Math.max(...present);
  const level = trade === 'services' ? 0 : (opts.level ?? (finest === 0 ? 6 : finest));
  // A level finer than every code is refused; TOTAL rows alone have no level (any level reads them).
  if (trade === 'goods' && finest > 0 && finest < level) {
    throw new LanternError('no-data', `No rows at HS level ${level} or finer for these years${asked}.`, [
      {
        field: 'level',
        message: `the data is at ${levelNames(present)} only`,
        found: String(level),
        expected: present.filter((l) => l > 0 && l <= finest).join(' | '),
        hint: `pass --level ${finest} or coarser, or leave --level out`,
      },
    ]);
  }
  const ids = [...new Set(stats.map((s) => s.run_id))];
  const denominatorNotes = ids.length > 1 ? await assertNoOverlap(store, ids, window, runs) : [];
  const years = [
    ...new Set(
      inWindow
        .filter((r) => ids.includes(r.run_id) && (trade === 'services' || present.includes(r.product_level)))
        .map((r) => r.year),
    ),
  ].sort((a, b) => a - b);
  const shownYears = years.filter((y) => y >= shown.from && y <= shown.to);
  if (shownYears.length === 0) {
    const span = shown.from === shown.to ? String(shown.from) : `${shown.from}–${shown.to}`;
    throw new LanternError('no-data', `No data for ${span}${asked}.`, [
      {
        field: 'years',
        message: 'no rows in these years',
        found: span,
        expected: years.join(', ') || 'another year',
        hint: 'pick a year the data covers (`lantern status`)',
      },
    ]);
  }
  const notes: string[] = [];
  if (trade === 'goods') notes.push(...levelNotes(present, level, opts.level !== undefined));
  // Services: World rows are not read (a World row's items need not match its partners' breakdown,
  // so no remainder can be taken item by item); the services note says so.
  const worldRows = trade === 'goods' && stats.some((s) => ids.includes(s.run_id) && s.nw > 0);
  const named = stats.some((s) => ids.includes(s.run_id) && s.nc > 0);
  if (worldRows && !named) {
    notes.push(
      'the data has no partner detail: its World rows (trade with the world) are the totals, and no partner is listed',
    );
  } else if (worldRows) {
    notes.push(
      'World rows are used where the data holds them: each counts what its report’s named partners leave over (partners not named), in totals only, never added to the partners',
    );
  }
  if (trade === 'services') {
    notes.push(
      `services (EBOPS 2010): each flow counted once, at the finest item that reports it; memorandum items (of which, C.1–C.9) not added; goods not included${stats.some((s) => ids.includes(s.run_id) && s.nw > 0) ? '; World rows not read (named partners and areas only)' : ''}`,
    );
  } else if (inWindowOther(summary, ids, window)) {
    notes.push(
      'goods only: the services rows of these runs are not added (ask for them with --trade services or --basket cultural-services)',
    );
  }
  const missing: number[] = [];
  for (let y = shown.from; y <= shown.to; y++) if (!years.includes(y)) missing.push(y);
  if (missing.length) notes.push(`no data for ${missing.join(', ')}`);
  notes.push(...denominatorNotes);
  // Filters that cannot change the result are left out of the SQL (each costs a pass over the
  // column): the run filter when no other run has rows here, the goods filter when no chosen run
  // holds services rows at this level.
  const here = summary.filter(
    (r) =>
      r.year >= window.from &&
      r.year <= window.to &&
      (trade === 'services' || r.type_code === 'S' || present.includes(r.product_level)),
  );
  const filterRuns = here.some((r) => !ids.includes(r.run_id));
  const goodsOnly = here.some((r) => ids.includes(r.run_id) && r.type_code !== typeCode);
  const first = runs.get(ids[0]!)![0]!;
  const perspective = first.perspective;
  return {
    runIds: ids,
    filterRuns,
    goodsOnly,
    years,
    notes,
    provenance: {
      runs: ids.map((id) => {
        const r = runs.get(id)![0]!;
        return {
          id,
          source: r.source,
          format: r.format,
          release: r.release,
          fileName: r.file_name,
          perspective: r.perspective,
        };
      }),
      perspective,
      view: perspective === 'reported' ? (opts.view ?? 'trade-map') : null,
      trade,
      classifications: [...new Set(stats.map((s) => s.classification))].sort(),
      level,
      levels: present,
      worldRows,
      partnerDetail: named,
    },
  };
}

/** "TOTAL (all products) and 2, 4-digit": the levels of rows, for notes and messages. */
function levelNames(ls: number[]): string {
  const digits = ls.filter((l) => l > 0);
  return [ls.includes(0) ? 'TOTAL (all products)' : '', digits.length ? `${digits.join(', ')}-digit` : '']
    .filter(Boolean)
    .join(' and ');
}

/**
 * What the notes say about levels: the count-once rule when the data mixes them, and how codes are
 * grouped at the level asked (finer codes summed to it, codes held only coarser kept as they are).
 */
function levelNotes(present: number[], level: number, asked: boolean): string[] {
  const notes: string[] = [];
  if (present.length > 1) {
    notes.push(
      `the data mixes ${levelNames(present)} codes: each flow is counted once, at the finest code that reports it${present[0] === 0 ? '; TOTAL rows count the products no code names, never added to the codes' : ''}`,
    );
  } else if (present[0] === 0) {
    notes.push('the data holds TOTAL (all products) rows only: totals are read from them; there is no product detail');
  }
  if (!asked) return notes;
  const finer = present.filter((l) => l > level);
  const coarser = present.filter((l) => l > 0 && l < level);
  const unit = level === 2 ? 'chapter' : level === 4 ? 'heading' : 'subheading';
  if (finer.length)
    notes.push(`HS level ${level}: the ${finer.join(', ')}-digit codes are summed to their ${level}-digit ${unit}`);
  if (coarser.length)
    notes.push(`codes the data holds only at ${coarser.join(', ')} digits are shown at that level, never split`);
  return notes;
}

/**
 * Goods unless the question says otherwise: services when the runs selected hold services rows and
 * no goods rows in the window (a store of services data answers services questions without a flag).
 */
function defaultTrade(summary: SummaryRow[], sel: RunSelection, window: { from: number; to: number }): 'goods' | 'services' {
  const picked = summary.filter(
    (r) =>
      (!sel.runs?.length || sel.runs.includes(r.run_id)) &&
      (!sel.source || r.source === sel.source) &&
      (!sel.perspective || r.perspective === sel.perspective),
  );
  const has = (code: string, inWin: boolean) =>
    picked.some((r) => r.type_code === code && (!inWin || (r.year >= window.from && r.year <= window.to)));
  if (has('C', true)) return 'goods';
  if (has('S', true)) return 'services';
  return has('C', false) || !has('S', false) ? 'goods' : 'services';
}

/** Whether the chosen runs also hold services rows in the window (they are then left out of goods). */
function inWindowOther(summary: SummaryRow[], ids: number[], window: { from: number; to: number }): boolean {
  return summary.some(
    (r) => r.type_code === 'S' && ids.includes(r.run_id) && r.year >= window.from && r.year <= window.to,
  );
}

/**
 * Services are read on the EBOPS 2010 tree; rows of another services classification (EBOPS 2002,
 * Comtrade EB02) are refused, not misread: no correspondence to EBOPS 2010 ships. The error names
 * each file, its classification and what to download instead.
 */
function assertEbops2010(stats: RunStat[]): void {
  const other = stats.filter((s) => s.classification !== 'EBOPS2010');
  if (other.length === 0) return;
  const byRun = new Map(other.map((s) => [s.run_id, s]));
  const cls = [...new Set(other.map((s) => s.classification))].join(', ');
  const files = [...byRun.values()].map((s) => s.file_name).join(', ');
  throw new LanternError(
    'invalid-argument',
    `Lantern reads services in EBOPS 2010 only: ${files} ${byRun.size === 1 ? 'holds' : 'hold'} services rows in ${cls === 'EBOPS2002' ? 'EBOPS 2002 (Comtrade classification EB02)' : cls}, which are not read.`,
    [...byRun.values()].map((s) => ({
      field: 'runs',
      file: s.file_name,
      message: `${describeRun(s)} holds ${s.classification} services rows${s.classification === 'EBOPS2002' ? ': no EBOPS 2002 to EBOPS 2010 correspondence ships with Lantern' : ''}`,
      expected: 'EBOPS2010 (Comtrade classification EB10, or EB in current downloads)',
      found: s.classification,
      hint: 'download the same services data classified in EBOPS 2010 (Comtrade typeCode S, classification EB10; `lantern fetch comtrade --services`) and import it; or choose other runs with --runs',
    })),
  );
}

function describeSelection(sel: RunSelection): string {
  const parts: string[] = [];
  if (sel.runs?.length) parts.push(`runs ${sel.runs.join(', ')}`);
  if (sel.source) parts.push(`source ${sel.source}`);
  if (sel.perspective) parts.push(`perspective ${sel.perspective}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * Two runs of one source with rows for the same (year, reporter, flow) would be counted twice, with
 * one exception: one run holds the report's codes (a basket download) and the other only its
 * all-products TOTAL row (a TOTAL download of the same reporters). Read together they are one report
 * (indicators/base.ts `countedRows`): the TOTAL is the all-products denominator of shares and RCA and
 * is never added to the codes. Returns the notes that say which run gave the denominator.
 */
async function assertNoOverlap(
  store: Store,
  ids: number[],
  window: { from: number; to: number },
  runs: Map<number, RunStat[]>,
): Promise<string[]> {
  const reports = await store.query<{ run_id: number; year: number; reporter: string; flow: string; total: number; codes: number; c1: string; c2: string }>(
    sql`select run_id, year, reporter, flow, max(case when product = ${'TOTAL'} then 1 else 0 end) as total, max(case when product <> ${'TOTAL'} then 1 else 0 end) as codes, min(classification) as c1, max(classification) as c2 from trade_flows where run_id in ${inList(ids)} and year between ${window.from} and ${window.to} and partner_kind <> ${'area'} group by run_id, year, reporter, flow order by year, reporter, flow, run_id`,
  );
  const byReport = new Map<string, typeof reports>();
  for (const r of reports) {
    const k = `${r.year}|${r.reporter}|${r.flow}`;
    byReport.set(k, [...(byReport.get(k) ?? []), r]);
  }
  const clash: { year: number; reporter: string; flow: string; a: number; b: number }[] = [];
  const denominators = new Map<string, { total: number; codes: number; reports: Set<string> }>();
  for (const list of byReport.values()) {
    if (list.length < 2) continue;
    const totalOnly = list.filter((r) => Number(r.total) === 1 && Number(r.codes) === 0);
    const withCodes = list.filter((r) => Number(r.codes) === 1);
    const first = list[0]!;
    // One edition on both sides: a report is keyed by its edition, so a TOTAL in another would be summed.
    const oneEdition = new Set(list.flatMap((r) => [r.c1, r.c2])).size === 1;
    if (list.length === 2 && oneEdition && totalOnly.length === 1 && withCodes.length === 1 && Number(withCodes[0]!.total) === 0) {
      const key = `${totalOnly[0]!.run_id}|${withCodes[0]!.run_id}`;
      const d = denominators.get(key) ?? { total: totalOnly[0]!.run_id, codes: withCodes[0]!.run_id, reports: new Set<string>() };
      d.reports.add(`${first.reporter} ${flowWord(first.flow)}`);
      denominators.set(key, d);
      continue;
    }
    clash.push({ year: first.year, reporter: first.reporter, flow: first.flow, a: list[0]!.run_id, b: list[1]!.run_id });
  }
  if (clash.length === 0) {
    return [...denominators.values()].map(
      (d) =>
        `all-products denominator (TOTAL rows) from ${describeRun(runs.get(d.total)![0]!)} for ${[...d.reports].join(', ')}; the product rows from ${describeRun(runs.get(d.codes)![0]!)} (the TOTAL is never added to them)`,
    );
  }
  throw new LanternError(
    'mixed-sources',
    'Two import runs hold the same reports; summing them would count the trade twice.',
    clashGroups(clash).map((g) => ({
      field: 'runs',
      message: `${g.reporters} ${g.flows} ${g.years} are in ${describeRun(runs.get(g.a)![0]!)} and ${describeRun(runs.get(g.b)![0]!)}`,
      hint: `choose one with --runs ${g.a} or --runs ${g.b}, or delete one run`,
    })),
  );
}

/**
 * The clashing reports grouped by the two runs, with their flows, their reporters and years: two
 * downloads of the 27 EU members' imports over five years are one line, not 135 (of which the
 * message showed the first 20).
 */
function clashGroups(clash: { year: number; reporter: string; flow: string; a: number; b: number }[]) {
  const groups = new Map<string, { a: number; b: number; flows: Set<string>; reporters: Set<string>; years: Set<number> }>();
  for (const c of clash) {
    const k = `${c.a}|${c.b}`;
    const g = groups.get(k) ?? { a: c.a, b: c.b, flows: new Set(), reporters: new Set(), years: new Set() };
    g.flows.add(c.flow);
    g.reporters.add(c.reporter);
    g.years.add(c.year);
    groups.set(k, g);
  }
  return [...groups.values()].map((g) => {
    const reporters = [...g.reporters].sort();
    const years = [...g.years].sort((x, y) => x - y);
    return {
      a: g.a,
      b: g.b,
      flows: [...g.flows].sort().reverse().map(flowWord).join(' and '),
      reporters: reporters.length > 6 ? `${reporters.slice(0, 5).join(', ')} … (${reporters.length} reporters)` : reporters.join(', '),
      years: years.length === 1 ? String(years[0]) : `${years[0]}–${years.at(-1)}${years.length < years.at(-1)! - years[0]! + 1 ? ` (${years.length} years)` : ''}`,
    };
  });
}

const flowWord = (f: string) => (f === 'X' ? 'exports' : f === 'M' ? 'imports' : f);

/** Checks the scope's basket (and domain) exist and are resolved to the data's HS editions. */
export async function checkBasket(
  store: Store,
  scope: Pick<Scope, 'basket' | 'domain' | 'scope'>,
  classifications: readonly string[],
): Promise<void> {
  if (!scope.basket) return;
  const basket = await getBasket(store, scope.basket);
  await checkBasketScope(store, basket.id, scope.scope);
  if (scope.domain) {
    const domains = (
      await store.query<{ domain: string }>(
        sql`select distinct domain from basket_codes where basket_id = ${basket.id} and domain is not null order by domain`,
      )
    ).map((r) => r.domain);
    if (!domains.includes(scope.domain)) {
      throw unknownDomain('unknown-basket', basket.id, domains, scope.domain);
    }
  }
  const editions = (
    await store.query<{ edition: string }>(
      sql`select distinct edition from basket_resolved where basket_id = ${basket.id} order by edition`,
    )
  ).map((r) => r.edition);
  const missing = classifications.filter((c) => !editions.includes(c));
  if (missing.length) {
    throw new LanternError(
      'edition-mismatch',
      `Basket "${basket.id}" is not resolved to ${missing.join(', ')}, the HS edition of the data.`,
      [
        {
          field: 'basket',
          message: `the basket is written in ${basket.hsEdition} and resolved to ${editions.join(', ') || 'no edition yet'}`,
          expected: missing.join(', '),
          found: editions.join(', ') || '(none)',
          hint: missing.some((m) => m.startsWith('EBOPS')) || editions.some((e) => e.startsWith('EBOPS'))
            ? 'goods baskets read HS rows and the services basket (cultural-services) EBOPS 2010 rows: choose the basket that fits the data'
            : `load the HS correlation table reaching ${missing.join(', ')} (\`lantern reference load DIR\` or \`lantern fetch reference\`), then resolve the basket again`,
        },
      ],
    );
  }
}

/**
 * For data mixing levels read with a basket: the headings and chapters counted in the basket because
 * a basket code falls under them (indicators/base.ts `basketAtLevels`). They also hold codes outside
 * the basket, so the result is approximate; this says which and how much (one note, or none).
 */
export async function approximateBasketNote(
  store: Store,
  scope: Pick<Scope, 'basket' | 'domain' | 'scope' | 'runs' | 'perspective' | 'filterRuns' | 'mixedLevels' | 'level' | 'rowLevel'>,
  years: { from: number; to: number },
): Promise<string | null> {
  if (!scope.basket || !basketByPrefix(scope)) return null;
  const rows = await store.query<{ product: string; v: number }>(
    sql`select t.product as product, sum(t.value_usd) as v from trade_flows t join (${basketAtLevels(scope)}) b on b.bed = t.classification and b.bcode = t.product where ${runFilter(scope as Scope)} and t.year between ${years.from} and ${years.to} and t.product_level < 6 group by t.product order by t.product`,
  );
  if (rows.length === 0) return null;
  const codes = rows.map((r) => r.product);
  const list = `${codes.slice(0, 12).join(', ')}${codes.length > 12 ? ' …' : ''}`;
  return `approximate: ${list} ${codes.length === 1 ? 'is' : 'are'} in the data only as ${codes.length === 1 ? 'a heading or chapter' : 'headings or chapters'} holding basket codes, counted in the basket whole (codes outside the basket included)`;
}

/**
 * For services read with a basket: the reports that give a basket item's parent (SK, SK2, SI …) but
 * none of the basket's items under it, so that part of their trade is not in the basket's sum. It
 * is left out, never estimated (an EBOPS parent such as SI, mostly telecom and computer services,
 * says nothing of its news agency part); this says which reports and codes (one note, or none).
 */
export async function coarseServicesNote(
  store: Store,
  scope: Pick<Scope, 'basket' | 'domain' | 'runs' | 'perspective' | 'filterRuns' | 'trade' | 'goodsOnly'>,
  years: { from: number; to: number },
): Promise<string | null> {
  if (!scope.basket || scope.trade !== 'services') return null;
  const domainWhere = scope.domain ? sql` and domain = ${scope.domain}` : sql``;
  const rows = await store.query<{ year: number; reporter: string; partner: string; flow: string; product: string; item: number }>(
    sql`select t.year as year, t.reporter as reporter, t.partner as partner, t.flow as flow, t.product as product, case when t.product in (select code from basket_resolved where basket_id = ${scope.basket}${domainWhere}) then 1 else 0 end as item
        from trade_flows t where ${runFilter(scope as Scope)}${tradeWhere(scope)} and t.year between ${years.from} and ${years.to} and t.partner_kind <> ${'world'} and t.flow in (${'X'}, ${'M'})
        and (t.product in (select code from basket_resolved where basket_id = ${scope.basket}${domainWhere})
          or t.product in (select a.ancestor from services_ancestors a join basket_codes b on b.code = a.code where b.basket_id = ${scope.basket}${domainWhere}))`,
  );
  if (rows.length === 0) return null;
  const under = await store.query<{ code: string; ancestor: string }>(
    sql`select code, ancestor from services_ancestors where code in (select code from basket_resolved where basket_id = ${scope.basket}${domainWhere})`,
  );
  const reports = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = `${r.year}|${r.reporter}|${r.flow}|${r.partner}`;
    reports.set(k, [...(reports.get(k) ?? []), r]);
  }
  const coarse: string[] = [];
  for (const list of reports.values()) {
    const items = list.filter((r) => r.item === 1).map((r) => r.product);
    const parents = list.filter((r) => r.item === 0).map((r) => r.product);
    // A parent with no basket item (or sub-item) under it in the same report.
    const bare = parents.filter((p) => !items.some((i) => under.some((u) => u.code === i && u.ancestor === p)));
    if (bare.length === 0) continue;
    const r = list[0]!;
    coarse.push(`${r.reporter} ${r.flow === 'X' ? 'exports to' : 'imports from'} ${r.partner} ${r.year} (${bare.sort().join(', ')})`);
  }
  if (coarse.length === 0) return null;
  coarse.sort();
  return `not in the basket's sum: ${coarse.length} report${coarse.length === 1 ? '' : 's'} give${coarse.length === 1 ? 's' : ''} only coarser items than the basket's, left out, not estimated: ${coarse.slice(0, 5).join('; ')}${coarse.length > 5 ? ' …' : ''}`;
}

/** Throws once with every problem collected (unknown countries …). */
export function throwProblems(problems: Problem[], what: string): void {
  if (problems.length === 0) return;
  const code = problems.every(
    (p) => p.field === 'country' || p.field === 'partner' || p.field === 'exporter' || p.field === 'importer',
  )
    ? 'unknown-country'
    : 'invalid-argument';
  throw new LanternError(
    code,
    `${what}: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`}.`,
    problems,
  );
}

/**
 * A source the store holds no trade of (`--source comtrade` on a BACI store), named with the
 * sources it holds: it read as "the store has no trade data yet", or "import data first".
 */
export function unknownSource(source: string, held: readonly string[]): LanternError {
  return new LanternError('invalid-argument', `The store holds no trade data from source "${source}"; it holds ${held.join(', ')}.`, [
    {
      field: 'source',
      message: 'no import runs of this source',
      expected: held.join(' | '),
      found: source,
      hint: `give one of the store's sources (${held.join(', ')}), or leave the source out; \`lantern datasets\` lists the runs`,
    },
  ]);
}

/** The sources of the store's trade rows (import runs with rows), sorted. */
export async function dataSources(store: Store): Promise<string[]> {
  const rows = await store.query<{ source: string }>(
    sql`select distinct r.source as source from (${await runStatsSource(store)}) s join import_runs r on r.id = s.run_id where s.n > s.na order by 1`,
  );
  return rows.map((r) => r.source);
}

/** The first and last year of trade data in the store (optionally of one source), or null. */
export async function dataYears(store: Store, source?: string): Promise<{ from: number; to: number } | null> {
  const f = source ? sql` and r.source = ${source}` : sql``;
  const rows = await store.query<{ y0: number | null; y1: number | null }>(
    sql`select min(s.year) as y0, max(s.year) as y1 from (${await runStatsSource(store)}) s join import_runs r on r.id = s.run_id where s.n > s.na${f}`,
  );
  const r = rows[0];
  return r && r.y0 !== null && r.y1 !== null ? { from: r.y0, to: r.y1 } : null;
}

/**
 * The "world" of reported data: a world share, RCA or complexity read from Comtrade, OTS or Kaggle
 * divides by the store's reporters (their own reports and their partners' mirror figures), not by
 * the world's trade; with one reporter a share reads close to 100%. The reporters of the runs in
 * the years read, and the words that say so; null for reconciled data (BACI, Atlas: every country
 * is in the data).
 */
export async function worldScope(
  store: Store,
  pv: Provenance,
  runIds: readonly number[],
  years: { from: number; to: number },
): Promise<WorldScope | null> {
  if (pv.perspective !== 'reported' || runIds.length === 0) return null;
  const rows = await store.query<{ reporter: string }>(
    sql`select distinct reporter from trade_flows where run_id in ${inList([...runIds])} and year between ${years.from} and ${years.to} and type_code = ${pv.trade === 'services' ? 'S' : 'C'} order by reporter`,
  );
  const reporters = rows.length;
  if (!reporters) return null;
  const named = reporters <= 5 ? ` (${rows.map((r) => r.reporter).join(', ')})` : '';
  return {
    reporters,
    note: `world = the ${reporters} reporter${reporters === 1 ? '' : 's'} in this store${named}, not the world: world shares and RCA divide by what ${reporters === 1 ? 'it reports' : 'they report'} and ${reporters === 1 ? 'its' : 'their'} partners' mirror figures, not by world trade`,
  };
}
