/**
 * The summaries of reconciled trade rows that indicators read instead of the rows, kept in the store
 * (migration 050) — the one place that says what they hold:
 *
 * - `flow_totals`: the rows of `trade_flows` summed over the counterpart — per run, year,
 *   goods/services, edition, level, product, side (export: the exporter; import: the importer) and
 *   country, under the filters every scan applies (flow 'X', a country partner). Indicators that sum
 *   values per country and never look at partners (RCA, world share, product share, value, export
 *   potential's supply and demand) read it (`sideFlows` with `totals`): for BACI, about 700
 *   thousand rows in place of 10 million a year. Rows are written sorted by side, level and product,
 *   so a scan for one product reads only the row groups that hold it (DuckDB's min/max pruning).
 *   It is a view (migration 052): a BACI run's totals are stored on numbers in `baci_totals`
 *   (writing the names as text cost more than summing the rows) and the view joins the names;
 *   the other runs' are stored with their names in `flow_totals_named`.
 * - `flow_country_totals`: those summed over products too — one row per (run, year, …, side,
 *   country) — for the all-products totals that RCA, shares and export potential divide by.
 * - `flow_pair_totals`: the rows summed over products, keeping the partner — one row per (run, year,
 *   …, exporter, importer), about 50 thousand a year — for export potential's ease of trade.
 * - `flow_basket_rows`: the rows the other summaries sum (exports to a country), kept only for the
 *   products of a basket as `basket_resolved` held them at import (`flow_basket_codes`), sorted by
 *   product, with the columns of `trade_flows` a scan reads: scans that keep the partner within a
 *   basket (partner shares, top partners) read about 7% of BACI's rows instead of all of them.
 *   It is a view (migration 053): a BACI run's basket rows are stored on numbers in
 *   `baci_basket_rows` (the columns of `baci_flows`; writing seven text columns cost three quarters
 *   of the statement) and the view names them as `trade_flows` does; the other runs' are stored with
 *   their names in `flow_basket_rows_named`.
 * - `flow_summary_runs`: the runs the four hold.
 * - `flow_run_stats`: for every run (any source), its rows counted per goods/services, edition,
 *   level and year, with those of partner World, a country or an area: what run resolution reads
 *   (`runStatsSource`); `flow_reporter_stats`: rows and value per run, reporter and year, for the
 *   status page and the default country (`reporterStatsSource`); `flow_stats_runs` lists their runs.
 *
 * When they are written (invariants):
 * - By the import, inside its transaction, for the imported run only (`writeRunSummaries`); a
 *   `--replace` deletes the replaced runs' summaries in the same transaction (`deleteRunSummaries`).
 *   So they change exactly when the rows change, and a failed import leaves both as they were.
 * - A store made before migration 050 gets the summaries of its runs built once, by
 *   `ensureFlowSummaries` (called by `prepareStore`), with progress, one transaction per run, and
 *   single-flight: concurrent callers in one process share one build.
 * - The run statistics are written by the import for every run (`writeRunStats`), and built once
 *   for an older store by `ensureFlowSummaries` too.
 * - No query builds anything. Indicators read the summaries only when every run they read is in
 *   `flow_summary_runs` (`flowTotalsReady`; for basket rows also every code of the basket is in
 *   `flow_basket_codes`: `basketRowsReady`), and run resolution reads the statistics only when every
 *   run is in `flow_stats_runs`; otherwise (a read-only store of an older version, rows inserted by
 *   hand, a basket added after the import) they read the rows and give the same answer, slower.
 * A ClickHouse store holds those of migration 050 (`CLUSTER_SUMMARY_TABLES`), whole on every server:
 * `cluster push` copies them and a cluster import writes its run's (store/clickhouse/append.ts),
 * computed by the import in its scratch DuckDB store; a replace deletes the old runs'. Read models
 * read them there the same way. The basket rows and run statistics (051) stay in DuckDB: on a
 * cluster those reads take the rows.
 *
 * @example
 *   await ensureFlowSummaries(store, { onProgress });  // once, on an older store
 *   const totals = await flowTotalsReady(store, [1, 2]); // true: read flow_totals for runs 1 and 2
 */
import { isClickHouseStore } from './clickhouse.ts';
import { isDuckDBStore, type Store } from './db.ts';
import { withScratchTable } from './scratch.ts';
import { ident, inList, raw, type Sql, sql } from './sql.ts';

