/**
 * Test support: tiny trade worlds written straight into a store's trade_flows and basket_resolved,
 * so indicators can be checked against values computed by hand. Not used by the library itself.
 *
 * The reconciled world (BACI-like, HS1992, HS6, US dollars), run 1:
 *
 *   year exporter importer product  value qty(t)
 *   2019 CHN      USA      490199     60   6
 *   2019 CHN      USA      950510    100  25
 *   2020 CHN      USA      490199     80  10
 *   2020 CHN      DEU      490199     40   4
 *   2020 CHN      USA      950510    160  40
 *   2020 USA      CHN      490199     30   3
 *   2020 DEU      CHN      970110     50   1
 *   2020 JPN      USA      950510    100  20
 *   2021 CHN      USA      490199    100  10
 *   2021 CHN      DEU      490199     50   5
 *   2021 CHN      USA      950510    200  40
 *   2021 USA      CHN      490199     30   2
 *   2021 USA      DEU      970110     60   1
 *   2021 DEU      CHN      970110     40   1
 *   2021 DEU      USA      490199     20   4
 *   2021 JPN      USA      950510    100  25
 *
 * Basket 'test-fcs' (HS1992): 490199 → books, 970110 → visual-arts (950510 is outside it).
 * Population: see `testPopulation`.
 *
 * The reported world (Comtrade-like, HS2017, HS6, product 490199, 2021), run 2:
 *
 *   reporter flow partner value
 *   CHN      X    USA     100
 *   CHN      X    DEU      50
 *   USA      M    CHN     120
 *   USA      X    CHN      30
 *   CHN      M    USA      27
 *   USA      X    WLD     999   (a World total: never summed with the bilateral rows)
 */
import { listMigrations, migrate, openStore, sql, type Store } from '../../src/store/index.ts';

/**
 * An in-memory store with the migrations indicators read (core, countries, reference, and 050–059),
 * so a half-written migration of an unrelated area cannot break these tests.
 */
export async function openTestStore(): Promise<Awaited<ReturnType<typeof openStore>>> {
  const store = await openStore({ migrate: false });
  await migrate(
    store,
    listMigrations().filter((m) => m.id < 30 || (m.id >= 50 && m.id < 60)),
  );
  return store;
}

export interface FlowRow {
  year: number;
  reporter: string;
  partner: string;
  flow: 'X' | 'M';
  product: string;
  value: number;
  quantity?: number | null;
  unit?: string | null;
  classification?: string;
  partnerKind?: 'country' | 'world' | 'area';
}

export async function insertRun(
  store: Store,
  run: {
    id: number;
    source: string;
    perspective: 'reconciled' | 'reported';
    fileName?: string;
    release?: string;
  },
): Promise<void> {
  await store.run(
    sql`insert into import_runs (id, source, format, release, file_name, sha256, perspective, started_at, finished_at) values (${run.id}, ${run.source}, ${`${run.source}-test`}, ${run.release ?? null}, ${run.fileName ?? `${run.source}-${run.id}.csv`}, ${'0'.repeat(64)}, ${run.perspective}, current_timestamp, current_timestamp)`,
  );
}

export async function insertFlows(store: Store, runId: number, rows: readonly FlowRow[]): Promise<void> {
  for (const r of rows) {
    await store.run(
      sql`insert into trade_flows_wide (run_id, year, month, type_code, reporter, partner, partner_kind, flow, classification, product, product_level, value_usd, quantity, quantity_unit, net_weight_kg) values (${runId}, ${r.year}, ${null}, ${'C'}, ${r.reporter}, ${r.partner}, ${r.partnerKind ?? (r.partner === 'WLD' ? 'world' : 'country')}, ${r.flow}, ${r.classification ?? 'HS1992'}, ${r.product}, ${r.product.length}, ${r.value}, ${r.quantity ?? null}, ${r.quantity === undefined || r.quantity === null ? null : (r.unit ?? 't')}, ${null})`,
    );
  }
}

export async function insertBasket(
  store: Store,
  basketId: string,
  edition: string,
  codes: readonly { code: string; domain: string }[],
): Promise<void> {
  const known = await store.query(sql`select id from baskets where id = ${basketId}`);
  if (known.length === 0) {
    await store.run(
      sql`insert into baskets (id, name, version, framework, hs_edition, source, bundled) values (${basketId}, ${'Test basket'}, ${'1'}, ${'user'}, ${edition}, ${'test fixture'}, false)`,
    );
    for (const c of codes) {
      await store.run(
        sql`insert into basket_codes (basket_id, code, domain, core_or_related) values (${basketId}, ${c.code}, ${c.domain}, ${'core'})`,
      );
    }
  }
  for (const c of codes) {
    await store.run(
      sql`insert into basket_resolved (basket_id, edition, code, domain_code, domain, core_or_related, source_code, source_codes, mapping) values (${basketId}, ${edition}, ${c.code}, ${null}, ${c.domain}, ${'core'}, ${c.code}, ${c.code}, ${'identity'})`,
    );
  }
}

