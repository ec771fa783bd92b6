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
}

export interface ApiMeta {
  provenance?: ApiProvenance;
  /** True when the rows come from the synthetic demo world (`lantern demo`). */
  synthetic?: boolean;
  [key: string]: unknown;
}

/** One import run (a dataset) with its provenance. */
export interface ImportRunInfo {
  id: number;
  source: string;
  format: string;
  release: string | null;
  file_name: string;
  sha256: string;
  perspective: string;
  started_at: string;
  finished_at: string | null;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  note: string | null;
  years?: string | null;
  reporters?: number | null;
  synthetic?: boolean;
  [key: string]: unknown;
}

/** `/api/v1/status`: what the store holds. */
export interface StatusData {
  version: string;
  store: { path: string; readOnly: boolean; dialect: string };
  tables: { name: string; rows: number }[];
  trade: {
    rows: number;
    runs: number;
    years: number[];
    reporters: number;
    classifications: string[];
    /** True when any loaded run is synthetic (the demo world). */
    synthetic: boolean;
  };
  importRuns: ImportRunInfo[];
  /** Resource names with endpoints (for the dashboard navigation, e.g. `registry`). */
  resources: string[];
  /** How to load trade data, shown on trade pages of an empty store. */
  howToImport: { label: string; command: string }[];
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
