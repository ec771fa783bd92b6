/**
 * Read models on the tiny fixture of test/support/world.ts (see its header for the rows), with the
 * expected values worked out by hand, and the guards: no data, unknown country or basket, HS
 * edition mismatch, mixed sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBasket, loadFixture, openTestStore } from '../../test/support/world.ts';
import type { Store } from '../store/db.ts';
import {
  bilateral,
  compare,
  countryProfile,
  listIndicators,
  marketFinder,
  productProfile,
  runIndicator,
} from './index.ts';

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
  await loadFixture(store);
  await insertBasket(store, 'only-2022', 'HS2022', [{ code: '490199', domain: 'books' }]);
});
afterAll(async () => {
  await store.close();
});

const close = (a: unknown, e: number) => {
  expect(typeof a).toBe('number');
  expect(Math.abs((a as number) - e)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e)));
};
const rec = { perspective: 'reconciled' as const };

describe('runIndicator', () => {
  it('records the indicator, the runs, the perspective and the SQL', async () => {
    const r = await runIndicator(store, 'rca', {
      country: 'chn',
      from: 2021,
      basket: 'test-fcs',
      by: 'domain',
      ...rec,
    });
    expect(r.provenance).toMatchObject({
      perspective: 'reconciled',
      view: null,
      classifications: ['HS1992'],
      level: 6,
    });
    expect(r.provenance.runs.map((x) => x.id)).toEqual([1]);
    expect(r.params.country).toEqual(['CHN']);
    expect(r.sql.text).toContain('basket_resolved');
    close(r.rows[0]?.value, 150 / 350 / (200 / 600));
  });

  it('leaves out filters that cannot change the result, and keeps them when they can', async () => {
    // 2019 holds only run 1 (and no services rows): no run or goods filter is needed
    const only = await runIndicator(store, 'value', { from: 2019 });
    expect(only.params).toMatchObject({ runs: [1], filterRuns: false, goodsOnly: false });
    expect(only.sql.text).not.toMatch(/run_id|type_code/);
    // 2021 holds runs 1 and 2: choosing run 1 must filter out run 2
    const both = await runIndicator(store, 'value', { from: 2021, perspective: 'reconciled' });
    expect(both.params).toMatchObject({ runs: [1], filterRuns: true });
    expect(both.sql.text).toMatch(/run_id in/);
  });

  it('records the view for reported data', async () => {
    const r = await runIndicator(store, 'value', { from: 2021, perspective: 'reported', view: 'mirror-max' });
    expect(r.provenance).toMatchObject({ perspective: 'reported', view: 'mirror-max' });
  });

  it('says why a result is empty', async () => {
    const r = await runIndicator(store, 'value', { country: 'JPN', from: 2021, basket: 'test-fcs', ...rec });
    expect(r.rows).toEqual([]);
    expect(r.empty).toMatch(/no exports of JPN in test-fcs in 2021/);
  });

  it('refuses to sum reconciled and reported data, naming both runs', async () => {
    await expect(runIndicator(store, 'value', { from: 2021 })).rejects.toMatchObject({
      code: 'mixed-sources',
      problems: [
        expect.objectContaining({ message: expect.stringMatching(/run 1 \(baci V202401/) }),
        expect.objectContaining({ message: expect.stringMatching(/run 2 \(comtrade/) }),
      ],
    });
    // one year with a single source is fine
    await expect(runIndicator(store, 'value', { from: 2019 })).resolves.toMatchObject({
      provenance: { perspective: 'reconciled' },
    });
  });

  it('refuses two runs of one source holding the same reports', async () => {
    const s = await openTestStore();
    await loadFixture(s, { reported: false });
    const { insertRun, insertFlows } = await import('../../test/support/world.ts');
    await insertRun(s, { id: 7, source: 'baci', perspective: 'reconciled' });
    await insertFlows(s, 7, [
      { year: 2021, reporter: 'CHN', partner: 'USA', flow: 'X', product: '490199', value: 1 },
    ]);
    await expect(runIndicator(s, 'value', { from: 2021 })).rejects.toMatchObject({
      code: 'mixed-sources',
      message: /counted? the trade twice|count the trade twice/,
    });
    await s.close();
  });

  it('guards: a year without data, an unknown country, basket, domain, edition mismatch, mirror on BACI', async () => {
    await expect(runIndicator(store, 'value', { from: 2030, ...rec })).rejects.toMatchObject({
      code: 'no-data',
      message: /2030/,
    });
    await expect(runIndicator(store, 'value', { country: 'XXZ', from: 2021, ...rec })).rejects.toMatchObject({
      code: 'unknown-country',
    });
    await expect(runIndicator(store, 'value', { from: 2021, basket: 'nope', ...rec })).rejects.toMatchObject({
      code: 'unknown-basket',
    });
    await expect(
      runIndicator(store, 'value', { from: 2021, basket: 'test-fcs', domain: 'music', ...rec }),
    ).rejects.toMatchObject({ code: 'unknown-basket', message: /no domain "music"/ });
    await expect(
      runIndicator(store, 'value', { from: 2021, basket: 'only-2022', ...rec }),
    ).rejects.toMatchObject({ code: 'edition-mismatch', message: /HS1992/ });
    await expect(
      runIndicator(store, 'mirror-gap', { from: 2021, perspective: 'reconciled' }),
    ).rejects.toMatchObject({ code: 'invalid-argument', message: /needs reported data/ });
    await expect(
      runIndicator(store, 'value', { from: 2021, product: '49019', ...rec }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('lists the catalog with its parameters', () => {
    const l = listIndicators();
    expect(l.find((i) => i.id === 'export-potential')?.label_en).toMatch(/ITC-consistent, not ITC-identical/);
    expect(l.find((i) => i.id === 'rca')?.parameters.map((p) => p.name)).toContain('basket');
  });
});

describe('country profile', () => {
  it('CHN 2020–2021 in the test basket', async () => {
    const p = await countryProfile(store, { country: 'CHN', years: '2020-2021', basket: 'test-fcs', ...rec });
    expect(p.country.nameZh).toBe('中国');
    // 2020: X 80 + 40 = 120, M 30 (USA books) + 50 (DEU art) = 80; 2021: X 150, M 30 + 40 = 70
    const reconciled = { exports_source: 'reconciled', imports_source: 'reconciled' };
    expect(p.totals.rows).toEqual([
      { year: 2020, exports: 120, imports: 80, balance: 40, relative_balance: 40 / 200, ...reconciled },
      { year: 2021, exports: 150, imports: 70, balance: 80, relative_balance: 80 / 220, ...reconciled },
    ]);
    expect(p.totals.runs).toEqual([1]);
    // 2021 world basket exports 200 + 100 = 300: CHN 150 → 0.5, rank 1; imports USA 120, DEU 110, CHN 70 → rank 3
    const w = p.worldShare.rows.find((r) => r.year === 2021)!;
    expect(w).toMatchObject({ exports_share: 0.5, exports_rank: 1, imports_rank: 3 });
    close(w.imports_share, 70 / 300);
    const books = p.byDomain!.rows.find((r) => r.domain === 'books')!;
    expect(books).toMatchObject({ exports: 150, imports: 30, world_share: 0.75, world_rank: 1 });
    close(books.rca, 9 / 7);
    // CHN exports no visual arts: the (complete) RCA row says 0 and there is no world rank
    expect(p.byDomain!.rows.find((r) => r.domain === 'visual-arts')).toMatchObject({
      exports: 0,
      imports: 40,
      rca: 0,
      world_share: 0,
      world_rank: null,
    });
    expect(p.topPartners.exports.map((r) => [r.partner, r.value])).toEqual([
      ['USA', 100],
      ['DEU', 50],
    ]);
    close(p.topPartners.exports[0]!.share, 2 / 3);
    expect(p.topProducts.exports).toEqual([
      // this store holds no nomenclature: no name (names: test/integration/defaults-names.test.ts)
      { product: '490199', name: { en: null, zh: null }, value: 150, share: 1 },
    ]);
    close(p.concentration.exports!.hhi_partners, 5 / 9);
    expect(p.concentration.exports).toMatchObject({ markets: 2, hhi_products: 1 });
    close(p.growth.exports.yoy, 0.25);
    close(p.growth.exports.cagr, 0.25);
    expect(p.growth.exports.trend).toBeNull(); // 2 years < 3
    expect(p.empty).toBeNull();
  });

  it('says why a profile is empty', async () => {
    const p = await countryProfile(store, { country: 'JPN', years: '2021', basket: 'test-fcs', ...rec });
    expect(p.totals.rows).toEqual([]);
    expect(p.empty).toMatch(/No trade of JPN in test-fcs in 2021–2021/);
    const q = await productProfile(store, { product: '970110', years: '2019', ...rec });
    expect(q.empty).toMatch(/No country trades HS 970110/);
  });
});

describe('market finder', () => {
  it('CHN × 490199 in 2021: USA and DEU, sizes, growth, share, competitors, potential', async () => {
    const r = await marketFinder(store, { exporter: 'CHN', product: '490199', year: 2021, ...rec });
    expect(r.counts).toEqual({ markets: 2, shown: 2 });
    const [usa, deu] = r.markets;
    // USA imports 100 (CHN) + 20 (DEU) = 120; 2020: 80 → +50%
    expect(usa).toMatchObject({
      market: 'USA',
      imports: 120,
      imports_1y_ago: 80,
      growth1: 0.5,
      imports_5y_ago: null,
      exporter_value: 100,
      rank: 1,
      suppliers: 2,
    });
    close(usa!.exporter_share, 100 / 120);
    close(usa!.hhi, (100 / 120) ** 2 + (20 / 120) ** 2);
    expect(usa!.competitors.map((c) => c.country)).toEqual(['DEU']);
    close(usa!.competitors[0]!.share, 20 / 120);
    // Potential as in the catalog test; actual = mean over the data years in 2017–2021 (2019–2021):
    // USA (60 + 80 + 100)/3 = 80, DEU (0 + 40 + 50)/3 = 30
    const eU = 300 / 350 / (420 / 600);
    const eD = 50 / 350 / (110 / 600);
    const pU = (150 * 120 * eU) / (120 * eU + 50 * eD);
    close(usa!.potential, pU);
    close(usa!.actual, 80);
    close(usa!.unrealised, pU - 80);
    expect(deu).toMatchObject({ market: 'DEU', imports: 50, exporter_share: 1, competitors: [] });
    close(deu!.actual, 30);
  });

  it('sorts and filters', async () => {
    const r = await marketFinder(store, {
      exporter: 'CHN',
      product: '490199',
      year: 2021,
      sort: 'size',
      order: 'asc',
      ...rec,
    });
    expect(r.markets.map((m) => m.market)).toEqual(['DEU', 'USA']);
    const f = await marketFinder(store, {
      exporter: 'CHN',
      product: '490199',
      year: 2021,
      minSize: 100,
      ...rec,
    });
    expect(f.markets.map((m) => m.market)).toEqual(['USA']);
    const none = await marketFinder(store, {
      exporter: 'CHN',
      product: '490199',
      year: 2021,
      minSize: 1e9,
      ...rec,
    });
    expect(none.empty).toMatch(/2 markets import HS 490199 in 2021, but none passes/);
  });
});

describe('product profile, bilateral, compare', () => {
  it('product profile of 490199 in 2021', async () => {
    const p = await productProfile(store, { product: '490199', years: '2020-2021', ...rec });
    // world exports 2021: 100 + 50 + 30 + 20 = 200; 2020: 80 + 40 + 30 = 150
    expect(p.world.find((r) => r.year === 2021)).toMatchObject({
      exports: 200,
      exporters: 3,
      importers: 3,
    });
    close(p.world.find((r) => r.year === 2021)!.growth, 200 / 150 - 1);
    // quantity 2021: 10 + 5 + 2 + 4 = 21 t → 200/21 $/t
    close(p.world.find((r) => r.year === 2021)!.unit_value, 200 / 21);
    expect(p.exporters.map((r) => r.country)).toEqual(['CHN', 'USA', 'DEU']);
    close(p.exporters[0]!.unit_value, 150 / 15);
    // exporters' shares 0.75, 0.15, 0.1 → HHI 0.5625 + 0.0225 + 0.01 = 0.595
    close(p.concentration.exporters.hhi, 0.595);
    // importers: USA 120, DEU 50, CHN 30 of 200
    expect(p.importers.map((r) => [r.country, r.value])).toEqual([
      ['USA', 120],
      ['DEU', 50],
      ['CHN', 30],
    ]);
  });

  it('basket-domain profile', async () => {
    const p = await productProfile(store, { product: 'basket:test-fcs:visual-arts', years: '2021', ...rec });
    expect(p.exporters.map((r) => [r.country, r.value])).toEqual([
      ['USA', 60],
      ['DEU', 40],
    ]);
  });

  it('bilateral CHN–USA, all products', async () => {
    const b = await bilateral(store, { a: 'CHN', b: 'USA', years: '2020-2021', ...rec });
    // 2020: CHN→USA 80 + 160 = 240, USA→CHN 30; 2021: 100 + 200 = 300, 30
    expect(b.trend).toEqual([
      { year: 2020, a_to_b: 240, b_to_a: 30, balance: 210 },
      { year: 2021, a_to_b: 300, b_to_a: 30, balance: 270 },
    ]);
    expect(b.products.find((p) => p.year === 2021 && p.product === '490199')).toEqual({
      year: 2021,
      product: '490199',
      name_en: null, // no nomenclature in this store
      name_zh: null,
      a_to_b: 100,
      b_to_a: 30,
    });
    close(b.fit.complementarity_a_b, 600 / 7);
    close(b.fit.intensity_a_b, 300 / 350 / (420 / 600));
    expect(b.mirror).toBeNull();
  });

  it('compare world share of books', async () => {
    const c = await compare(store, {
      countries: 'CHN,USA',
      indicator: 'world-share',
      basket: 'test-fcs:books',
      years: '2020-2021',
      ...rec,
    });
    // 2020 books: CHN 120, USA 30 of 150; 2021: CHN 150, USA 30 of 200
    expect(c.series).toEqual([
      { year: 2020, CHN: 0.8, USA: 0.2 },
      { year: 2021, CHN: 0.75, USA: 0.15 },
    ]);
  });
});
