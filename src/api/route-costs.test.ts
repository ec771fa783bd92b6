/**
 * Route lanes (route-costs.ts): a route declared light runs its statements in the light lane; an
 * undeclared one is heavy until measured, light once its answers hold connections briefly, and
 * heavy again only when they get much longer. Connection times are given, not timed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStore, sql, type Store } from '../store/index.ts';
import { currentLane, WorkTicket } from '../store/lanes.ts';
import { type Api, createApi } from './app.ts';
import { HEAVY_MS, LIGHT_MS, MIN_ANSWERS, RouteCosts } from './route-costs.ts';
import type { RouteModule } from './router.ts';

const answer = (ms: number) => Object.assign(new WorkTicket('heavy'), { busyMs: ms });

describe('RouteCosts', () => {
  it('keeps a route heavy until measured, then light while its answers stay short', () => {
    const costs = new RouteCosts();
    expect(costs.lane('GET /x')).toBe('heavy');
    expect(costs.lane('GET /x', 'light')).toBe('light');
    for (let i = 0; i < MIN_ANSWERS - 1; i++) costs.record('GET /x', answer(1));
    expect(costs.lane('GET /x')).toBe('heavy');
    costs.record('GET /x', answer(1));
    expect(costs.lane('GET /x')).toBe('light');
    // Slower under load, but still far from heavy: it keeps its lane.
    for (let i = 0; i < 20; i++) costs.record('GET /x', answer((LIGHT_MS + HEAVY_MS) / 2));
    expect(costs.lane('GET /x')).toBe('light');
    for (let i = 0; i < 20; i++) costs.record('GET /x', answer(HEAVY_MS * 5));
    expect(costs.lane('GET /x')).toBe('heavy');
    expect(costs.measure('GET /x')?.answers).toBe(MIN_ANSWERS + 40);
  });

  it('never makes a route light whose answers are long', () => {
    const costs = new RouteCosts();
    for (let i = 0; i < 10; i++) costs.record('GET /y', answer(LIGHT_MS * 4));
    expect(costs.lane('GET /y')).toBe('heavy');
  });
});

describe('routes in lanes (router)', () => {
  let store: Store & Awaited<ReturnType<typeof openStore>>;
  let api: Api;
  const lanes: Record<string, string[]> = { declared: [], measured: [] };
  const routes: RouteModule = (app, deps) => {
    for (const [path, cost] of [['/declared', 'light'], ['/measured', undefined]] as const) {
      app.get(
        { path, summary: path, ...(cost ? { cost } : {}), query: z.object({ n: z.number().int() }), examples: { valid: [{ query: { n: '1' } }] } },
        async ({ query }) => {
          lanes[path.slice(1)]!.push(currentLane());
          // The measured route reads nothing: its answers hold no connection (0 ms, whatever the load).
          return { rows: cost ? await deps.store.query(sql`select ${query.n} as n`) : [{ n: query.n }] };
        },
      );
    }
  };
  beforeAll(async () => {
    store = await openStore();
    await store.useReaders(2, { heavySlots: 1 });
    api = await createApi({ store, modules: [{ name: 'lanes', routes }] });
  });
  afterAll(() => store.close());

  it('runs a declared light route in the light lane, and an undeclared one light once measured', async () => {
    for (let n = 1; n <= MIN_ANSWERS + 1; n++) {
      for (const path of ['declared', 'measured']) expect((await api.app.request(`/api/v1/${path}?n=${n}`)).status).toBe(200);
    }
    expect(lanes.declared).toEqual(Array(MIN_ANSWERS + 1).fill('light'));
    expect(lanes.measured).toEqual([...Array(MIN_ANSWERS).fill('heavy'), 'light']);
    expect(api.costs.measure('GET /measured')?.answers).toBe(MIN_ANSWERS + 1);
    // A cached answer computes nothing and is not measured again.
    await api.app.request('/api/v1/measured?n=1');
    expect(api.costs.measure('GET /measured')?.answers).toBe(MIN_ANSWERS + 1);
    expect(store.readerStats()?.started).toEqual({ light: MIN_ANSWERS + 1, heavy: 0 });
  });
});