const disabled = new WeakSet<Store>();

/** Turns reading the totals off (or on again) for a store: tests compare both ways of reading. */
export function useFlowTotals(store: Store, on: boolean): void {
  if (on) disabled.delete(store);
  else disabled.add(store);
}

/** The reconciled rows of one run (and year) that the summaries sum. */
function summarisedRows(runId: number, year?: number): Sql {
  const inYear = year === undefined ? sql`` : sql` and t.year = ${year}`;
  return sql`t.run_id = ${runId}${inYear} and t.flow = ${'X'} and t.partner_kind = ${'country'}`;
}

/** The defining SELECT of `flow_totals` over the rows `where` picks. */
function totalsSelect(where: Sql): Sql {
  const cols = sql`t.run_id as run_id, t.year as year, t.type_code as type_code, t.classification as classification, t.product_level as product_level, t.product as product`;
  return sql`select ${cols}, ${'export'} as side, t.reporter as country, sum(t.value_usd) as v
      from trade_flows t where ${where} group by all
      union all
      select ${cols}, ${'import'} as side, t.partner as country, sum(t.value_usd) as v
      from trade_flows t where ${where} group by all
      order by side, product_level, product, year, country`;
}

/** The defining SELECT of `flow_country_totals`: `flow_totals` of one run (and year) summed over products. */
function countryTotalsSelect(runId: number, year?: number): Sql {
  const inYear = year === undefined ? sql`` : sql` and year = ${year}`;
  return sql`select run_id, year, type_code, classification, product_level, side, country, sum(v) as v
      from flow_totals where run_id = ${runId}${inYear} group by all
      order by side, product_level, year, country`;
}

/** The defining SELECT of `flow_pair_totals` over the rows `where` picks. */
function pairTotalsSelect(where: Sql): Sql {
  return sql`select t.run_id as run_id, t.year as year, t.type_code as type_code, t.classification as classification, t.product_level as product_level, t.reporter as exporter, t.partner as importer, sum(t.value_usd) as v
      from trade_flows t where ${where} group by all
      order by product_level, year, exporter, importer`;
}

/**
 * Each BACI country code with its ISO3, kind and the smallest code of that ISO3 (`canon`): two BACI
 * codes may name one country, so sums are keyed on `canon`. The summaries of a BACI run join it as a
 * scratch table (`BaciScratch.codes`): inside the import's transaction DuckDB has no statistics for
 * the run's uncommitted rows (it estimates one row), and given the code table, or a CTE of it, it
 * built its hash tables on the year's 2.5 M rows instead of the 220 codes (0.2 s of each side's
 * join). A table made in the same transaction is estimated smaller still, so the codes are hashed.
 */
const BACI_CODES = sql`select code, iso3, partner_kind, min(code) over (partition by iso3) as canon from baci_country_codes`;

/** The scratch tables a BACI run's summaries are written from (each a name from `withScratchTable`). */
interface BaciScratch {
  /** The run's pair sums (`baciPairSumsSelect`). */
  pairs: Sql;
  /** The HS6 numbers of the basket codes written for the run (`baciBasketNumbersSelect`). */
  numbers: Sql;
  /** The BACI country codes with their canonical code (`BACI_CODES`). */
  codes: Sql;
}

/** The constant columns of a BACI run's summary rows (those the `trade_flows` view gives every BACI row). */
function baciConsts(runId: number): Sql {
  return sql`cast(${runId} as integer) as run_id, s.year as year, ${'C'} as type_code, r.classification as classification, cast(6 as tinyint) as product_level`;
}

/**
 * The rows of `baci_totals` (the `flow_totals` of a run stored as BACI rows, `baci_flows`,
 * migrations 012 and 052) for one year, summed and written on numbers: joining names to the rows,
 * and writing them as text, cost most of the time at millions of rows; the `flow_totals` view
 * joins the names.
 * - Each side sums the run's rows the view would give (an exporter and an importer the code table
 *   knows, the importer a country) on canonical codes (`canon`), straight from the join: a shared
 *   CTE of the picked rows was materialised by DuckDB, which cost time and memory.
 * - `side` is 0 for the exporters' sums, 1 for the importers' (the view names them).
 * - The rows are written sorted on (side, HS6 number) as one number: product order is HS6 code
 *   order, so a scan for one product still reads only its row groups; sorting on the four key
 *   columns cost about a fifth of the statement and prunes no better (bench/RESULTS.md, session 9).
 */
