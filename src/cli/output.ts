/**
 * Output of listings: a table on a terminal, JSON / NDJSON / CSV when asked (`--format`).
 * Every listing command goes through `formatRows`, so every listing takes every format.
 */
import { writeFileSync } from 'node:fs';
import Table from 'cli-table3';
import { writeCsv } from '../csv-out.ts';
import { LanternError } from '../errors.ts';

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

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
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
      for (const r of rows) table.push(cols.map((c) => (c.display ? c.display(r[c.key], r) : cellText(r[c.key]))));
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
