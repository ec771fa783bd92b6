/**
 * LanternError: the one error class for user mistakes and bad input.
 *
 * Every user-facing failure has a stable kebab-case code from the registry below, an HTTP status,
 * and one or more problems. A stage that can find many problems collects them and the edge throws
 * once with all of them. Bugs stay plain `Error`.
 */

/** Where in an input a problem was found. Every field is optional: say what is known. */
export interface ProblemLocation {
  file?: string;
  line?: number;
  column?: string;
  field?: string;
}

/** One thing wrong with an input, with what was expected and how to fix it. */
export interface Problem extends ProblemLocation {
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
}

/** The registry of error codes: code → HTTP status and a short title. Add codes here, nowhere else. */
export const errorCodes = {
  'invalid-argument': { status: 400, title: 'Invalid argument' },
  'invalid-config': { status: 400, title: 'Invalid configuration' },
  'not-found': { status: 404, title: 'Not found' },
  'no-data': { status: 404, title: 'No data' },
  'unknown-country': { status: 400, title: 'Unknown country code' },
  'unknown-product': { status: 400, title: 'Unknown product code' },
  'unknown-basket': { status: 404, title: 'Unknown basket' },
  'unknown-indicator': { status: 404, title: 'Unknown indicator' },
  'unresolved-codes': { status: 422, title: 'Codes that cannot be resolved' },
  'edition-mismatch': { status: 422, title: 'HS edition mismatch' },
  'scope-mismatch': { status: 422, title: 'Series of different scope' },
  'mixed-sources': { status: 422, title: 'Data from different sources or perspectives' },
  'unknown-format': { status: 400, title: 'Unknown file format' },
  'bad-file': { status: 422, title: 'File cannot be read' },
  'too-large': { status: 413, title: 'Input too large' },
  'csv-missing-column': { status: 422, title: 'Missing column' },
  'bad-rows': { status: 422, title: 'Rows that cannot be imported' },
  'already-imported': { status: 409, title: 'Already imported' },
  'conflict': { status: 409, title: 'Conflict' },
  'unauthorized': { status: 401, title: 'Unauthorized' },
  'forbidden': { status: 403, title: 'Forbidden' },
  'read-only': { status: 403, title: 'Store is read-only' },
  'network-error': { status: 502, title: 'Download failed' },
  'store-error': { status: 500, title: 'Store error' },
  'unsupported': { status: 501, title: 'Not supported by this store' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCodes;

/** How many problems a message lists before it says "and N more". */
export const PROBLEMS_SHOWN = 20;

export class LanternError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly problems: Problem[];

  constructor(code: ErrorCode, message: string, problems: Problem[] = [], status: number = errorCodes[code].status) {
    super(message);
    this.name = 'LanternError';
    this.code = code;
    this.status = status;
    this.problems = problems;
  }

  /** The same error answered with another HTTP status (a thing a query parameter names that is not there: 400, not 404). */
  withStatus(status: number): LanternError {
    const e = new LanternError(this.code, this.message, this.problems, status);
    if (this.stack) e.stack = this.stack;
    return e;
  }

  /** The message with the first problems listed, one a line, and a count of the rest. */
  override toString(): string {
    return formatError(this);
  }
}

/**
 * Names a problem's field as the user typed it (a library parameter `a` is the CLI's `<release-a>`,
 * `weights` its `--weights`), in the hint too ("correct a: …" → "correct <release-a>: …").
 */
export function nameFieldAs(p: Problem, typed: string): void {
  const f = p.field;
  if (f && p.hint?.startsWith(`correct ${f}`) && !/[\w.]/.test(p.hint.charAt(`correct ${f}`.length)))
    p.hint = `correct ${typed}${p.hint.slice(`correct ${f}`.length)}`;
  p.field = typed;
}

/** Renders a problem as one line: `file:line column: message (expected X, found Y). hint` */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line !== undefined ? String(p.line) : undefined].filter(Boolean).join(':');
  const col = p.column ?? p.field;
  // A command-line flag (`--year`) or argument (`<iso3>`) is shown as typed, anything else as a column.
  const colText = col ? (/^(-|<)/.test(col) ? col : `column ${col}`) : undefined;
  const place = [where, colText].filter(Boolean).join(' ');
  // Only what is known is said: never "expected ?" or "found ?".
  const parts = [
    p.expected !== undefined ? `expected ${p.expected}` : undefined,
    p.found !== undefined ? `found ${JSON.stringify(p.found)}` : undefined,
  ].filter(Boolean);
  const ef = parts.length ? ` (${parts.join(', ')})` : '';
  const hint = p.hint ? ` — ${p.hint}` : '';
  return `${place ? `${place}: ` : ''}${p.message}${ef}${hint}`;
}

/** The full text of a LanternError: message, then up to PROBLEMS_SHOWN problems and a count of the rest. */
export function formatError(e: LanternError): string {
  const lines = [e.message];
  for (const p of e.problems.slice(0, PROBLEMS_SHOWN)) lines.push(`  - ${formatProblem(p)}`);
  if (e.problems.length > PROBLEMS_SHOWN) lines.push(`  … and ${e.problems.length - PROBLEMS_SHOWN} more`);
  return lines.join('\n');
}

export function isLanternError(e: unknown): e is LanternError {
  return e instanceof LanternError;
}

/** The result of a stage that can find many problems: the edge decides whether to throw. */
export interface Checked<T> {
  value: T;
  problems: Problem[];
}
