/**
 * The CLI's one printer: every command's output goes through here, in the format asked for
 * (`--format`): a table on a terminal, JSON / NDJSON / CSV, and Parquet for results; `--out FILE`
 * writes it to a file. Listings print rows (`printRows`, `ctx.print`); read models print their
 * whole answer as JSON, the same object the API sends (`emitResult`).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { writeCsv } from '../csv-out.ts';
import { LanternError } from '../errors.ts';
import type { Provenance } from '../queries/index.ts';
import type { CliEffects } from './context.ts';

export const listFormats = ['table', 'json', 'ndjson', 'csv'] as const;
export type ListFormat = (typeof listFormats)[number];

export function parseFormat<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new LanternError('invalid-argument', `Unknown output format "${value}".`, [
    { field: '--format', message: 'unknown output format', expected: allowed.join(' | '), found: value, hint: `e.g. --format ${allowed.includes('json' as T) ? 'json' : allowed[0]}` },
  ]);
}

export interface Column {
  key: string;
  label?: string;
  /** Render a cell for the table format only; JSON and CSV keep raw values. */
  display?: (value: unknown, row: Record<string, unknown>) => string;
}

/** Columns that hold a year (`year`, `year_min`, `ref_year`, a span's `from`/`to`): printed without a thousands separator. */
const YEAR_KEY = /(^|_)year($|_)|^(from|to)$/;

function cellText(v: unknown, key = ''): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' && Number.isInteger(v) && YEAR_KEY.test(key)) return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 4 });
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A table cell for a figure that may be missing: "no data" (the reason is in the source line), never blank or 0. */
export function noDataCell(f: (v: unknown) => string = cellText): (v: unknown) => string {
  return (v) => (v === null ? 'no data' : f(v));
}

/**
 * Renders rows in a format. `columns` fixes order and labels; by default all keys of the first row.
 * Rows are any plain objects (the wire types of contract.ts are interfaces without index signatures).
 */
export function formatRows(objects: readonly object[], format: ListFormat, columns?: Column[]): string {
  const rows = objects as readonly Record<string, unknown>[];
  const cols: Column[] = columns ?? Object.keys(rows[0] ?? {}).map((key) => ({ key }));
  const pick = (r: Record<string, unknown>) => Object.fromEntries(cols.map((c) => [c.key, r[c.key] ?? null]));
  switch (format) {
    case 'json':
      return `${JSON.stringify(rows.map(pick), null, 2)}\n`;
    case 'ndjson':
      return rows.map((r) => JSON.stringify(pick(r))).join('\n') + (rows.length ? '\n' : '');
    case 'csv':
      return writeCsv(
        cols.map((c) => c.key),
        rows.map((r) => cols.map((c) => r[c.key])),
      );
    case 'table': {
      if (rows.length === 0) return '(no rows)\n';
      const table = new Table({ head: cols.map((c) => c.label ?? c.key), style: { head: [], border: [] } });
      for (const r of rows) table.push(cols.map((c) => (c.display ? c.display(r[c.key], r) : cellText(r[c.key], c.key))));
      return `${table.toString()}\n`;
    }
  }
}

/** Writes text to --out FILE when given, else to the stdout effect. */
export function emit(text: string, out: string | undefined, stdout: (s: string) => void): void {
  if (out) writeOutFile(out, text);
  else stdout(text);
}

