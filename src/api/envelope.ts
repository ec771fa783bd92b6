/**
 * The one JSON contract of the API (STYLE.md §9, after Datasette's JSON API):
 *
 *   success  { "ok": true, "data"?: …, "rows"?: [...], "total"?, "limit"?, "offset"?, "next"?, "meta"? }
 *   error    { "ok": false, "error": "message", "code": "kebab-code", "errors": [problem…], "status": 400 }
 *
 * Every response of `/api/v1` has one of these two shapes; a `.csv` path gives the rows as CSV.
 * This module turns LanternErrors and zod errors into the error shape and rows into CSV. Pure.
 */
import { writeCsv } from '../csv-out.ts';
import type { ZodError } from 'zod';
import { errorCodes, type ErrorCode, isLanternError, LanternError, type Problem } from '../errors.ts';
import type { ApiError, ApiProblem } from '../contract.ts';
import { expectedOf, plainMessage } from '../indicators/index.ts';
import { suggestCountries } from '../reference/index.ts';

/** Turns a zod error into a LanternError with one problem per issue, each naming its field. */
export function zodToLanternError(error: ZodError, where: 'query' | 'path' | 'body', input?: unknown): LanternError {
  const problems: Problem[] = error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : undefined;
    const raw = issue as unknown as { input?: unknown };
    // What the caller sent: zod's own copy when it kept one, else the value at the issue's path.
    const sent = raw.input !== undefined ? raw.input : valueAt(input, issue.path);
    // The expected value in words, and zod's own wording said plainly (as the CLI says it).
    const expected = expectedOf(issue);
    const p: Problem = { field: field ? `${where}.${field}` : where, message: plainMessage(issue, sent, expected) };
    if (expected) p.expected = expected;
    if (sent !== undefined && (typeof sent !== 'object' || sent === null)) p.found = String(sent).slice(0, 200);
    p.hint = where === 'path' ? 'fix this part of the path; /api lists the endpoints' : `fix ${field ?? where}; /api lists each parameter and its values`;
    // A country typed as a name ("China") or a near code: the closest codes, as the CLI suggests them.
    const near = p.found && /ISO 3166/.test(issue.message) ? suggestCountries(p.found.trim().toUpperCase()) : [];
    if (near.length) p.hint = `did you mean ${near.join(', ')}? ${p.hint}`;
    return p;
  });
  const names = problems.map((p) => p.field).filter(Boolean);
  const message = `Invalid ${where === 'path' ? 'path parameter' : where === 'query' ? 'query parameter' : 'request body'}${
    problems.length > 1 ? 's' : ''
  }: ${[...new Set(names)].join(', ')} — ${problems.map((p) => p.message).join('; ')}`;
  return new LanternError('invalid-argument', message, problems);
}

/** The value at a zod issue path in the input (own properties only). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k as string)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return Array.isArray(v) && v.length === 1 ? v[0] : v;
}

function toApiProblem(p: Problem): ApiProblem {
  const out: ApiProblem = { message: p.message };
  for (const k of ['file', 'line', 'column', 'field', 'expected', 'found', 'hint'] as const) {
    if (p[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = p[k];
  }
  return out;
}

/** The error envelope for any thrown value. Bugs become a 500 whose message does not leak internals. */
export function errorEnvelope(e: unknown): ApiError {
  if (isLanternError(e)) {
    const errors = e.problems.length ? e.problems.map(toApiProblem) : [{ message: e.message }];
    return { ok: false, error: e.message, code: e.code, errors, status: e.status };
  }
  const status = typeof (e as { status?: unknown })?.status === 'number' ? (e as { status: number }).status : 500;
  if (status < 500 && e instanceof Error) {
    return { ok: false, error: e.message, code: 'invalid-argument', errors: [{ message: e.message }], status };
  }
  // A bug's message may hold SQL, a stack or a file path: it goes to the server log, never to the caller.
  return {
    ok: false,
    error: 'Internal error: the server failed to answer this request (see the server log).',
    code: 'internal-error',
    errors: [{ message: 'internal error', hint: 'the details are in the server log' }],
    status: 500,
  };
}

/** An error envelope built from a code and message directly. */
export function errorOf(code: ErrorCode, message: string, problems: Problem[] = []): ApiError {
  return errorEnvelope(new LanternError(code, message, problems));
}

export { errorCodes };


/** Rows to CSV with a header; columns are the union of keys in first-seen order. */
export function rowsToCsv(rows: readonly Record<string, unknown>[]): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
  }
  if (columns.length === 0) return '';
  return writeCsv(columns, rows.map((r) => columns.map((c) => r[c])));
}

/** Flattens one level of nested objects into `a.b` keys, for a CSV of an object answer. */
export function flattenObject(o: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flattenObject(v as Record<string, unknown>, key));
    else out[key] = v;
  }
  return out;
}
