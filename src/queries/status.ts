/**
 * What the store holds, as a read model (`lantern status`, GET /api/v1/status): its tables and
 * their row counts, the trade's coverage, the import runs, where pages without a country or year
 * start, and how to load data. The wire type is StatusData; the dashboard reads it on every page.
 * What only the edge knows (the store file's name, read-only, the API's resources) is passed as
 * `extra`.
 *
 * @example
 *   const s = await statusModel.open(store, {}, { path: 'lantern.duckdb', readOnly: false, resources: [] });
 *   statusModel.rows(s);   // the tables: name, kind, rows
 */
import { z } from 'zod';
import type { StatusData } from '../contract.ts';
import { inList, isSyntheticRun, listImportRuns, listTables, reporterStatsSource, runStatsSource, sql, type Store } from '../store/index.ts';
import { dataDefaults } from './defaults.ts';
import { readModel } from './read-model.ts';

/** The version of the wire contract (src/contract.ts): /status and the OpenAPI document report it. */
export const API_VERSION = '1.0.0';

/** What the edge answering knows and the store does not. */
export interface StatusEdge {
  /** The store file's name only: the API is open to any origin, the folders of the server are not. */
  path: string;
  readOnly: boolean;
  /** Resource names with endpoints (the API's route tags), for the dashboard's navigation. */
  resources: string[];
}

/** How to load trade data, in English and Chinese (the empty-store notice shows the page's language). */
export const HOW_TO_IMPORT: StatusData['howToImport'] = [
  {
    label: 'Import a file (BACI, Comtrade CSV/JSON, OTS JSON); the format is detected',
    label_zh: '导入文件（BACI、Comtrade CSV/JSON、OTS JSON），自动识别格式',
    command: 'npx lantern import FILE…',
  },
  { label: 'Import a whole BACI release', label_zh: '导入整个 BACI 版本', command: 'npx lantern import --format baci BACI_HS17_V202401.zip' },
  {
    label: 'Pull cultural goods from the Comtrade API',
    label_zh: '从 Comtrade API 获取文化产品数据',
    command: 'npx lantern fetch comtrade --reporter CHN --years 2015-2023 --basket unesco-fcs-2009',
  },
  { label: 'Explore with the synthetic demo world', label_zh: '用合成的演示数据试用', command: 'npx lantern demo' },
];

/** Rows, years, reporters and editions of the trade in the store, from the run statistics (store/flow-totals.ts). */
async function tradeSummary(store: Store): Promise<Omit<StatusData['trade'], 'runs' | 'synthetic' | 'reexports'>> {
  const runs = await runStatsSource(store);
  const [t] = await store.query<{ rows: number | null; reporters: number }>(
    sql`select (select sum(n) from (${runs}) s) as rows, (select count(distinct reporter) from (${await reporterStatsSource(store)}) r) as reporters`,
  );
  const years = await store.query<{ year: number }>(sql`select distinct year from (${runs}) s order by year`);
  const cls = await store.query<{ c: string }>(sql`select distinct classification as c from (${runs}) s order by c`);
  const levels = await store.query<{ l: number }>(
    sql`select distinct product_level as l from (${runs}) s where type_code = ${'C'} and product_level > 0 order by l`,
  );
  return {
    rows: Number(t?.rows ?? 0),
    reporters: Number(t?.reporters ?? 0),
    years: years.map((y) => Number(y.year)),
    classifications: cls.map((c) => c.c),
    levels: levels.map((l) => Number(l.l)),
  };
}

/**
 * Whether the store holds re-exports (flow RX) or re-imports (RM): only reported runs can (BACI has
 * exports only), so a store of reconciled data is answered without reading a row.
 */
async function hasReexports(store: Store, reportedRuns: number[]): Promise<boolean> {
  if (reportedRuns.length === 0) return false;
  const rows = await store.query<{ hit: number }>(
    sql`select 1 as hit from trade_flows where run_id in ${inList(reportedRuns)} and flow in (${'RX'}, ${'RM'}) limit 1`,
  );
  return rows.length > 0;
}

/** The whole answer; `edge` is absent only where nothing is known of the edge (then: no file, writable, no resources). */
async function storeStatus(store: Store, edge: StatusEdge = { path: ':memory:', readOnly: false, resources: [] }): Promise<StatusData> {
  const [tables, runs, trade, defaults] = await Promise.all([listTables(store), listImportRuns(store), tradeSummary(store), dataDefaults(store)]);
  const reexports = await hasReexports(store, runs.filter((r) => r.perspective === 'reported' && r.rows > 0).map((r) => r.id));
  return {
    version: API_VERSION,
    store: { path: edge.path, readOnly: edge.readOnly, dialect: store.dialect.name },
    tables,
    trade: { ...trade, runs: runs.length, synthetic: runs.some(isSyntheticRun), reexports },
    importRuns: runs,
    defaults: {
      country: defaults.country?.iso3 ?? null,
      nameEn: defaults.country?.name.en ?? null,
      nameZh: defaults.country?.name.zh ?? null,
      year: defaults.year,
      countries: defaults.countries,
      partner: defaults.partner,
      reason: defaults.reason,
    },
    resources: edge.resources,
    howToImport: HOW_TO_IMPORT,
  };
}

export const statusParams = z.object({});

export const statusModel = readModel({
  id: 'status',
  summary: 'What the store holds: tables, trade coverage, import runs',
  params: statusParams,
  run: (store: Store, _params: z.input<typeof statusParams>, edge?: StatusEdge) => storeStatus(store, edge),
  rows: (d) => d.tables.map((t) => ({ table_name: t.name, kind: t.kind, rows: t.rows })),
  list: (d) => d.tables,
  tables: (d) => ({ import_runs: d.importRuns }),
  provenance: (d) => ({ runs: d.importRuns.map((r) => r.id) }),
});
