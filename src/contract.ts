/**
 * The API contract: the types of what `/api/v1` sends. The web app imports ONLY this file (type
 * imports), so the server and the dashboard cannot drift apart silently.
 *
 * Keep this file free of runtime imports: it is compiled by the web's tsconfig too.
 */

/** One thing wrong with a request or an input, as sent to clients. */
export interface ApiProblem {
  message: string;
  file?: string;
  line?: number;
  column?: string;
  field?: string;
  expected?: string;
  found?: string;
  hint?: string;
}

/** The error envelope. `code` is a LanternError code (or `internal-error` / `not-found`). */
export interface ApiError {
  ok: false;
  error: string;
  code: string;
  errors: ApiProblem[];
  status: number;
}

/** The success envelope. Lists carry `rows`; single answers carry `data`; long lists are paged. */
export interface ApiOk<D = unknown, R = Record<string, unknown>> {
  ok: true;
  data?: D;
  rows?: R[];
  /** Number of rows in the whole list (paged lists only). */
  total?: number;
  limit?: number;
  offset?: number;
  /** Relative URL of the next page, or null on the last page. */
  next?: string | null;
  meta?: ApiMeta;
}

export type ApiEnvelope<D = unknown, R = Record<string, unknown>> = ApiOk<D, R> | ApiError;

/** Where the numbers of an answer come from. */
export interface ApiProvenance {
  /** Import runs whose rows the answer reads. */
  runs?: number[];
  /** Official source URLs (official figures, registry facts). */
  sources?: string[];
  /** The SQL that produced the numbers, when the read model reports it. */
  sql?: string;
  note?: string;
  /**
   * Reported data: where each year's figures come from, per country and side (own report, partners'
   * mirror reports, both, or none — no data, with its reason): what the dashboard badges.
   */
  flowSources?: FlowSourceBadge[];
  /** Reported data: the "world" of world shares and RCA is only the store's reporters (see WorldScope). */
  world?: WorldScope;
}

/**
 * Reported data (Comtrade, OTS, Kaggle): the "world" a world share, RCA or complexity divides by is
 * what the store holds — its reporters' own reports and their partners' mirror figures — not the
 * world's trade. A store of one reporter reads close to 100%; the answer says so in words.
 */
export interface WorldScope {
  /** Reporters in the runs and years read. */
  reporters: number;
  /** "world = the N reporters in this store, not the world …" */
  note: string;
}

/** The source of a figure of reported data (queries/flow-sources.ts). */
export interface FlowSourceBadge {
  year: number;
  country: string;
  /** For a bilateral direction: the importer. */
  partner?: string;
  side: 'export' | 'import';
  source: 'reporter' | 'mirror' | 'mixed' | 'reconciled' | 'none';
  reason: string | null;
  /** Under the reporter view, for 'none': the partners' mirror figure where one exists. */
  mirror_value: number | null;
}

/** One import run a result read (queries/resolve.ts). */
export interface RunInfo {
  id: number;
  source: string;
  format: string;
  release: string | null;
  fileName: string;
  perspective: 'reconciled' | 'reported';
}

/** Where a read model's numbers come from (queries/resolve.ts): the runs read and how. */
export interface DataProvenance {
  runs: RunInfo[];
  perspective: 'reconciled' | 'reported';
  /** The view applied to reported data; null for reconciled data (BACI has one value per flow). */
  view: 'trade-map' | 'reporter' | 'partner' | 'mirror-max' | null;
  /** Goods (HS rows) or services (EBOPS 2010 rows): one or the other, never summed together. */
  trade: 'goods' | 'services';
  /** HS editions (or EBOPS2010) of the rows read. */
  classifications: string[];
  /**
   * The depth of products (--level, else the finest level of the rows read): codes finer than it
   * are summed to it, coarser ones kept. 0 for services: EBOPS items are read through their tree
   * (each flow once), not by level.
   */
  level: number;
  /**
   * Every HS level of the rows read (0: all-products TOTAL rows): every row of the data, whatever
   * `level`. More than one, or 0: each flow is counted once, at the finest code that reports it
   * (indicators/base.ts `countedRows`).
   */
  levels: number[];
  /**
   * The rows read include World partner rows: each counts what its report's named partners leave
   * over (trade with partners not named), in totals only (indicators/base.ts `countedRows`).
   */
  worldRows: boolean;
  /**
   * The rows read name at least one partner country. False for data without partner detail (an
   * Atlas country × product file: World rows only): no partner list, map or partner concentration
   * exists, which is not the same as a year with no trade.
   */
  partnerDetail: boolean;
  /** Set on answers that divide by the world (world share, RCA …) read from reported data. */
  world?: WorldScope;
}

/** A statement as run: its text and bound parameters (store/sql.ts `RenderedSql`). */
export interface RenderedQuery {
  text: string;
  params: unknown[] | Record<string, unknown>;
}

export interface ApiMeta {
  provenance?: ApiProvenance;
  /** True when the rows come from the synthetic demo world (`lantern demo`). */
  synthetic?: boolean;
  [key: string]: unknown;
}

/**
 * One import run (a dataset) with its provenance: what ingest's `listImportRuns` returns, what
 * `lantern datasets --format json` prints and what `/api/v1/datasets` sends.
 */
export interface ImportRunInfo {
  id: number;
  source: string;
  format: string;
  release: string | null;
  file: string;
  sha256: string;
  perspective: string;
  rows: number;
  rows_read: number;
  rows_rejected: number;
  years: string | null;
  year_min: number | null;
  year_max: number | null;
  reporters: number | null;
  /** Reader options recorded with the run (e.g. the HS edition given), or null. */
  options: Record<string, string> | null;
  note: string | null;
  imported_at: string | null;
  started_at: string;
  replaced_by: number | null;
  /** True for the synthetic demo world. */
  synthetic: boolean;
}

