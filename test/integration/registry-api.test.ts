/**
 * The registry's HTTP routes on an in-memory store: public reads, token-guarded writes (401 without
 * a token, 403 with a wrong or revoked one, in the error envelope), audit entries, the effect study.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, createApi } from '../../src/api/app.ts';
import { routes } from '../../src/api/routes/registry.ts';
import {
  createEntities,
  createToken,
  listAudit,
  loadBundledRegistry,
  revokeToken,
} from '../../src/registry/index.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import {
  BASKET,
  centres,
  EXPORTER,
  loadEffectFixture,
  TRUE_EFFECT,
} from '../fixtures/registry/effect-fixture.ts';

const now = new Date('2026-11-23T03:30:00Z');
let store: Store;
let api: Api;
let token: string;
let revoked: string;

beforeAll(async () => {
  store = await openStore();
  await loadBundledRegistry(store, { now });
  await loadEffectFixture(store);
  await createEntities(
    store,
    'institution',
    centres.map((value) => ({ value })),
    { actor: 'fixture', now },
  );
  token = (await createToken(store, { name: 'editor', now })).token;
  revoked = (await createToken(store, { name: 'old', now })).token;
  await revokeToken(store, 'old', now);
  api = await createApi({ store, modules: [{ name: 'registry', routes }], now: () => now, log: () => {} });
});
afterAll(async () => {
  await store.close();
});

async function call(method: string, path: string, opts: { body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await api.app.request(`/api/v1${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text,
    json: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined,
  };
}

const newAgreement = {
  kind: 'cultural-agreement',
  title: 'China–Chile cultural agreement (test)',
  home_country: 'CHN',
  partner: 'CHL',
  signed: '2019-04',
  source_url: 'https://example.org/test',
};

describe('registry API: reads are public', () => {
  it('lists centres with sources and bilingual labels', async () => {
    const r = await call('GET', '/registry/institutions?kind=cultural-centre&home=CHN');
    expect(r.status).toBe(200);
    expect(r.json.ok).toBe(true);
    expect(r.json.rows).toHaveLength(26);
    const paris = r.json.rows.find((x: { id: string }) => x.id === 'cultural-centre-fra-paris');
    expect(paris).toMatchObject({
      opened: '2002-11',
      opened_precision: 'month',
      country_en: 'France',
      country_zh: '法国',
      kind_zh: '海外文化中心',
    });
    expect(r.json.meta.provenance.sources).toContain(
      'http://en.chinaculture.org/focus/focus/50yearsChinaFrance/2014-05/04/content_524582.htm',
    );
  });

  it('serves CSV and rejects bad filters naming the field', async () => {
    const csv = await call('GET', '/registry/agreements.csv?kind=co-production-treaty');
    expect(csv.type).toMatch(/text\/csv/);
    expect(csv.text.split('\n')[0]).toContain('partner');
    const bad = await call('GET', '/registry/institutions?country=china');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ ok: false, code: 'invalid-argument', status: 400 });
    expect(bad.json.errors[0].field).toBe('query.country');
  });

  it('gives one row with its audit history, and 404 for an unknown id', async () => {
    const r = await call('GET', '/registry/institutions/cultural-centre-fra-paris');
    expect(r.json.data).toMatchObject({ id: 'cultural-centre-fra-paris', city: 'Paris' });
    expect(r.json.data.history[0]).toMatchObject({ action: 'load', actor: 'bundle' });
    const missing = await call('GET', '/registry/institutions/nope');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ ok: false, code: 'not-found', status: 404 });
  });

  it('shows official counts next to the registry’s and the map layer', async () => {
    const counts = await call('GET', '/registry/counts?subject=cultural-centre&country=CHN');
    const end2015 = counts.json.rows.find((r: { as_of: string; metric: string }) => r.as_of === '2015-12-31');
    expect(end2015).toMatchObject({ value: 26, registry_count: 25 });
    const map = await call('GET', '/registry/map?country=CHN');
    expect(map.json.data.institutions).toHaveLength(37);
    expect(map.json.data.partners.map((p: { country: string }) => p.country)).toContain('FRA');
  });

  it('counts as of a date for the claims checker', async () => {
    const r = await call('GET', '/registry/count?kind=cultural-centre&country=CHN&as_of=2015-12-31');
    expect(r.json.data).toEqual({
      kind: 'cultural-centre',
      country: 'CHN',
      as_of: '2015-12-31',
      count: 25,
      undated: 1,
      not_yet: 0,
      total: 26,
      counted: 'institutions',
    });
    const bad = await call('GET', '/registry/count?kind=cultural-centre&country=CHN&as_of=2015-02-30');
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('query.as_of');
  });

  it('runs the effect study with its label and method', async () => {
    const r = await call(
      'GET',
      `/registry/effect?event_kind=centre-opening&exporter=${EXPORTER}&basket=${BASKET}&window=2&bootstrap=200`,
    );
    expect(r.status).toBe(200);
    expect(r.json.data.label).toBe('descriptive, not causal');
    expect(r.json.data.estimate).toBeCloseTo(TRUE_EFFECT, 10);
    expect(r.json.rows).toHaveLength(3);
  });
});

describe('registry API: writes need a token', () => {
  it('answers 401 without a token, in the error envelope', async () => {
    const r = await call('POST', '/registry/agreements', { body: newAgreement });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({
      ok: false,
      code: 'unauthorized',
      status: 401,
      error: 'Writing to the registry needs a token.',
      errors: [
        expect.objectContaining({
          field: 'token',
          message: 'no token given',
          hint: expect.stringMatching(/lantern token create/),
        }),
      ],
    });
  });

  it('answers 403 with a wrong, malformed, unknown or revoked token, the same answer for each', async () => {
    const wrong = `${token.slice(0, -2)}${token.endsWith('xx') ? 'yy' : 'xx'}`;
    const unknownId = token.replace(/^lantern_[0-9a-f]{12}_/, 'lantern_000000000000_');
    const answers = [];
    for (const t of [wrong, 'abc', unknownId, revoked]) {
      const r = await call('POST', '/registry/agreements', { body: newAgreement, token: t });
      expect(r.status).toBe(403);
      expect(r.json).toMatchObject({ ok: false, code: 'forbidden', status: 403, error: 'The token is not valid.' });
      answers.push(JSON.stringify(r.json));
    }
    expect(new Set(answers).size, 'the answers must not tell which tokens exist').toBe(1);
    const del = await call('DELETE', '/registry/institutions/cultural-centre-fra-paris', { token: revoked });
    expect(del.status).toBe(403);
    expect((await call('GET', '/registry/institutions/cultural-centre-fra-paris')).status).toBe(200);
  });

  it('adds, changes and deletes with a valid token, each in the audit log under the token name', async () => {
    const add = await call('POST', '/registry/agreements', { body: newAgreement, token });
    expect(add.status).toBe(201);
    expect(add.json.data).toEqual({
      created: ['cultural-agreement-chn-chl'],
      entity: 'agreement',
      actor: 'editor',
    });
    // The cached list sees the new row.
    const list = await call('GET', '/registry/agreements?country=CHL');
    expect(list.json.rows.map((r: { id: string }) => r.id)).toEqual(['cultural-agreement-chn-chl']);

    const put = await call('PUT', '/registry/agreements/cultural-agreement-chn-chl', {
      body: { in_force: '2019-12' },
      token,
    });
    expect(put.json.data.row).toMatchObject({ in_force: '2019-12', signed: '2019-04' });
    const del = await call('DELETE', '/registry/agreements/cultural-agreement-chn-chl', { token });
    expect(del.status).toBe(200);

    const log = await listAudit(store, { id: 'cultural-agreement-chn-chl' });
    expect(log.map((e) => [e.action, e.actor])).toEqual([
      ['delete', 'editor'],
      ['update', 'editor'],
      ['create', 'editor'],
    ]);
    const audit = await call('GET', '/registry/audit?entity=agreement&id=cultural-agreement-chn-chl');
    expect(audit.json.rows).toHaveLength(3);
  });

  it('validates writes and reports every problem (an array names the item)', async () => {
    const r = await call('POST', '/registry/institutions', {
      body: [
        { kind: 'cultural-centre', name_en: 'Ok', country: 'CHL', source_url: 'https://example.org' },
        {
          kind: 'cultural-centre',
          name_en: 'Bad',
          country: 'XYZ',
          opened: '2019-02-30',
          source_url: 'https://example.org',
        },
      ],
      token,
    });
    expect(r.status).toBe(422);
    expect(r.json.code).toBe('bad-rows');
    expect(r.json.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      '[1].country',
      '[1].opened',
    ]);
    expect((await call('GET', '/registry/institutions?host=CHL')).json.rows).toHaveLength(0);
  });
});
