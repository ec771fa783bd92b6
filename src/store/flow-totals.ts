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
 * - `flow_country_totals`: those summed over products too — one row per (run, year, …, side,
 *   country) — for the all-products totals that RCA, shares and export potential divide by.
 * - `flow_pair_totals`: the rows summed over products, keeping the partner — one row per (run, year,
 *   …, exporter, importer), about 50 thousand a year — for export potential's ease of trade.
 * - `flow_summary_runs`: the runs the three hold.
 *
 * When they are written (invariants):
 * - By the import, inside its transaction, for the imported run only (`writeRunSummaries`); a
 *   `--replace` deletes the replaced runs' summaries in the same transaction (`deleteRunSummaries`).
 *   So they change exactly when the rows change, and a failed import leaves both as they were.
 * - A store made before migration 050 gets the summaries of its runs built once, by
 *   `ensureFlowSummaries` (called by `prepareStore`), with progress, one transaction per run, and
 *   single-flight: concurrent callers in one process share one build.
 * - No query builds anything. Indicators read the summaries only when every run they read is in
 *   `flow_summary_runs` (`flowTotalsReady`); otherwise (a read-only store of an older version,
 *   rows inserted by hand) they read the rows and give the same answer, slower.
 * Only the embedded DuckDB store keeps them; elsewhere indicators read the rows.
 *
 * @example
 *   await ensureFlowSummaries(store, { onProgress });  // once, on an older store
 *   const totals = await flowTotalsReady(store, [1, 2]); // true: read flow_totals for runs 1 and 2
 */
import { isDuckDBStore, type Store } from './db.ts';
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
 * The same SELECTs for a run stored as BACI rows (`baci_flows`, migration 012), summed on numbers:
 * the view's four joins and string keys per row cost most of the time at millions of rows.
 * - `codes`: each BACI country code with its ISO3 and the smallest code of that ISO3 (`canon`): two
 *   BACI codes may name one country, so sums are keyed on `canon`.
 * - `picked`: the run's rows the view would give (an exporter and an importer the code table knows,
 *   the importer a country), with canonical codes; both sides and the pairs are summed from it.
 * - Strings (ISO3, the zero-padded product, the run's edition) are joined to the sums, not to the
 *   rows, and the rows are written sorted on the numbers (product order is HS6 code order), so a
 *   scan for one product still reads only its row groups.
 */
function baciSelects(runId: number, year?: number): { totals: Sql; pairs: Sql } {
  const inYear = year === undefined ? sql`` : sql` and b.year = ${year}`;
  const picked = sql`codes as (select code, iso3, partner_kind, min(code) over (partition by iso3) as canon from baci_country_codes),
      picked as (select b.year as year, e.canon as x, m.canon as m, b.k as k, b.value_usd as v
        from baci_flows b join codes e on e.code = b.exporter join codes m on m.code = b.importer
        where b.run_id = ${runId}${inYear} and m.partner_kind = ${'country'})`;
  const consts = sql`cast(${runId} as integer) as run_id, s.year as year, ${'C'} as type_code, r.classification as classification, cast(6 as tinyint) as product_level`;
  return {
    totals: sql`with ${picked},
      sums as (select 0 as side, year, x as c, k, sum(v) as v from picked group by all
        union all select 1, year, m, k, sum(v) from picked group by all)
      select ${consts}, p.product as product, case when s.side = 0 then ${'export'} else ${'import'} end as side, c.iso3 as country, s.v as v
      from sums s join codes c on c.code = s.c join hs6_codes p on p.k = s.k join import_runs r on r.id = ${runId}
      order by s.side, s.k, s.year, s.c`,
    pairs: sql`with ${picked},
      sums as (select year, x, m, sum(v) as v from picked group by all)
      select ${consts}, e.iso3 as exporter, i.iso3 as importer, s.v as v
      from sums s join codes e on e.code = s.x join codes i on i.code = s.m join import_runs r on r.id = ${runId}
      order by s.year, s.x, s.m`,
  };
}

/** Runs whose summaries `ensureFlowSummaries` built, per store, in this process (tests check that concurrent callers share one build). */
const builds = new WeakMap<Store, number>();

export function summaryBuilds(store: Store): number {
  return builds.get(store) ?? 0;
}

/**
 * Writes the summaries of one reconciled run, inside the caller's transaction (the import's):
 * all of its years at once, or year by year with `onYear` called after each.
 */
export async function writeRunSummaries(
  tx: Store,
  runId: number,
  opts: { years?: number[]; onYear?: (year: number) => void } = {},
): Promise<void> {
  if (!isDuckDBStore(tx)) return;
  const [stored] = await tx.query<{ n: number }>(
    sql`select count(*)::int as n from (select 1 from baci_flows where run_id = ${runId} limit 1)`,
  );
  for (const year of opts.years ?? [undefined]) {
    const where = summarisedRows(runId, year);
    const baci = stored?.n ? baciSelects(runId, year) : undefined;
    await tx.run(sql`insert into flow_totals ${baci?.totals ?? totalsSelect(where)}`);
    await tx.run(sql`insert into flow_country_totals ${countryTotalsSelect(runId, year)}`);
    await tx.run(sql`insert into flow_pair_totals ${baci?.pairs ?? pairTotalsSelect(where)}`);
    if (year !== undefined) opts.onYear?.(year);
  }
  await tx.run(sql`insert into flow_summary_runs (run_id) values (${runId})`);
}

/** Deletes the summaries of runs whose rows are deleted (replaced), inside the caller's transaction. */
export async function deleteRunSummaries(tx: Store, runIds: readonly number[]): Promise<void> {
  if (!isDuckDBStore(tx) || runIds.length === 0) return;
  for (const table of ['flow_totals', 'flow_country_totals', 'flow_pair_totals', 'flow_summary_runs']) {
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
 * with progress; resolves to the number of runs built (0 on a current store: one small query).
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
    const total = runs.reduce((n, r) => n + (years(r)?.length ?? 1), 0);
    let done = 0;
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
    return runs.length;
  })();
  inFlight.set(store, build);
  return build.finally(() => inFlight.delete(store));
}

/** Whether the store holds the summaries (migration 050 applied), per store: it never changes while open. */
const hasTables = new WeakMap<Store, boolean>();

/**
 * Whether indicators may read the summaries for these runs: a DuckDB store whose summaries hold
 * every one of them (and reading them is not switched off).
 */
export async function flowTotalsReady(store: Store, runIds: readonly number[]): Promise<boolean> {
  if (!isDuckDBStore(store) || disabled.has(store) || runIds.length === 0) return false;
  if (!hasTables.has(store)) {
    const [m] = await store.query<{ n: number }>(
      sql`select count(*)::int as n from duckdb_tables() where schema_name = 'main' and table_name = ${'flow_summary_runs'}`,
    );
    hasTables.set(store, (m?.n ?? 0) > 0);
  }
  if (!hasTables.get(store)) return false;
  const wanted = [...new Set(runIds)];
  const [r] = await store.query<{ n: number }>(
    sql`select count(*)::int as n from flow_summary_runs where run_id in ${inList(wanted)}`,
  );
  return r?.n === wanted.length;
}