/**
 * `/api/v1/jobs/…`: a write the server runs in the background (the demo world, an uploaded file),
 * one at a time; the dashboard polls `GET /jobs/{id}` for its progress.
 */
export interface JobInfo {
  id: string;
  kind: 'demo' | 'import';
  /** The uploaded file's name (import) or the demo world's size (demo). */
  what: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  /** Work done so far: bytes of the file, rows generated … (`unit`), under a label. */
  progress: { done: number; total?: number; unit: string; label?: string } | null;
  /** Once done: the import run and its message (as `lantern import` prints it). */
  result: { runId: number; status: string; rows: number; message: string } | null;
  /** Once failed: the error, with `text` as `lantern import` prints it (message, then each problem's file, line, column, expected, found, hint); nothing was stored. */
  error: (Omit<ApiError, 'ok' | 'status'> & { text: string }) | null;
  started_at: string;
  finished_at: string | null;
}

/** `/api/v1/status`: what the store holds. */
export interface StatusData {
  version: string;
  store: { path: string; readOnly: boolean; dialect: string };
  /**
   * Every table and view of a DuckDB file (none on a cluster), with its rows; `about` says in one
   * line what a table users read holds (English, `about_zh` Chinese), null for internal storage,
   * summaries and bookkeeping.
   */
  tables: { name: string; kind: 'table' | 'view'; rows: number; about: string | null; about_zh: string | null }[];
  trade: {
    rows: number;
    runs: number;
    years: number[];
    reporters: number;
    classifications: string[];
    /** True when any loaded run is synthetic (the demo world). */
    synthetic: boolean;
    /** HS levels (digits: 2, 4, 6) of the goods rows; TOTAL rows are not a level. */
    levels: number[];
    /** True when the store holds re-exports or re-imports (flow RX, RM: reported data only); the dashboard's flow control offers them then. */
    reexports: boolean;
  };
  importRuns: ImportRunInfo[];
  /**
   * Where pages without a country or year start: the store's largest reporter and its last year
   * (null on an empty store), with the reason.
   */
  defaults: {
    country: string | null;
    nameEn: string | null;
    nameZh: string | null;
    year: number | null;
    /** The largest reporters, largest first (up to five). */
    countries: string[];
    /** The default country's largest partner in its last year. */
    partner: string | null;
    reason: string;
  };
  /** Resource names with endpoints (for the dashboard navigation, e.g. `registry`). */
  resources: string[];
  /** How to load trade data, shown on trade pages of an empty store (label in English and Chinese). */
  howToImport: { label: string; label_zh: string; command: string }[];
}

/** One entry of the route table (`/api/v1/routes`). */
export interface RouteInfo {
  method: string;
  path: string;
  summary: string;
  tags: string[];
  paginated: boolean;
  csv: boolean;
  example?: string;
}

/** A country as the dashboard shows it. */
export interface CountryRef {
  iso3: string;
  nameEn: string;
  nameZh: string;
}

/** `/countries` rows and `lantern countries --format json` (reference/countries.ts `countryRows`). */
export interface CountryRow extends CountryRef {
  iso2: string | null;
  isoNumeric: number | null;
  /** UN M49 region, sub-region and continent (null for areas). */
  region: string | null;
  subregion: string | null;
  continent: string | null;
  kind: 'country' | 'territory' | 'historical' | 'area' | 'world';
  /** The entity's codes in BACI and in Comtrade, space-separated ('' where none). */
  baci: string;
  comtrade: string;
}

/** One row of a by-year series of a country's trade. */
export interface TrendPoint {
  year: number;
  exports: number | null;
  imports: number | null;
  balance: number | null;
}

/** Where a figure of reported data comes from (queries/flow-sources.ts); 'none': no data, with its reason. */
export type FlowSource = FlowSourceBadge['source'];

/** A top partner of one side of the country profile, with its share of the side's named partners. */
export interface ProfilePartnerRow {
  partner: string;
  name: { en: string; zh: string };
  value: number;
  share: number;
  rank: number;
}

/** A top product of one side of the country profile; its name from the nomenclature (null where none). */
export interface ProfileProductRow {
  product: string;
  name: { en: string | null; zh: string | null };
  value: number;
  share: number;
}

/** Herfindahl indexes of one side of the country profile's last year. */
export interface ProfileConcentration {
  hhi_partners: number | null;
  hhi_partners_normalised: number | null;
  equivalent_partners: number | null;
  markets: number | null;
  hhi_products: number | null;
  hhi_products_normalised: number | null;
  equivalent_products: number | null;
}

/** Growth of one side of the country profile. */
export interface ProfileGrowth {
  /** Growth in the last year over the one before. */
  yoy: number | null;
  /** End-point CAGR over the span (null for a single year). */
  cagr: number | null;
  /** Log-linear trend growth over the span (null with fewer than 3 years). */
  trend: number | null;
}

/**
 * The country profile (queries/country-profile.ts): one country's trade in a basket (or all
 * products) over a span of years. What `lantern profile country --format json` prints and
 * `/profiles/country/{iso3}` sends as `data`. The sections (`totals` … `growth`) are the read
 * model's; `headline`, `trend`, `domains`, `partners`, `products` and `rca` are the same figures as
 * the dashboard draws them (both sides of a partner in one row, domains with their share).
 */