function baciTotalsSelect(runId: number, year: number, codes: Sql): Sql {
  const rows = sql`from baci_flows b join ${codes} e on e.code = b.exporter join ${codes} m on m.code = b.importer
        where b.run_id = ${runId} and b.year = ${year} and m.partner_kind = ${'country'}`;
  return sql`with sums as (select cast(0 as tinyint) as side, e.canon as code, b.k as k, sum(b.value_usd) as v ${rows} group by e.canon, b.k
        union all select cast(1 as tinyint), m.canon, b.k, sum(b.value_usd) ${rows} group by m.canon, b.k)
      select cast(${runId} as integer) as run_id, cast(${year} as smallint) as year, side, k, code, v from sums
      order by cast(side as uinteger) * 1000000 + k`;
}

/** `flow_country_totals` of a BACI run (and year) from its `baci_totals`: summed on codes, then named. */
function baciCountryTotalsSelect(runId: number, year?: number): Sql {
  const inYear = year === undefined ? sql`` : sql` and t.year = ${year}`;
  return sql`with sums as (select t.year as year, t.side as side, t.code as code, sum(t.v) as v
        from baci_totals t where t.run_id = ${runId}${inYear} group by all)
      select ${baciConsts(runId)}, case when s.side = 0 then ${'export'} else ${'import'} end as side, c.iso3 as country, s.v as v
      from sums s join baci_country_codes c on c.code = s.code join import_runs r on r.id = ${runId}
      order by s.side, s.year, c.iso3`;
}

/**
 * A BACI run's rows summed per year, exporter and importer code (rows and value): one scan of the
 * run that `flow_pair_totals` and the run statistics are then summed from (about 50 thousand pairs
 * a year instead of millions of rows). Every product of a run is in `hs6_codes` (the BACI reader adds
 * them at import), so these are the rows the `trade_flows` view gives once the codes are joined.
 */
function baciPairSumsSelect(runId: number): Sql {
  return sql`select year, exporter, importer, count(*) as n, sum(value_usd) as v from baci_flows where run_id = ${runId} group by all`;
}

/** `flow_pair_totals` of a BACI run (and year) from its pair sums (`baciPairSumsSelect`, in the table `pairs`). */
function baciPairTotalsSelect({ pairs, codes }: BaciScratch, runId: number, year?: number): Sql {
  const inYear = year === undefined ? sql`` : sql` and p.year = ${year}`;
  return sql`with sums as (select p.year as year, e.canon as x, m.canon as m, sum(p.v) as v
        from ${pairs} p join ${codes} e on e.code = p.exporter join ${codes} m on m.code = p.importer
        where m.partner_kind = ${'country'}${inYear} group by all)
      select ${baciConsts(runId)}, e.iso3 as exporter, i.iso3 as importer, s.v as v
      from sums s join ${codes} e on e.code = s.x join ${codes} i on i.code = s.m join import_runs r on r.id = ${runId}
      order by s.year, s.x, s.m`;
}

/** `flow_run_stats` and `flow_reporter_stats` of a BACI run from its pair sums (in the table `pairs`). */
function baciStatsSelects(pairs: Sql, runId: number): { run: Sql; reporter: Sql } {
  const from = sql`from ${pairs} s join baci_country_codes e on e.code = s.exporter join baci_country_codes m on m.code = s.importer`;
  const count = (kind: string) => sql`sum(case when m.partner_kind = ${kind} then s.n else 0 end)`;
  const named = sql`m.partner_kind <> ${'area'}`;
  return {
    run: sql`select cast(${runId} as integer) as run_id, ${'C'} as type_code, r.classification as classification, cast(6 as tinyint) as product_level, s.year as year, sum(s.n) as n, ${count('world')} as nw, ${count('country')} as nc, ${count('area')} as na
      ${from} join import_runs r on r.id = ${runId}
      group by s.year, r.classification`,
    reporter: sql`select cast(${runId} as integer) as run_id, e.iso3 as reporter, s.year as year, sum(s.n) as n,
        sum(case when ${named} then s.n else 0 end) as nn, sum(case when ${named} then s.v end) as v
      ${from} group by e.iso3, s.year`,
  };
}

