/**
 * Real trade data, first try (issue 13): files that mix HS2, HS4 and HS6 codes read right with no
 * step between import and answer.
 *
 * The rule under test (indicators/base.ts `countedRows`): each flow is counted once, at the finest
 * code that reports it — a code counts its value less its present sub-codes', so a report's total
 * is the sum of its codes that no other present code contains. The JavaScript side here computes
 * that total its own way (the codes with no present ancestor, per report), from the file itself.
 *
 * Files: the EU27 wood sample (../shared/data/comtrade_samples, UN Comtrade via comtradr: imports
 * reported by the 27 EU members at HS2/HS4/HS6 that do not overlap) and two hand-made files in the
 * same slim Comtrade layout, one without overlaps and one where chapters, headings and subheadings
 * of one report overlap.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../support/world.ts';
import { importFiles } from '../../src/ingest/index.ts';
import { runIndicator } from '../../src/queries/index.ts';
import { ensureReferenceData } from '../../src/reference/setup.ts';
import type { Store } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { captureCli } from '../cli.ts';
import { hasShared, sharedPath } from '../shared.ts';
import { dedupedTotals, type Row, rowsOf, sharedRows, WOOD } from '../support/comtrade-file.ts';

function close(actual: unknown, expected: number, what: string): void {
  expect(typeof actual, what).toBe('number');
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    Math.abs(expected) * 1e-9 + 1e-6,
  );
}

describe.skipIf(!hasShared(...WOOD))('EU27 wood sample: every level, each flow once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-levels-'));
  const db = join(dir, 's.duckdb');
  let rows: Row[];
  beforeAll(async () => {
    rows = sharedRows(WOOD);
    const r = await captureCli(['import', '--db', db, sharedPath(...WOOD)], { cwd: dir });
    expect(r.code, r.err).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the file mixes levels (so the rule matters)', () => {
    expect(new Set(rows.map((r) => r.code.length))).toEqual(new Set([2, 4, 6]));
  });

  it("Germany's imports per year equal the file's non-overlapping codes, areas included", async () => {
    const expected = dedupedTotals(
      rows.filter((r) => r.rep === 'DEU' && r.flow === 'M'),
      (r) => String(r.year),
    );
    expect(expected.size).toBe(5);
    const r = await captureCli(
      ['profile', 'country', 'DEU', '--years', '2018-2022', '--db', db, '--format', 'json'],
      { cwd: dir },
    );
    expect(r.code, r.err).toBe(0);
    const p = JSON.parse(r.out);
    expect(p.provenance.levels).toEqual([2, 4, 6]);
    expect(p.notes.join(' ')).toMatch(/each flow is counted once/);
    for (const t of p.totals.rows) close(t.imports, expected.get(String(t.year))!, `DEU imports ${t.year}`);
    expect(p.totals.rows.map((t: { year: number }) => t.year)).toEqual([2018, 2019, 2020, 2021, 2022]);
    // The figure of the issue, to the dollar.
    expect(Math.round(p.totals.rows.find((t: { year: number }) => t.year === 2022).imports)).toBe(48_043_487_203);
    // Areas not specified: a row of their own beside the partners, in the total.
    const areas = new Set(['E19', 'F19', 'X1', 'XX', '_X']);
    const fromAreas = dedupedTotals(
      rows.filter((r) => r.rep === 'DEU' && r.flow === 'M' && r.year === 2022 && areas.has(r.par)),
      () => 'all',
    ).get('all')!;
    expect(fromAreas).toBeGreaterThan(0);
    close(p.topPartners.areas.imports, fromAreas, 'DEU imports 2022 from areas not specified');
  });

  it("China's exports to Germany come from Germany's mirror report, labelled so; DEU→CHN is no data, not 0", async () => {
    const expected = dedupedTotals(
      rows.filter((r) => r.rep === 'DEU' && r.par === 'CHN' && r.flow === 'M'),
      (r) => String(r.year),
    );
    const r = await captureCli(
      ['bilateral', 'DEU', 'CHN', '--years', '2021-2022', '--db', db, '--format', 'json'],
      { cwd: dir },
    );
    expect(r.code, r.err).toBe(0);
    const b = JSON.parse(r.out);
    expect(b.provenance.view).toBe('trade-map');
    for (const s of b.trend) {
      close(s.b_to_a, expected.get(String(s.year))!, `CHN→DEU ${s.year}`);
      expect(s.a_to_b, 'neither DEU nor CHN reports DEU→CHN').toBeNull();
      expect(s.balance).toBeNull();
    }
    const chn = b.sources.filter((l: { country: string }) => l.country === 'CHN');
    expect(chn.map((l: { source: string }) => l.source)).toEqual(['mirror', 'mirror']);
    expect(chn[0].reason).toMatch(/DEU's report of its imports from CHN/);
    const deu = b.sources.filter((l: { country: string }) => l.country === 'DEU');
    expect(deu.map((l: { source: string }) => l.source)).toEqual(['none', 'none']);
    expect(b.notes.join(' ')).toMatch(/CHN→DEU exports 2022: mirror/);
    // The table says "no data", never 0, for the direction nobody reported.
    const t = await captureCli(['bilateral', 'DEU', 'CHN', '--year', '2022', '--db', db], { cwd: dir });
    expect(t.out).toMatch(/│ 2022 │ no data │/);
  });

  it('between two importers that report (DEU, POL) each direction is the importer’s report, whichever country is named first', async () => {
    const from = (exporter: string, importer: string) =>
      dedupedTotals(rows.filter((r) => r.rep === importer && r.par === exporter && r.flow === 'M'), (r) => String(r.year));
    for (const [a, b] of [['DEU', 'POL'], ['POL', 'DEU']] as const) {
      const r = await captureCli(['bilateral', a, b, '--years', '2021-2022', '--db', db, '--format', 'json'], { cwd: dir });
      expect(r.code, r.err).toBe(0);
      const out = JSON.parse(r.out);
      for (const s of out.trend) {
        close(s.a_to_b, from(a, b).get(String(s.year))!, `${a}→${b} ${s.year} (${b}'s imports)`);
        close(s.b_to_a, from(b, a).get(String(s.year))!, `${b}→${a} ${s.year} (${a}'s imports)`);
      }
      expect(out.sources.map((l: { source: string }) => l.source)).toEqual(['mirror', 'mirror', 'mirror', 'mirror']);
    }
  });

  it("Germany's exports: mirror under the default view; under the reporter view no data, with the mirror figure", async () => {
    const mirror = dedupedTotals(
      rows.filter((r) => r.par === 'DEU' && r.flow === 'M'),
      (r) => String(r.year),
    );
    const tm = JSON.parse(
      (await captureCli(['profile', 'country', 'DEU', '--year', '2022', '--db', db, '--format', 'json'], { cwd: dir }))
        .out,
    );
    const row = tm.totals.rows[0];
    close(row.exports, mirror.get('2022')!, 'DEU exports 2022 (mirror)');
    expect([row.exports_source, row.imports_source]).toEqual(['mirror', 'reporter']);
    const rep = await captureCli(
      ['profile', 'country', 'DEU', '--year', '2022', '--view', 'reporter', '--db', db, '--format', 'json'],
      { cwd: dir },
    );
    expect(rep.code, rep.err).toBe(0);
    const p = JSON.parse(rep.out);
    expect(p.totals.rows[0].exports).toBeNull();
    expect(p.totals.rows[0].exports_source).toBe('none');
    const label = p.sources.find((l: { side: string }) => l.side === 'export');
    expect(label.reason).toMatch(/DEU reports no exports for 2022/);
    close(label.mirror_value, mirror.get('2022')!, 'mirror figure');
  });

  it('market finder: market sizes include the areas rows; shares and HHI over named partners', async () => {
    const areas = new Set(['E19', 'F19', 'X1', 'XX', '_X']);
    const of = (y: number) => rows.filter((r) => r.code === '4412' && r.flow === 'M' && r.year === y);
    const size = (y: number) => dedupedTotals(of(y), (r) => r.rep);
    const named = (y: number) => dedupedTotals(of(y).filter((r) => !areas.has(r.par)), (r) => r.rep);
    const r = await captureCli(
      ['markets', '--exporter', 'CHN', '--product', '4412', '--year', '2021', '--db', db, '--format', 'json'],
      { cwd: dir },
    );
    expect(r.code, r.err).toBe(0);
    const m = JSON.parse(r.out);
    const [s21, s20, n21] = [size(2021), size(2020), named(2021)];
    expect(m.markets.length).toBe(s21.size);
    for (const row of m.markets) {
      close(row.imports, s21.get(row.market)!, `size ${row.market}`);
      close(row.areas, s21.get(row.market)! - n21.get(row.market)!, `areas ${row.market}`);
      close(row.growth1, s21.get(row.market)! / s20.get(row.market)! - 1, `growth ${row.market}`);
      const chn = of(2021)
        .filter((x) => x.rep === row.market && x.par === 'CHN')
        .reduce((t, x) => t + x.v, 0);
      close(row.exporter_share, chn / n21.get(row.market)!, `CHN share of ${row.market}`);
    }
    // The example: Slovakia's 2021 growth of 4412 imports from total imports, 31.8% (not 40.9%).
    const svk = m.markets.find((x: { market: string }) => x.market === 'SVK');
    expect(svk.growth1).toBeCloseTo(0.318, 3);
    expect(m.notes.join(' ')).toMatch(/areas not specified included .* over named partners/);
  });

  it('every reporter: imports by year as the independent sum (value indicator)', async () => {
    const store = await openTestStore();
    try {
      await importFiles(store, [sharedPath(...WOOD)]);
      const expected = dedupedTotals(
        rows.filter((r) => r.flow === 'M'),
        (r) => `${r.rep}|${r.year}`,
      );
      const got = await runIndicator(store, 'value', { from: 2018, to: 2022, side: 'import' });
      expect(got.rows.length).toBe(expected.size);
      for (const g of got.rows) close(g.value, expected.get(`${g.country}|${g.year}`)!, `${g.country} ${g.year}`);
    } finally {
      await store.close();
    }
  });

  it('with the same reporters’ World-only download beside it: refused in one line per pair of runs, naming every reporter and year', async () => {
    const world = ['data', 'comtrade_samples', 'api_eu27_wood_imports_hs4_from_world_2018_2022.csv.gz'];
    const both = join(dir, 'both.duckdb');
    expect((await captureCli(['import', '--db', both, sharedPath(...WOOD), sharedPath(...world)], { cwd: dir })).code).toBe(0);
    const r = await captureCli(['indicator', 'value', '--importer', 'DEU', '--years', '2018-2022', '--db', both], { cwd: dir });
    expect(r.code).toBe(1);
    const reporters = new Set(rows.map((x) => x.rep));
    const years = [...new Set(rows.map((x) => x.year))];
    const lines = r.err.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`(${reporters.size} reporters) imports ${Math.min(...years)}–${Math.max(...years)} are in run 1`);
    expect(lines[0]).toMatch(/choose one with --runs 1 or --runs 2/);
  });
});

describe('a hand-made file: chapters, headings and subheadings side by side', () => {
  const header = 'reporter_iso,reporter_desc,flow_desc,partner_iso,partner_desc,cmd_code,cmd_desc,primary_value,ref_year';
  const line = (par: string, code: string, v: number) =>
    `FRA,France,Import,${par},${par},${code},c${code},${v},2021`;
  // DEU: codes that do not overlap (the common case of Comtrade downloads).
  // CHN: 48 with two of its headings and a subheading of one of them; 44 with one subheading and no
  // heading; 490110 alone.
  const text = [
    header,
    line('DEU', '48', 100),
    line('DEU', '4401', 10),
    line('DEU', '940330', 5),
    line('CHN', '48', 100),
    line('CHN', '4801', 30),
    line('CHN', '4802', 20),
    line('CHN', '480100', 12),
    line('CHN', '44', 50),
    line('CHN', '440110', 50),
    line('CHN', '490110', 7),
  ].join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'lantern-levels-hand-'));
  const file = join(dir, 'fra_imports_mixed_levels.csv');
  let store: Store;
  beforeAll(async () => {
    writeFileSync(file, `${text}\n`);
    store = await openTestStore();
    await ensureReferenceData(store); // the shipped HS tables: the bundled basket resolved to HS2017
    await importFiles(store, [file]);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('no overlap: every code counts whole', async () => {
    const r = await runIndicator(store, 'value', { from: 2021, side: 'import', country: 'FRA', partner: 'DEU' });
    expect(r.rows[0]?.value).toBe(115);
    const byCode = await runIndicator(store, 'value', {
      from: 2021,
      side: 'import',
      country: 'FRA',
      partner: 'DEU',
      by: 'product',
    });
    expect(Object.fromEntries(byCode.rows.map((x) => [x.product, x.value]))).toEqual({
      '48': 100,
      '4401': 10,
      '940330': 5,
    });
  });

  it('overlap: each flow once, at the finest code; a chapter keeps what its headings leave over', async () => {
    const expected = dedupedTotals(rowsOf(text), (r) => r.par);
    expect(expected.get('CHN')).toBe(157);
    const r = await runIndicator(store, 'value', { from: 2021, side: 'import', country: 'FRA', partner: 'CHN' });
    expect(r.rows[0]?.value).toBe(expected.get('CHN'));
    const byCode = await runIndicator(store, 'value', {
      from: 2021,
      side: 'import',
      country: 'FRA',
      partner: 'CHN',
      by: 'product',
    });
    expect(Object.fromEntries(byCode.rows.map((x) => [x.product, x.value]))).toEqual({
      '48': 50, // 100 − 4801 − 4802
      '4801': 18, // 30 − 480100
      '480100': 12,
      '4802': 20,
      '44': 0, // 50 − 440110
      '440110': 50,
      '490110': 7,
    });
    const all = await runIndicator(store, 'value', { from: 2021, side: 'import', country: 'FRA' });
    expect(all.rows[0]?.value).toBe(157 + 115);
  });

  it('a basket at the data level: a heading or chapter holding a basket code is in, flagged approximate', async () => {
    const basket = new Set(
      (
        await store.query<{ code: string }>(
          sql`select code from basket_resolved where basket_id = ${'unesco-fcs-2009'} and edition = ${'HS2017'}`,
        )
      ).map((r) => r.code),
    );
    expect(basket.size).toBeGreaterThan(100);
    // The counted value of each code (the overlap case above), in the basket when a basket code falls under it.
    const counted: Record<string, number> = { '48': 50, '4801': 18, '480100': 12, '4802': 20, '44': 0, '440110': 50, '490110': 7 };
    const inBasket = (c: string) => [...basket].some((b) => b.startsWith(c));
    const expected = Object.entries(counted)
      .filter(([c]) => inBasket(c))
      .reduce((t, [, v]) => t + v, 0);
    const r = await runIndicator(store, 'value', {
      from: 2021,
      side: 'import',
      country: 'FRA',
      partner: 'CHN',
      basket: 'unesco-fcs-2009',
    });
    expect(r.rows[0]?.value ?? 0).toBe(expected);
    const coarse = Object.keys(counted).filter((c) => c.length < 6 && inBasket(c));
    expect(coarse.length).toBeGreaterThan(0);
    for (const c of coarse) expect(r.notes.join(' ')).toMatch(new RegExp(`approximate: .*\\b${c}\\b`));
  });

  it('--level groups at that level: finer codes summed to it, coarser ones kept, each flow once', async () => {
    const r = await runIndicator(store, 'value', { from: 2021, side: 'import', country: 'FRA', level: 4 });
    expect(r.rows[0]?.value).toBe(157 + 115);
    expect(r.provenance).toMatchObject({ level: 4, levels: [2, 4, 6] });
    expect(r.notes.join(' ')).toMatch(/HS level 4: the 6-digit codes are summed to their 4-digit heading/);
    expect(r.notes.join(' ')).toMatch(/codes the data holds only at 2 digits are shown at that level/);
    const byCode = await runIndicator(store, 'value', { from: 2021, side: 'import', country: 'FRA', partner: 'CHN', level: 4, by: 'product' });
    // The counted values of the overlap case, summed to 4 digits: 4801 is 18 + its 480100's 12.
    expect(Object.fromEntries(byCode.rows.map((x) => [x.product, x.value]))).toEqual({ '48': 50, '4801': 30, '4802': 20, '44': 0, '4401': 50, '4901': 7 });
    const chapters = await runIndicator(store, 'value', { from: 2021, side: 'import', country: 'FRA', level: 2, by: 'product' });
    expect(Object.fromEntries(chapters.rows.map((x) => [x.product, x.value]))).toEqual({ '48': 100 + 100, '44': 10 + 50, '49': 7, '94': 5 });
  });

  it('a level finer than every row is refused, naming the levels the data has', async () => {
    const only4 = join(dir, 'fra_imports_hs4.csv');
    writeFileSync(only4, `${header}\n${line('DEU', '4401', 10)}\n`);
    const s4 = await openTestStore();
    try {
      await importFiles(s4, [only4]);
      expect((await runIndicator(s4, 'value', { from: 2021, side: 'import', country: 'FRA', level: 2 })).rows[0]?.value).toBe(10);
      await expect(runIndicator(s4, 'value', { from: 2021, side: 'import', country: 'FRA', level: 6 })).rejects.toMatchObject({
        code: 'no-data',
        message: expect.stringMatching(/No rows at HS level 6 or finer/),
        problems: [expect.objectContaining({ field: 'level', hint: expect.stringMatching(/--level 4/) })],
      });
    } finally {
      await s4.close();
    }
  });
});

describe('a hand-made file: TOTAL rows and World rows beside codes and partners', () => {
  const header = 'reporter_iso,reporter_desc,flow_desc,partner_iso,partner_desc,cmd_code,cmd_desc,primary_value,ref_year';
  const line = (par: string, code: string, v: number) => `ITA,Italy,Import,${par},${par},${code},c${code},${v},2021`;
  // World: all products 1000, of which chapter 49 300, of which 4901 100. USA: all products 400, of
  // which 4901 60. CHN: chapter 49 only, 50. ITA's imports are the World TOTAL, 1000.
  const text = [
    header,
    line('W00', 'TOTAL', 1000),
    line('W00', '49', 300),
    line('W00', '4901', 100),
    line('USA', 'TOTAL', 400),
    line('USA', '4901', 60),
    line('CHN', '49', 50),
  ].join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'lantern-levels-world-'));
  const file = join(dir, 'ita_imports_total_world.csv');
  let store: Store;
  beforeAll(async () => {
    writeFileSync(file, `${text}\n`);
    store = await openTestStore();
    await importFiles(store, [file]);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the total is the World TOTAL row: nothing added twice, the unnamed rest kept', async () => {
    const r = await runIndicator(store, 'value', { from: 2021, side: 'import', country: 'ITA' });
    expect(r.rows[0]?.value).toBe(1000);
    expect(r.provenance.levels).toEqual([0, 2, 4]);
    expect(r.provenance.worldRows).toBe(true);
    expect(r.notes.join(' ')).toMatch(/TOTAL rows count the products no code names/);
  });

  it('by product, World’s own breakdown: TOTAL less chapter 49, 49 less 4901, 4901', async () => {
    const r = await runIndicator(store, 'value', { from: 2021, side: 'import', country: 'ITA', by: 'product' });
    expect(Object.fromEntries(r.rows.map((x) => [x.product, x.value]))).toEqual({ TOTAL: 700, '49': 200, '4901': 100 });
  });

  it('partners: each partner its own total; World is never a partner', async () => {
    const r = await runIndicator(store, 'value', { from: 2021, side: 'import', country: 'ITA', partner: 'USA' });
    expect(r.rows[0]?.value).toBe(400);
    const shares = await runIndicator(store, 'partner-share', { from: 2021, side: 'import', country: 'ITA' });
    expect(Object.fromEntries(shares.rows.map((x) => [x.partner, x.numerator]))).toEqual({ USA: 400, CHN: 50 });
  });

  it('an HS code reads the codes, never the TOTAL rest', async () => {
    const r = await runIndicator(store, 'value', { from: 2021, side: 'import', country: 'ITA', product: '49' });
    expect(r.rows[0]?.value).toBe(300);
  });
});
