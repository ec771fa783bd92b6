/**
 * Runs one catalog indicator against a store: resolves the runs and checks the scope (resolve.ts),
 * compiles the SQL (pure, from the catalog) and returns the rows with everything needed to reproduce
 * them: the indicator's definition, the final parameters, the import runs, the view and the SQL.
 *
 * @example
 *   const r = await runIndicator(store, 'rca', { country: 'CHN', from: 2021, basket: 'unesco-fcs-2009', by: 'domain' });
 *   r.rows[0] // { year: 2021, country: 'CHN', product: 'books', value: 1.29, … }
 */
import { z } from 'zod';
import { LanternError, type Problem } from '../errors.ts';
import {
  finishRows,
  getIndicator,
  type Labels,
  parseParams,
  type Scope,
  scopeYears,
  type Unit,
  SERVICES_CODE,
} from '../indicators/index.ts';
import { EBOPS2010 } from '../reference/index.ts';
import { spreadBasketSelector } from './common.ts';
import { productNames } from '../reference/index.ts';
import { inList, pageRows, render, type RenderedSql, type Sql, sql, type Store } from '../store/index.ts';
import { basketRowsReady, flowTotalsReady } from '../store/index.ts';
import {
  approximateBasketNote,
  checkBasket,
  coarseServicesNote,
  normaliseCountries,
  type Provenance,
  resolveRuns,
  runsSignature,
  throwProblems,
  worldScope,
} from './resolve.ts';
import { scopeLabel } from './common.ts';

/** Run selection accepted by every query besides the indicator's own parameters. */
export const sourceShape = {
  source: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'should be a source name such as baci, comtrade or ots')
    .optional()
    .describe('read only runs of this source'),
};

export interface IndicatorResult {
  indicator: { id: string; label: Labels; unit: Unit; formula: string; source: string; note: Labels | null };
  /** The parameters after validation and resolution (runs, perspective, level filled in). */
  params: Record<string, unknown>;
  provenance: Provenance;
  notes: string[];
  sql: RenderedSql;
  rows: Record<string, unknown>[];
  /** The answer's number of rows when `rows` is one page of them (paged in SQL); else undefined. */
  total?: number;
  /** Why there are no rows, when there are none; null otherwise. */
  empty: string | null;
}

/** One page of an answer's rows: `limit` rows after the first `offset`. */
export interface Page {
  limit: number;
  offset: number;
  /** The answer's number of rows, when a previous page counted it (not counted again). */
  total?: number;
}

/** The years an indicator reads to show [from, to] (YoY needs the year before, potential a window). */
export function readWindow(id: string, p: Scope & { window?: number }): { from: number; to: number } {
  const { from, to } = scopeYears(p);
  if (id === 'yoy-growth' || id === 'value-volume') return { from: from - 1, to };
  if (id === 'export-potential') return { from: to - (p.window ?? 5) + 1, to };
  return { from, to };
}

/**
 * Validates, resolves and checks an indicator's parameters; returns the final scope.
 *
 * Kept whole: the checks of an indicator's scope in the order they depend on each other
 * (parameters, runs, perspective, level, basket, goods or services); their order is the order of
 * the errors a user sees.
 */
