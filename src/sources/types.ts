/**
 * What every reader produces: trade rows already normalised to the `trade_flows` schema
 * (store/migrations/001_core.sql), and row problems with their line numbers.
 *
 * Invariant: a FlowRow is final — ISO3 keys, zero-padded product codes with their classification,
 * US dollars, flows X/M/RX/RM. Nothing after the reader converts units or codes.
 */
import type { Problem } from '../errors.ts';
import type { TextEncoding } from '../text-encoding.ts';
import type { DuckDBStore, Store } from '../store/index.ts';
import type { UnpackLimits } from './input.ts';

export type Flow = 'X' | 'M' | 'RX' | 'RM';
export type PartnerKind = 'country' | 'world' | 'area';

export interface FlowRow {
  year: number;
  /** 1–12, or null for annual data. */
  month: number | null;
  typeCode: 'C' | 'S';
  reporter: string;
  partner: string;
  partnerKind: PartnerKind;
  flow: Flow;
  /** 'HS1992' … 'HS2022', 'EBOPS2002', 'EBOPS2010', 'SITC1' … 'SITC4'. */
  classification: string;
  /** 'TOTAL' or a zero-padded code. */
  product: string;
  /** 0 for TOTAL, else the number of digits (services: the depth of the code). */
  productLevel: number;
  valueUsd: number;
  quantity: number | null;
  quantityUnit: string | null;
  netWeightKg: number | null;
}

/** A rejected row: where it is, why, and the raw text when known. */
export interface RowProblem extends Problem {
  line: number;
  raw?: string;
}

/** The formats Lantern reads; the value recorded in import_runs.format. */
export const formatIds = [
  'baci-csv',
  'baci-zip',
  'comtrade-plus-csv',
  'comtrade-api-json',
  'comtrade-bulk',
  'comtrade-legacy-csv',
  'ots-json',
  'kaggle-commodity-csv',
  'atlas-csv',
] as const;
export type FormatId = (typeof formatIds)[number];

/** What format detection knows of a file from its first bytes (sources/formats.ts `fileHead`). */
export interface FileHead {
  /** A zip archive (by its magic bytes). */
  zip: boolean;
  /** Gzip-compressed (the text below is the start of what it inflates to). */
  gzip: boolean;
  /** The start of the text, decoded, leading space and BOM trimmed. */
  text: string;
  /** The text starts with `{` or `[`. */
  json: boolean;
  /** The first line's delimiter: tab, semicolon (with no comma) or comma. */
  delimiter: string;
  /** The first line's columns, folded to lower-case letters and digits (`Trade Value (US$)` → `tradevalueus`); empty for JSON. */
  columns: ReadonlySet<string>;
}

/**
 * A format Lantern reads, as its reader's module declares it: the id recorded with the run, the
 * names `--format` accepts, how its first bytes are recognised, and the reader for a file of it.
 */
export interface FormatEntry {
  id: FormatId;
  /** Names a user may pass to --format for it (a name may stand for several, e.g. `baci`: csv or zip). */
  aliases: readonly string[];
  /** What a file of it looks like, in words, for the error that lists the layouts Lantern reads. */
  layout: string;
  /** Reads zip archives: a zip is given to it (and only to it), named or not. */
  zip?: boolean;
  /** True when a file's first bytes are this format's; tried in the registry's order. */
  sniff(head: FileHead): boolean;
  /** The reader of a file of this format. */
  open(head: { delimiter?: string }): RowReader | BulkReader;
}

/** Options a reader honours; the ones that change the data are recorded with the run. */
export interface ReaderOptions {
  /** HS edition to assume when the file does not say (e.g. 'HS2012' for OTS v4+). */
  hsEdition?: string;
  release?: string;
  /** The file's encoding when it is not UTF-8 (`--encoding latin1`); UTF-8 otherwise. */
  encoding?: TextEncoding;
  /** Caps on what a gzip may expand to while it is read (settings maxUnpackedBytes, maxUnpackRatio). */
  unpackLimits?: UnpackLimits;
  /**
   * Keep only these HS6 codes (BACI): called with the file's HS edition ('HS2017' …), so a basket
   * can be resolved to it. Filtering while reading keeps a 2 GB release down to the cultural rows.
   * `store` is the import's transaction: query through it (the store itself is busy until commit).
   */
  productsFor?: (edition: string, store: Store) => Promise<readonly string[]>;
}

/** What a reader is handed. `emit` and `reject` are synchronous so a reader can stream fast. */
export interface ReadContext {
  /** Base name of the file, used in every message. */
  file: string;
  /** Path to open. */
  path: string;
  options: ReaderOptions;
  /** Raw bytes of the file consumed so far (for progress). */
  onBytes: (done: number) => void;
  emit: (row: FlowRow) => void;
  reject: (p: RowProblem) => void;
  /** A note for the summary (e.g. "decoded as ISO-8859-1"). */
  warn: (message: string) => void;
  /** Options the reader decided on (e.g. the HS edition it assumed), recorded with the run. */
  record: (key: string, value: string) => void;
}

/** A reader that streams rows to `emit`. */
export interface RowReader {
  kind: 'rows';
  format: FormatId;
  source: string;
  perspective: 'reported' | 'reconciled';
  read(ctx: ReadContext): Promise<void>;
}

/** What a bulk loader is handed: it loads straight into the store with the engine's own readers. */
export interface BulkContext {
  file: string;
  path: string;
  /** The transaction's store: everything the loader writes lands or rolls back with the run. */
  store: DuckDBStore & Store;
  runId: number;
  options: ReaderOptions;
  skipBadRows: boolean;
  /** Second attempt after the fast path failed on a file with no bad rows: read text, cast in SQL. */
  tolerant: boolean;
  onBytes: (done: number) => void;
  reject: (p: RowProblem) => void;
  warn: (message: string) => void;
  record: (key: string, value: string) => void;
}

export interface BulkResult {
  rowsRead: number;
  rowsLoaded: number;
  release?: string;
  /** The classification every loaded row is in, where the reader stores it on the run. */
  classification?: string;
  /** Years and number of reporters of the loaded rows, when the reader has them at hand. */
  stats?: { yearMin: number | null; yearMax: number | null; reporters: number };
}

/**
 * Thrown by a bulk loader whose fast path failed on the data (a constraint or a conversion): the
 * transaction rolls back, then the importer calls `diagnose` outside it to find every bad row with
 * its line number, and throws those problems.
 */
export class NeedsDiagnosis extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** A reader that loads with the engine's own bulk readers (BACI). */
export interface BulkReader {
  kind: 'bulk';
  format: FormatId;
  source: string;
  perspective: 'reported' | 'reconciled';
  load(ctx: BulkContext): Promise<BulkResult>;
  /** Finds the bad rows of a file (outside any transaction), reporting each to `reject`. */
  diagnose(ctx: Omit<BulkContext, 'runId' | 'skipBadRows' | 'tolerant'>): Promise<void>;
}
