/**
 * API fuzz, bounded and seeded: for every operation of the OpenAPI document, requests with path
 * and query parameters drawn from a pool of plausible and hostile values (prototype keys, SQL,
 * paths, huge numbers, empty strings, CJK, overlong text), with and without `.csv`, and random
 * bodies for writes (half of them with a valid token, so they reach validation). Every answer must be
 * below 500 and no body may carry a stack trace, SQL or a filesystem path, and every operation must
 * have had a request reach its handler (past routing and the token check). The same seed gives the same requests, so a failure names a reproducible URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, createApi } from '../../src/api/app.ts';
import { createToken } from '../../src/registry/index.ts';
import type { Store } from '../../src/store/index.ts';
import { openFixtureStore } from './api-fixture.ts';

const SEED = 20261207;
const PER_OPERATION = 10;

/** mulberry32: a small seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLAUSIBLE = ['CHN', 'USA', 'DEU', '2021', '2015-2022', '950510', '4901', '97', 'unesco-fcs-2009', 'HS2017', 'export', 'value', '10', '0', '1'];
const HOSTILE = [
  '',
  ' ',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  '99999999999999999999999',
  "'; drop table trade_flows; --",
  '" or 1=1 --',
  '../../etc/passwd',
  '%00',
  '%ff%fe',
  'x'.repeat(500),
  '中国',
  '2022-2015',
  ',,,',
  '[]',
  '{}',
  'null',
  'true',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  'chn',
  'China',
  'ZZZ',
  '20x1',
];

/** Text that must never reach a caller: stack frames, SQL, engine error names, server paths. */
const LEAK = /\bat \S+ \(|\.(ts|js|mjs):\d+|\bselect\b[^"]{0,80}\bfrom\b|Binder Error|Catalog Error|Parser Error|Conversion Error|Invalid Input Error|(?<![\w.])\/(work|tmp|home|root|srv)\/|node_modules/i;

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string }[];
}

function operations(doc: Record<string, unknown>): Operation[] {
  const out: Operation[] = [];
  const paths = doc.paths as Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) out.push({ method: method.toUpperCase(), path, params: op.parameters ?? [] });
  }
  return out;
}

let store: Store;
let api: Api;
/** A valid write token: half the writes carry it, so their bodies reach validation, not only the token check. */
let token: string;
beforeAll(async () => {
  store = await openFixtureStore();
  token = (await createToken(store, { name: 'fuzz', now: new Date('2026-11-23T00:00:00Z') })).token;
  api = await createApi({ store, dbPath: 'fixture', log: () => {} });
}, 120_000);
afterAll(() => store.close());

describe('API fuzz (seeded)', () => {
  it('answers every fuzzed request below 500, with no stack, SQL or path in any body', async () => {
    const random = rng(SEED);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const value = () => (random() < 0.4 ? pick(PLAUSIBLE) : pick(HOSTILE));
    const ops = operations(api.openapi());
    expect(ops.length).toBeGreaterThan(10);
    const failures: string[] = [];
    /** Whether any request of an operation got past routing and the token check to its handler. */
    const reached: Record<string, boolean> = {};
    let sent = 0;
    for (const op of ops) {
      for (let n = 0; n < PER_OPERATION; n++) {
        let path = op.path.replace(/\{([^}]+)\}/g, () => encodeURIComponent(value()));
        const csv = op.method === 'GET' && random() < 0.25;
        if (csv) path += '.csv';
        const q = new URLSearchParams();
        for (const p of op.params.filter((x) => x.in === 'query')) if (random() < 0.5) q.append(p.name, value());
        if (random() < 0.2) q.append(pick(['table', 'limit', 'offset', 'bogus', '__proto__']), value());
        const url = `/api/v1${path}${q.size ? `?${q}` : ''}`;
        const init: RequestInit = { method: op.method };
        if (op.method !== 'GET') {
          const auth = random();
          const bearer = auth < 0.5 ? token : auth < 0.75 ? encodeURIComponent(value()) : undefined;
          init.headers = { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) };
          if (op.method !== 'DELETE') init.body = pick(['{', '[]', '{"kind":"x"}', JSON.stringify({ name: value(), country: value() }), '"x"', 'null', '[[[[[[[[]]]]]]]]']);
        }
        const res = await api.app.request(url, init);
        const text = await res.text();
        sent++;
        reached[`${op.method} ${op.path}`] ||= res.status !== 401 && !(res.status === 404 && /No endpoint /.test(text));
        if (res.status >= 500) failures.push(`${op.method} ${url} → ${res.status}: ${text.slice(0, 200)}`);
        else if (LEAK.test(text) && !(res.status === 200 && url.includes('openapi'))) {
          failures.push(`${op.method} ${url} → leaks: ${text.match(LEAK)?.[0]} in ${text.slice(0, 200)}`);
        }
      }
    }
    expect(sent).toBe(ops.length * PER_OPERATION);
    expect(Object.entries(reached).filter(([, r]) => !r).map(([op]) => op), 'operations no fuzzed request reached').toEqual([]);
    expect(failures, failures.join('\n')).toEqual([]);
  }, 600_000);
});
