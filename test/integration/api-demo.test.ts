/**
 * `lantern demo` loads the synthetic world into a store, marks it synthetic (the API's status and
 * datasets say so, which is what the dashboard's banner reads), and is idempotent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { runCli } from '../../src/cli/main.ts';
import { openStore } from '../../src/store/db.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-demo-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function effects() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, fx: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), env: {}, cwd: dir, now: () => new Date('2026-11-23T00:00:00Z') } };
}

describe('lantern demo', () => {
  const db = join(dir, 'demo.duckdb');

  it('loads the synthetic world, marked synthetic, and a second run changes nothing', async () => {
    const a = effects();
    expect(await runCli(['demo', '--rows', '5000', '--years', '2020-2022', '--db', db], a.fx)).toBe(0);
    expect(a.out.join('')).toMatch(/loaded: run 1, 5,000 rows, 2020–2022/);
    expect(a.out.join('')).toContain('SYNTHETIC');
    const b = effects();
    expect(await runCli(['demo', '--rows', '5000', '--years', '2020-2022', '--db', db], b.fx)).toBe(0);
    expect(b.out.join('')).toContain('already loaded: run 1');

    const store = await openStore({ path: db, readOnly: true });
    try {
      const api = await createApi({ store, log: () => {} });
      const status = (await (await api.app.request('/api/v1/status')).json()) as { data: { trade: { rows: number; synthetic: boolean; years: number[] } } };
      expect(status.data.trade).toMatchObject({ rows: 5000, synthetic: true, years: [2020, 2021, 2022] });
      const runs = (await (await api.app.request('/api/v1/datasets')).json()) as { rows: { release: string; synthetic: boolean }[] };
      expect(runs.rows).toEqual([expect.objectContaining({ release: 'synthetic-seed-1', synthetic: true })]);
    } finally {
      await store.close();
    }
  });

  it('refuses a bad --rows with a clear message', async () => {
    const c = effects();
    expect(await runCli(['demo', '--rows', 'many', '--db', db], c.fx)).toBe(1);
    expect(c.err.join('')).toMatch(/--rows: "many" is not a positive whole number/);
  });
});
