/**
 * The one CSV writer (API `.csv` answers and the CLI's `--format csv`). A cell that a spreadsheet
 * would read as a formula — text starting with = + - @, a tab or a carriage return — is prefixed
 * with an apostrophe (OWASP's advice against CSV injection), so `=HYPERLINK(…)` in a registry
 * name stays text. Numbers, including negative ones, are written as numbers; booleans as true / false.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** One cell as written: objects as JSON, null/undefined empty, formula-like text neutralised. */
export function csvCell(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  const text = typeof v === 'object' ? JSON.stringify(v) : v;
  if (typeof text === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) return `'${text}`;
  return text;
}

/** A field holding any of these is quoted (RFC 4180). */
const NEEDS_QUOTES = /[",\n\r]/;

/**
 * One field: booleans as true or false (as JSON writes them and the dashboard's CSV download does;
 * an empty cell is a missing value, never false), quoted (its quotes doubled) when it holds a comma,
 * a quote or a line break.
 */
function csvField(v: unknown): string {
  const text = String(csvCell(v));
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV with a header row, every record ending with a newline. Written here rather than by a CSV
 * library: csv-stringify took 40-300 ms for the 1,800 rows of `lantern indicator rca --by domain`
 * (bench/RESULTS.md, session 8), this a few ms. The fields are what csv-stringify wrote.
 */
export function writeCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const record = (values: readonly unknown[]) => values.slice(0, columns.length).map(csvField).join(',');
  return [columns, ...rows].map(record).join('\n') + '\n';
}
