/**
 * The one CSV writer (API `.csv` answers and the CLI's `--format csv`). A cell that a spreadsheet
 * would read as a formula — text starting with = + - @, a tab or a carriage return — is prefixed
 * with an apostrophe (OWASP's advice against CSV injection), so `=HYPERLINK(…)` in a registry
 * name stays text. Numbers, including negative ones, are written as numbers.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** One cell as written: objects as JSON, null/undefined empty, formula-like text neutralised. */
export function csvCell(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  const text = typeof v === 'object' ? JSON.stringify(v) : v;
  if (typeof text === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) return `'${text}`;
  return text;
}

/** A CSV with a header row. */
export function writeCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify(
    rows.map((r) => r.map(csvCell)),
    { header: true, columns: columns.map((c) => String(csvCell(c))) },
  );
}
