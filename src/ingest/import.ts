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
import { type AppendKind, type AppendOptions, type AppendValue, appendColumnsDdl, type DuckDBStore, isClickHouseStore, isDuckDBStore, rowAppender, sql, type Store } from '../store/index.ts';
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

/** The staging table's columns, in the order `stageRow` gives them; trade_flows_wide takes the same names. */
const STAGE: readonly { name: string; kind: AppendKind }[] = [
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
const STAGE_COLUMNS = appendColumnsDdl(STAGE);
const FLOW_COLUMNS = STAGE.map((c) => c.name).join(', ');

/** A reader's row as the staging table's values, in the order of `STAGE`. */
function stageRow(runId: number, r: FlowRow): AppendValue[] {
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
    return await importInTransaction(store, path, file, reader, sha256, options, progress, now, false);
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
      return await importInTransaction(store, path, file, reader, sha256, options, progress, now, true);
    } catch (e2) {
      if (!(e2 instanceof NeedsDiagnosis)) throw e2;
    }
    throw unreadable(file, e.cause);
  }
}

async function importInTransaction(
  store: DuckDBStore & Store,
  path: string,
  file: string,
  reader: RowReader | BulkReader,
  sha256: Promise<string>,
  options: ImportOptions,
  progress: (done: number) => void,
  now: () => Date,
  tolerant: boolean,
): Promise<ImportSummary> {
  const warnings: string[] = [];
  const recorded: Record<string, string> = {};
  if (options.hsEdition) recorded.hs_edition = options.hsEdition;
  if (options.encoding && options.encoding !== 'utf-8') recorded.encoding = options.encoding;
  return store.transaction(async (tx) => {
    const old = options.replace
      ? (
          await tx.query<{ id: number }>(
            sql`select id from import_runs where file_name = ${file} and format = ${reader.format} and replaced_by is null order by id`,
          )
        ).map((r) => r.id)
      : [];
    // The sha256 is written once known (below); the row is never seen before the commit.
    const [run] = await tx.query<{ id: number }>(
      sql`insert into import_runs (source, format, release, file_name, sha256, perspective, started_at, file_bytes)
          values (${reader.source}, ${reader.format}, ${options.release ?? null}, ${file}, '', ${reader.perspective}, ${ts(now())}::timestamp, ${statSync(path).size})
          returning id`,
    );
    const runId = (run as { id: number }).id;
    progress(0);

    let rowsRead = 0;
    let rowsLoaded = 0;
    let rejectedLines = 0;
    let problemCount = 0;
    const kept: RowProblem[] = [];
    let release = options.release ?? null;
    let classification: string | null = null;
    let readerStats: { year_min: number | null; year_max: number | null; reporters: number } | undefined;
    const txd = tx as DuckDBStore & Store;

    const rejectedAppender = options.skipBadRows ? await rowAppender(txd, 'rejected_rows', REJECTED_COLUMNS) : undefined;
    let lastRejectedLine = -1;
    const reject = (p: RowProblem) => {
      problemCount++;
      if (p.line !== lastRejectedLine) {
        rejectedLines++;
        lastRejectedLine = p.line;
      }
      if (kept.length < PROBLEMS_KEPT) kept.push(p);
      if (rejectedAppender) {
        const ef =
          p.expected !== undefined ? ` (expected ${p.expected}, found ${JSON.stringify(p.found ?? '')})` : '';
        rejectedAppender.add([runId, p.line, (p.column ?? p.field) || null, `${p.message}${ef}`, p.raw !== undefined ? p.raw.slice(0, 2000) : null]);
      }
    };

    try {
      if (reader.kind === 'rows') {
        await tx.run(
          `create temp table if not exists ingest_stage (${STAGE_COLUMNS}); delete from ingest_stage`,
        );
        const stage = await rowAppender(txd, 'ingest_stage', STAGE);
        const emit = (r: FlowRow) => {
          rowsRead++;
          stage.add(stageRow(runId, r));
        };
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
            emit,
            reject: (p) => {
              rowsRead += p.line !== lastRejectedLine ? 1 : 0;
              reject(p);
            },
            warn: (m) => warnings.push(m),
            record: (k, v) => {
              recorded[k] = v;
            },
          });
        } finally {
          await stage.close();
        }
        if (problemCount && !options.skipBadRows) throw badRowsError(file, kept, rejectedLines, problemCount);
        await tx.run(
          `insert into trade_flows_wide (${FLOW_COLUMNS}) select ${FLOW_COLUMNS} from ingest_stage; drop table ingest_stage`,
        );
        rowsLoaded = rowsRead - rejectedLines;
      } else {
        const r = await reader.load({
          file,
          path,
          store: txd,
          runId,
          options: {
            hsEdition: options.hsEdition,
            release: options.release,
            productsFor: options.productsFor,
          },
          skipBadRows: options.skipBadRows ?? false,
          tolerant,
          onBytes: progress,
          reject,
          warn: (m) => warnings.push(m),
          record: (k, v) => {
            recorded[k] = v;
          },
        });
        if (problemCount && !options.skipBadRows) throw badRowsError(file, kept, rejectedLines, problemCount);
        rowsRead = r.rowsRead;
        rowsLoaded = r.rowsLoaded;
        release = release ?? r.release ?? null;
        classification = r.classification ?? null;
        if (r.stats) {
          readerStats = { year_min: r.stats.yearMin, year_max: r.stats.yearMax, reporters: r.stats.reporters };
        }
      }
    } finally {
      await rejectedAppender?.close();
    }

    // A header-only file or an empty API answer is no data: a 0-row run would only hide the mistake.
    if (rowsRead === 0 && !options.productsFor) {
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

    if (old.length) {
      for (const id of old) {
        await keepReplacedRows(tx, id);
        await tx.run(sql`delete from trade_flows_wide where run_id = ${id}`);
        await tx.run(sql`delete from baci_flows where run_id = ${id}`);
        await tx.run(sql`delete from rejected_rows where run_id = ${id}`);
        await tx.run(sql`update import_runs set replaced_by = ${runId} where id = ${id}`);
      }
      await deleteRunSummaries(tx, old);
    }
    const digest = await sha256;
    const [stats] = readerStats
      ? [readerStats]
      : await tx.query<{ year_min: number | null; year_max: number | null; reporters: number }>(
          sql`select min(year) as year_min, max(year) as year_max, count(distinct reporter)::int as reporters from trade_flows where run_id = ${runId}`,
        );
    await tx.run(
      sql`update import_runs set finished_at = ${ts(now())}::timestamp, rows_read = ${rowsRead}, rows_loaded = ${rowsLoaded},
          rows_rejected = ${rejectedLines}, release = ${release}, classification = ${classification},
          sha256 = ${digest}, year_min = ${stats?.year_min ?? null}, year_max = ${stats?.year_max ?? null},
          reporters = ${stats?.reporters ?? 0}, options = ${Object.keys(recorded).length ? JSON.stringify(recorded) : null},
          note = ${warnings.length ? warnings.join('; ') : null}
          where id = ${runId}`,
    );
    // The summaries read models need, for this run only, in this transaction, once the run
    // row says its HS edition, which the trade_flows view reads (store/flow-totals.ts).
    if (options.summaries !== false) {
      // Year by year: the same time as all years at once, about half the peak memory (bench/RESULTS.md, session 7).
      const years = stats?.year_min == null || stats.year_max == null ? undefined : Array.from({ length: stats.year_max - stats.year_min + 1 }, (_, i) => (stats.year_min as number) + i);
      if (reader.perspective === 'reconciled') await writeRunSummaries(tx, runId, { years, stats: true });
      else await writeRunStats(tx, runId);
    }
    const status = old.length ? 'replaced' : 'imported';
    const years =
      stats?.year_min == null
        ? 'no years'
        : stats.year_min === stats.year_max
          ? `${stats.year_min}`
          : `${stats.year_min}–${stats.year_max}`;
    return {
      file,
      format: reader.format,
      source: reader.source,
      status,
      runId,
      replacedRuns: old,
      rowsRead,
      rowsLoaded,
      rowsRejected: rejectedLines,
      yearMin: stats?.year_min ?? null,
      yearMax: stats?.year_max ?? null,
      reporters: stats?.reporters ?? 0,
      sha256: digest,
      release,
      warnings,
      message:
        `${status === 'replaced' ? `replaced run${old.length > 1 ? 's' : ''} ${old.join(', ')}: ` : ''}` +
        `run ${runId}, ${rowsLoaded.toLocaleString('en-US')} rows, ${years}` +
        (rejectedLines ? `, ${rejectedLines.toLocaleString('en-US')} rejected (see rejected_rows)` : ''),
    } satisfies ImportSummary;
  });
}
