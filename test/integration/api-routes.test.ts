/**
 * Walks the API's route table on the fixture store: every route answers its valid examples with
 * the success envelope (and its CSV variant with CSV), and its invalid examples with the error
 * envelope whose message names the problem. Then checks numbers against hand computation, and the
 * OpenAPI document's structure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, createApi } from '../../src/api/app.ts';
import { exampleUrlOf, type RouteEntry } from '../../src/api/router.ts';
import type { Store } from '../../src/store/db.ts';
import { openFixtureStore } from './api-fixture.ts';
import { Validator } from '@seriousme/openapi-schema-validator';

let store: Store;
let reportedStore: Store;
let api: Api;
let reportedApi: Api;

beforeAll(async () => {
  store = await openFixtureStore();
  api = await createApi({ store, dbPath: 'fixture', log: () => {} });
  reportedStore = await openFixtureStore({ reported: true });
  reportedApi = await createApi({ store: reportedStore, dbPath: 'fixture-reported', log: () => {} });
});
afterAll(async () => {
  await store?.close();
  await reportedStore?.close();
});

async function call(path: string, on: 'reported' | undefined = undefined) {
  const res = await (on === 'reported' ? reportedApi : api).app.request(`/api/v1${path}`);
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  if (res.headers.get('content-type')?.includes('json')) json = JSON.parse(text);
  return { res, text, json };
}

describe('route table', () => {
  it('lists the resources other modules and the dashboard rely on', () => {
    const paths = api.table.map((r) => r.path);
    for (const p of ['/status', '/datasets', '/datasets/{id}', '/countries', '/baskets', '/official', '/indicators', '/compare', '/profiles/country/{iso3}', '/profiles/product', '/bilateral/{a}/{b}', '/markets']) {
      expect(paths, p).toContain(p);
    }
  });

  // Write routes (registry) need tokens and change data; their own tests cover them. Every GET is walked.
  it('has examples for every GET route: a valid one, and an invalid one when the route takes input', () => {
    const missing = api.table.filter((r) => r.method === 'get' && (r.examples.valid.length === 0 || (r.hasInput && r.examples.invalid.length === 0)));
    expect(missing.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  const walk = (r: RouteEntry) => r.method === 'get';
  it('answers every valid example with the success envelope, and .csv with CSV', async () => {
    const failures: string[] = [];
    for (const r of api.table.filter(walk)) {
      for (const ex of r.examples.valid) {
        const url = exampleUrlOf(r.path, ex);
        const { res, json } = await call(url, ex.fixture);
        if (res.status !== 200 || json?.ok !== true || (json.data === undefined && json.rows === undefined)) {
          failures.push(`${url} → ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
          continue;
        }
        if (r.paginated && (typeof json.total !== 'number' || !('next' in json))) failures.push(`${url}: paged list without total/next`);
        if (r.csv) {
          const csvUrl = url.replace(/(\?|$)/, '.csv$1');
          const c = await call(csvUrl, ex.fixture);
          if (c.res.status !== 200 || !c.res.headers.get('content-type')?.startsWith('text/csv')) failures.push(`${csvUrl} → ${c.res.status} ${c.text.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers every invalid example with the error envelope and a message naming the problem', async () => {
    const failures: string[] = [];
    for (const r of api.table.filter(walk)) {
      for (const ex of r.examples.invalid) {
        const url = exampleUrlOf(r.path, ex);
        const { res, json } = await call(url);
        const env = json as { ok?: boolean; error?: string; errors?: { message: string; field?: string }[]; status?: number; code?: string } | undefined;
        const shapeOk =
          env?.ok === false &&
          typeof env.error === 'string' &&
          env.error.length > 10 &&
          Array.isArray(env.errors) &&
          env.errors.length > 0 &&
          env.status === res.status &&
          typeof env.code === 'string';
        const statusOk = ex.status ? res.status === ex.status : res.status >= 400 && res.status < 500;
        const text = JSON.stringify(env ?? {});
        const mentionOk = !ex.mentions || text.includes(ex.mentions);
        if (!shapeOk || !statusOk || !mentionOk) failures.push(`${url} → ${res.status} ${text.slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('numbers on the fixture world (hand-computed)', () => {
  it('country profile: CHN exports of the UNESCO basket in 2022', async () => {
    const { json } = await call('/profiles/country/CHN?basket=unesco-fcs-2009&years=2021-2022');
    const d = json!.data as { headline: { year: number; exports: number; imports: number; worldRank: number }; trend: { year: number; exports: number }[] };
    // Exports: mass 100 × Σ importer weights of the 6 others (1.0+0.7+0.5+0.4+0.3+0.45 = 3.35)
    //   × Σ cultural product weights (1+2+0.5+0.3+0.8 = 4.6) × 1.35 (2022) × 1000 = 2,080,350 US$.
    expect(d.headline.year).toBe(2022);
    expect(d.headline.exports).toBeCloseTo(2_080_350, 3);
    // Imports: weight 0.6 × Σ other masses (80+50+40+30+20+25 = 245) × 4.6 × 1.35 × 1000 = 912,870 US$.
    expect(d.headline.imports).toBeCloseTo(912_870, 3);
    // CHN has the largest mass: first exporter.
    expect(d.headline.worldRank).toBe(1);
    // 2021: × 1.30 instead of 1.35 → 100 × 3.35 × 4.6 × 1.30 × 1000 = 2,003,300.
    expect(d.trend.find((t) => t.year === 2021)?.exports).toBeCloseTo(2_003_300, 3);
  });

  it('market finder: the US market for CHN', async () => {
    const { json } = await call('/markets?exporter=CHN&basket=unesco-fcs-2009&year=2022');
    const usa = (json!.rows as { market: string; imports: number; exporter_share: number; growth1: number }[]).find((r) => r.market === 'USA')!;
    // USA imports: Σ other masses (100+50+40+30+20+25 = 265) × 1.0 × 4.6 × 1.35 × 1000 = 1,645,650.
    expect(usa.imports).toBeCloseTo(1_645_650, 3);
    // CHN's share: 100 / 265.
    expect(usa.exporter_share).toBeCloseTo(100 / 265, 9);
    // Growth 2021→2022: 1.35 / 1.30 − 1.
    expect(usa.growth1).toBeCloseTo(1.35 / 1.3 - 1, 9);
  });

  it('market finder pages: slices of one answer, computed once; an offset past the end is an empty page with the total', async () => {
    const q = '/markets?exporter=DEU&basket=unesco-fcs-2009&year=2022&sort=growth_1y';
    const whole = (await call(q)).json as { rows: { market: string }[]; total: number };
    const computed = api.cache.computed;
    const page = (await call(`${q}&limit=2&offset=1`)).json as typeof whole & { next: string | null };
    expect(whole.rows.length).toBeGreaterThan(3);
    expect(page.rows).toEqual(whole.rows.slice(1, 3));
    expect(page).toMatchObject({ total: whole.rows.length, next: `/api/v1${q}&limit=2&offset=3` });
    expect((await call(`${q}&offset=99999999999`)).json).toMatchObject({ rows: [], total: whole.rows.length, next: null });
    expect(api.cache.computed).toBe(computed);
  });

  it('datasets: the fixture run with its provenance', async () => {
    const { json } = await call('/datasets/1');
    expect(json!.data).toMatchObject({ id: 1, source: 'baci', file: 'BACI_HS07_V202401.csv', rows: 2016, year_min: 2015, year_max: 2022, synthetic: false });
  });

  it('CSV of a list is the same rows as the JSON', async () => {
    const j = await call('/countries?search=china&kind=country');
    const c = await call('/countries.csv?search=china&kind=country');
    const lines = c.text.trim().split('\n');
    expect(lines.length - 1).toBe((j.json!.rows as unknown[]).length);
    expect(lines[0]!.split(',')[0]).toBe('iso3');
  });

  it('status reports the trade coverage', async () => {
    const { json } = await call('/status');
    const d = json!.data as { trade: { rows: number; years: number[]; reporters: number; synthetic: boolean } };
    expect(d.trade.rows).toBe(2016);
    expect(d.trade.years).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022]);
    expect(d.trade.reporters).toBe(7);
    expect(d.trade.synthetic).toBe(false);
  });
});

describe('OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema', async () => {
    const { json: doc } = await call('/openapi.json');
    const result = await new Validator().validate(doc as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator is not vacuous: the same document without its required `info.version` fails.
    const broken = structuredClone(doc) as { info: { version?: string } };
    delete broken.info.version;
    expect((await new Validator().validate(broken as unknown as Record<string, unknown>)).valid).toBe(false);
  });

  it('is a structurally valid OpenAPI 3.1 document covering every route', async () => {
    const { json: doc } = await call('/openapi.json');
    expect(doc!.openapi).toBe('3.1.0');
    const info = doc!.info as { title: string; version: string };
    expect(info.title).toBeTruthy();
    expect(info.version).toMatch(/^\d+\.\d+\.\d+$/);
    const paths = doc!.paths as Record<string, Record<string, { responses: Record<string, { description: string }>; parameters?: { name: string; in: string; required?: boolean; schema: unknown }[] }>>;
    const problems: string[] = [];
    for (const r of api.table) {
      const op = paths[r.path]?.[r.method];
      if (!op) {
        problems.push(`missing ${r.method} ${r.path}`);
        continue;
      }
      if (!op.responses?.['200']?.description) problems.push(`${r.path}: no 200 response`);
      const declared = new Set((op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name));
      for (const m of r.path.matchAll(/\{(\w+)\}/g)) if (!declared.has(m[1]!)) problems.push(`${r.path}: path parameter ${m[1]} not declared`);
      for (const p of op.parameters ?? []) {
        if (!['query', 'path', 'header', 'cookie'].includes(p.in)) problems.push(`${r.path}: parameter ${p.name} in ${p.in}`);
        if (p.in === 'path' && p.required !== true) problems.push(`${r.path}: path parameter ${p.name} not required`);
        if (!p.schema) problems.push(`${r.path}: parameter ${p.name} without schema`);
      }
    }
    expect(problems).toEqual([]);
    const page = await api.app.request('/api');
    const html = await page.text();
    expect(html).toContain('/api/v1/profiles/country/{iso3}');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
  });
});