const x = (
  year: number,
  reporter: string,
  partner: string,
  product: string,
  value: number,
  quantity: number,
): FlowRow => ({
  year,
  reporter,
  partner,
  flow: 'X',
  product,
  value,
  quantity,
});

export const reconciledRows: FlowRow[] = [
  x(2019, 'CHN', 'USA', '490199', 60, 6),
  x(2019, 'CHN', 'USA', '950510', 100, 25),
  x(2020, 'CHN', 'USA', '490199', 80, 10),
  x(2020, 'CHN', 'DEU', '490199', 40, 4),
  x(2020, 'CHN', 'USA', '950510', 160, 40),
  x(2020, 'USA', 'CHN', '490199', 30, 3),
  x(2020, 'DEU', 'CHN', '970110', 50, 1),
  x(2020, 'JPN', 'USA', '950510', 100, 20),
  x(2021, 'CHN', 'USA', '490199', 100, 10),
  x(2021, 'CHN', 'DEU', '490199', 50, 5),
  x(2021, 'CHN', 'USA', '950510', 200, 40),
  x(2021, 'USA', 'CHN', '490199', 30, 2),
  x(2021, 'USA', 'DEU', '970110', 60, 1),
  x(2021, 'DEU', 'CHN', '970110', 40, 1),
  x(2021, 'DEU', 'USA', '490199', 20, 4),
  x(2021, 'JPN', 'USA', '950510', 100, 25),
];

const r = (reporter: string, flow: 'X' | 'M', partner: string, value: number): FlowRow => ({
  year: 2021,
  reporter,
  partner,
  flow,
  product: '490199',
  value,
  classification: 'HS2017',
});

/**
 * HS 711319 in 2021 with tied suppliers, for the market finder's rank and top-3 competitors: USA
 * imports 80 each from DEU, ITA and KOR, 50 from CHN and 10 from FRA; DEU imports 30 from CHN.
 */
export const tiedSupplierRows: FlowRow[] = [
  ...(
    [
      ['DEU', 80],
      ['ITA', 80],
      ['KOR', 80],
      ['CHN', 50],
      ['FRA', 10],
    ] as const
  ).map(([reporter, value]) => ({ year: 2021, reporter, partner: 'USA', flow: 'X' as const, product: '711319', value })),
  { year: 2021, reporter: 'CHN', partner: 'DEU', flow: 'X', product: '711319', value: 30 },
];

export const reportedRows: FlowRow[] = [
  r('CHN', 'X', 'USA', 100),
  r('CHN', 'X', 'DEU', 50),
  r('USA', 'M', 'CHN', 120),
  r('USA', 'X', 'CHN', 30),
  r('CHN', 'M', 'USA', 27),
  r('USA', 'X', 'WLD', 999),
];

/**
 * Population (table `population`), for RPOP: CHN 1400 (2020), USA 330 (2020), DEU 80 (2019) and
 * 84 (2021); JPN has none. Trade year 2021 uses CHN 2020, USA 2020, DEU 2021; 2019 uses DEU 2019
 * and, for CHN and USA (no year up to 2019), their earliest, 2020.
 */
export const testPopulation = [
  { country: 'CHN', year: 2020, population: 1400 },
  { country: 'USA', year: 2020, population: 330 },
  { country: 'DEU', year: 2019, population: 80 },
  { country: 'DEU', year: 2021, population: 84 },
];

export const testBasket = [
  { code: '490199', domain: 'books' },
  { code: '970110', domain: 'visual-arts' },
];

/** Writes the reconciled world (run 1), the reported world (run 2) and the basket into a store. */
export async function loadFixture(
  store: Store,
  which: { reconciled?: boolean; reported?: boolean } = {},
): Promise<void> {
  if (which.reconciled ?? true) {
    await insertRun(store, { id: 1, source: 'baci', perspective: 'reconciled', release: 'V202401' });
    await insertFlows(store, 1, reconciledRows);
    await insertBasket(store, 'test-fcs', 'HS1992', testBasket);
    for (const p of testPopulation)
      await store.run(
        sql`insert into population (country, year, population, source) values (${p.country}, ${p.year}, ${p.population}, ${'test fixture'})`,
      );
  }
  if (which.reported ?? true) {
    await insertRun(store, { id: 2, source: 'comtrade', perspective: 'reported' });
    await insertFlows(store, 2, reportedRows);
    await insertBasket(store, 'test-fcs', 'HS2017', testBasket);
  }
}