export async function prepareScope<P extends Scope>(
  store: Store,
  id: string,
  input: Record<string, unknown>,
  parsed: P,
  perspectives: readonly ('reconciled' | 'reported')[],
  what: string,
  opts: { shown?: { from: number; to: number } } = {},
): Promise<{ params: P; provenance: Provenance; notes: string[]; years: number[] }> {
  const problems: Problem[] = [];
  const country = normaliseCountries(parsed.country, 'country', problems);
  const partner = normaliseCountries(parsed.partner, 'partner', problems);
  throwProblems(problems, what);
  const { from, to } = scopeYears(parsed);
  const window = readWindow(id, parsed);
  const shown = opts.shown ?? (id === 'export-potential' ? { from: to, to } : { from, to });
  const perspective =
    input.perspective !== undefined
      ? parsed.perspective
      : perspectives.length === 1
        ? perspectives[0]
        : undefined;
  const sel = {
    runs: parsed.runs,
    source: typeof input.source === 'string' ? input.source : undefined,
    perspective,
    trade: await askedTrade(store, parsed),
  };
  // Re-exports have no mirror: each is read as its reporter reports it.
  const view = parsed.flow === 'reexport' ? 'reporter' : parsed.view;
  let resolved = await resolveRuns(store, sel, window, shown, {
    level: input.level !== undefined ? parsed.level : undefined,
    view,
  });
  // A heading or chapter asked for without --level: read the finest level at which the data has it
  // (Comtrade extracts often hold chapter 44 at 4 digits and other chapters at 6).
  if (
    parsed.product &&
    resolved.provenance.trade === 'goods' &&
    input.level === undefined &&
    resolved.provenance.levels.length === 1 &&
    parsed.product.length < resolved.provenance.level
  ) {
    const levels = await store.query<{ level: number }>(
      sql`select distinct product_level as level from trade_flows where run_id in ${inList(resolved.runIds)} and year between ${window.from} and ${window.to} and partner_kind = ${'country'} and product_level between ${parsed.product.length} and 6 and product like ${`${parsed.product}%`} order by level desc`,
    );
    const finest = levels[0]?.level;
    if (finest !== undefined && finest !== resolved.provenance.level) {
      resolved = await resolveRuns(store, sel, window, shown, { level: finest, view });
    }
  }
  const pv = resolved.provenance;
  if (!perspectives.includes(pv.perspective)) {
    throw new LanternError(
      'invalid-argument',
      `${what} needs ${perspectives.join(' or ')} data; the data for these years is ${pv.perspective}.`,
      [
        {
          field: 'perspective',
          message: `${pv.runs.map((r) => `run ${r.id} (${r.source}, ${r.fileName})`).join(', ')} is ${pv.perspective}`,
          expected: perspectives.join(' | '),
          found: pv.perspective,
          hint:
            pv.perspective === 'reconciled'
              ? 'mirror statistics need both sides’ reports: import Comtrade or OTS data'
              : 'choose other runs with --runs or --source',
        },
      ],
    );
  }
  if (parsed.product && pv.trade === 'goods' && parsed.product.length > pv.level) {
    throw new LanternError(
      'invalid-argument',
      `Product ${parsed.product} is finer than the data, which is at HS level ${pv.level}.`,
      [
        {
          field: 'product',
          message: 'code longer than the data level',
          expected: `a code of at most ${pv.level} digits`,
          found: parsed.product,
        },
      ],
    );
  }
  await checkBasket(store, parsed, pv.classifications);
  const reexports = parsed.flow === 'reexport' ? await reexportNote(store, resolved, window, what) : null;
  const params = {
    ...parsed,
    view,
    country,
    partner,
    runs: resolved.runIds,
    filterRuns: resolved.filterRuns,
    goodsOnly: resolved.goodsOnly,
    edition: pv.classifications.length === 1 ? pv.classifications[0] : undefined,
    perspective: pv.perspective,
    trade: pv.trade,
    // Services have no HS level (read through the EBOPS tree): the parameter keeps its default.
    level: pv.trade === 'services' ? parsed.level : pv.level,
    mixedLevels: (pv.trade === 'goods' && (pv.levels.length > 1 || pv.levels[0] === 0)) || undefined,
    // Data of one level finer than the level asked (HS6 rows read at level 4): summed to `level` digits.
    rowLevel: pv.trade === 'goods' && pv.levels.length === 1 && pv.levels[0]! > pv.level ? pv.levels[0] : undefined,
    worldRows: pv.worldRows || undefined,
    // Asked off (tests, comparisons) it stays off; otherwise on where the store summarises every run read.
    totals:
      parsed.totals === false
        ? false
        : pv.perspective === 'reconciled' && (await flowTotalsReady(store, resolved.runIds)),
    basketRows:
      // The stored basket rows hold 6-digit codes only: data at 4 or 2 digits is matched by heading instead.
      parsed.totals === false || pv.perspective !== 'reconciled' || pv.trade !== 'goods' || !parsed.basket || pv.levels.some((l) => l !== 6)
        ? false
        : await basketRowsReady(store, resolved.runIds, parsed.basket),
  };
  const approx = (await approximateBasketNote(store, params, window)) ?? (await coarseServicesNote(store, params, window));
  const notes = [...(reexports ? [reexports] : []), ...resolved.notes, ...(approx ? [approx] : [])];
  return { params, provenance: pv, notes, years: resolved.years };
}