export interface CountryProfileData {
  country: CountryRef;
  /** Goods (HS rows) or services (EBOPS 2010 rows): a profile is one or the other, never both summed. */
  trade: 'goods' | 'services';
  basket: string | null;
  domain: string | null;
  from: number;
  to: number;
  /** The year of the headline numbers, top lists and concentration (the last year). */
  year: number;
  scope: { basket: string | null; domain: string | null; product: string | null; label: string };
  /** The perspective and view as one line, e.g. "reported · mirror-max". */
  perspective: string;
  headline: {
    year: number;
    exports: number | null;
    imports: number | null;
    balance: number | null;
    worldShare: number | null;
    worldRank: number | null;
    exportGrowth: number | null;
    exportCagr: number | null;
    partners: number | null;
  };
  trend: TrendPoint[];
  domains: { domain: string; label_en: string; label_zh: string; exports: number; imports: number; share: number | null }[];
  /** The data names partner countries (`Provenance.partnerDetail`): false for country × product totals. */
  partnerDetail: boolean;
  /** Top partners of either side, each with both sides' values (a side the partner has no data on is null, never 0). */
  partners: { partner: string; name_en: string; name_zh: string; exports: number | null; imports: number | null; share: number | null }[];
  /** Top products; `name_en` / `name_zh` from the HS nomenclature (null where none; no Chinese source ships). */
  products: { product: string; name_en: string | null; name_zh: string | null; exports: number | null; imports: number | null; share: number | null }[];
  rca: { domain: string; label_en: string; label_zh: string; rca: number | null }[];
  /**
   * Exports and imports by year; a side with no data is null (never 0), its label in `*_source`
   * and its reason in `sources`.
   */
  totals: {
    runs: number[];
    rows: {
      year: number;
      exports: number | null;
      imports: number | null;
      balance: number | null;
      relative_balance: number | null;
      exports_source: FlowSource;
      imports_source: FlowSource;
    }[];
  };
  /** Where each year's exports and imports come from (reported data: own report, mirror, none). */
  sources: FlowSourceBadge[];
  worldShare: {
    runs: number[];
    rows: { year: number; exports_share: number | null; exports_rank: number | null; imports_share: number | null; imports_rank: number | null; countries: number | null }[];
  };
  byDomain: {
    runs: number[];
    year: number;
    rows: {
      domain: string;
      label: { en: string; zh: string };
      exports: number;
      imports: number;
      balance: number;
      world_share: number | null;
      world_rank: number | null;
      rca: number | null;
    }[];
  } | null;
  /**
   * `areas`: the last year's trade with partners not named (Comtrade's areas not specified, and what
   * World rows hold beyond the named partners): in the totals, not in the partners' shares (which
   * are over named partners); null when there is none.
   */
  topPartners: {
    runs: number[];
    year: number;
    exports: ProfilePartnerRow[];
    imports: ProfilePartnerRow[];
    areas: { exports: number | null; imports: number | null };
  };
  topProducts: { runs: number[]; year: number; exports: ProfileProductRow[]; imports: ProfileProductRow[] };
  concentration: { runs: number[]; year: number; exports: ProfileConcentration | null; imports: ProfileConcentration | null };
  growth: { runs: number[]; exports: ProfileGrowth; imports: ProfileGrowth };
  provenance: DataProvenance;
  notes: string[];
  /** Why the profile holds no trade, when it holds none; null otherwise. */
  empty: string | null;
}

/** An exporter or importer of a product (the product profile's top lists). */
export interface ProductTrader {
  country: string;
  name_en: string;
  name_zh: string;
  value: number;
  /** Of world exports (exporters) or imports (importers). */
  share: number;
  rank: number;
  /** Exporters: US$ per unit of quantity; null for importers and where no quantity is reported. */
  unit_value: number | null;
}

/**
 * The product profile (queries/product-profile.ts): a product, heading, chapter or basket (domain)
 * across countries. What `lantern profile product --format json` prints and `/profiles/product`
 * sends as `data`.
 */
export interface ProductProfileData {
  product: { selector: string; code: string | null; basket: string | null; domain: string | null; label: string; description: string | null };
  /** The year of the top lists and concentration (the last year). */
  year: number;
  from: number;
  to: number;
  /** World exports by year, with the number of exporters and importers, growth and unit value. */
  world: { year: number; exports: number; exporters: number; importers: number; growth: number | null; unit_value: number | null; unit: string | null }[];
  /** World exports by year as the dashboard's line reads them. */
  trend: { year: number; world: number }[];
  growth: { cagr: number | null; trend: number | null };
  exporters: ProductTrader[];
  importers: ProductTrader[];
  /** Herfindahl index of the year's exporters and importers, its equivalent number, and how many. */
  concentration: {
    exporters: { hhi: number | null; equivalent: number | null; n: number };
    importers: { hhi: number | null; equivalent: number | null; n: number };
  };
  unitValues: { country: string; name_en: string; name_zh: string; unit_value: number | null }[];
  /** Quantity unit of the unit values (BACI: metric tons), or null when units differ. */
  quantityUnit: string | null;
  runs: number[];
  provenance: DataProvenance;
  notes: string[];
  /** Why the profile holds no trade, when it holds none; null otherwise. */
  empty: string | null;
}

/**
 * Bilateral (queries/bilateral.ts): trade between two countries by year and product, both
 * directions. What `lantern bilateral A B --format json` prints and `/bilateral/{a}/{b}` sends as `data`.
 */