/**
 * The defining SELECT of `flow_run_stats` over the rows `where` picks (all runs, or one): rows per
 * run, goods/services, edition, level and year, with those of partner World (`nw`), of a country
 * partner (`nc`) and of an area (`na`).
 */
function runStatsSelect(where: Sql): Sql {
  const count = (kind: string) => sql`sum(case when partner_kind = ${kind} then 1 else 0 end)`;
  return sql`select run_id, type_code, classification, product_level, year, count(*) as n, ${count('world')} as nw, ${count('country')} as nc, ${count('area')} as na
      from trade_flows where ${where}
      group by run_id, type_code, classification, product_level, year`;
}

/**
 * The defining SELECT of `flow_reporter_stats` over the rows `where` picks: rows per run, reporter
 * and year (`n`), those whose partner is not an area (`nn`) and their value (`v`).
 */
function reporterStatsSelect(where: Sql): Sql {
  const named = sql`partner_kind <> ${'area'}`;
  return sql`select run_id, reporter, year, count(*) as n, sum(case when ${named} then 1 else 0 end) as nn, sum(case when ${named} then value_usd end) as v
      from trade_flows where ${where}
      group by run_id, reporter, year`;
}

/** The defining SELECT of `flow_basket_rows` for one run (and year). */
function basketRowsSelect(runId: number, year?: number): Sql {
  return sql`select t.run_id, t.year, t.type_code, t.reporter, t.partner, t.partner_kind, t.flow, t.classification, t.product, t.product_level, t.value_usd, t.quantity, t.quantity_unit
      from trade_flows t semi join flow_basket_codes c on c.run_id = t.run_id and c.edition = t.classification and c.code = t.product
      where ${summarisedRows(runId, year)}
      order by t.product, t.year, t.reporter, t.partner`;
}

/**
 * The HS6 numbers of the basket codes written for a BACI run (`flow_basket_codes` in the run's
 * edition): a table of a few hundred rows that `baciBasketRowsSelect` picks rows with. Held as a
 * table, DuckDB knows how small it is and hashes it, not the year's millions of rows (given as a
 * subquery it built its hash table on the rows: 0.7 s of a 1.5 s statement).
 */
function baciBasketNumbersSelect(runId: number): Sql {
  return sql`select distinct p.k from hs6_codes p join flow_basket_codes c on c.code = p.product
      join import_runs r on r.id = c.run_id and r.classification = c.edition where c.run_id = ${runId}`;
}

/**
 * The rows of `baci_basket_rows` (a BACI run's `flow_basket_rows`, migration 053) for one year: the
 * rows `basketRowsSelect` gives, picked and written on numbers (the HS6 numbers in `numbers`,
 * `baciBasketNumbersSelect`: about 6% of the rows), sorted by HS6 number (product order, as the
 * others are); the `flow_basket_rows` view names them as `trade_flows` names a BACI row. An
 * exporter the code table does not know cannot be stored (`checkCodes` refuses the import).
 */
function baciBasketRowsSelect(runId: number, year: number | undefined, { numbers, codes }: BaciScratch): Sql {
  const inYear = year === undefined ? sql`` : sql` and b.year = ${year}`;
  return sql`select b.run_id, b.year, b.exporter, b.importer, b.k, b.value_usd, b.quantity
      from baci_flows b semi join ${numbers} w on w.k = b.k
      join ${codes} m on m.code = b.importer
      where b.run_id = ${runId}${inYear} and m.partner_kind = ${'country'}
      order by b.k, b.year`;
}

/** Whether a run's rows are stored as BACI rows (`baci_flows`): its summaries are then summed on numbers. */
async function storedAsBaci(tx: Store, runId: number): Promise<boolean> {
  const [stored] = await tx.query<{ n: number }>(
    sql`select count(*)::int as n from (select 1 from baci_flows where run_id = ${runId} limit 1)`,
  );
  return Boolean(stored?.n);
}

/**
 * Runs `fn` with the table of a BACI run's pair sums (`baciPairSumsSelect`), or with none for a run
 * of any other storage; the table is dropped afterwards.
 */