/**
 * Re-exports (`flow` reexport) are read from the re-export (RX) and re-import (RM) rows of reported
 * data: refused, saying what the data holds, when the runs read have none in the years; else the
 * note that says how they are read.
 */
async function reexportNote(
  store: Store,
  resolved: { runIds: number[]; provenance: Provenance },
  window: { from: number; to: number },
  what: string,
): Promise<string> {
  const pv = resolved.provenance;
  const [row] = await store.query<{ n: number | bigint }>(
    sql`select count(*) as n from trade_flows where run_id in ${inList(resolved.runIds)} and year between ${window.from} and ${window.to} and flow in (${'RX'}, ${'RM'})`,
  );
  if (Number(row?.n ?? 0) > 0) return REEXPORT_NOTE;
  const span = window.from === window.to ? String(window.from) : `${window.from}–${window.to}`;
  throw new LanternError('no-data', `No re-exports in the data read for ${what} (${span}).`, [
    {
      field: 'flow',
      message: `${pv.runs.map((r) => `run ${r.id} (${r.source}, ${r.fileName})`).join(', ')} ${pv.runs.length === 1 ? 'holds' : 'hold'} no re-export (RX) or re-import (RM) rows${pv.perspective === 'reconciled' ? ': reconciled data (BACI) has exports only' : ''}`,
      expected: 're-export rows (Comtrade flowCode RX, RM)',
      found: 'reexport',
      hint: 'leave out flow (exports and imports), or import reported data with re-exports: `lantern fetch comtrade … --flows X,M,RX,RM`',
    },
  ]);
}

/** How re-exports are read, in the notes of every answer about them. */
export const REEXPORT_NOTE =
  're-exports (flow RX) and re-imports (RM), each as its reporter reports it: no mirror figures (a partner’s imports do not say which goods were re-exported to it)';

/**
 * Goods or services, as the question says: `trade` given, else a services basket (written in
 * EBOPS 2010) or an EBOPS code asks for services, an HS code or basket for goods; else undefined
 * (resolve.ts then takes it from the data). A contradiction is an error, never a silent sum.
 */
export async function askedTrade(
  store: Store,
  p: Pick<Scope, 'trade' | 'basket' | 'product'>,
): Promise<'goods' | 'services' | undefined> {
  let implied: 'goods' | 'services' | undefined;
  if (p.product) implied = SERVICES_CODE.test(p.product) ? 'services' : 'goods';
  else if (p.basket) {
    const rows = await store.query<{ e: string }>(sql`select hs_edition as e from baskets where id = ${p.basket}`);
    if (rows[0]) implied = rows[0].e === EBOPS2010 ? 'services' : 'goods';
  }
  if (p.trade && implied && p.trade !== implied) {
    throw new LanternError('invalid-argument', `--trade ${p.trade} contradicts ${p.product ? `product ${p.product}` : `basket ${p.basket}`}, which is ${implied}.`, [
      {
        field: 'trade',
        message: 'goods and services are never summed together',
        expected: implied,
        found: p.trade,
        hint: `drop --trade, or ask for ${p.trade} with ${p.trade === 'services' ? 'an EBOPS code (SK1) or --basket cultural-services' : 'an HS code or a goods basket'}`,
      },
    ]);
  }
  return p.trade ?? implied;
}