export interface BilateralData {
  a: CountryRef;
  b: CountryRef;
  from: number;
  to: number;
  scope: { label: string; by: string };
  /**
   * Totals by year: a→b, b→a (export-side values) and the balance of a with b; a direction with no
   * data (neither side reported it) is null, never 0 — its reason is in `sources`.
   */
  trend: { year: number; a_to_b: number | null; b_to_a: number | null; balance: number | null }[];
  /**
   * By year and product group (null: no data for that direction, as in `trend`). `name_en` /
   * `name_zh`: the product's name (null for a basket domain or a code without one).
   */
  products: { year: number; product: string; name_en: string | null; name_zh: string | null; a_to_b: number | null; b_to_a: number | null }[];
  /** Last year: trade complementarity (0–100) and trade intensity of each direction. */
  fit: { year: number; complementarity_a_b: number | null; complementarity_b_a: number | null; intensity_a_b: number | null; intensity_b_a: number | null };
  /** Reported data only: discrepancy index of each direction by year. */
  mirror: { year: number; discrepancy_a_b: number | null; discrepancy_b_a: number | null }[] | null;
  /** Where each direction's figures come from, by year (`country` exports to `partner`). */
  sources: (FlowSourceBadge & { partner: string })[];
  runs: number[];
  provenance: DataProvenance;
  notes: string[];
  empty: string | null;
}

/** A cultural basket as stored: a versioned list of codes in one HS edition (or EBOPS 2010). */
export interface BasketSummary {
  id: string;
  name: string;
  version: string;
  framework: string;
  /** The edition its codes are written in (HS2007 …, or EBOPS2010 for a services basket). */
  hsEdition: string;
  source: string | null;
  description: string | null;
  bundled: boolean;
}

/** `/baskets` rows and `lantern baskets --format json` (queries/baskets.ts `basketListModel`). */
export interface BasketInfo extends BasketSummary {
  /** Its name in Chinese: a bundled basket's (Lantern's own wording); null for a user's basket. */
  nameZh: string | null;
  /** How many codes it lists. */
  codes: number;
  domains: string[];
  /** Each domain's label in English and Chinese (a UNESCO FCS domain's; another domain as written). */
  domainNames: Record<string, { en: string; zh: string }>;
  /** The scopes it can be switched to: ['core', 'related'] when its codes say which they are, else []. */
  scopes: string[];
  /** The editions it is resolved to. */
  editions: string[];
}

/** `/baskets/{id}/versions` rows and `lantern basket versions --format json`: the current one last. */
export interface BasketVersionInfo {
  version: string;
  name: string;
  framework: string;
  hsEdition: string;
  source: string | null;
  bundled: boolean;
  codes: number;
  /** Codes per scope: core, related (FCS 2009 blocks), and codes that say neither. */
  core: number;
  related: number;
  current: boolean;
  createdAt: string | null;
  replacedAt: string | null;
}

/**
 * One code of a basket resolved to an edition: resolved (a code to use), residual (a catch-all link
 * reported, not used) or unresolved (a basket code with no counterpart), with its name and domain.
 */
export interface BasketCodeRow {
  status: 'resolved' | 'residual' | 'unresolved';
  /** The code in the edition asked (the basket's own code when unresolved). */
  code: string;
  /** Its name in the nomenclature (null when the nomenclature is not loaded). */
  description: string | null;
  /** The domain's label in the language asked (FCS domains in English or Chinese). */
  domain: string;
  domain_code: string | null;
  core_or_related: string | null;
  /** The basket's codes it comes from, comma-separated. */
  from: string;
  mapping: string;
  note: string | null;
  [key: string]: unknown;
}

/** How one of the basket's own codes resolves to the edition asked. */
export interface BasketSourceRow {
  code: string;
  description: string | null;
  domain: string;
  core_or_related: string | null;
  /** Whether the code exists, unchanged in number, in the edition asked. */
  in_edition: boolean;
  mapping: string;
  targets: string;
  residual: string;
  [key: string]: unknown;
}

/**
 * A basket (`BASKET`, `BASKET:DOMAIN`, `BASKET@core|related`) resolved to an HS edition: what
 * `lantern basket show --format json` prints and `/baskets/{id}` sends as `data` (`codes` as the
 * `rows`; `?table=bySource` the basket's own codes).
 */
export interface BasketData {
  /** The basket, with its name in Chinese (a bundled basket's; null for a user's). */
  basket: BasketSummary & { nameZh: string | null };
  /** The selector as read, e.g. unesco-fcs-2009:books@core. */
  selector: string;
  domain: string | null;
  scope: string | null;
  /** The edition resolved to (default: the basket's own). */
  edition: string;
  /** The correlation table used (`identity` in the basket's own edition). */
  via: string;
  /** How catch-all links are treated. */
  policy: string;
  codes: BasketCodeRow[];
  bySource: BasketSourceRow[];
  notes: string[];
}

/** `/groups` rows: a country group with its members and the source of its list. */
export interface CountryGroupRow {
  id: string;
  name_en: string;
  name_zh: string;
  publisher: string;
  source_url: string;
  /** The date the list is as of (YYYY-MM-DD). */
  as_of: string;
  note: string;
  count: number;
  /** ISO alpha-3 codes, sorted. */
  members: string[];
  /** Each member's country name in English and Chinese, by code (reference/countries.ts). */
  member_names: Record<string, { en: string; zh: string }>;
  [key: string]: unknown;
}

/**
 * Compare (queries/compare.ts): one indicator for several countries over years. What `lantern compare
 * --format json` prints and `/compare` sends as `data` (its `values` are the `rows`).
 */
