/**
 * Release diffs on two hand-made BACI releases with known changes (written below), through the
 * library, the CLI and the API — by release name, by run id, and across `import --replace`.
 *
 * Release V202401 → V202501 (thousand US$; exporter → importer, HS6):
 *   2019 CHN→USA 970110   100 → 150   revised +50
 *   2019 CHN→JPN 970110    40 →  40   unchanged
 *   2019 USA→CHN 490199    10 →  —    removed
 *   2020 CHN→USA 970110   200 → 180   revised −20
 *   2020 JPN→CHN 852349     — →   5   added
 * The expected totals are also summed from the files' text in the test, independently of Lantern.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { routes } from '../../src/api/routes/diff.ts';
import { importFiles } from '../../src/ingest/index.ts';
import { releaseDiff } from '../../src/queries/release-diff.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { captureCli } from '../cli.ts';

const header = 't,i,j,k,v,q\n';
const releaseA = `${header}2019,156,842,970110,100,1\n2019,156,392,970110,40,1\n2019,842,156,490199,10,1\n2020,156,842,970110,200,2\n`;
const releaseB = `${header}2019,156,842,970110,150,1\n2019,156,392,970110,40,1\n2020,156,842,970110,180,2\n2020,392,156,852349,5,1\n`;

/** Σ v × 1000 and the row count of a BACI text, read without Lantern. */
function fileTotals(text: string): { rows: number; usd: number } {
  const lines = text.trim().split('\n').slice(1);
  return { rows: lines.length, usd: lines.reduce((s, l) => s + Number(l.split(',')[4]) * 1000, 0) };
}

const now = () => new Date('2026-11-23T00:00:00Z');
let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-diff-'));
  writeFileSync(join(dir, 'BACI_HS17_Y2019_V202401.csv'), releaseA);
  writeFileSync(join(dir, 'BACI_HS17_Y2019_V202501.csv'), releaseB);
  store = await openStore();
  await importFiles(store, [join(dir, 'BACI_HS17_Y2019_V202401.csv'), join(dir, 'BACI_HS17_Y2019_V202501.csv')], { now });
});
afterAll(async () => {
  await store.close();
});