async function withPairSums<T>(tx: Store, runId: number, fn: (tx: Store, pairs?: Sql) => Promise<T>): Promise<T> {
  if (!(await storedAsBaci(tx, runId))) return fn(tx);
  return withScratchTable(tx, 'baci_pair_sums', baciPairSumsSelect(runId), fn);
}

/** The statistics of one run, from its pair sums when it is stored as BACI rows, else from the rows. */
async function insertRunStats(tx: Store, runId: number, pairs?: Sql): Promise<void> {
  const baci = pairs ? baciStatsSelects(pairs, runId) : undefined;
  await tx.run(sql`insert into flow_run_stats ${baci?.run ?? runStatsSelect(sql`run_id = ${runId}`)}`);
  await tx.run(sql`insert into flow_reporter_stats ${baci?.reporter ?? reporterStatsSelect(sql`run_id = ${runId}`)}`);
  await tx.run(sql`insert into flow_stats_runs (run_id) values (${runId})`);
}

/** Writes the statistics of one run (any source, any store that keeps them), inside the caller's transaction. */
export async function writeRunStats(tx: Store, runId: number): Promise<void> {
  if (!isDuckDBStore(tx)) return;
  await withPairSums(tx, runId, (one, pairs) => insertRunStats(one, runId, pairs));
}

/** Whether the statistics hold every run of the store (and reading them is not switched off). */
async function statsReady(store: Store): Promise<boolean> {
  if (!isDuckDBStore(store) || disabled.has(store) || !(await hasSummaryTables(store, 'flow_stats_runs'))) return false;
  const [m] = await store.query<{ n: number }>(
    sql`select count(*)::int as n from import_runs where replaced_by is null and id not in (select run_id from flow_stats_runs)`,
  );
  return m?.n === 0;
}

/**
 * Where run resolution reads the rows per run, goods/services, edition, level and year (columns
 * run_id, type_code, classification, product_level, year, n, nw, nc, na): `flow_run_stats` when it
 * holds every run of the store, else the same SELECT over the rows.
 */
export async function runStatsSource(store: Store): Promise<Sql> {
  return (await statsReady(store))
    ? sql`select run_id, type_code, classification, product_level, year, n, nw, nc, na from flow_run_stats`
    : runStatsSelect(raw('1 = 1'));
}

/**
 * Where the rows per run, reporter and year are read (columns run_id, reporter, year, n, nn, v):
 * `flow_reporter_stats` when it holds every run of the store, else the same SELECT over the rows.
 */
export async function reporterStatsSource(store: Store): Promise<Sql> {
  return (await statsReady(store))
    ? sql`select run_id, reporter, year, n, nn, v from flow_reporter_stats`
    : reporterStatsSelect(raw('1 = 1'));
}

/** Runs whose summaries `ensureFlowSummaries` built, per store, in this process (tests check that concurrent callers share one build). */
const builds = new WeakMap<Store, number>();

export function summaryBuilds(store: Store): number {
  return builds.get(store) ?? 0;
}

/**
 * The summaries written after a run's (year's) `flow_totals`: its country totals (summed from them),
 * its pair totals (from the pair sums of a BACI run, else from the rows) and its basket rows (of a
 * BACI run from `baci_flows`, else from the rows).
 */
async function writeCoarserSummaries(tx: Store, runId: number, year: number | undefined, baci?: BaciScratch): Promise<void> {
  await tx.run(sql`insert into flow_country_totals ${baci ? baciCountryTotalsSelect(runId, year) : countryTotalsSelect(runId, year)}`);
  await tx.run(sql`insert into flow_pair_totals ${baci ? baciPairTotalsSelect(baci, runId, year) : pairTotalsSelect(summarisedRows(runId, year))}`);
  await tx.run(
    baci
      ? sql`insert into baci_basket_rows ${baciBasketRowsSelect(runId, year, baci)}`
      : sql`insert into flow_basket_rows_named ${basketRowsSelect(runId, year)}`,
  );
}

/**
 * Writes the summaries of one reconciled run, inside the caller's transaction (the import's):
 * all of its years at once, or year by year with `onYear` called after each; with `stats`, the
 * run's statistics too (`writeRunStats`), from the same pair sums.
 */
