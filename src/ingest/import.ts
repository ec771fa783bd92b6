/**
 * Importing files: detect → read (validate, normalise) → load, one transaction per file, with
 * provenance in `import_runs`.
 *
 * Invariants:
 * - Everything of one file lands in ONE transaction: a failure, or a killed process, leaves the store
 *   exactly as it was (DuckDB keeps uncommitted work out of the file).
 * - The same bytes in the same format are imported once: a second import is a no-op that names the
 *   earlier run. `replace` swaps the earlier run(s) of the same file name and format in the same
 *   transaction (their rows are deleted, the runs are kept with `replaced_by`, and each deleted row's
 *   key and value is kept in `replaced_flows` for `lantern diff`).
 * - Bad rows are collected (all of them counted, the first ones kept) and thrown once as
 *   LanternError 'bad-rows', unless `skipBadRows`, which records each in `rejected_rows`.
 * - Only the base name of a file is stored, never a machine path.
 *
 * @example
 *   const [summary] = await importFiles(store, ['BACI_HS17_V202401.zip'], { onProgress });
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { isLanternError, LanternError, type Problem } from '../errors.ts';
import { loadCountries, parseEdition } from '../reference/index.ts';
import {
  type BulkReader,
  type FlowRow,
  type FormatId,
  formatEntry,
  NeedsDiagnosis,
  type ReaderOptions,
  type RowProblem,
  type RowReader,
  checkUnpackedSize,
  type UnpackLimits,
} from '../sources/index.ts';
import { type AppendKind, type AppendOptions, type AppendValue, type DuckDBStore, isClickHouseStore, isDuckDBStore, rowAppender, sql, type Store } from '../store/index.ts';
import { deleteRunSummaries, writeRunStats, writeRunSummaries } from '../store/index.ts';
import { type Detected, detectFormat } from './detect.ts';
import { keepReplacedRows } from './keep-replaced.ts';

/** Progress of an import in bytes of the file (the CLI draws it as a bar). */
export type OnProgress = (e: { done: number; total?: number; unit: string; label?: string }) => void;

export interface ImportOptions extends ReaderOptions {
  /** A format name or alias (see `formatAliases`); detected when absent. */
  format?: string;
  /** Replace earlier runs of the same file name and format. */
  replace?: boolean;
  /** Caps on what a zip or gzip may expand to (settings maxUnpackedBytes, maxUnpackRatio). */
  unpackLimits?: UnpackLimits;
  /** Import the good rows and record the bad ones in `rejected_rows`. */
  skipBadRows?: boolean;
  onProgress?: OnProgress;
  /** The clock (tests pin it). */
  now?: () => Date;
  /** On a ClickHouse store: batch size and a hook after each batch (ingest/cluster-import.ts). */
  cluster?: AppendOptions;
  /**
   * false: the run's summaries and statistics (store/flow-totals.ts) are not written by the import; the next
   * `prepareStore` builds them (`ensureFlowSummaries`) and read models read the rows until then.
   * `npm run bench:import` measures their cost this way. Default true.
   */
  summaries?: boolean;
}

export interface ImportSummary {
  file: string;
  format: FormatId;
  source: string;
  status: 'imported' | 'replaced' | 'unchanged';
  runId: number;
  replacedRuns: number[];
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  yearMin: number | null;
  yearMax: number | null;
  reporters: number;
  sha256: string;
  release: string | null;
  warnings: string[];
  message: string;
}

/** The columns of rejected_rows (migration 001), in order. */
const REJECTED_COLUMNS = [
  { name: 'run_id', kind: 'integer' },
  { name: 'line', kind: 'bigint' },
  { name: 'field', kind: 'varchar' },
  { name: 'reason', kind: 'varchar' },
  { name: 'raw', kind: 'varchar' },
] as const;

/** How many problems a failed import keeps in full (all are counted). */
const PROBLEMS_KEPT = 1000;

/** The reader of a detected file: its format's registry entry opens it (sources/formats.ts). */
export function readerFor(d: Detected): RowReader | BulkReader {
  return formatEntry(d.format).open(d);
}

/** sha256 of a file's bytes, streamed. */
export async function sha256File(path: string, onBytes?: (done: number) => void): Promise<string> {
  const h = createHash('sha256');
  let done = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 8 << 20 })) {
    h.update(chunk as Buffer);
    done += (chunk as Buffer).length;
    onBytes?.(done);
  }
  return h.digest('hex');
}

