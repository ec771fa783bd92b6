/**
 * The route framework on a test module: envelope, validation messages, unknown keys, paging with
 * next links, CSV variants, ETag/304, cache invalidation on writes, read-only refusal, OpenAPI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LanternError } from '../errors.ts';
import { createToken } from '../registry/tokens.ts';
import { openStore, type Store } from '../store/db.ts';
import { type Api, createApi } from './app.ts';
import type { RouteModule } from './router.ts';

let calls = 0;
let slowCalls = 0;
let entered: () => void = () => {};
let gate: Promise<void> = Promise.resolve();
const items = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, name: `item ${i + 1}`, tags: ['a', 'b'] }));

const testRoutes: RouteModule = (app) => {
  app.get(
    {
      path: '/items',
      summary: 'Items',
      query: z.object({ min: z.number().int().min(0, 'should be 0 or more').optional(), ids: z.array(z.number()).optional() }),
      paginate: { defaultLimit: 5 },
      examples: { valid: [{}], invalid: [{ query: { min: '-1' } }] },
    },
    ({ query }) => {
      calls++;
      let rows = items.filter((r) => r.id >= (query.min ?? 0));
      if (query.ids) rows = rows.filter((r) => query.ids!.includes(r.id));
      return { rows };
    },
  );
  app.get(
    {
      path: '/items/{id}',
      summary: 'One item',
      params: z.object({ id: z.string().regex(/^\d+$/, 'should be a number') }),
      examples: { valid: [{ params: { id: '1' } }], invalid: [{ params: { id: 'x' } }] },
    },
    ({ params }) => {
      const row = items.find((r) => r.id === Number(params.id));
      if (!row) throw new LanternError('not-found', `No item ${params.id}.`, [{ message: 'no such item', found: params.id }]);
      return { data: { ...row, detail: { colour: 'red' } }, tables: { tags: row.tags.map((t) => ({ tag: t })) } };
    },
  );
  app.post(
    { path: '/items', summary: 'Add', body: z.object({ name: z.string().min(1) }), examples: { valid: [{ body: { name: 'x' } }] } },
    ({ body }) => ({ data: { added: body.name } }),
  );
  app.get({ path: '/slow', summary: 'An answer that waits for the test', examples: { valid: [] } }, async () => {
    slowCalls++;
    entered();
    await gate;
    return { data: { calls: slowCalls } };
  });
  // A route that is not paged but has a `limit` of its own (as /hs/search has).
  app.get(
    { path: '/top', summary: 'The first items', query: z.object({ limit: z.number().int().min(1).optional() }), examples: { valid: [{}] } },
    ({ query }) => ({ rows: items.slice(0, query.limit ?? 3) }),
  );
  // A query parameter naming nothing there is (as basket=nope, indicator=nope, a=release).
  app.get(
    { path: '/pick', summary: 'One item by name', query: z.object({ name: z.string().optional() }), examples: { valid: [{ query: { name: 'item 1' } }] } },
    ({ query }) => {
      const row = items.find((r) => r.name === query.name);
      if (!row) throw new LanternError('not-found', `No item named "${query.name}".`, [{ field: 'name', message: 'no such item', found: query.name, expected: 'item 1 | item 2 | …' }]);
      return { data: row };
    },
  );
  app.get({ path: '/boom', summary: 'A bug', examples: { valid: [] } }, () => {
    throw new Error('kaboom');
  });
};

let store: Store;
let api: Api;
let auth: Record<string, string>;
beforeAll(async () => {
  store = await openStore();
  auth = { authorization: `Bearer ${(await createToken(store, { name: 'router-test', now: new Date('2026-01-01T00:00:00Z') })).token}` };
  api = await createApi({ store, modules: [{ name: 'test', routes: testRoutes }], log: () => {} });
});
afterAll(() => store.close());

const get = async (path: string, init?: RequestInit) => {
  const res = await api.app.request(path, init);
  const text = await res.text();
  return { res, text, json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
};

describe('router', () => {
  it('pages a list with total and a next link', async () => {
    const { json } = await get('/api/v1/items?limit=5&offset=5');
    expect(json.ok).toBe(true);
    expect(json.rows.map((r: { id: number }) => r.id)).toEqual([6, 7, 8, 9, 10]);
    expect(json.total).toBe(12);
    expect(json.next).toBe('/api/v1/items?limit=5&offset=10');
    const last = await get(json.next);
    expect(last.json.rows.map((r: { id: number }) => r.id)).toEqual([11, 12]);
    expect(last.json.next).toBeNull();
  });

  it('converts query text to the schema types, lists included', async () => {
    const { json } = await get('/api/v1/items?ids=2,3&ids=11&min=3');
    expect(json.rows.map((r: { id: number }) => r.id)).toEqual([3, 11]);
  });

  it('answers invalid input with the error envelope naming the field', async () => {
    const { res, json } = await get('/api/v1/items?min=-1');
    expect(res.status).toBe(400);
    expect(json).toMatchObject({ ok: false, code: 'invalid-argument', status: 400 });
    expect(json.errors[0]).toMatchObject({ field: 'query.min', message: 'should be 0 or more' });
    const bad = await get('/api/v1/items?min=abc');
    expect(bad.json.errors[0].field).toBe('query.min');
    const unknown = await get('/api/v1/items?mni=1');
    expect(unknown.json.error).toContain('mni');
    expect(unknown.json.errors[0].hint).toContain('min');
    // A name every object inherits is no parameter either (it was taken as one, and ignored).
    // `__proto__` never reached the check (the query object was built before it), nor did a name
    // starting with `_`: each is refused as any other unknown name, listing the parameters there are.
    for (const inherited of ['constructor', 'toString', '__proto__', 'prototype', '_', '_min']) {
      const r = await get(`/api/v1/items?${inherited}=1`);
      expect(r.res.status, inherited).toBe(400);
      expect(r.json.error, inherited).toContain(`Unknown query parameter: ${inherited}.`);
      expect(r.json.errors[0], inherited).toMatchObject({ field: `query.${inherited}`, expected: 'min | ids | limit | offset' });
    }
    const proto = await get('/api/v1/items?min=11&__proto__=1&constructor=2');
    expect(proto.json.error).toBe('Unknown query parameters: __proto__, constructor.');
    const limit = await get('/api/v1/items?limit=0');
    expect(limit.json.errors[0].field).toBe('query.limit');
    // zod's own wording ("Too small: expected number to be >=1") said plainly, as at the CLI.
    const top = await get('/api/v1/top?limit=0');
    expect(top.json.errors[0]).toMatchObject({ field: 'query.limit', message: 'should be a number ≥ 1', expected: 'a number ≥ 1', found: '0' });
    expect(top.json.error).not.toMatch(/Too small/);
  });

  it('refuses a parameter given twice unless it is a list, and a parameter without a name', async () => {
    // The last value used to win silently: `?limit=1&limit=2` gave two rows.
    for (const [q, name, found] of [
      ['limit=1&limit=2', 'limit', '1, 2'],
      ['min=3&min=4', 'min', '3, 4'],
      ['offset=0&offset=5&offset=6', 'offset', '0, 5, 6'],
    ] as const) {
      const r = await get(`/api/v1/items?${q}`);
      expect(r.res.status, q).toBe(400);
      expect(r.json.error, q).toBe(`Query parameter ${name} is given ${found.split(', ').length} times; it takes one value.`);
      expect(r.json.errors[0], q).toMatchObject({ field: `query.${name}`, found, expected: 'one value' });
      expect(r.json.errors[0].hint, q).toContain(`give ${name} once`);
    }
    const table = await get('/api/v1/items/2.csv?table=tags&table=rows');
    expect(table.res.status).toBe(400);
    expect(table.json.errors[0]).toMatchObject({ field: 'query.table', found: 'tags, rows' });
    // A list takes every value, repeated or comma-separated (as before).
    expect((await get('/api/v1/items?ids=2&ids=3')).json.rows.map((r: { id: number }) => r.id)).toEqual([2, 3]);
    for (const q of ['=1', 'min=3&=1', '=']) {
      const r = await get(`/api/v1/items?${q}`);
      expect(r.res.status, q).toBe(400);
      expect(r.json.error, q).toBe('A query parameter has no name.');
      expect(r.json.errors[0], q).toMatchObject({ field: 'query', expected: 'name=value', hint: 'name it: one of min, ids, limit, offset' });
    }
    // A name without a value is a name (`?min` is min=''), refused by its own field's check.
    expect((await get('/api/v1/items?min')).json.errors[0].field).toBe('query.min');
  });

  it('maps LanternError to its status and a bug to a 500 envelope', async () => {
    const nf = await get('/api/v1/items/99');
    expect(nf.res.status).toBe(404);
    expect(nf.json).toMatchObject({ ok: false, code: 'not-found', errors: [{ message: 'no such item', found: '99' }] });
    // A query parameter that names nothing there is: the request is wrong (400), the same message.
    const named = await get('/api/v1/pick?name=item%2099');
    expect(named.res.status).toBe(400);
    expect(named.json).toMatchObject({ ok: false, code: 'not-found', status: 400, error: 'No item named "item 99".', errors: [{ field: 'name', found: 'item 99' }] });
    const path = await get('/api/v1/items/x');
    expect(path.json.errors[0].field).toBe('path.id');
    const orig = console.error;
    console.error = () => {};
    const boom = await get('/api/v1/boom');
    console.error = orig;
    expect(boom.res.status).toBe(500);
    expect(boom.json.ok).toBe(false);
    expect(boom.json.code).toBe('internal-error');
  });

  it('serves CSV of the same rows, and of a named table', async () => {
    const { res, text } = await get('/api/v1/items.csv?min=11');
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(text).toBe('id,name,tags\n11,item 11,"[""a"",""b""]"\n12,item 12,"[""a"",""b""]"\n');
    const tags = await get('/api/v1/items/2.csv?table=tags');
    expect(tags.text).toBe('tag\na\nb\n');
    const obj = await get('/api/v1/items/2.csv?table=nope');
    expect(obj.res.status).toBe(400);
  });

  it('computes an answer once for concurrent requests and for every page of it', async () => {
    const before = calls;
    const pages = await Promise.all([0, 0, 5, 10].map((offset) => get(`/api/v1/items?min=2&limit=5&offset=${offset}`)));
    expect(calls).toBe(before + 1);
    expect(pages.map((p) => p.json.rows.map((r: { id: number }) => r.id))).toEqual([
      [2, 3, 4, 5, 6],
      [2, 3, 4, 5, 6],
      [7, 8, 9, 10, 11],
      [12],
    ]);
    await get('/api/v1/items?min=2&limit=3&offset=1');
    expect(calls).toBe(before + 1); // another page size: sliced from the same answer
  });

  it('keeps the answers of a route that is not paged apart by its own limit', async () => {
    expect((await get('/api/v1/top?limit=2')).json.rows).toHaveLength(2);
    expect((await get('/api/v1/top?limit=5')).json.rows).toHaveLength(5);
    expect((await get('/api/v1/top')).json.rows).toHaveLength(3);
  });

  it('sets an ETag, answers 304, and caches until a write', async () => {
    const first = await get('/api/v1/items?min=1');
    const etag = first.res.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const before = calls;
    const again = await get('/api/v1/items?min=1', { headers: { 'if-none-match': etag! } });
    expect(again.res.status).toBe(304);
    expect(calls).toBe(before); // served from the cache
    const post = await get('/api/v1/items', { method: 'POST', body: JSON.stringify({ name: 'n' }), headers: { 'content-type': 'application/json', ...auth } });
    expect(post.res.status).toBe(201);
    await get('/api/v1/items?min=1');
    expect(calls).toBe(before + 1); // the write emptied the cache
    const badBody = await get('/api/v1/items', { method: 'POST', body: '{', headers: { 'content-type': 'application/json', ...auth } });
    expect(badBody.json.errors[0].field).toBe('body');
  });

  it('does not keep an answer computed while a write landed', async () => {
    let open!: () => void;
    gate = new Promise((r) => (open = r));
    const inside = new Promise<void>((r) => (entered = r));
    const reading = get('/api/v1/slow');
    await inside; // the read has started computing
    const post = await get('/api/v1/items', { method: 'POST', body: JSON.stringify({ name: 'w' }), headers: { 'content-type': 'application/json', ...auth } });
    expect(post.res.status).toBe(201);
    open();
    expect((await reading).json.data.calls).toBe(1);
    expect((await get('/api/v1/slow')).json.data.calls).toBe(2); // computed again, not the stale answer
    expect((await get('/api/v1/slow')).json.data.calls).toBe(2); // and that one is kept
  });

  it('lets any origin read the API', async () => {
    const { res } = await get('/api/v1/items', { headers: { origin: 'https://example.org' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses writes when read-only', async () => {
    const ro = await createApi({ store, readOnly: true, modules: [{ name: 'test', routes: testRoutes }], log: () => {} });
    const res = await ro.app.request('/api/v1/items', { method: 'POST', body: '{"name":"x"}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('read-only');
  });

  it('documents every route in OpenAPI 3.1 and on the API page', async () => {
    const doc = (await get('/api/v1/openapi.json')).json;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/items', '/items/{id}', '/boom']));
    const params = doc.paths['/items'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['min', 'ids', 'limit', 'offset']));
    const page = await get('/api');
    expect(page.text).toContain('/api/v1/items/{id}');
    expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg)/);
  });
});

describe('the route manifest', () => {
  it('fails the start when a route module cannot build its routes, naming the module', async () => {
    const broken: RouteModule = () => {
      throw new Error('no such read model');
    };
    await expect(
      createApi({ store, modules: [{ name: 'test', routes: testRoutes }, { name: 'broken', routes: broken }], log: () => {} }),
    ).rejects.toThrow(/route module "broken" failed to build its routes: no such read model/);
  });

  it('lists every module of routes/ in routes/index.ts exactly once', async () => {
    const { readdirSync } = await import('node:fs');
    const { routeModules } = await import('./routes/index.ts');
    const onDisk = readdirSync(new URL('./routes/', import.meta.url))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(routeModules.map((m) => m.name).sort()).toEqual(onDisk);
  });

  it('serves every module of routes/index.ts, in the order listed', async () => {
    const { routeModules } = await import('./routes/index.ts');
    const full = await createApi({ store: await openStore(), log: () => {} });
    const tags = [...new Set(full.table.map((r) => r.tags[0]))];
    expect(routeModules.map((m) => m.name)).toContain('registry');
    expect(tags.indexOf('status')).toBe(0);
    expect(tags).toEqual(expect.arrayContaining(['status', 'datasets', 'countries', 'baskets', 'official', 'indicators', 'profiles', 'markets', 'epm', 'registry']));
  });
});

describe('ResponseCache', () => {
  it('evicts the least recently used answers beyond its entry and byte bounds', async () => {
    const { ResponseCache } = await import('./router.ts');
    const c = new ResponseCache(2, 1000);
    const a = (n: number) => ({ body: 'x'.repeat(n), etag: '"e"', type: 'text/plain', status: 200 });
    c.set('a', a(10));
    c.set('b', a(10));
    c.get('a'); // a is now the most recent
    c.set('c', a(10)); // over 2 entries: b goes
    expect([c.get('a'), c.get('b'), c.get('c')].map(Boolean)).toEqual([true, false, true]);
    c.set('d', a(240)); // a, c, d: three entries over a bound of 2, so the least recent (a) goes
    expect(c.size).toBe(2);
    c.set('big', a(300)); // more than a quarter of the byte bound: not cached
    expect(c.get('big')).toBeUndefined();
  });
});