export async function writeRunSummaries(
  tx: Store,
  runId: number,
  opts: { years?: number[]; onYear?: (year: number) => void; stats?: boolean } = {},
): Promise<void> {
  if (!isDuckDBStore(tx)) return;
  await tx.run(sql`insert into flow_basket_codes select distinct ${runId}, edition, code from basket_resolved`);
  await withPairSums(tx, runId, async (one, pairs) => {
    if (pairs) {
      // A run that does not record its years is summed year by year all the same (the pair sums know them).
      const years = opts.years ?? (await one.query<{ year: number }>(sql`select distinct year from ${pairs} order by year`)).map((r) => r.year);
      await withScratchTable(one, 'baci_basket_numbers', baciBasketNumbersSelect(runId), (two, numbers) =>
        withScratchTable(two, 'baci_codes', BACI_CODES, async (three, codes) => {
          for (const year of years) {
            await three.run(sql`insert into baci_totals ${baciTotalsSelect(runId, year, codes)}`);
            await writeCoarserSummaries(three, runId, year, { pairs, numbers, codes });
            if (opts.years) opts.onYear?.(year);
          }
        }),
      );
    } else {
      for (const year of opts.years ?? [undefined]) {
        await one.run(sql`insert into flow_totals_named ${totalsSelect(summarisedRows(runId, year))}`);
        await writeCoarserSummaries(one, runId, year);
        if (year !== undefined) opts.onYear?.(year);
      }
    }
    if (opts.stats) await insertRunStats(one, runId, pairs);
  });
  await tx.run(sql`insert into flow_summary_runs (run_id) values (${runId})`);
}

/** The summary tables of the DuckDB store (never copied to a cluster: ClickHouse indicators read the rows). */
export const SUMMARY_TABLES = [
  'flow_totals_named',
  'baci_totals',
  'flow_country_totals',
  'flow_pair_totals',
  'flow_basket_rows_named',
  'baci_basket_rows',
  'flow_basket_codes',
  'flow_summary_runs',
  'flow_run_stats',
  'flow_reporter_stats',
  'flow_stats_runs',
] as const;

/** The summaries a ClickHouse store keeps too (migration 050): pushed, written by a cluster import, read there. */
export const CLUSTER_SUMMARY_TABLES = ['flow_totals', 'flow_country_totals', 'flow_pair_totals', 'flow_summary_runs'] as const;

/** Deletes the summaries and statistics of runs whose rows are deleted (replaced), inside the caller's transaction. */
export async function deleteRunSummaries(tx: Store, runIds: readonly number[]): Promise<void> {
  if (!isDuckDBStore(tx) || runIds.length === 0) return;
  for (const table of SUMMARY_TABLES) {
    await tx.run(sql`delete from ${ident(table)} where run_id in ${inList(runIds)}`);
  }
}

/** Runs whose rows exist but whose summaries do not (a store made by an older version). */
async function unsummarisedRuns(store: Store): Promise<{ id: number; year_min: number | null; year_max: number | null }[]> {
  return store.query(
    sql`select id, year_min, year_max from import_runs
        where perspective = ${'reconciled'} and replaced_by is null and finished_at is not null
          and id not in (select run_id from flow_summary_runs)
        order by id`,
  );
}

type OnProgress = (e: { done: number; total?: number; unit: string; label?: string }) => void;

const inFlight = new WeakMap<Store, Promise<number>>();

/**
 * Builds the summaries of every reconciled run that has none, one transaction per run, year by year
 * with progress, and the statistics of every run that has none; resolves to the number of runs built
 * (0 on a current store: two small queries).
 * Concurrent calls on one store share one build. A read-only store is left as it is.
 */