/**
 * The columns of `trade_flows_wide` (migrations 001, 012), in the table's order, which is the order
 * `wideRow` gives them in: a row reader's rows are appended to the table as they are read.
 */
const WIDE_COLUMNS: readonly { name: string; kind: AppendKind }[] = [
  { name: 'run_id', kind: 'integer' },
  { name: 'year', kind: 'smallint' },
  { name: 'month', kind: 'tinyint' },
  { name: 'type_code', kind: 'varchar' },
  { name: 'reporter', kind: 'varchar' },
  { name: 'partner', kind: 'varchar' },
  { name: 'partner_kind', kind: 'varchar' },
  { name: 'flow', kind: 'varchar' },
  { name: 'classification', kind: 'varchar' },
  { name: 'product', kind: 'varchar' },
  { name: 'product_level', kind: 'tinyint' },
  { name: 'value_usd', kind: 'double' },
  { name: 'quantity', kind: 'double' },
  { name: 'quantity_unit', kind: 'varchar' },
  { name: 'net_weight_kg', kind: 'double' },
];
/** A reader's row as `trade_flows_wide`'s values, in the order of `WIDE_COLUMNS`. */
function wideRow(runId: number, r: FlowRow): AppendValue[] {
  return [
    runId, r.year, r.month, r.typeCode, r.reporter, r.partner, r.partnerKind, r.flow, r.classification,
    r.product, r.productLevel, r.valueUsd, r.quantity, r.quantityUnit, r.netWeightKg,
  ];
}