/** Runs an indicator by id with raw parameters (CLI flags, HTTP query). */
/**
 * Runs a catalog indicator through the query layer. With `page`, an indicator computed in SQL alone
 * counts its rows and reads only the page's (`limit … offset …` in SQL, on DuckDB; the count is
 * skipped when the page says the total, and `total` is set). One with a TypeScript step (ECI, PCI),
 * or on ClickHouse, gives every row (`total` unset): the caller pages them (the API's router keeps
 * the whole answer for the next pages).
 */
export async function runIndicator(
  store: Store,
  id: string,
  input: Record<string, unknown>,
  opts: { page?: Page } = {},
): Promise<IndicatorResult> {
  const def = getIndicator(id);
  const what = `indicator ${id}`;
  // `basket=unesco-fcs-2009:books@core` (or an HS code), as every other basket is given.
  input = spreadBasketSelector(input);
  const parsed = parseParams(def.params, input, what) as Scope;
  const scope = await prepareScope(store, id, input, parsed, def.perspectives, what);
  const { params, notes, years } = scope;
  // A world share or RCA of reported data divides by the store's reporters: say so.
  const world = def.world ? await worldScope(store, scope.provenance, params.runs ?? [], scopeYears(params)) : null;
  if (world) notes.push(world.note);
  const provenance = world ? { ...scope.provenance, world } : scope.provenance;
  if (id === 'export-potential') {
    // The query layer knows which years of the window have data: no need to count them in SQL.
    const w = readWindow(id, params);
    (params as Record<string, unknown>).windowYears =
      years.filter((y) => y >= w.from && y <= w.to).length || undefined;
  }
  const q = def.build(params, store.dialect);
  const { page } = opts;
  let total: number | undefined;
  let sqlRows: Record<string, unknown>[];
  if (page && def.finish === undefined && store.dialect.name === 'duckdb') {
    total = page.total ?? Number((await store.query<{ n: number }>(sql`select count(*) as n from (${q}) q`))[0]?.n ?? 0);
    sqlRows = page.offset < total ? await store.query<Record<string, unknown>>(sql`${q} ${pageRows(page)}`) : [];
  } else {
    // An indicator with a TypeScript step (economic complexity) finishes its SQL rows here.
    sqlRows = finishRows(def, await indicatorRows(store, def.finish !== undefined && !params.basket, q), params);
  }
  const rows = await withProductNames(store, sqlRows, params, provenance);
  return {
    indicator: {
      id: def.id,
      label: def.label,
      unit: def.unit,
      formula: def.formula,
      source: def.source,
      note: def.note ?? null,
    },
    params: stripUndefined(params),
    provenance,
    notes,
    sql: render(q, store.dialect),
    rows,
    ...(total === undefined ? {} : { total }),
    empty: (total ?? rows.length) === 0 ? emptyReason(params, provenance) : null,
  };
}

/**
 * The SQL rows of indicators with a TypeScript step (ECI, PCI: the complete RCA matrix over every
 * country and product, seconds on a large store), kept per store and per state of its trade rows
 * (`runsSignature`: every import or replacement changes it), shared by concurrent callers. Only
 * without a basket, whose codes can change without a run.
 */
const matrixRows = new WeakMap<Store, Map<string, Promise<Record<string, unknown>[]>>>();