export interface CompareData {
  indicator: IndicatorInfo;
  countries: CountryRef[];
  years: { from: number; to: number };
  provenance: DataProvenance;
  notes: string[];
  /** One row per year: `{ year, CHN: 0.12, KOR: 0.03, … }` (null where a country has no value). */
  series: Record<string, number | null>[];
  /** The same values long: one row per year and country. */
  values: CompareRow[];
  /** The indicator's own rows. */
  rows: Record<string, unknown>[];
  sql: RenderedQuery;
  empty: string | null;
  /**
   * Reported data: where each country's figure of each year comes from on the compared side (own
   * report, partners' mirror reports, none), for value-like indicators; empty otherwise.
   */
  sources: FlowSourceBadge[];
}

/** `/compare` rows: one value of one country in one year. */
export interface CompareRow {
  year: number;
  country: string;
  name_en: string;
  name_zh: string;
  value: number | null;
}

/** A competing supplier of a market (the market finder). */
export interface MarketCompetitor {
  country: string;
  name_en: string;
  name_zh: string;
  value: number;
  /** Of the market's imports from named partners. */
  share: number;
}

/** One market of the market finder (`/markets` rows, `lantern markets` `markets`). */
export interface MarketRow {
  market: string;
  name_en: string;
  name_zh: string;
  /** What the market imports from all partners, as reported: named countries and areas not specified. */
  imports: number;
  /** Imports from partner areas not specified (Comtrade's "areas, nes"): in `imports`, not in shares. */
  areas: number;
  imports_1y_ago: number | null;
  imports_5y_ago: number | null;
  /** Growth of `imports` over one year, and per year over five (0.05 = 5%). */
  growth1: number | null;
  growth5: number | null;
  exporter_value: number;
  /** The exporter's share of the market's imports from named partners (as `hhi` and competitors). */
  exporter_share: number;
  /** The exporter's rank among the market's suppliers (null where it sells nothing). */
  rank: number | null;
  suppliers: number;
  hhi: number | null;
  /** The three largest competing suppliers. */
  competitors: MarketCompetitor[];
  /** Export potential (ITC-consistent), the exporter's actual exports over the window, and the difference. */
  potential: number | null;
  actual: number | null;
  unrealised: number | null;
}

/**
 * The market finder's answer (queries/market-finder.ts): what `lantern markets --format json` prints
 * and `/markets` sends as `data` (its `markets` are the `rows`, paged).
 */
export interface MarketFinderData {
  exporter: CountryRef;
  /** What was asked, in words; a product code with its HS name (null where it has none, or for a basket). */
  product: { selector: string; label: string; name_en: string | null; name_zh: string | null };
  year: number;
  /** The sort asked for (`size`, `growth_1y`, `share` … name `imports`, `growth1`, `exporter_share`). */
  sort: { key: string; order: 'asc' | 'desc' };
  filters: Record<string, unknown>;
  provenance: DataProvenance;
  notes: string[];
  /** Markets before filtering, and after. */
  counts: { markets: number; shown: number };
  markets: MarketRow[];
  /** `competitors` only where it is a statement of its own (ClickHouse); DuckDB's markets SQL has them. */
  sql: { markets: RenderedQuery; competitors?: RenderedQuery; potential: RenderedQuery };
  /** Why there is no market to show, or null. */
  empty: string | null;
}

/** One published figure with its scope, unit and source, as stored (queries/official.ts). */
export interface OfficialFigure {
  id: string;
  country: string;
  year: number;
  scope: string;
  indicator: string;
  flow: string;
  value: number;
  unit: string;
  value_usd: number | null;
  yoy_pct: number | null;
  publisher: string | null;
  /** The outlet the figure was read in (a newspaper reporting the publisher's figure), or null. */
  reported_by: string | null;
  source_url: string;
  note: string | null;
}

/** `/official` rows and `lantern official --format json`: a figure with its scope's label in both languages. */
export interface OfficialRowInfo extends OfficialFigure {
  scope_en: string;
  scope_zh: string;
}

/** `/official/scopes` rows and `lantern official --scopes`. */
export interface OfficialScopeRow {
  scope: string;
  scope_en: string;
  scope_zh: string;
  figures: number;
  first_year: number;
  last_year: number;
}

/** `/official/lines` rows and `lantern official --lines`: the points of the lines, segment by segment. */
export interface OfficialLinePoint {
  /** 1, 2, … in the order of the segments (by first year). */
  segment: number;
  /** The segment's scope and publisher family. */
  key: string;
  /** On the first point of a segment that does not continue the previous one: `break (scope)` or `break (publisher)`; else ''. */
  break: string;
  scope: string;
  scope_en: string;
  scope_zh: string;
  publisher: string;
  year: number;
  value_usd: number | null;
  value: number;
  unit: string;
  yoy_pct: number | null;
  source_url: string;
  id: string;
}

/**
 * An indicator of the catalog (queries/indicators-list.ts): `/indicators` rows, `lantern indicator
 * list --format json`, and the indicator `/compare` names.
 */
export interface IndicatorInfo {
  id: string;
  label_en: string;
  label_zh: string;
  unit: string;
  description_en: string;
  description_zh: string;
  formula: string;
  source: string;
  /** The definition page, relative to the repository root (`lantern indicator show ID` prints it). */
  definition: string | null;
  note_en: string | null;
  note_zh: string | null;
  perspectives: readonly string[];
  /** The keys of its rows (country, partner, product, year …). */
  keys: readonly string[];
  columns: readonly { key: string; unit?: string; description: string }[];
  parameters: { name: string; description: string }[];
}

