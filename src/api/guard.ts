/**
 * The API's guard rails, applied by app.ts before any route runs:
 *
 * - security headers on every response (CSP fit for the dashboard: scripts only from this origin,
 *   inline style attributes allowed because the charts set them; no framing; no MIME sniffing; no
 *   referrer to other sites);
 * - CORS for reads only: any site may GET the open data, no site may write through a browser;
 * - writes: the token is checked from the headers *before* the body is read (an unauthenticated
 *   request costs no parsing), then the body is capped at `maxBodyBytes` while it streams in
 *   (Content-Length is checked first, so a large declared body is refused without reading it).
 *
 * The actor found by the token check is kept on the request (`writeActor(c)`) so the route does not
 * hash the secret a second time.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { LanternError } from '../errors.ts';
import { recordTokenUse, requireToken } from '../registry/index.ts';
import type { ApiDeps } from './router.ts';

/** Default cap on a request body: 1 MiB is far above the largest registry write. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Default cap on an uploaded file (a route with `upload`, e.g. `POST /jobs/import`): 1 GiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 1024 ** 3;

/** The Content-Security-Policy of every response: the dashboard and the /api page need no more. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CORS headers of a read. */
const READ_CORS_HEADERS: Readonly<Record<string, string>> = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag' };

const ANSWER_HEADERS = 'lantern-answer-headers';
/** Answers that already carry every header the guards asked for (`guardedResponse`). */
const guarded = new WeakSet<Response>();

/** Asks for `headers` on the request's answer: `guardedResponse` writes them in, else the guard sets them after the route. */
function askHeaders(c: Context, headers: Readonly<Record<string, string>>): void {
  const ctx = c as unknown as { get(k: string): unknown; set(k: string, v: unknown): void };
  const asked = ctx.get(ANSWER_HEADERS) as Readonly<Record<string, string>>[] | undefined;
  if (asked) asked.push(headers);
  else ctx.set(ANSWER_HEADERS, [headers]);
}

/**
 * A route's answer with the headers the guards asked for on this request written in (security
 * headers, a read's CORS headers), as one plain object: the guards then leave it alone. Setting
 * them on `c.res.headers` after the route made every answer build a Headers object (and the
 * Node adapter read it back), about a tenth of a cheap request's time on the main thread.
 */
export function guardedResponse(c: Context, body: BodyInit | null, status: number, headers: Record<string, string>): Response {
  const asked = (c as unknown as { get(k: string): unknown }).get(ANSWER_HEADERS) as Readonly<Record<string, string>>[] | undefined;
  if (asked) for (const h of asked) Object.assign(headers, h);
  const res = new Response(body, { status, headers });
  guarded.add(res);
  return res;
}

/** Sets the security headers on whatever the app answered (including errors and 304s). */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  askHeaders(c, SECURITY_HEADERS);
  await next();
  if (guarded.has(c.res)) return;
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
};

/**
 * CORS headers on reads only; a write from another origin gets none, so the browser refuses it.
 * A GET's headers are written into the route's answer (`guardedResponse`), else set on it once it
 * is made: Hono's `cors` sets them on `c.res` before the route runs, and the route's answer then
 * has to be copied into a second Response and its body streamed out (a third of a cheap request's
 * time on the main thread). Preflights (OPTIONS) go through Hono's `cors`.
 */
export function readOnlyCors(): MiddlewareHandler {
  const preflight = cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag'] });
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const read = READ_METHODS.has(c.req.method);
    if (read) askHeaders(c, READ_CORS_HEADERS);
    await next();
    if (!read || guarded.has(c.res)) return;
    for (const [k, v] of Object.entries(READ_CORS_HEADERS)) c.res.headers.set(k, v);
  };
}

const ACTOR = 'lantern-actor';

/** The token's name, once `writeGuard` accepted the request; undefined outside a guarded write. */
export function writeActor(c: Context): string | undefined {
  return (c as unknown as { get(k: string): unknown }).get(ACTOR) as string | undefined;
}

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : header.trim() || undefined;
}

/**
 * Every write under the API: refused on a read-only store, then the token, then the body limit —
 * in that order, so nothing of an unauthorised body is read.
 */
export function writeGuard(
  deps: ApiDeps,
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
  uploads: { paths: ReadonlySet<string>; maxBytes?: number } = { paths: new Set() },
): MiddlewareHandler {
  const capped = (maxSize: number, hint: string) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new LanternError('too-large', `The request body is larger than ${maxSize} bytes.`, [
          { field: 'body', message: 'request body too large', expected: `at most ${maxSize} bytes`, hint },
        ]);
      },
    });
  const limit = capped(maxBodyBytes, 'send fewer rows per request (split an array into several POSTs)');
  const uploadLimit = capped(uploads.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES, 'import a file this large with `lantern import FILE` on the server');
  return async (c, next) => {
    if (READ_METHODS.has(c.req.method)) return next();
    if (deps.readOnly) {
      throw new LanternError('read-only', 'The server was started with --read-only; this request writes.', [
        { message: `${c.req.method} ${c.req.path} changes data`, hint: 'restart `lantern serve` without --read-only' },
      ]);
    }
    const token = bearer(c.req.header('authorization'));
    const actor = await requireToken(deps.store, token, deps.now(), false);
    (c as unknown as { set(k: string, v: unknown): void }).set(ACTOR, actor);
    const res = await (uploads.paths.has(c.req.path) ? uploadLimit : limit)(c, next);
    // The token's last use is recorded once the write has landed: a refused request changes nothing.
    if ((res ?? c.res).status < 400 && token) await recordTokenUse(deps.store, token, deps.now());
    return res;
  };
}
