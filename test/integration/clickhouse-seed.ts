/**
 * A small seeded trade dataset for the ClickHouse tests, loaded into a DuckDB store through DuckDB's
 * own CSV reader. Seeded (seedrandom), so every run builds the same rows; the rows are also returned
 * so tests can compute expectations in plain JavaScript.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { listMigrations, migrate, openStore, type Store } from '../../src/store/db.ts';

export interface SeedRow {
  run_id: number;
  year: number;
  reporter: string;
  partner: string;
  flow: 'X' | 'M';
  product: string;
  value_usd: number;
  quantity: number | null;
}

export const SEED_REPORTERS = ['CHN', 'USA', 'DEU', 'JPN', 'KOR', 'FRA'];
export const SEED_PRODUCTS = ['490199', '490300', '950300', '950450', '920710', '970110', '940540', '370610'];
export const SEED_YEARS = [2019, 2020, 2021, 2022];

/** Rows: each reporter × partner × year × product × flow present with probability 0.6. */
export function seedRows(seed = 'lantern-clickhouse'): SeedRow[] {
  const rng = seedrandom(seed);
  const rows: SeedRow[] = [];
  for (const year of SEED_YEARS)
    for (const reporter of SEED_REPORTERS)
      for (const partner of SEED_REPORTERS) {
        if (partner === reporter) continue;
        for (const product of SEED_PRODUCTS)
          for (const flow of ['X', 'M'] as const) {
            if (rng() > 0.6) continue;
            // Values over several orders of magnitude with fractional cents, as real data has.
            const value_usd = Math.round(10 ** (2 + rng() * 6) * 100) / 100;
            const quantity = rng() < 0.2 ? null : Math.round(rng() * 10000) / 10;
            rows.push({ run_id: year - 2018, year, reporter, partner, flow, product, value_usd, quantity });
          }
      }
  return rows;
}

/** Migrations the ClickHouse tests need (core, countries, reference): not the registry's. */
export function seedMigrations() {
  return listMigrations().filter((m) => m.id < 30);
}

/** A DuckDB store (in memory unless `path`) holding `rows` in trade_flows (and one import run per year). */
export async function seededDuckDB(rows: SeedRow[], path?: string): Promise<Store> {
  const store = await openStore({ path, migrate: false });
  await migrate(store, seedMigrations());
  const dir = mkdtempSync(join(tmpdir(), 'lantern-seed-'));
  try {
    const file = join(dir, 'flows.csv');
    const lines = rows.map((r) =>
      [r.run_id, r.year, r.reporter, r.partner, r.flow, r.product, r.value_usd, r.quantity ?? ''].join(','),
    );
    writeFileSync(
      file,
      `run_id,year,reporter,partner,flow,product,value_usd,quantity\n${lines.join('\n')}\n`,
    );
    const path = file.replaceAll("'", "''");
    await store.run(`
      insert into trade_flows_wide (run_id, year, month, type_code, reporter, partner, partner_kind, flow,
                               classification, product, product_level, value_usd, quantity, quantity_unit, net_weight_kg)
      select run_id, year, null, 'C', reporter, partner, 'country', flow, 'HS2017', product, 6, value_usd, quantity,
             case when quantity is null then null else 'kg' end, null
      from read_csv('${path}', header = true, columns = {'run_id': 'INTEGER', 'year': 'SMALLINT', 'reporter': 'VARCHAR',
        'partner': 'VARCHAR', 'flow': 'VARCHAR', 'product': 'VARCHAR', 'value_usd': 'DOUBLE', 'quantity': 'DOUBLE'})`);
    for (const year of SEED_YEARS) {
      await store.run(`
        insert into import_runs (id, source, format, release, file_name, sha256, perspective, started_at, finished_at, rows_loaded)
        values (${year - 2018}, 'demo', 'demo-csv', null, 'seed-${year}.csv', 'sha-${year}', 'reconciled',
                timestamp '2026-11-23 01:02:03', timestamp '2026-11-23 01:02:04', 0)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return store;
}