/**
 * One indicator with its definition page (queries/indicators-list.ts `indicatorModel`): what
 * `lantern indicator show ID --format json` prints and GET /api/v1/indicators/{id} sends as `data`.
 */
export interface IndicatorDetail extends IndicatorInfo {
  /** The page's `# …` line; null where the indicator has no page. */
  definition_title: string | null;
  /** The page as written (markdown). */
  definition_markdown: string | null;
  /** Section name → body (without its `## ` heading), in page order. */
  definition_sections: Record<string, string> | null;
  /** The catalog's example parameters, and the same as a call of `/indicators/{id}/values`. */
  example: Record<string, unknown>;
  exampleUrl: string;
}

/**
 * The soft-power composite's definition page (docs/indicators/soft-power.md; queries/soft-power.ts
 * `softPowerDefinitionModel`): what `lantern softpower definition --format json` prints and GET
 * /api/v1/softpower/definition sends as `data`.
 */
export interface SoftPowerDefinition {
  /** Relative to the repository root: docs/indicators/soft-power.md. */
  page: string;
  /** The page's `# …` line. */
  definition_title: string;
  /** The page as written (markdown). */
  definition_markdown: string;
  /** Section name → body (without its `## ` heading), in page order. */
  definition_sections: Record<string, string>;
}

// ── Registry (`/registry/…`, src/api/routes/registry.ts) ─────────────────────────────────────

/** `/registry/institutions` and `/registry/map` rows. Dates keep their source's precision; gaps are null. */
export interface RegistryInstitution {
  id: string;
  kind: string;
  kind_en: string;
  kind_zh: string;
  name_en: string;
  name_zh: string | null;
  home_country: string;
  country: string;
  country_en: string | null;
  country_zh: string | null;
  region: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  programme: string | null;
  batch: number | null;
  opened: string | null;
  opened_precision: string | null;
  opened_year: number | null;
  /** Known to exist no later than this (a bound from the source, not an opening date). */
  opened_by: string | null;
  closed: string | null;
  source_url: string;
  source_note: string | null;
  /** On `/registry/map`: a representative point of the country (not the institution's location). */
  country_lat?: number | null;
  country_lon?: number | null;
  [key: string]: unknown;
}

/** `/registry/agreements` rows. */
export interface RegistryAgreement {
  id: string;
  kind: string;
  kind_en: string;
  kind_zh: string;
  title: string;
  home_country: string;
  partner: string | null;
  parties: string[];
  signed: string | null;
  signed_year: number | null;
  /** Signed no later than this (a bound from the source). */
  signed_by: string | null;
  in_force: string | null;
  source_url: string;
  source_note: string | null;
  [key: string]: unknown;
}

/** `/registry/map` data. */
export interface RegistryMapData {
  country: string;
  institutions: RegistryInstitution[];
  partners: { country: string; country_en: string; country_zh: string; kinds: string[]; agreements: number; first_signed: string | null }[];
}

/** `/registry/counts` rows: an official figure and what the registry lists by the same date. */
export interface RegistryCountRow {
  id: string;
  subject: string;
  metric: string;
  country: string;
  value: number;
  unit: string;
  as_of: string;
  as_of_precision: string;
  as_of_year: number;
  registry_count: number | null;
  source_url: string;
  source_note: string | null;
  [key: string]: unknown;
}

/**
 * `/registry/count` data and `lantern registry count KIND --format json`: how many institutions of a
 * kind (or agreement partners) a country has as of a date (queries `registryCountModel`).
 */
export interface RegistryAsOfCount {
  kind: string;
  country: string;
  as_of: string | null;
  /** Rows certainly open (signed) by the end of the as-of period. */
  count: number;
  /** Rows with no date and no bound: they may or may not have been open. */
  undated: number;
  /** Institutions dated, but not certainly open by then (not on agreement counts). */
  not_yet?: number;
  total: number;
  /** What is counted: `institutions`, or `partner countries` for an agreement kind. */
  counted: 'institutions' | 'partner countries';
}

/** `/registry/timeline` rows. */
export interface RegistryTimelineRow {
  date: string;
  precision: string;
  year: number;
  event: string;
  entity: string;
  id: string;
  label: string;
  label_zh: string | null;
  home_country: string;
  partner: string | null;
  value: number | null;
  source_url: string;
  [key: string]: unknown;
}

/** `/registry/trade` rows: exports of the home country to one partner and to all others. */
export interface RegistryTradePoint {
  year: number;
  partner: number;
  others: number;
  [key: string]: unknown;
}

/** `/registry/trade` data and `lantern registry trade --format json` (queries `registryTradeModel`): its series as the rows. */
export interface RegistryTradeData {
  exporter: string;
  partner: string;
  basket: string;
  /** The trade source read (BACI if loaded, else the reported source with most rows); null when none is loaded. */
  source: string | null;
  series: RegistryTradePoint[];
}

/** `/registry/effect` rows: one event with its before/after numbers (registry/effect.ts). */
export interface RegistryEffectEvent {
  id: string;
  partner: string;
  year: number;
  label?: string;
  used: boolean;
  /** Why an event was left out, when it was. */
  skipped?: string;
  treated_pre?: number;
  treated_post?: number;
  control_pre?: number;
  control_post?: number;
  control_partners?: number;
  did?: number;
}