export function ensureFlowSummaries(store: Store, opts: { onProgress?: OnProgress } = {}): Promise<number> {
  if (!isDuckDBStore(store) || store.readOnly) return Promise.resolve(0);
  const running = inFlight.get(store);
  if (running) return running;
  const build = (async () => {
    const runs = await unsummarisedRuns(store);
    // A run that does not record its years (rows written by hand or by an old version) is summed
    // all at once: an empty list of years would mark it summarised with nothing in its summaries.
    const years = (r: (typeof runs)[number]) =>
      r.year_min === null || r.year_max === null
        ? undefined
        : Array.from({ length: r.year_max - r.year_min + 1 }, (_, i) => (r.year_min as number) + i);
    // Runs of any source whose statistics are missing (a store made before migration 051).
    const unstated = await store.query<{ id: number }>(
      sql`select id from import_runs where replaced_by is null and id not in (select run_id from flow_stats_runs) order by id`,
    );
    const total = runs.reduce((n, r) => n + (years(r)?.length ?? 1), 0) + unstated.length;
    let done = 0;
    for (const run of unstated) {
      await store.transaction((tx) => writeRunStats(tx, run.id));
      opts.onProgress?.({ done: ++done, total, unit: 'run-years', label: 'building summaries' });
    }
    for (const run of runs) {
      await store.transaction((tx) =>
        writeRunSummaries(tx, run.id, {
          years: years(run),
          onYear: () => opts.onProgress?.({ done: ++done, total, unit: 'run-years', label: 'building summaries' }),
        }),
      );
      if (!years(run)) opts.onProgress?.({ done: ++done, total, unit: 'run-years', label: 'building summaries' });
      builds.set(store, summaryBuilds(store) + 1);
    }
    return new Set([...runs, ...unstated].map((r) => r.id)).size;
  })();
  inFlight.set(store, build);
  return build.finally(() => inFlight.delete(store));
}

/** Which summary tables the store holds (migrations 050–053 applied), per store: it never changes while open. */
const hasTables = new WeakMap<Store, Set<string>>();

async function hasSummaryTables(store: Store, table: string): Promise<boolean> {
  let names = hasTables.get(store);
  if (!names) {
    const rows = await store.query<{ name: string }>(
      sql`select table_name as name from duckdb_tables() where schema_name = 'main' and table_name in ${inList(SUMMARY_TABLES)}`,
    );
    names = new Set(rows.map((r) => r.name));
    hasTables.set(store, names);
  }
  return names.has(table);
}

/**
 * Whether indicators may read the summaries for these runs: a store (DuckDB or ClickHouse) whose
 * summaries hold every one of them (and reading them is not switched off).
 */
export async function flowTotalsReady(store: Store, runIds: readonly number[]): Promise<boolean> {
  if (disabled.has(store) || runIds.length === 0) return false;
  if (!(await holdsSummaries(store))) return false;
  const wanted = [...new Set(runIds)];
  const [r] = await store.query<{ n: number }>(
    sql`select count(*) as n from flow_summary_runs where run_id in ${inList(wanted)}`,
  );
  return Number(r?.n) === wanted.length;
}

/**
 * Whether the store has the summary tables: a DuckDB store from migration 050 on (asked once: it
 * never changes while open); a cluster once a push or an import brought them (asked until then).
 */
const clusterHas = new WeakSet<Store>();
async function holdsSummaries(store: Store): Promise<boolean> {
  if (isDuckDBStore(store)) return hasSummaryTables(store, 'flow_summary_runs');
  if (!isClickHouseStore(store)) return false;
  if (!clusterHas.has(store) && (await store.tables()).some((t) => t.name === 'flow_summary_runs')) clusterHas.add(store);
  return clusterHas.has(store);
}

/**
 * Whether a scan of a basket keeping partners may read `flow_basket_rows` for these runs: they are
 * summarised (`flowTotalsReady`) and every code of the basket in each run's editions was one
 * of the codes written (a basket added or changed after the import was not).
 */
export async function basketRowsReady(store: Store, runIds: readonly number[], basket: string): Promise<boolean> {
  // DuckDB only: a cluster keeps no basket rows (CLUSTER_SUMMARY_TABLES).
  if (!isDuckDBStore(store) || !(await flowTotalsReady(store, runIds)) || !(await hasSummaryTables(store, 'baci_basket_rows'))) return false;
  const [r] = await store.query<{ n: number }>(
    sql`select count(*)::int as n from basket_resolved b
        join (select distinct run_id, classification from flow_run_stats where run_id in ${inList([...new Set(runIds)])}) s on s.classification = b.edition
        where b.basket_id = ${basket}
          and not exists (select 1 from flow_basket_codes c where c.run_id = s.run_id and c.edition = b.edition and c.code = b.code)`,
  );
  const [k] = await store.query<{ n: number }>(
    sql`select count(*)::int as n from flow_stats_runs where run_id in ${inList([...new Set(runIds)])}`,
  );
  return r?.n === 0 && k?.n === new Set(runIds).size;
}
