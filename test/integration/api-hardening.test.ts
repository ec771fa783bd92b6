/**
 * The API's guard rails (src/api/guard.ts and the envelope): security headers on every answer,
 * CORS on reads only, no server paths in /status, the token checked before a write's body is read,
 * a body limit, CSV cells that cannot run as formulas, `?table=` limited to the answer's own
 * tables, and 500s that carry no internals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, createApi } from '../../src/api/app.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/api/guard.ts';
import { routes as registryRoutes } from '../../src/api/routes/registry.ts';
import { routes as statusRoutes } from '../../src/api/routes/status.ts';
import { routes as profileRoutes } from '../../src/api/routes/profiles.ts';
import { csvCell, writeCsv } from '../../src/csv-out.ts';
import { createToken, loadBundledRegistry } from '../../src/registry/index.ts';
import type { Store } from '../../src/store/db.ts';
import { openFixtureStore } from './api-fixture.ts';

const now = new Date('2026-11-23T03:30:00Z');
let store: Store;
let api: Api;
let token: string;

beforeAll(async () => {
  store = await openFixtureStore();
  await loadBundledRegistry(store, { now });
  token = (await createToken(store, { name: 'editor', now })).token;
  api = await createApi({
    store,
    dbPath: '/srv/private/folder/lantern.duckdb',
    maxBodyBytes: 2048,
    now: () => now,
    log: () => {},
    modules: [
      { name: 'status', routes: statusRoutes },
      { name: 'profiles', routes: profileRoutes },
      { name: 'registry', routes: registryRoutes },
      {
        name: 'bug',
        routes: (app) =>
          app.get({ path: '/bug', summary: 'always fails', examples: { valid: [{}] } }, () => {
            throw new Error('Binder Error: select secret from /srv/private/folder/x.duckdb');
          }),
      },
    ],
  });
});
afterAll(async () => {
  await store.close();
});

describe('security headers', () => {
  it('are on JSON, CSV, error, 404 and HTML answers alike', async () => {
    for (const path of ['/api/v1/status', '/api/v1/status.csv', '/api/v1/profiles/country/XX', '/api/v1/nope', '/api', '/elsewhere']) {
      const res = await api.app.request(path);
      expect(res.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
  });
});

describe('CORS and paths', () => {
  it('lets any origin read but gives writes no CORS headers', async () => {
    const get = await api.app.request('/api/v1/status', { headers: { origin: 'https://elsewhere.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    const pre = await api.app.request('/api/v1/registry/agreements', {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-methods') ?? '').not.toMatch(/POST/);
    const post = await api.app.request('/api/v1/registry/agreements', {
      method: 'POST',
      headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('/status names the store file, never its folder', async () => {
    const res = await api.app.request('/api/v1/status');
    const text = await res.text();
    expect(JSON.parse(text).data.store.path).toBe('lantern.duckdb');
    expect(text).not.toContain('/srv/private');
  });
});

describe('writes', () => {
  it('checks the token before reading the body', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        pulled++;
        if (pulled > 1000) ctrl.close();
        else ctrl.enqueue(new Uint8Array(1024).fill(32));
      },
    });
    const res = await api.app.request('/api/v1/registry/agreements', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(401);
    expect(pulled, 'chunks of the body read before the token check').toBeLessThanOrEqual(1);
  });

  it('refuses a body over the limit with 413, declared or streamed', async () => {
    const big = JSON.stringify({ kind: 'cultural-agreement', note: 'x'.repeat(5000) });
    const declared = await api.app.request('/api/v1/registry/agreements', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': String(big.length) },
      body: big,
    });
    expect(declared.status).toBe(413);
    const json = (await declared.json()) as { code: string; errors: { expected?: string; hint?: string }[] };
    expect(json.code).toBe('too-large');
    expect(json.errors[0]).toMatchObject({ expected: 'at most 2048 bytes', hint: expect.any(String) });
    const streamed = new ReadableStream<Uint8Array>({
      start(ctrl) {
        ctrl.enqueue(new TextEncoder().encode(big));
        ctrl.close();
      },
    });
    const res = await api.app.request('/api/v1/registry/agreements', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: streamed,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('answers one deeply nested body with a 400, not a crash', async () => {
    const deep = `${'['.repeat(1000)}${']'.repeat(1000)}`;
    const res = await api.app.request('/api/v1/registry/agreements', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: deep,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('CSV and tables', () => {
  it('neutralises cells a spreadsheet would run as formulas, keeps numbers', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(csvCell('+1+2')).toBe(`'+1+2`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('-2+3')).toBe(`'-2+3`);
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell(-3)).toBe(-3);
    expect(csvCell('China')).toBe('China');
    expect(writeCsv(['name'], [['=1+1']])).toBe(`name\n'=1+1\n`);
    // Booleans as true / false, never 1 / empty (an empty cell is a missing value).
    expect(writeCsv(['bundled', 'current', 'note'], [[true, false, null]])).toBe('bundled,current,note\ntrue,false,\n');
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('?table=%s is a 400 naming the tables', async (name) => {
    const res = await api.app.request(`/api/v1/profiles/country/CHN.csv?table=${name}`);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { errors: { field?: string; expected?: string }[] };
    expect(json.errors[0]?.field).toBe('query.table');
    expect(json.errors[0]?.expected).toMatch(/\|/);
  });
});

describe('internal errors', () => {
  it('say nothing of SQL, paths or stacks', async () => {
    const res = await api.app.request('/api/v1/bug');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/Binder|select|\/srv|at .*\.ts/);
    expect(JSON.parse(text)).toMatchObject({ ok: false, code: 'internal-error', status: 500 });
  });
});