/** The event study's summary: `/registry/effect` data less its events (`RegistryEffectData`). */
export interface RegistryEffectSummary {
  label: 'descriptive, not causal';
  event_kind: string;
  exporter: string;
  basket: string;
  source: string | null;
  window: number;
  events_total: number;
  events_used: number;
  /** Mean DiD in log points; null when no event could be used. */
  estimate: number | null;
  /** exp(estimate) − 1, as a percentage. */
  estimate_percent: number | null;
  ci_low: number | null;
  ci_high: number | null;
  ci_level: number;
  bootstrap: number;
  seed: string;
  years: [number, number] | null;
  /** Events whose year the registry does not know (left out, not guessed). */
  events_undated: { id: string; partner: string; label: string }[];
  method: string;
}

/**
 * `/registry/effect` data and `lantern registry effect --format json` (queries `registryEffectModel`):
 * the summary with its events, which the API also sends as `rows`.
 */
export interface RegistryEffectData extends RegistryEffectSummary {
  events: RegistryEffectEvent[];
}

/** `/registry/{collection}/{id}` data: the row as written, plus its audit history. */
export interface RegistryDetail {
  id: string;
  kind?: string;
  kind_en?: string;
  kind_zh?: string;
  country_en?: string | null;
  country_zh?: string | null;
  history: { id: number; at: string; actor: string; action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];
  [key: string]: unknown;
}

// ── The release diff (`/diff`, queries/release-diff.ts) ─────────────────────────────────────────

export interface ApiDiffSide {
  /** What the user named: a run id or a release. */
  name: string;
  runs: number[];
  releases: (string | null)[];
  sources: string[];
  editions: string[];
  /** Runs of this side whose rows come from replaced_flows (taken out by --replace). */
  replaced_runs: number[];
}

export interface ApiDiffTotals {
  rows_a: number;
  rows_b: number;
  value_a: number;
  value_b: number;
  change: number;
  /** (value_b − value_a) / value_a × 100; null when A sums to 0. */
  change_pct: number | null;
  added: { rows: number; value: number };
  removed: { rows: number; value: number };
  revised: { rows: number; value_a: number; value_b: number };
  unchanged: { rows: number; value: number };
}

export interface ApiDiffGroup {
  key: string;
  name_en: string | null;
  name_zh: string | null;
  rows_a: number;
  rows_b: number;
  added: number;
  removed: number;
  revised: number;
  value_a: number;
  value_b: number;
  change: number;
  change_pct: number | null;
  /** Share of the side's total, in percent. */
  share_a: number | null;
  share_b: number | null;
  /** share_b − share_a, in percentage points. */
  share_change: number | null;
}

export interface ApiDiffRevision {
  year: number;
  month: number | null;
  type_code: string;
  reporter: string;
  reporter_en: string | null;
  partner: string;
  partner_en: string | null;
  flow: string;
  product: string;
  value_a: number;
  value_b: number;
  change: number;
  change_pct: number | null;
}

/** `/diff` data: what changed between two runs or releases. */
export interface ApiReleaseDiff {
  a: ApiDiffSide;
  b: ApiDiffSide;
  by: 'reporter' | 'year' | 'product';
  totals: ApiDiffTotals;
  /** Totals by `by`: rows and values before and after, counts of changes, shares of each side's total. */
  groups: ApiDiffGroup[];
  /** The `top` revised rows with the largest change in value (absolute). */
  largest_value: ApiDiffRevision[];
  /** The `top` groups whose share of the total moved most (percentage points). */
  largest_share: ApiDiffGroup[];
  notes: string[];
}

/** `/complexity/product-space` data (queries/product-space.ts): the space of a year and a country's place in it. */
export interface ProductSpaceNode {
  product: string;
  name: string | null;
  /** Position in the layout, in [0, 1]. */
  x: number;
  y: number;
  pci: number | null;
  ubiquity: number;
  /** World exports of the product in the year (US$). */
  world_exports: number;
  /** Basket domain when the product is cultural, else null; its label in both languages. */
  domain: string | null;
  domain_en: string | null;
  domain_zh: string | null;
  /** The country's figures (null without a country). */
  rca: number | null;
  present: boolean | null;
  density: number | null;
  cog: number | null;
  exports: number | null;
}

/** One row of `/complexity/opportunities`: a product the country lacks, ranked by ½ z(density) + ½ z(COG). */
export interface OpportunityRow {
  rank: number;
  product: string;
  name: string | null;
  domain: string | null;
  domain_en: string | null;
  domain_zh: string | null;
  density: number;
  cog: number;
  pci: number | null;
  rca: number;
  /** ½ z(density) + ½ z(COG), z over every product the country lacks. */
  score: number;
  world_exports: number;
}

export interface ProductSpaceData {
  year: number;
  digits: number;
  edition: string | null;
  basket: string;
  country: { iso3: string; name: { en: string; zh: string } } | null;
  summary: {
    countries: number;
    products: number;
    eigenvalue: number | null;
    links: number;
    eci: number | null;
    eci_rank: number | null;
    coi: number | null;
    diversity: number | null;
    cultural_products: number;
    cultural_present: number | null;
    /** Why the country asked about is not ranked (below an entry threshold), else null. */
    left_out: string | null;
  };
  /** Entry thresholds of the ranking (0 = off) and who they left out, with why. */
  entry: {
    thresholds: { minExports: number; minPopulation: number; minProductTrade: number };
    /** `test` the threshold missed, `value` the country's exports or population (null: no figure), `reason` in words. */
    countries: { country: string; name_en: string; name_zh: string; test: 'exports' | 'population' | 'no-population' | 'product-trade'; value: number | null; threshold: number; reason: string }[];
    products: { product: string; test: 'exports' | 'population' | 'no-population' | 'product-trade'; value: number | null; threshold: number; reason: string }[];
  };
  nodes: ProductSpaceNode[];
  edges: { a: string; b: string; proximity: number; tree: boolean }[];
  /** ECI of every country in the matrix, by rank (the same space, so the same ECI as `summary`). */
  ranking: { rank: number | null; country: string; name_en: string; name_zh: string; eci: number | null; diversity: number }[];
}