function ts(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

function badRowsError(
  file: string,
  problems: RowProblem[],
  rejectedLines: number,
  total: number,
): LanternError {
  // Every row problem says how to fix it: the reader's own hint, else the general one.
  problems = problems.map((p) => (p.hint ? p : { ...p, hint: 'fix the row, or pass --skip-bad-rows to import the others' }));
  return new LanternError(
    'bad-rows',
    `${file}: ${rejectedLines.toLocaleString('en-US')} row${rejectedLines === 1 ? '' : 's'} cannot be imported (${total.toLocaleString('en-US')} problem${total === 1 ? '' : 's'}); nothing was written. Fix them, or pass --skip-bad-rows to import the other rows and record these in rejected_rows.`,
    problems.map(({ raw: _raw, ...p }) => p as Problem),
  );
}

/** How bad-rows errors (this file's and the readers') tell a CLI user to get past them. */
const SKIP_BAD_ROWS_ADVICE = /,? or pass --skip-bad-rows to import the (?:others|other rows and record these in rejected_rows)/g;

/**
 * An import error worded for a file uploaded to the server (`POST /jobs/import`, the dashboard's
 * empty-store page): it has no --skip-bad-rows, so the way out it names is to fix the rows and
 * upload the file again. Other errors, and the problems' places and values, are left as they are.
 */
export function forUpload(e: unknown): unknown {
  if (!isLanternError(e)) return e;
  const upload = ' and upload the file again';
  return new LanternError(
    e.code,
    e.message.replace(SKIP_BAD_ROWS_ADVICE, upload),
    e.problems.map((p) => (p.hint ? { ...p, hint: p.hint.replace(SKIP_BAD_ROWS_ADVICE, upload) } : p)),
  );
}

/** Imports files one after the other; each file is one transaction. Resolves to one summary per file. */
export async function importFiles(
  store: Store,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportSummary[]> {
  if (isClickHouseStore(store)) {
    // Read into a scratch DuckDB store by this same function, then appended to the cluster.
    const { importIntoCluster } = await import('./cluster-import.ts');
    return importIntoCluster(store, paths, options, importFiles);
  }
  if (!isDuckDBStore(store)) {
    throw new LanternError('store-error', 'Importing needs the embedded DuckDB store.', [
      {
        message: 'this store cannot bulk-load files',
        hint: 'import into a DuckDB store (--db FILE), then copy to the cluster',
      },
    ]);
  }
  // A bogus edition must never be stored on a run (every later query of it would fail).
  if (options.hsEdition !== undefined) options = { ...options, hsEdition: parseEdition(options.hsEdition, '--hs-edition') };
  await loadCountries(store); // the code tables every reader resolves against (a no-op when current)
  const out: ImportSummary[] = [];
  for (const path of paths) out.push(await importOne(store, path, options));
  return out;
}

/**
 * A file the database's reader could not parse, with no bad row found by the diagnosis: said in
 * the user's terms. The engine's own text (SQL, sniffer settings, temporary paths) stays out of the
 * message; only the line number it names, if any, is kept.
 */
function unreadable(file: string, cause: unknown): LanternError {
  const text = cause instanceof Error ? cause.message : String(cause);
  const line = /\bLine:? (\d+)/i.exec(text)?.[1];
  return new LanternError('bad-file', `${file} cannot be parsed in the format given.`, [
    {
      file,
      ...(line ? { line: Number(line) } : {}),
      message: 'the file cannot be parsed',
      expected: 'a complete file in the detected or given format',
      found: /sniff/i.test(text) ? 'lines the CSV reader cannot make sense of' : 'data the reader cannot parse',
      hint: 'check that the file is complete and in the format given (--format); re-download it if it was cut short',
    },
  ]);
}

/** The summary of a file imported before: nothing is read or written. */
async function unchanged(
  store: Store,
  file: string,
  reader: RowReader | BulkReader,
  runId: number,
  sha256: string,
): Promise<ImportSummary> {
  const [r] = await store.query<Record<string, number | string | null>>(
    sql`select * from import_runs where id = ${runId}`,
  );
  return {
    file,
    format: reader.format,
    source: reader.source,
    status: 'unchanged',
    runId,
    replacedRuns: [],
    rowsRead: Number(r?.rows_read ?? 0),
    rowsLoaded: Number(r?.rows_loaded ?? 0),
    rowsRejected: Number(r?.rows_rejected ?? 0),
    yearMin: (r?.year_min as number | null) ?? null,
    yearMax: (r?.year_max as number | null) ?? null,
    reporters: Number(r?.reporters ?? 0),
    sha256,
    release: (r?.release as string | null) ?? null,
    warnings: [],
    message: `already imported as run ${runId}; nothing changed (pass --replace to import it again)`,
  };
}

async function importOne(
  store: DuckDBStore & Store,
  path: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const file = basename(path);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new LanternError('not-found', `No such file: ${file}`, [
      { file, message: 'file not found', hint: 'check the path' },
    ]);
  }
  const now = options.now ?? (() => new Date());
  const size = statSync(path).size;
  const progress = (done: number) =>
    options.onProgress?.({
      done: Math.min(done, size),
      total: size,
      unit: 'bytes',
      label: `${file} loading`,
    });
  const detected = await detectFormat(path, options.format);
  const reader = readerFor(detected);
  await checkUnpackedSize(path, file, { ...detected, countGzip: reader.kind === 'bulk' }, options.unpackLimits);
  // The sha256 names the bytes in provenance and finds a second import of the same file. Only a
  // file of the size of an earlier run can be the same file: then it is hashed before anything is
  // read (a repeat costs one hash); otherwise the hash runs while DuckDB loads.
  const [candidate] = await store.query<{ n: number }>(
    sql`select count(*)::int as n from import_runs where format = ${reader.format} and replaced_by is null
        and (file_bytes = ${size} or file_bytes is null)`,
  );
  let sha256: Promise<string>;
  if (candidate?.n) {
    const digest = await sha256File(path, (done) =>
      options.onProgress?.({ done, total: size, unit: 'bytes', label: `${file} hashing` }),
    );
    sha256 = Promise.resolve(digest);
    const [earlier] = await store.query<{ id: number }>(
      sql`select id from import_runs where sha256 = ${digest} and format = ${reader.format} and replaced_by is null order by id limit 1`,
    );
    if (earlier && !options.replace) return unchanged(store, file, reader, earlier.id, digest);
  } else {
    sha256 = sha256File(path);
    sha256.catch(() => {}); // awaited in the transaction; a read error surfaces there
  }

  try {
    return await importInTransaction({ store, path, file, reader, sha256, options, progress, now, tolerant: false });
  } catch (e) {
    if (!(e instanceof NeedsDiagnosis) || reader.kind !== 'bulk') throw e;
    // The fast path failed on the data and the transaction rolled back: find every bad row.
    const problems: RowProblem[] = [];
    let count = 0;
    const lines = new Set<string>();
    await reader.diagnose({
      file,
      path,
      store,
      options: { hsEdition: options.hsEdition, release: options.release, productsFor: options.productsFor },
      onBytes: () => {},
      reject: (p) => {
        count++;
        lines.add(`${p.file}:${p.line}`);
        if (problems.length < PROBLEMS_KEPT) problems.push(p);
      },
      warn: () => {},
      record: () => {},
    });
    if (count) throw badRowsError(file, problems, lines.size, count);
    // No bad rows: the fast path tripped on something valid (e.g. a padded "   NA"). Read it tolerantly.
    try {
      return await importInTransaction({ store, path, file, reader, sha256, options, progress, now, tolerant: true });
    } catch (e2) {
      if (!(e2 instanceof NeedsDiagnosis)) throw e2;
    }
    throw unreadable(file, e.cause);
  }
}

/** One attempt at importing one file, everything `importInTransaction` needs. */
interface ImportAttempt {
  store: DuckDBStore & Store;
  path: string;
  /** The file's base name (all that is stored of its path). */
  file: string;
  reader: RowReader | BulkReader;
  /** The file's sha256, computed while the rows load. */
  sha256: Promise<string>;
  options: ImportOptions;
  /** Bytes of the file read so far. */
  progress: (done: number) => void;
  now: () => Date;
  /** Read the file tolerantly (the fast bulk path tripped on something valid). */
  tolerant: boolean;
}

/** The years, and how many reporters, a run's rows hold. */
type RunRange = { year_min: number | null; year_max: number | null; reporters: number };

/** What loading the rows of a run gave. */
interface Loaded {
  rowsRead: number;
  rowsLoaded: number;
  rejectedLines: number;
  release: string | null;
  classification: string | null;
  /** The run's range when the reader knows it (a bulk reader's one scan); else read from the rows. */
  range?: RunRange;
  warnings: string[];
  /** Options recorded on the run (`import_runs.options`). */
  recorded: Record<string, string>;
}

/** One file in one transaction: the run row, its rows, the runs it replaces, its summaries. */
async function importInTransaction(attempt: ImportAttempt): Promise<ImportSummary> {
  return attempt.store.transaction(async (tx) => {
    const txd = tx as DuckDBStore & Store;
    const old = attempt.options.replace ? await earlierRuns(tx, attempt) : [];
    const runId = await startRun(tx, attempt);
    attempt.progress(0);
    const loaded = await loadRows(txd, attempt, runId);
    refuseEmpty(attempt, loaded.rowsRead);
    await retireRuns(tx, old, runId);
    const digest = await attempt.sha256;
    const range = loaded.range ?? (await rowRange(tx, runId));
    await finishRun(tx, attempt, runId, loaded, range, digest);
    if (attempt.options.summaries !== false) await writeSummaries(tx, attempt.reader, runId, range);
    return importSummary(attempt, runId, old, loaded, range, digest);
  });
}

/** The current runs of the same file name and format, which a `--replace` import replaces. */
async function earlierRuns(tx: Store, { file, reader }: ImportAttempt): Promise<number[]> {
  const rows = await tx.query<{ id: number }>(
    sql`select id from import_runs where file_name = ${file} and format = ${reader.format} and replaced_by is null order by id`,
  );
  return rows.map((r) => r.id);
}

/** Inserts the run's row and resolves to its id. The sha256 is written once known; the row is never seen before the commit. */
async function startRun(tx: Store, { reader, options, file, now, path }: ImportAttempt): Promise<number> {
  const [run] = await tx.query<{ id: number }>(
    sql`insert into import_runs (source, format, release, file_name, sha256, perspective, started_at, file_bytes)
        values (${reader.source}, ${reader.format}, ${options.release ?? null}, ${file}, '', ${reader.perspective}, ${ts(now())}::timestamp, ${statSync(path).size})
        returning id`,
  );
  return (run as { id: number }).id;
}

/** The bad rows of one load: all counted, the first ones kept, each recorded in `rejected_rows` with `skipBadRows`. */
interface Rejects {
  add(p: RowProblem): void;
  /** Whether `p` is on another line than the problem before it. */
  newLine(p: RowProblem): boolean;
  lines: number;
  count: number;
  kept: RowProblem[];
  close(): Promise<void>;
}

async function rejectsFor(tx: DuckDBStore & Store, runId: number, record: boolean): Promise<Rejects> {
  const appender = record ? await rowAppender(tx, 'rejected_rows', REJECTED_COLUMNS) : undefined;
  let lastLine = -1;
  const r: Rejects = {
    lines: 0,
    count: 0,
    kept: [],
    newLine: (p) => p.line !== lastLine,
    add(p) {
      r.count++;
      if (p.line !== lastLine) {
        r.lines++;
        lastLine = p.line;
      }
      if (r.kept.length < PROBLEMS_KEPT) r.kept.push(p);
      if (!appender) return;
      const ef = p.expected !== undefined ? ` (expected ${p.expected}, found ${JSON.stringify(p.found ?? '')})` : '';
      appender.add([runId, p.line, (p.column ?? p.field) || null, `${p.message}${ef}`, p.raw !== undefined ? p.raw.slice(0, 2000) : null]);
    },
    close: async () => appender?.close(),
  };
  return r;
}

/** Reads the file into the run's rows through its reader; bad rows stop the import unless `skipBadRows`. */
async function loadRows(tx: DuckDBStore & Store, attempt: ImportAttempt, runId: number): Promise<Loaded> {
  const { options } = attempt;
  const loaded: Loaded = {
    rowsRead: 0,
    rowsLoaded: 0,
    rejectedLines: 0,
    release: options.release ?? null,
    classification: null,
    warnings: [],
    recorded: {},
  };
  if (options.hsEdition) loaded.recorded.hs_edition = options.hsEdition;
  if (options.encoding && options.encoding !== 'utf-8') loaded.recorded.encoding = options.encoding;
  const rejects = await rejectsFor(tx, runId, options.skipBadRows ?? false);
  try {
    if (attempt.reader.kind === 'rows') await loadRowReader(tx, attempt, attempt.reader, runId, rejects, loaded);
    else await loadBulk(tx, attempt, attempt.reader, runId, rejects, loaded);
  } finally {
    await rejects.close();
  }
  loaded.rejectedLines = rejects.lines;
  return loaded;
}

/** What a reader reports besides rows: warnings and options recorded on the run. */
function readerNotes(loaded: Loaded) {
  return {
    warn: (m: string) => loaded.warnings.push(m),
    record: (k: string, v: string) => {
      loaded.recorded[k] = v;
    },
  };
}

/**
 * A row reader: its rows are appended to `trade_flows_wide` as they are read, inside the import's
 * transaction (a failure rolls them back with the rest). They went through a temp staging table
 * and were copied at the end before: the copy cost about a second of CPU per million rows
 * (bench/RESULTS.md, session 11).
 */
async function loadRowReader(
  tx: DuckDBStore & Store,
  { file, path, options, progress }: ImportAttempt,
  reader: RowReader,
  runId: number,
  rejects: Rejects,
  loaded: Loaded,
): Promise<void> {
  const wide = await rowAppender(tx, 'trade_flows_wide', WIDE_COLUMNS);
  try {
    await reader.read({
      file,
      path,
      options: {
        hsEdition: options.hsEdition,
        release: options.release,
        encoding: options.encoding,
        unpackLimits: options.unpackLimits,
        productsFor: options.productsFor,
      },
      onBytes: progress,
      emit: (r: FlowRow) => {
        loaded.rowsRead++;
        wide.add(wideRow(runId, r));
      },
      reject: (p) => {
        loaded.rowsRead += rejects.newLine(p) ? 1 : 0;
        rejects.add(p);
      },
      ...readerNotes(loaded),
    });
  } finally {
    await wide.close();
  }
  if (rejects.count && !options.skipBadRows) throw badRowsError(file, rejects.kept, rejects.lines, rejects.count);
  loaded.rowsLoaded = loaded.rowsRead - rejects.lines;
}

/** A bulk reader: it loads the rows itself (in SQL) and says what it loaded. */
async function loadBulk(
  tx: DuckDBStore & Store,
  { file, path, options, progress, tolerant }: ImportAttempt,
  reader: BulkReader,
  runId: number,
  rejects: Rejects,
  loaded: Loaded,
): Promise<void> {
  const r = await reader.load({
    file,
    path,
    store: tx,
    runId,
    options: { hsEdition: options.hsEdition, release: options.release, productsFor: options.productsFor },
    skipBadRows: options.skipBadRows ?? false,
    tolerant,
    onBytes: progress,
    reject: (p) => rejects.add(p),
    ...readerNotes(loaded),
  });
  if (rejects.count && !options.skipBadRows) throw badRowsError(file, rejects.kept, rejects.lines, rejects.count);
  loaded.rowsRead = r.rowsRead;
  loaded.rowsLoaded = r.rowsLoaded;
  loaded.release = loaded.release ?? r.release ?? null;
  loaded.classification = r.classification ?? null;
  if (r.stats) loaded.range = { year_min: r.stats.yearMin, year_max: r.stats.yearMax, reporters: r.stats.reporters };
}

/** A header-only file or an empty API answer is no data: a 0-row run would only hide the mistake. */
function refuseEmpty({ file, reader, options }: ImportAttempt, rowsRead: number): void {
  if (rowsRead > 0 || options.productsFor) return;
  throw new LanternError('bad-file', `${file} holds no data rows; nothing was imported.`, [
    {
      file,
      message: 'no data rows',
      expected: 'at least one row of trade data',
      found: reader.format.endsWith('json') ? 'an empty list of records' : 'a header and no rows',
      hint: 'check that the file (or the API query that produced it) selected any data',
    },
  ]);
}

/** The replaced runs: rows deleted (their keys and values kept for `lantern diff`), runs marked, summaries deleted. */
async function retireRuns(tx: Store, old: readonly number[], runId: number): Promise<void> {
  if (!old.length) return;
  for (const id of old) {
    await keepReplacedRows(tx, id);
    await tx.run(sql`delete from trade_flows_wide where run_id = ${id}`);
    await tx.run(sql`delete from baci_flows where run_id = ${id}`);
    await tx.run(sql`delete from rejected_rows where run_id = ${id}`);
    await tx.run(sql`update import_runs set replaced_by = ${runId} where id = ${id}`);
  }
  await deleteRunSummaries(tx, old);
}

/** The years and reporters of a run, read from its rows. */
async function rowRange(tx: Store, runId: number): Promise<RunRange> {
  const [range] = await tx.query<RunRange>(
    sql`select min(year) as year_min, max(year) as year_max, count(distinct reporter)::int as reporters from trade_flows where run_id = ${runId}`,
  );
  return range ?? { year_min: null, year_max: null, reporters: 0 };
}

/** Completes the run's row: counts, release, edition, sha256, years, options and warnings. */
async function finishRun(tx: Store, { now }: ImportAttempt, runId: number, loaded: Loaded, range: RunRange, digest: string): Promise<void> {
  const { recorded, warnings } = loaded;
  await tx.run(
    sql`update import_runs set finished_at = ${ts(now())}::timestamp, rows_read = ${loaded.rowsRead}, rows_loaded = ${loaded.rowsLoaded},
        rows_rejected = ${loaded.rejectedLines}, release = ${loaded.release}, classification = ${loaded.classification},
        sha256 = ${digest}, year_min = ${range.year_min}, year_max = ${range.year_max},
        reporters = ${range.reporters}, options = ${Object.keys(recorded).length ? JSON.stringify(recorded) : null},
        note = ${warnings.length ? warnings.join('; ') : null}
        where id = ${runId}`,
  );
}

/**
 * The summaries read models need, for this run only, in the import's transaction, once the run's
 * row says its HS edition, which the trade_flows view reads (store/flow-totals.ts). Year by year:
 * the same time as all years at once, about half the peak memory (bench/RESULTS.md, session 7).
 */
async function writeSummaries(tx: Store, reader: RowReader | BulkReader, runId: number, range: RunRange): Promise<void> {
  const { year_min: from, year_max: to } = range;
  const years = from == null || to == null ? undefined : Array.from({ length: to - from + 1 }, (_, i) => from + i);
  if (reader.perspective === 'reconciled') await writeRunSummaries(tx, runId, { years, stats: true });
  else await writeRunStats(tx, runId);
}

/** What the import says about the run it made. */
function importSummary(
  { file, reader }: ImportAttempt,
  runId: number,
  old: number[],
  loaded: Loaded,
  range: RunRange,
  digest: string,
): ImportSummary {
  const status = old.length ? 'replaced' : 'imported';
  const { year_min: from, year_max: to } = range;
  const years = from == null ? 'no years' : from === to ? `${from}` : `${from}–${to}`;
  const { rowsLoaded, rejectedLines } = loaded;
  return {
    file,
    format: reader.format,
    source: reader.source,
    status,
    runId,
    replacedRuns: old,
    rowsRead: loaded.rowsRead,
    rowsLoaded,
    rowsRejected: rejectedLines,
    yearMin: from ?? null,
    yearMax: to ?? null,
    reporters: range.reporters ?? 0,
    sha256: digest,
    release: loaded.release,
    warnings: loaded.warnings,
    message:
      `${status === 'replaced' ? `replaced run${old.length > 1 ? 's' : ''} ${old.join(', ')}: ` : ''}` +
      `run ${runId}, ${rowsLoaded.toLocaleString('en-US')} rows, ${years}` +
      (rejectedLines ? `, ${rejectedLines.toLocaleString('en-US')} rejected (see rejected_rows)` : ''),
  };
}