async function indicatorRows(store: Store, keep: boolean, q: Sql): Promise<Record<string, unknown>[]> {
  if (!keep) return store.query<Record<string, unknown>>(q);
  const key = `${await runsSignature(store)}\n${JSON.stringify(render(q, store.dialect))}`;
  let kept = matrixRows.get(store);
  if (!kept) matrixRows.set(store, (kept = new Map()));
  const hit = kept.get(key);
  if (hit) return hit;
  if (kept.size >= 16) kept.clear();
  const rows = store.query<Record<string, unknown>>(q);
  kept.set(key, rows);
  rows.catch(() => kept.delete(key));
  return rows;
}

/**
 * Rows by product (not by domain) get the product's names beside the code, `product_name` and
 * `product_name_zh` (reference/product-names.ts, in the edition of the data; null where none).
 */
async function withProductNames(
  store: Store,
  rows: Record<string, unknown>[],
  p: Scope,
  pv: Provenance,
): Promise<Record<string, unknown>[]> {
  if (p.by === 'domain' || !rows.some((r) => typeof r.product === 'string')) return rows;
  const name = await productNames(store, rows.map((r) => String(r.product)), pv.classifications);
  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) {
      out[k] = v;
      if (k === 'product') {
        const n = v === 'ALL' && !p.product && !p.basket ? allProductsName(pv.trade) : name(String(v));
        out.product_name = n.en;
        out.product_name_zh = n.zh;
      }
    }
    return out;
  });
}

/** The name of the `ALL` group of a total over every product (or every services item). */
function allProductsName(trade: Provenance['trade']): { en: string; zh: string } {
  return trade === 'services'
    ? { en: scopeLabel({}, 'services'), zh: '全部服务（EBOPS 2010）' }
    : { en: scopeLabel({}, 'goods'), zh: '全部商品' };
}

/** Says, in one sentence, what was asked that matched nothing. */
export function emptyReason(p: Scope, pv: Provenance): string {
  const { from, to } = scopeYears(p);
  const what = [
    p.country?.length
      ? `${p.side === 'import' ? 'imports of' : 'exports of'} ${p.country.join(', ')}`
      : `${p.side}s`,
    p.partner?.length ? `${p.side === 'import' ? 'from' : 'to'} ${p.partner.join(', ')}` : '',
    p.basket
      ? `in ${p.domain ? `${p.basket}:${p.domain}` : p.basket}`
      : p.product
        ? `in ${p.trade === 'services' ? 'EBOPS item' : 'HS'} ${p.product}`
        : p.trade === 'services'
          ? 'in services'
          : '',
    from === to ? `in ${from}` : `in ${from}–${to}`,
  ]
    .filter(Boolean)
    .join(' ');
  return `No rows: the data (${pv.runs.map((r) => `run ${r.id} ${r.source}`).join(', ')}) has no ${what}${pv.view ? ` under the ${pv.view} view` : ''}${emptyHints(p, pv)}.`;
}

/** What to try when a query over reported data or a short HS code finds nothing. */
export function emptyHints(p: Pick<Scope, 'product'>, pv: Provenance): string {
  const hints: string[] = [];
  if (pv.view === 'reporter')
    hints.push(
      'the reporter view uses each side’s own reports: try --view mirror-max to fill in from partners’ reports',
    );
  if (pv.view === 'partner')
    hints.push('the partner view uses only mirror reports: try --view reporter or mirror-max');
  if (p.product && pv.trade === 'goods' && p.product.length < pv.level) {
    hints.push(`HS ${p.product} is read at every level the data has (${pv.levels.filter((l) => l > 0).join(', ')} digits): no code under it is reported`);
  }
  return hints.length ? ` (${hints.join('; ')})` : '';
}

export function stripUndefined<T extends Record<string, unknown>>(o: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Runs a catalog indicator with already-resolved parameters (inside read models). */
export async function queryIndicator<T = Record<string, unknown>>(
  store: Store,
  id: string,
  params: Scope & Record<string, unknown>,
): Promise<T[]> {
  const def = getIndicator(id);
  const parsed = def.params.parse(params);
  return finishRows(def, await store.query(def.build(parsed, store.dialect)), parsed) as T[];
}
