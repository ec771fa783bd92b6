/**
 * The tables of a DuckDB store as users see them (`lantern status`, the Data page): every base
 * table with DuckDB's row estimate and every view with the rows of the tables behind it, each
 * either described in one line (English and Chinese: a table a user reads or queries) or marked
 * internal (storage, summaries and bookkeeping the import and the migrations keep). A new table
 * is listed in one of the two (store/tables.test.ts holds every table of a new store to that).
 * A ClickHouse store answers with no rows (its tables are listed by `cluster`).
 */
import type { Store } from './db.ts';
import { sql } from './sql.ts';

export interface StoreTable {
  name: string;
  kind: 'table' | 'view';
  rows: number;
  /** What it holds, in one line; null for an internal table (storage, summaries, bookkeeping). */
  about: string | null;
  about_zh: string | null;
}

/** The tables and views users read, each in one line (English, Chinese). */
export const USER_TABLES: Record<string, [string, string]> = {
  trade_flows: ['Trade rows of every import: reporter, partner, product, year, flow, value, quantity', '所有导入的贸易记录：报告国、伙伴、产品、年份、流向、金额、数量'],
  import_runs: ['One row per import: source, format, release, file, sha256, rows, years, time', '每次导入一行：来源、格式、版本、文件、sha256、行数、年份、时间'],
  rejected_rows: ['Rows an import refused (--skip-bad-rows), each with its line and reason', '导入时拒收的行（--skip-bad-rows），附行号和原因'],
  replaced_flows: ['Rows replaced by import --replace, kept for lantern diff', '被 import --replace 替换的行，供 lantern diff 比较'],
  countries: ['Countries and areas: ISO codes, English and Chinese names, M49 region, kind', '国家和地区：ISO 代码、中英文名称、M49 区域、类别'],
  country_codes: ["BACI's and Comtrade's codes of each country", '各国在 BACI 和 Comtrade 中的代码'],
  country_distances: ['Distances between countries (the ease term of export potential)', '国家之间的距离（出口潜力的便利度项）'],
  population: ['Population by country and year (RPOP)', '各国各年人口（用于 RPOP）'],
  hs_products: ['The HS nomenclature: codes and names by edition and level', 'HS 目录：各版本、各层级的编码和名称'],
  hs_correlations: ['Links between HS editions (UNSD correlation tables)', 'HS 各版本之间的对应关系（联合国统计司对照表）'],
  services_codes: ['EBOPS 2010 services items and their names', 'EBOPS 2010 服务项目及名称'],
  reference_loads: ['Each load of reference data: what, from which file, sha256, rows', '每次载入参考数据：内容、文件、sha256、行数'],
  baskets: ['Cultural baskets: bundled (UNESCO FCS 2009, cultural services) and your own', '文化产品篮：内置的（UNESCO FCS 2009、文化服务）和自定义的'],
  basket_codes: ["Each basket's codes with their domain", '各产品篮的编码及所属领域'],
  basket_resolved: ["Each basket's codes in every HS edition, with how each was mapped", '各产品篮编码在每个 HS 版本中的对应及映射方式'],
  basket_versions: ['Earlier versions of baskets kept by basket add --replace', 'basket add --replace 保留的产品篮旧版本'],
  official_series: ['Official published figures with scope, unit and source URL', '官方公布的数据，含口径、单位和来源网址'],
  registry_institutions: ['Registry: cultural centres, export bases and other institutions', '登记册：文化中心、出口基地等机构'],
  registry_agreements: ['Registry: cultural agreements and co-production treaties', '登记册：文化协定和合拍协议'],
  registry_documents: ['Registry: policy documents', '登记册：政策文件'],
  registry_measures: ['Registry: policy measures', '登记册：政策措施'],
  registry_counts: ['Registry: official counts (e.g. centres abroad) by date', '登记册：按日期的官方数量（如海外中心数）'],
  registry_audit: ["Registry changes: who, when, before and after", '登记册变更记录：谁、何时、变更前后'],
  claim_documents: ['Texts checked by lantern claims', 'lantern claims 核查过的文本'],
  claims: ['Figures found in those texts, with their place and meaning', '文本中的数字及其位置和含义'],
  claim_relations: ['Relations between figures (sums, growth, the same figure twice)', '数字之间的关系（加总、增长、同一数字）'],
  claim_verdicts: ['Verdicts on figures, with the evidence', '对数字的判定及依据'],
};

/** Views and the tables whose rows they read (their row count is those tables' estimate). */
const VIEW_TABLES: Record<string, string[]> = {
  trade_flows: ['trade_flows_wide', 'baci_flows'],
  flow_totals: ['flow_totals_named', 'baci_totals'],
  flow_basket_rows: ['flow_basket_rows_named', 'baci_basket_rows'],
};

/**
 * Tables and views no user reads directly: storage behind views, summaries written by the import,
 * derived lists, tokens and migration bookkeeping.
 */
export const INTERNAL_TABLES = new Set([
  ...Object.values(VIEW_TABLES).flat(),
  'baci_country_codes', 'hs6_codes', 'flow_totals', 'flow_basket_rows', 'flow_country_totals', 'flow_pair_totals',
  'flow_summary_runs', 'flow_run_stats', 'flow_reporter_stats', 'flow_stats_runs', 'flow_basket_codes',
  'basket_editions', 'basket_residual', 'basket_unresolved', 'basket_version_codes', 'services_ancestors',
  'country_points', 'countries_version', 'registry_agreement_parties', 'registry_bundle', 'registry_tokens',
  'schema_migrations', 'setup_mark',
]);

export async function listTables(store: Store): Promise<StoreTable[]> {
  if (store.dialect.name !== 'duckdb') return [];
  const found = await store.query<{ name: string; kind: 'table' | 'view'; rows: number }>(
    sql`select table_name as name, 'table' as kind, estimated_size as rows from duckdb_tables() where schema_name = 'main'
        union all
        select view_name, 'view', 0 from duckdb_views() where schema_name = 'main' and not internal`,
  );
  const estimate = new Map(found.map((r) => [r.name, Number(r.rows)]));
  const rowsOf = (r: { name: string; kind: string; rows: number }) =>
    r.kind === 'view' ? (VIEW_TABLES[r.name] ?? []).reduce((n, t) => n + (estimate.get(t) ?? 0), 0) : Number(r.rows);
  return found
    .map((r) => ({ name: r.name, kind: r.kind, rows: rowsOf(r), about: USER_TABLES[r.name]?.[0] ?? null, about_zh: USER_TABLES[r.name]?.[1] ?? null }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