/** Writes an --out file; a folder, a missing folder or no permission is a clear error, not a crash. */
export function writeOutFile(out: string, data: string | Uint8Array): void {
  try {
    writeFileSync(out, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    const why: Record<string, string> = {
      EISDIR: 'names a folder, not a file',
      ENOENT: 'its folder does not exist',
      EACCES: 'no permission to write there',
      EPERM: 'no permission to write there',
      ENOTDIR: 'a part of the path is a file, not a folder',
      EROFS: 'the file system is read-only',
      ENOSPC: 'the disk is full',
    };
    throw new LanternError('invalid-argument', `Cannot write --out "${out}": ${why[code] ?? code}.`, [
      { field: '--out', message: why[code] ?? `cannot write (${code})`, expected: 'a writable file path', found: out, hint: 'choose another --out file, e.g. ./result.csv' },
    ]);
  }
}

/** The formats a command's --format accepts, so a wrong one is refused before the store opens. */
const formatsOf = new WeakMap<Command, readonly string[]>();

/** Adds --format (one of `formats`) and --out to a command. */
export function formatOptions(cmd: Command, formats: readonly string[], help = `output format: ${formats.join(' | ')}`): Command {
  formatsOf.set(cmd, formats);
  return cmd.option('--format <format>', help).option('--out <file>', 'write the output to a file instead of stdout');
}

/** Adds the listing options (--format, --out) to a command. */
export function listingOptions(cmd: Command, formats: readonly string[] = listFormats): Command {
  return formatOptions(cmd, formats);
}

/** Refuses a --format the command does not offer (before any store is opened). */
export function checkFormat(cmd: Command): void {
  const formats = formatsOf.get(cmd);
  if (formats) parseFormat(cmd.optsWithGlobals().format, formats, formats[0] as string);
}

/**
 * Prints listing rows honouring --format and --out. `wire`: the read model's rows as the API sends
 * them; JSON and NDJSON print those whole, while `rows` and `columns` shape the table and CSV.
 */
export function printRows(cmd: Command, effects: Pick<CliEffects, 'stdout'>, rows: readonly object[], columns?: Column[], wire?: readonly object[]): void {
  const o = cmd.optsWithGlobals();
  const format = parseFormat<ListFormat>(o.format, listFormats, 'table');
  const whole = wire && (format === 'json' || format === 'ndjson');
  emit(whole ? formatRows(wire, format) : formatRows(rows, format, columns), o.out, effects.stdout);
}

/** Whether the command prints a table (no --format, or --format table): columns chosen for reading apply then only. */
export function isTable(cmd: Command): boolean {
  const f = cmd.optsWithGlobals().format as string | undefined;
  return f === undefined || f === 'table';
}

export const resultFormats = ['table', 'json', 'ndjson', 'csv', 'parquet'] as const;
type ResultFormat = (typeof resultFormats)[number];
type Row = Record<string, unknown>;

/** --format (with parquet) and --out. */
export function resultOptions(cmd: Command): Command {
  return formatOptions(cmd, resultFormats, `output format: ${resultFormats.join(' | ')} (parquet needs --out)`);
}

/** A year column for tables (no thousands separator). */
export const yearCol: Column = {
  key: 'year',
  display: (v) => (v === null || v === undefined ? '' : String(v)),
};

/** One line saying where the numbers come from. */
export function provenanceLine(p: Provenance, notes: readonly string[] = []): string {
  const runs = p.runs
    .map((r) => `run ${r.id} ${r.source}${r.release ? ` ${r.release}` : ''} (${r.fileName})`)
    .join('; ');
  const view = p.view ? `, ${p.view} view` : '';
  const n = notes.length ? ` — ${notes.join('; ')}` : '';
  const level = p.trade === 'services' ? 'services' : `level ${p.level}`;
  return `source: ${runs} — ${p.perspective}${view}, ${p.classifications.join('/')} ${level}${n}\n`;
}

export interface Emittable {
  /** The whole result (for --format json). */
  json: unknown;
  /** Flat rows (ndjson, csv, parquet, and the default table). */
  rows: Row[];
  columns?: Column[];
  /** A human rendering for --format table (default: the rows as a table). */
  table?: () => string;
  /**
   * Why there are no rows, when there are none: the table says it in its body and JSON carries it;
   * CSV, NDJSON and Parquet (rows only) get it on stderr, so an empty file is not left unexplained.
   */
  empty?: string | null;
}

/** Prints a result in the format asked for, or writes it to --out. */
export async function emitResult(ctx: { effects: Pick<CliEffects, 'stdout' | 'stderr' | 'cwd'> }, cmd: Command, r: Emittable): Promise<void> {
  const o = cmd.optsWithGlobals() as { format?: string; out?: string };
  const format = parseFormat<ResultFormat>(o.format, resultFormats, 'table');
  if (r.empty && r.rows.length === 0 && format !== 'table' && format !== 'json') ctx.effects.stderr(`${r.empty}\n`);
  const out = o.out ? resolve(ctx.effects.cwd, o.out) : undefined;
  if (format === 'parquet') {
    if (!out) {
      throw new LanternError('invalid-argument', 'Parquet is binary: give a file with --out.', [
        {
          field: 'out',
          message: '--format parquet needs --out FILE',
          hint: 'e.g. --format parquet --out result.parquet',
        },
      ]);
    }
    // Imported here: the read models (and DuckDB) are not loaded by `lantern --help` (main imports this module).
    const { writeParquet } = await import('../queries/index.ts');
    await writeParquet(r.rows, out);
    return;
  }
  if (format === 'json') return emit(`${JSON.stringify(r.json, null, 2)}\n`, out, ctx.effects.stdout);
  if (format === 'table' && r.table) return emit(r.table(), out, ctx.effects.stdout);
  emit(formatRows(r.rows, format, r.columns), out, ctx.effects.stdout);
}