describe('release diff', () => {
  it('counts rows added, removed, revised and unchanged, with totals before and after', async () => {
    const d = await releaseDiff(store, { a: 'V202401', b: 'v202501' });
    const a = fileTotals(releaseA);
    const b = fileTotals(releaseB);
    expect(d.a.runs).toHaveLength(1);
    expect(d.totals).toMatchObject({
      rows_a: a.rows,
      rows_b: b.rows,
      value_a: a.usd,
      value_b: b.usd,
      added: { rows: 1, value: 5000 },
      removed: { rows: 1, value: 10000 },
      revised: { rows: 2, value_a: 300000, value_b: 330000 },
      unchanged: { rows: 1, value: 40000 },
    });
    expect(d.totals.change).toBe(25000);
    expect(d.totals.change_pct).toBeCloseTo((25 / 350) * 100, 10);
  });

  it('groups by reporter with names and shares of each side, and lists the largest revisions', async () => {
    const d = await releaseDiff(store, { a: 'V202401', b: 'V202501', by: 'reporter', top: 5 });
    const chn = d.groups.find((g) => g.key === 'CHN');
    expect(chn).toMatchObject({ name_en: 'China', rows_a: 3, rows_b: 3, added: 0, removed: 0, revised: 2, value_a: 340000, value_b: 370000 });
    expect(chn?.share_a).toBeCloseTo((340 / 350) * 100, 10);
    expect(chn?.share_b).toBeCloseTo((370 / 375) * 100, 10);
    expect(d.groups.find((g) => g.key === 'USA')).toMatchObject({ removed: 1, value_a: 10000, value_b: 0, share_b: 0 });
    expect(d.groups.find((g) => g.key === 'JPN')).toMatchObject({ added: 1, value_a: 0, value_b: 5000 });
    expect(d.largest_value.map((r) => [r.year, r.reporter, r.partner, r.product, r.change])).toEqual([
      [2019, 'CHN', 'USA', '970110', 50000],
      [2020, 'CHN', 'USA', '970110', -20000],
    ]);
    // USA lost its whole share (10/350 = 2.857 pp): the largest move in share
    expect(d.largest_share[0]?.key).toBe('USA');
    expect(d.largest_share[0]?.share_change).toBeCloseTo(-(10 / 350) * 100, 10);
  });

  it('groups by year and product', async () => {
    const y = await releaseDiff(store, { a: 'V202401', b: 'V202501', by: 'year' });
    expect(y.groups.map((g) => [g.key, g.value_a, g.value_b])).toEqual([
      ['2019', 150000, 190000],
      ['2020', 200000, 185000],
    ]);
    const p = await releaseDiff(store, { a: 'V202401', b: 'V202501', by: 'product' });
    expect(p.groups.map((g) => [g.key, g.added, g.removed, g.revised])).toEqual([
      ['490199', 0, 1, 0],
      ['852349', 1, 0, 0],
      ['970110', 0, 0, 2],
    ]);
  });

  it('works across import --replace: the replaced run keeps what the diff needs', async () => {
    const s = await openStore();
    try {
      mkdirSync(join(dir, 'replace'), { recursive: true });
      const f = join(dir, 'replace', 'BACI_HS17_Y2019_V202401.csv');
      writeFileSync(f, releaseA);
      const [first] = await importFiles(s, [f], { now });
      writeFileSync(f, releaseB);
      const [second] = await importFiles(s, [f], { replace: true, now });
      expect(second?.replacedRuns).toEqual([first?.runId]);
      // the old rows are gone from trade_flows …
      expect(await s.query(sql`select count(*)::int n from trade_flows where run_id = ${first!.runId}`)).toEqual([{ n: 0 }]);
      // … but the diff still sees them
      const d = await releaseDiff(s, { a: String(first!.runId), b: String(second!.runId) });
      expect(d.a.replaced_runs).toEqual([first!.runId]);
      expect(d.totals).toMatchObject({ rows_a: 4, rows_b: 4, value_a: 350000, value_b: 375000 });
      expect(d.totals.revised.rows).toBe(2);
      // by release name: both runs carry V202401; the replaced one is left out, so the side is the new run
      const same = await releaseDiff(s, { a: 'V202401', b: String(second!.runId) });
      expect(same.a.runs).toEqual([second!.runId]);
      expect(same.totals.unchanged.rows).toBe(4);
    } finally {
      await s.close();
    }
  });

  it('refuses an unknown run or release with a hint, and a run whose rows were deleted before diffs were kept', async () => {
    await expect(releaseDiff(store, { a: 'V202401', b: 'V199901' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(releaseDiff(store, { a: '1', b: '99' })).rejects.toMatchObject({ code: 'not-found' });
    const s = await openStore();
    try {
      const f = join(dir, 'BACI_HS17_Y2019_V202401.csv');
      const [first] = await importFiles(s, [f], { now });
      await s.run(sql`update import_runs set replaced_by = ${first!.runId} where id = ${first!.runId}`);
      await s.run(sql`delete from baci_flows where run_id = ${first!.runId}`);
      await expect(releaseDiff(s, { a: String(first!.runId), b: String(first!.runId) })).rejects.toMatchObject({
        code: 'not-found',
        message: expect.stringContaining('are gone'),
      });
    } finally {
      await s.close();
    }
  });
});

describe('lantern diff and GET /diff', () => {
  it('the CLI prints totals, groups and the largest revisions; JSON and CSV give the same figures', async () => {
    const db = join(dir, 'cli.duckdb');
    const imp = await captureCli(['import', join(dir, 'BACI_HS17_Y2019_V202401.csv'), join(dir, 'BACI_HS17_Y2019_V202501.csv'), '--db', db], { cwd: dir });
    expect(imp.code, imp.err).toBe(0);
    const t = await captureCli(['diff', 'V202401', 'V202501', '--db', db], { cwd: dir });
    expect(t.code, t.err).toBe(0);
    expect(t.out).toContain('1 added (US$ 5,000), 1 removed (US$ 10,000), 2 revised (US$ 300,000 → 330,000), 1 unchanged');
    expect(t.out).toContain('China');
    const j = await captureCli(['diff', 'V202401', 'V202501', '--db', db, '--format', 'json'], { cwd: dir });
    expect(JSON.parse(j.out).totals.value_b).toBe(375000);
    const c = await captureCli(['diff', 'V202401', 'V202501', '--by', 'year', '--db', db, '--format', 'csv'], { cwd: dir });
    expect(c.out.split('\n')[0]).toContain('year');
    expect(c.out).toContain('2020');
    const bad = await captureCli(['diff', 'V202401', 'V202501', '--by', 'partner', '--db', db], { cwd: dir });
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('by');
  });

  it('the API answers the diff and its CSV tables', async () => {
    const api = await createApi({ store, modules: [{ name: 'diff', routes }], now, log: () => {} });
    const res = await api.app.request('/api/v1/diff?a=V202401&b=V202501&by=reporter');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; data: { totals: { added: { rows: number } } }; rows: Record<string, unknown>[] };
    expect(body.data.totals.added.rows).toBe(1);
    expect(body.rows.find((r) => r.reporter === 'CHN')).toMatchObject({ value_a: 340000, value_b: 370000 });
    const csv = await (await api.app.request('/api/v1/diff.csv?a=V202401&b=V202501&table=largest_value')).text();
    expect(csv.split('\n')[1]).toContain('50000');
    // Each grouping's CSV has only the name columns it fills: none for years (they were empty columns).
    const header = async (q: string) => (await (await api.app.request(`/api/v1/diff.csv?a=V202401&b=V202501&${q}`)).text()).split('\n')[0]!.split(',');
    for (const q of ['by=year', 'by=year&table=largest_share']) {
      const h = await header(q);
      expect(h, q).toContain('year');
      expect(h, q).not.toContain('name_en');
      expect(h, q).not.toContain('name_zh');
    }
    expect(await header('by=reporter')).toEqual(expect.arrayContaining(['reporter', 'name_en', 'name_zh']));
    expect(await header('by=product')).toEqual(expect.arrayContaining(['product', 'name_en']));
    expect(await header('by=product')).not.toContain('name_zh');
    const byYear = (await (await api.app.request('/api/v1/diff.csv?a=V202401&b=V202501&by=year')).text()).trim().split('\n');
    expect(byYear.slice(1).map((l) => l.split(',').slice(0, 1))).toEqual([['2019'], ['2020']]);
    // Pages are slices of the whole answer, computed once; an offset past the end is an empty page with the total.
    const whole = (await (await api.app.request('/api/v1/diff?a=V202401&b=V202501&by=product')).json()) as { rows: unknown[]; total: number };
    const computed = api.cache.computed;
    const page = (await (await api.app.request('/api/v1/diff?a=V202401&b=V202501&by=product&limit=1&offset=1')).json()) as typeof whole & { next: string | null };
    expect(whole.rows.length).toBeGreaterThan(2);
    expect(page.rows).toEqual(whole.rows.slice(1, 2));
    expect(page.total).toBe(whole.rows.length);
    const past = (await (await api.app.request('/api/v1/diff?a=V202401&b=V202501&by=product&offset=99999999999')).json()) as typeof page;
    expect(past).toMatchObject({ rows: [], total: whole.rows.length, next: null });
    expect(api.cache.computed).toBe(computed);
    // A release named in the query that is not there is the request's fault: 400, the CLI's message.
    const missing = await api.app.request('/api/v1/diff?a=V202401&b=V209901');
    expect(missing.status).toBe(400);
    expect(readFileSync(join(dir, 'BACI_HS17_Y2019_V202501.csv'), 'utf8')).toBe(releaseB);
  });
});
