/**
 * `flow_totals`: the reconciled rows of `trade_flows` summed over the counterpart — per run, year,
 * goods/services, edition, level, product, side (export: the exporter; import: the importer) and
 * country, under the filters every scan applies (flow 'X', a country partner). Indicators that sum
 * values per country and never look at partners (RCA, world share, product share, value, export
 * potential's supply and demand) read it instead of the rows (`sideFlows` with `totals`): for BACI,
 * about 700 thousand rows in place of 10 million a year.
 *
 * Rows are stored sorted by side, level and product, so a scan for one product reads only the row
 * groups that hold it (DuckDB's min/max pruning). A second table, `flow_country_totals`, sums them
 * over products too — one row per (run, year, …, side, country) — for the all-products totals that
 * RCA, shares and export potential divide by. A third, `flow_pair_totals`, keeps the partner and
 * sums over products — one row per (run, year, …, exporter, importer), about 50 thousand a year —
 * for export potential's ease of trade, which needs what each exporter sells to each market.
 *
 * Both are TEMP tables of the store's one connection (also on a read-only store), built by the first
 * query that wants it and rebuilt when the import runs change, like the run summary in resolve.ts.
 * Only the embedded DuckDB store keeps one; elsewhere indicators read the rows.
 *
 * @example
 *   const totals = await ensureFlowTotals(store); // true when flow_totals is current
 */
import { isDuckDBStore, type Store } from '../store/db.ts';
import { sql } from '../store/sql.ts';
import { runsSignature } from './resolve.ts';

const built = new WeakMap<Store, string>();
const disabled = new WeakSet<Store>();

/** Turns the totals off (or on again) for a store: tests compare both ways of reading. */
export function useFlowTotals(store: Store, on: boolean): void {
  if (on) disabled.delete(store);
  else disabled.add(store);
}

/** Builds `flow_totals` (and the tables derived with it) when missing or stale; false when this store reads rows instead. */
export async function ensureFlowTotals(store: Store): Promise<boolean> {
  if (!isDuckDBStore(store) || disabled.has(store)) return false;
  const sig = await runsSignature(store);
  if (built.get(store) === sig) return true;
  const cols = sql`t.run_id as run_id, t.year as year, t.type_code as type_code, t.classification as classification, t.product_level as product_level, t.product as product`;
  const where = sql`t.flow = ${'X'} and t.partner_kind = ${'country'} and t.run_id in (select id from import_runs where perspective = ${'reconciled'})`;
  await store.run(
    sql`create or replace temp table flow_totals as
        select ${cols}, ${'export'} as side, t.reporter as country, sum(t.value_usd) as v
        from trade_flows t where ${where} group by all
        union all
        select ${cols}, ${'import'} as side, t.partner as country, sum(t.value_usd) as v
        from trade_flows t where ${where} group by all
        order by side, product_level, product, year, country`,
  );
  await store.run(
    `create or replace temp table flow_country_totals as
     select run_id, year, type_code, classification, product_level, side, country, sum(v) as v
     from flow_totals group by all order by side, product_level, year, country`,
  );
  await store.run(
    sql`create or replace temp table flow_pair_totals as
        select t.run_id as run_id, t.year as year, t.type_code as type_code, t.classification as classification, t.product_level as product_level, t.reporter as exporter, t.partner as importer, sum(t.value_usd) as v
        from trade_flows t where ${where} group by all
        order by product_level, year, exporter, importer`,
  );
  built.set(store, sig);
  return true;
}