/** `/hs/children`, `/hs/search` rows: one code of the HS nomenclature. */
export interface HsEntryRow {
  edition: string;
  code: string;
  level: number;
  parent: string | null;
  description: string | null;
  /** Lantern's own Chinese name (data/hs/names-zh.csv, not an official list); null where it has none. */
  description_zh: string | null;
  section: string | null;
  /** Codes one level down (0 for subheadings and search hits). */
  children: number;
}

/** `/hs/search` rows: a code and why the search found it. */
export interface HsSearchRow extends HsEntryRow {
  /**
   * What matched: the code's prefix, every word in the official English name, every word in the
   * Chinese name, or an everyday word for the goods (data/hs/everyday-words.csv: lantern, 灯笼 → 9505).
   */
  match: 'code' | 'description' | 'description_zh' | 'everyday';
  /** Why, in English (an everyday word's hit names the word and why it leads to the heading). */
  why: string;
  why_zh: string;
}

/** `/hs/names` rows: a code's names, for labels next to codes. */
export interface HsNameRow {
  edition: string;
  code: string;
  level: number;
  description: string | null;
  description_zh: string | null;
}

/**
 * An HS listing (queries/hs.ts): `lantern hs children|search|names --format json` prints it and
 * GET /api/v1/hs/children|search|names sends it as `data`, its `rows` also as the rows. `parent`
 * on the children, `q` on a search.
 */
export interface HsListData<R = HsEntryRow> {
  /** The edition read: the one asked for, else the newest loaded. */
  edition: string;
  parent?: string;
  q?: string;
  rows: R[];
}
/**
 * Export potential beside ITC's Export Potential Map (queries/epm-compare.ts): what `lantern epm
 * compare FILE --format json` prints and GET /api/v1/epm/compare sends as `data` (its `rows` as the
 * rows).
 */
export interface EpmComparisonRow {
  line: number;
  exporter: string;
  product: string;
  market: string;
  year: number;
  epm_potential: number;
  lantern_potential: number | null;
  /** Lantern / EPM potential. */
  ratio: number | null;
  epm_actual: number | null;
  lantern_actual: number | null;
  /** Rank of the market among this file's markets of the same exporter, product and year (1 = largest). */
  epm_rank: number;
  lantern_rank: number | null;
  epm_release: string | null;
  /** Why Lantern has no figure, when it has none. */
  note: string | null;
}

export interface EpmComparisonGroup {
  exporter: string;
  product: string;
  year: number;
  markets: number;
  /** Spearman's ρ of the markets' potentials (ties get average ranks); null under three markets. */
  spearman: number | null;
  /** Σ Lantern potential / Σ EPM potential over the markets both have. */
  level_ratio: number | null;
  /** Lantern's import runs the figures were read from. */
  runs: number[];
}

export interface EpmComparison {
  rows: EpmComparisonRow[];
  groups: EpmComparisonGroup[];
  notes: string[];
}

/**
 * What each `/api/v1` path answers: the `data` and the row type of `rows` (`never` where the path
 * sends none). The dashboard's `apiGet(path)` reads its types from here; a route that changes its
 * answer changes this entry.
 */
export interface ApiPaths {
  '/': { data: { name: string; version: string; openapi: string; routes: RouteInfo[] }; rows: never };
  '/status': { data: StatusData; rows: StatusData['tables'][number] };
  '/datasets': { data: never; rows: ImportRunInfo };
  '/diff': { data: ApiReleaseDiff; rows: Record<string, unknown> };
  '/countries': { data: never; rows: CountryRow };
  '/groups': { data: never; rows: CountryGroupRow };
  '/baskets': { data: never; rows: BasketInfo };
  '/official': { data: never; rows: OfficialRowInfo };
  '/indicators': { data: never; rows: IndicatorInfo };
  '/indicators/{id}': { data: IndicatorDetail; rows: never };
  '/softpower/definition': { data: SoftPowerDefinition; rows: never };
  '/compare': { data: CompareData; rows: CompareRow };
  '/markets': { data: MarketFinderData; rows: MarketRow };
  '/epm/compare': { data: EpmComparison; rows: EpmComparisonRow };
  '/profiles/product': { data: ProductProfileData; rows: never };
  '/complexity/product-space': { data: ProductSpaceData; rows: never };
  '/complexity/opportunities': { data: never; rows: OpportunityRow };
  '/hs/children': { data: HsListData; rows: HsEntryRow };
  '/hs/search': { data: HsListData<HsSearchRow>; rows: HsSearchRow };
  '/hs/names': { data: HsListData<HsNameRow>; rows: HsNameRow };
  '/registry/map': { data: RegistryMapData; rows: RegistryInstitution };
  '/registry/agreements': { data: never; rows: RegistryAgreement };
  '/registry/counts': { data: never; rows: RegistryCountRow };
  '/registry/count': { data: RegistryAsOfCount; rows: never };
  '/registry/timeline': { data: never; rows: RegistryTimelineRow };
  '/registry/trade': { data: RegistryTradeData; rows: RegistryTradePoint };
  '/registry/effect': { data: RegistryEffectData; rows: RegistryEffectEvent };
}

/** A path of the API with a known answer type. */
export type ApiPath = keyof ApiPaths;
