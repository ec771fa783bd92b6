/**
 * Every indicator on the tiny fixture of testing.ts, against values computed by hand (the
 * arithmetic is in the comments). 2021 exports of the reconciled world:
 *   CHN: 490199 150 (USA 100, DEU 50), 950510 200 (USA)        total 350
 *   USA: 490199 30 (CHN), 970110 60 (DEU)                      total  90
 *   DEU: 970110 40 (CHN), 490199 20 (USA)                      total  60
 *   JPN: 950510 100 (USA)                                      total 100      world 600
 *   world by product: 490199 200, 970110 100, 950510 300
 *   2021 imports: USA 420 (books 120), DEU 110, CHN 70
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/db.ts';
import { clickhouse, duckdb } from '../store/dialect.ts';
import { getIndicator, indicators } from './catalog.ts';
import { loadFixture, openTestStore } from '../../test/support/world.ts';
import { finishRows } from './types.ts';

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
  await loadFixture(store);
});
afterAll(async () => {
  await store.close();
});

type R = Record<string, unknown> & { value: number | null };

async function run(id: string, params: Record<string, unknown>): Promise<R[]> {
  const def = getIndicator(id);
  const parsed = def.params.parse(params);
  return finishRows(def, await store.query<R>(def.build(parsed, duckdb)), parsed) as R[];
}

function close(actual: unknown, expected: number, rel = 1e-12): void {
  expect(typeof actual).toBe('number');
  const a = actual as number;
  expect(Math.abs(a - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}

const one = (rows: R[], where: Record<string, unknown>): R => {
  const hit = rows.filter((r) => Object.entries(where).every(([k, v]) => r[k] === v));
  expect(hit, JSON.stringify(where)).toHaveLength(1);
  return hit[0] as R;
};

const rec = { perspective: 'reconciled', runs: [1] };
const basket = { basket: 'test-fcs' };

describe('catalog', () => {
  it('has unique ids, both labels, a formula and an example that validates', () => {
    const ids = indicators.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const def of indicators) {
      expect(def.label.en && def.label.zh && def.formula && def.description.zh).toBeTruthy();
      expect(def.params.safeParse(def.example).success, def.id).toBe(true);
      expect(def.columns[0]?.key).toBe('value');
    }
  });

  it('rejects unknown ids and bad parameters with a LanternError naming the field', () => {
    expect(() => getIndicator('nope')).toThrow(/no indicator "nope"/);
    expect(() => getIndicator('rca').compile({ from: 2021, product: '49x' }, duckdb)).toThrow(
      /Invalid parameters/,
    );
    try {
      getIndicator('rca').compile({ from: 2021, by: 'domain' }, duckdb);
    } catch (e) {
      expect((e as { problems: { field: string }[] }).problems[0]?.field).toBe('by');
    }
  });

  it('compiles every indicator for ClickHouse without DuckDB-only syntax', () => {
    for (const def of indicators) {
      const { text } = def.compile(def.example, clickhouse);
      expect(text, def.id).not.toMatch(
        /::|\bqualify\b|filter\s*\(\s*where|\$\d|list_|struct_pack|\bilike\b/i,
      );
      expect(text, def.id).toContain('trade_flows');
    }
  });

  it('binds every value as a parameter (no user text in the SQL)', () => {
    const { text, params } = getIndicator('value').compile(
      { country: ['CHN'], from: 2021, basket: 'zz-basket' },
      duckdb,
    );
    expect(text).not.toMatch(/CHN|zz-basket|2021/);
    expect(params).toEqual(expect.arrayContaining(['CHN', 'zz-basket', 2021]));
  });
});

describe('indicators on the reconciled fixture', () => {
  it('value: CHN books 100 + 50 = 150; USA books 30, visual arts 60', async () => {
    const rows = await run('value', { ...rec, ...basket, from: 2021, by: 'domain' });
    expect(one(rows, { country: 'CHN', product: 'books' })).toMatchObject({ value: 150 });
    expect(one(rows, { country: 'USA', product: 'books' }).value).toBe(30);
    expect(one(rows, { country: 'USA', product: 'visual-arts' }).value).toBe(60);
    expect(rows.find((r) => r.country === 'CHN' && r.product === 'visual-arts')).toBeUndefined();
  });

  it('value on the import side: USA imports 100 + 200 + 20 + 100 = 420', async () => {
    const rows = await run('value', { ...rec, country: ['USA'], from: 2021, side: 'import' });
    expect(one(rows, { country: 'USA' }).value).toBe(420);
  });

  it('balance and relative trade balance: CHN basket X 150, M 30 + 40 = 70 → 80, 80/220', async () => {
    const b = await run('balance', { ...rec, ...basket, country: ['CHN', 'USA'], from: 2021 });
    expect(one(b, { country: 'CHN' })).toMatchObject({ value: 80, exports: 150, imports: 70 });
    // USA: X 30 + 60 = 90, M 100 + 20 = 120 → −30
    expect(one(b, { country: 'USA' })).toMatchObject({ value: -30, exports: 90, imports: 120 });
    const r = await run('relative-trade-balance', { ...rec, ...basket, country: ['CHN', 'USA'], from: 2021 });
    close(one(r, { country: 'CHN' }).value, 80 / 220);
    close(one(r, { country: 'USA' }).value, -30 / 210);
  });

  it('yoy growth: CHN basket 2021 150 / 2020 (80 + 40) − 1 = 0.25; 2020: 120/60 − 1 = 1', async () => {
    const rows = await run('yoy-growth', { ...rec, ...basket, country: ['CHN'], from: 2020, to: 2021 });
    expect(one(rows, { year: 2021 })).toMatchObject({ current: 150, previous: 120 });
    close(one(rows, { year: 2021 }).value, 0.25);
    close(one(rows, { year: 2020 }).value, 1);
  });

  it('CAGR: CHN all products (350/160)^(1/2) − 1', async () => {
    const rows = await run('cagr', { ...rec, country: ['CHN'], from: 2019, to: 2021 });
    close(one(rows, { country: 'CHN' }).value, Math.sqrt(350 / 160) - 1);
  });

  it('trend growth: slope of ln V over 2019–2021 (160, 280, 350)', async () => {
    // Least squares with t = −1, 0, 1: b = Σ t·ln V / Σ t² = (ln 350 − ln 160) / 2.
    const rows = await run('trend-growth', { ...rec, country: ['CHN', 'JPN'], from: 2019, to: 2021 });
    close(one(rows, { country: 'CHN' }).value, Math.exp((Math.log(350) - Math.log(160)) / 2) - 1);
    expect(one(rows, { country: 'CHN' }).years).toBe(3);
    // JPN trades in 2020 and 2021 only: 2 years < minYears 3 → no value.
    expect(one(rows, { country: 'JPN' }).value).toBeNull();
  });

  it('world share and rank: books CHN 150/200, USA 30/200, DEU 20/200', async () => {
    const rows = await run('world-share', { ...rec, ...basket, from: 2021, by: 'domain' });
    expect(one(rows, { country: 'CHN', product: 'books' })).toMatchObject({
      value: 0.75,
      rank: 1,
      countries: 3,
      denominator: 200,
    });
    expect(one(rows, { country: 'DEU', product: 'books' })).toMatchObject({ value: 0.1, rank: 3 });
    close(one(rows, { country: 'USA', product: 'visual-arts' }).value, 60 / 100);
  });

  it('market share: CHN in USA books 100 / (100 + 20)', async () => {
    const rows = await run('market-share', {
      ...rec,
      ...basket,
      country: ['CHN'],
      partner: ['USA'],
      from: 2021,
    });
    close(one(rows, { country: 'CHN', partner: 'USA' }).value, 100 / 120);
    expect(one(rows, { partner: 'USA' })).toMatchObject({ rank: 1, suppliers: 2, denominator: 120 });
  });

  it('partner share: CHN basket USA 100/150, DEU 50/150', async () => {
    const rows = await run('partner-share', { ...rec, ...basket, country: ['CHN'], from: 2021 });
    close(one(rows, { partner: 'USA' }).value, 2 / 3);
    expect(one(rows, { partner: 'DEU' }).rank).toBe(2);
  });

  it('product share: CHN books 150 / all products 350', async () => {
    const rows = await run('product-share', {
      ...rec,
      ...basket,
      country: ['CHN'],
      from: 2021,
      by: 'domain',
    });
    close(one(rows, { product: 'books' }).value, 150 / 350);
  });

  it('RCA and RSCA: CHN books (150/350)/(200/600); USA visual arts (60/90)/(100/600) = 4', async () => {
    const rows = await run('rca', { ...rec, ...basket, from: 2021, by: 'domain' });
    close(one(rows, { country: 'CHN', product: 'books' }).value, 150 / 350 / (200 / 600));
    close(one(rows, { country: 'USA', product: 'visual-arts' }).value, 4);
    close(one(rows, { country: 'DEU', product: 'books' }).value, 20 / 60 / (200 / 600));
    const s = await run('rsca', { ...rec, ...basket, country: ['CHN'], from: 2021, by: 'domain' });
    // RCA = 9/7 → (9/7 − 1)/(9/7 + 1) = (2/7)/(16/7) = 0.125
    close(one(s, { product: 'books' }).value, 0.125);
    // CHN exports no visual arts: RCA 0, RSCA (0 − 1)/(0 + 1) = −1
    expect(one(s, { product: 'visual-arts' })).toMatchObject({ value: -1, rca: 0, x_ik: 0 });
  });

  it('RCA is complete: 4 exporters × 2 domains, zeros where a country exports none of a domain', async () => {
    const rows = await run('rca', { ...rec, ...basket, from: 2021, by: 'domain' });
    // CHN, DEU, JPN, USA export in 2021; books and visual arts are exported by the world.
    expect(rows).toHaveLength(8);
    expect(one(rows, { country: 'CHN', product: 'visual-arts' })).toMatchObject({ value: 0, x_ik: 0, x_i: 350 });
    // JPN exports 100, all 950510 (outside the basket): RCA 0 in both domains
    expect(one(rows, { country: 'JPN', product: 'books' })).toMatchObject({ value: 0, x_i: 100, x_wk: 200 });
    expect(one(rows, { country: 'JPN', product: 'visual-arts' })).toMatchObject({ value: 0, x_wk: 100 });
  });

  it('HHI over partners: CHN basket shares 2/3, 1/3 → 5/9; normalised 1/9; equivalent 1.8', async () => {
    const rows = await run('hhi-partners', { ...rec, ...basket, country: ['CHN', 'JPN'], from: 2021 });
    const c = one(rows, { country: 'CHN' });
    close(c.value, 5 / 9);
    close(c.hh_norm, (5 / 9 - 1 / 2) / (1 - 1 / 2));
    close(c.equivalent, 9 / 5);
    const n = await run('hhi-partners', {
      ...rec,
      country: ['CHN', 'JPN'],
      from: 2021,
      measure: 'normalised',
    });
    // all products: CHN USA 300, DEU 50 → (6/7)² + (1/7)² = 37/49; N = 2 → (37/49 − 1/2)·2 = 25/49
    close(one(n, { country: 'CHN' }).value, 25 / 49);
    // JPN has one partner: HH = 1, normalised undefined (NULL)
    expect(one(n, { country: 'JPN' })).toMatchObject({ hh: 1, value: null, n: 1 });
  });

  it('HHI over products: CHN 490199 150, 950510 200 → (3/7)² + (4/7)² = 25/49', async () => {
    const rows = await run('hhi-products', { ...rec, country: ['CHN'], from: 2021, measure: 'equivalent' });
    close(one(rows, { country: 'CHN' }).value, 49 / 25);
    close(one(rows, { country: 'CHN' }).hh, 25 / 49);
  });

  it('number of markets: CHN basket 2 (USA, DEU); JPN 1', async () => {
    const rows = await run('markets', { ...rec, country: ['CHN', 'JPN'], from: 2021 });
    expect(one(rows, { country: 'CHN' }).value).toBe(2);
    expect(one(rows, { country: 'JPN' }).value).toBe(1);
  });

  it('complementarity: CHN (3/7, 4/7) vs USA imports (120/420, 300/420) → 100·(2/7 + 4/7)', async () => {
    const rows = await run('complementarity', { ...rec, country: ['CHN'], from: 2021 });
    close(one(rows, { partner: 'USA' }).value, (100 * 6) / 7, 1e-12);
    // DEU imports 490199 50/110, 970110 60/110 → 100·min(3/7, 5/11) = 300/7
    close(one(rows, { partner: 'DEU' }).value, 300 / 7);
  });

  it('complementarity is complete: a pair sharing no product has TC = 0', async () => {
    const rows = await run('complementarity', { ...rec, country: ['JPN'], from: 2021 });
    // JPN exports 950510 only; DEU imports 490199 and 970110, CHN imports 490199 and 970110 → no
    // overlap: TC = 100·Σ min = 0. USA imports 950510 300/420 → 100·min(1, 5/7) = 500/7.
    expect(rows.map((r) => r.partner)).toEqual(['CHN', 'DEU', 'USA']);
    expect(one(rows, { partner: 'DEU' })).toMatchObject({ value: 0, products: 0 });
    expect(one(rows, { partner: 'CHN' })).toMatchObject({ value: 0, products: 0 });
    close(one(rows, { partner: 'USA' }).value, 500 / 7);
    expect(one(rows, { partner: 'USA' }).products).toBe(1);
  });

  it('trade intensity: CHN→USA (300/350)/(420/600)', async () => {
    const rows = await run('intensity', { ...rec, country: ['CHN'], partner: ['USA'], from: 2021 });
    close(one(rows, { partner: 'USA' }).value, 300 / 350 / (420 / 600));
  });

  it('unit value: CHN 490199 2021 150 / (10 + 5) t = 10', async () => {
    const rows = await run('unit-value', {
      ...rec,
      country: ['CHN'],
      product: '490199',
      from: 2020,
      to: 2021,
    });
    expect(one(rows, { year: 2021 })).toMatchObject({ value: 10, unit: 't', quantity: 15, coverage: 1 });
    close(one(rows, { year: 2020 }).value, 120 / 14);
  });

  it('value vs volume: ln(150/120) = ln(15/14) + ln(10/(120/14))', async () => {
    const rows = await run('value-volume', { ...rec, country: ['CHN'], product: '490199', from: 2021 });
    const r = one(rows, { year: 2021 });
    close(r.value, Math.log(150 / 120));
    close(r.dln_quantity, Math.log(15 / 14));
    close(r.dln_unit_value, Math.log(10 / (120 / 14)));
  });

  it('export potential: supply spread by demand × ease; sums to supply', async () => {
    // 490199: X = 150; markets USA (M = 100 + 20 = 120), DEU (M = 50).
    // Ease: USA (300/350)/(420/600); DEU (50/350)/(110/600).
    const eU = 300 / 350 / (420 / 600);
    const eD = 50 / 350 / (110 / 600);
    const pU = (150 * (120 * eU)) / (120 * eU + 50 * eD);
    const pD = (150 * (50 * eD)) / (120 * eU + 50 * eD);
    const rows = await run('export-potential', {
      ...rec,
      country: ['CHN'],
      from: 2021,
      by: 'product',
      window: 2,
    });
    const u = one(rows, { partner: 'USA', product: '490199' });
    close(u.value, pU);
    // A over 2020–2021: USA (80 + 100)/2 = 90, DEU (40 + 50)/2 = 45
    close(u.actual, 90);
    close(u.unrealised, pU - 90);
    close(u.realised_share, 90 / pU);
    const dd = one(rows, { partner: 'DEU', product: '490199' });
    close(dd.value, pD);
    close(dd.unrealised, Math.max(0, pD - 45));
    close((u.value as number) + (dd.value as number), 150);
    // 950510: one market (USA), all supply goes there
    close(one(rows, { partner: 'USA', product: '950510' }).value, 200);
  });
});

describe('new indicators on the reconciled fixture (2021)', () => {
  // Per product, 2021: exports X and imports M
  //   CHN 490199 X 150 M 30, 950510 X 200 M 0, 970110 X 0 M 40
  //   USA 490199 X 30 M 120, 950510 X 0 M 300, 970110 X 60 M 0
  //   DEU 490199 X 20 M 50,  970110 X 40 M 60
  //   JPN 950510 X 100

  it('Grubel–Lloyd: per product, and over a group as the trade-weighted mean', async () => {
    const d = await run('grubel-lloyd', { ...rec, ...basket, from: 2021, by: 'domain' });
    // CHN books: 1 − |150 − 30|/180 = 1/3; visual arts: 1 − |0 − 40|/40 = 0
    close(one(d, { country: 'CHN', product: 'books' }).value, 1 / 3);
    expect(one(d, { country: 'CHN', product: 'visual-arts' }).value).toBe(0);
    // DEU books 1 − 30/70 = 4/7; visual arts 1 − |40 − 60|/100 = 0.8; USA books 1 − 90/150 = 0.4
    close(one(d, { country: 'DEU', product: 'books' }).value, 4 / 7);
    close(one(d, { country: 'DEU', product: 'visual-arts' }).value, 0.8);
    close(one(d, { country: 'USA', product: 'books' }).value, 0.4);
    const t = await run('grubel-lloyd', { ...rec, ...basket, country: ['CHN'], from: 2021 });
    // Basket: 1 − (120 + 40)/(180 + 40) = 60/220 = 3/11; the group as one product: 1 − |150 − 70|/220 = 7/11
    const c = one(t, { country: 'CHN' });
    close(c.value, 3 / 11);
    close(c.net, 7 / 11);
    expect(c).toMatchObject({ exports: 150, imports: 70, two_way: 60, products: 2 });
    const all = await run('grubel-lloyd', { ...rec, country: ['CHN', 'JPN'], from: 2021 });
    // All products: gaps 120 + 200 + 40 = 360 over 180 + 200 + 40 = 420 → 1 − 360/420 = 1/7
    close(one(all, { country: 'CHN' }).value, 1 / 7);
    // JPN only exports: 0
    expect(one(all, { country: 'JPN' }).value).toBe(0);
  });

  it('market penetration: markets / importers other than the exporter; groups pooled', async () => {
    // Importers: 490199 {USA, DEU, CHN}, 950510 {USA}, 970110 {DEU, CHN}.
    const p = await run('market-penetration', { ...rec, from: 2021, by: 'product' });
    // CHN 490199: sells to USA, DEU (2) of the importers other than CHN (3 − 1 = 2) → 1
    expect(one(p, { country: 'CHN', product: '490199' })).toMatchObject({ value: 1, markets: 2, possible: 2 });
    // USA 490199: CHN (1) of 3 − 1 (USA imports it) = 2 → 0.5; 970110: DEU (1) of 2 → 0.5
    expect(one(p, { country: 'USA', product: '490199' })).toMatchObject({ value: 0.5, possible: 2 });
    expect(one(p, { country: 'USA', product: '970110' })).toMatchObject({ value: 0.5, possible: 2 });
    // DEU 970110: CHN (1) of 2 − 1 = 1 → 1
    expect(one(p, { country: 'DEU', product: '970110' })).toMatchObject({ value: 1, possible: 1 });
    const t = await run('market-penetration', { ...rec, from: 2021 });
    // DEU over all products: (1 + 1)/(2 + 1) = 2/3 pooled; mean of 0.5 and 1 = 0.75
    close(one(t, { country: 'DEU' }).value, 2 / 3);
    close(one(t, { country: 'DEU' }).mean_ratio, 0.75);
    expect(one(t, { country: 'DEU' })).toMatchObject({ markets: 2, possible: 3, products: 2 });
    // CHN: (2 + 1)/(2 + 1) = 1; JPN 950510 to USA, the only importer: 1
    expect(one(t, { country: 'CHN' }).value).toBe(1);
    expect(one(t, { country: 'JPN' }).value).toBe(1);
  });

  it('RPOP: export share over population share, world = the countries with a population', async () => {
    // 2021 population: CHN 1400 (2020), USA 330 (2020), DEU 84 (2021); JPN none → pop_w = 1814
    const r = await run('rpop', { ...rec, ...basket, from: 2021, by: 'domain' });
    // CHN books: (150/200)/(1400/1814)
    const c = one(r, { country: 'CHN', product: 'books' });
    close(c.value, 150 / 200 / (1400 / 1814));
    expect(c).toMatchObject({ x_ck: 150, x_wk: 200, pop: 1400, pop_w: 1814, pop_year: 2020 });
    // USA visual arts: world 60 + 40 = 100 → (60/100)/(330/1814)
    close(one(r, { country: 'USA', product: 'visual-arts' }).value, 0.6 / (330 / 1814));
    // zero row, and a country with no population figure
    expect(one(r, { country: 'CHN', product: 'visual-arts' }).value).toBe(0);
    expect(one(r, { country: 'JPN', product: 'books' })).toMatchObject({ value: null, pop: null });
    expect(one(r, { country: 'DEU', product: 'books' }).pop_year).toBe(2021);
    // 950510 by product: JPN (no population) leaves the world, so X_wk = CHN's 200 → 1/(1400/1814)
    const k = await run('rpop', { ...rec, from: 2021, by: 'product', product: '950510', country: ['CHN'] });
    close(one(k, { country: 'CHN' }).value, 1814 / 1400);
    // 2019: CHN has no year ≤ 2019 → its earliest, 2020; only CHN exports → RPOP 1
    const y = await run('rpop', { ...rec, from: 2019, country: ['CHN'] });
    expect(one(y, { country: 'CHN' })).toMatchObject({ value: 1, pop_year: 2020, pop_w: 1400 });
  });

  it('ECI and PCI: eigenvector of M̃C on the binary RCA ≥ 1 matrix, by hand', async () => {
    // RCA 2021 by product (world 600: 490199 200, 950510 300, 970110 100):
    //   CHN 490199 (150/350)/(1/3) = 9/7, 950510 (200/350)/(1/2) = 8/7, 970110 0
    //   DEU 490199 (20/60)/(1/3) = 1, 970110 (40/60)/(1/6) = 4;  JPN 950510 (100/100)/(1/2) = 2
    //   USA 490199 (30/90)/(1/3) = 1, 970110 (60/90)/(1/6) = 4
    // M (490199, 950510, 970110): CHN 1 1 0, DEU 1 0 1, JPN 0 1 0, USA 1 0 1
    // diversity CHN 2, DEU 2, JPN 1, USA 2; ubiquity 3, 2, 2.
    // M̃C rows (CHN, DEU, JPN, USA): CHN [5/12, 1/6, 1/4, 1/6], DEU [1/6, 5/12, 0, 5/12],
    //   JPN [1/2, 0, 1/2, 0], USA = DEU. With v = (a, b, c, b): the 3×3 R = [[5/12, 2/6, 1/4],
    //   [1/6, 5/6, 0], [1/2, 0, 1/2]] has eigenvalues 1, and λ with λ₂ + λ₃ = trace − 1 = 3/4,
    //   λ₂λ₃ = det R = 1/24 → λ = (3/4 + √(3/4)² − 4/24)/2 = (3/4 + √(19/48))/2.
    const lam = (3 / 4 + Math.sqrt(19 / 48)) / 2;
    // Rows of R: b = a/(6λ − 5), c = a/(2λ − 1). a = −1 makes JPN (lowest diversity) lowest.
    const v = { CHN: -1, DEU: -1 / (6 * lam - 5), JPN: -1 / (2 * lam - 1), USA: -1 / (6 * lam - 5) };
    const vs = Object.values(v);
    const mu = vs.reduce((a, b) => a + b, 0) / 4;
    const sd = Math.sqrt(vs.reduce((a, b) => a + (b - mu) ** 2, 0) / 4);
    const e = await run('eci', { ...rec, from: 2021, by: 'product' });
    expect(e).toHaveLength(4);
    for (const [c, x] of Object.entries(v)) close(one(e, { country: c }).value, (x - mu) / sd, 1e-12);
    expect(one(e, { country: 'JPN' })).toMatchObject({ diversity: 1, rank: 4, countries: 4, products: 3 });
    close(one(e, { country: 'CHN' }).eigenvalue, lam, 1e-12);
    // PCI: q_k = (Σ_c M_ck v_c)/(k_k λ), standardised with ECI's mean and sd
    const q = {
      '490199': (v.CHN + v.DEU + v.USA) / 3 / lam,
      '950510': (v.CHN + v.JPN) / 2 / lam,
      '970110': (v.DEU + v.USA) / 2 / lam,
    };
    const pr = await run('pci', { ...rec, from: 2021, by: 'product' });
    for (const [k, x] of Object.entries(q)) close(one(pr, { product: k }).value, (x - mu) / sd, 1e-12);
    expect(one(pr, { product: '490199' }).ubiquity).toBe(3);
    // ECI_c = (1/k_c) Σ_k M_ck PCI_k: CHN = (PCI 490199 + PCI 950510)/2
    const P = (k: string) => one(pr, { product: k }).value as number;
    close(one(e, { country: 'CHN' }).value, (P('490199') + P('950510')) / 2, 1e-12);
    // the country filter selects rows, not the matrix
    const only = await run('eci', { ...rec, from: 2021, by: 'product', country: ['DEU'] });
    expect(only).toHaveLength(1);
    close(only[0]?.value, (v.DEU - mu) / sd, 1e-12);
  });

  it('ECI with continuous presence RCA/(1 + RCA) (Atlas 2026) differs and keeps the identities', async () => {
    const e = await run('eci', { ...rec, from: 2021, by: 'product', presence: 'continuous' });
    const pr = await run('pci', { ...rec, from: 2021, by: 'product', presence: 'continuous' });
    // CHN diversity: 9/7/(16/7) + 8/7/(15/7) + 0 = 9/16 + 8/15
    close(one(e, { country: 'CHN' }).diversity, 9 / 16 + 8 / 15);
    // ubiquity of 970110: DEU and USA 4/5 each (CHN and JPN 0) → 1.6
    close(one(pr, { product: '970110' }).ubiquity, 1.6);
    const m: Record<string, Record<string, number>> = {
      CHN: { '490199': 9 / 16, '950510': 8 / 15, '970110': 0 },
      DEU: { '490199': 1 / 2, '950510': 0, '970110': 4 / 5 },
      JPN: { '490199': 0, '950510': 2 / 3, '970110': 0 },
      USA: { '490199': 1 / 2, '950510': 0, '970110': 4 / 5 },
    };
    for (const c of Object.keys(m)) {
      const row = m[c] as Record<string, number>;
      const k = Object.values(row).reduce((a, b) => a + b, 0);
      const viaPci = Object.entries(row).reduce((a, [p, x]) => a + x * (one(pr, { product: p }).value as number), 0);
      close(one(e, { country: c }).value, viaPci / k, 1e-12);
    }
    const mean = e.reduce((a, r) => a + (r.value as number), 0) / 4;
    close(mean, 0, 1e-12);
  });
});

describe('views on the reported fixture', () => {
  const rep = { perspective: 'reported', runs: [2], from: 2021 };

  it('reporter: exports as their exporters report them; the World row is left out', async () => {
    const x = await run('value', { ...rep, view: 'reporter' });
    expect(one(x, { country: 'CHN' }).value).toBe(150);
    expect(one(x, { country: 'USA' }).value).toBe(30); // not 30 + 999
    const m = await run('value', { ...rep, view: 'reporter', side: 'import' });
    expect(one(m, { country: 'USA' }).value).toBe(120);
    expect(one(m, { country: 'CHN' }).value).toBe(27);
    expect(m.find((r) => r.country === 'DEU')).toBeUndefined();
  });

  it('partner: mirror reports, CIF/FOB 8% (exports = m/1.08, imports = 1.08·x)', async () => {
    const x = await run('value', { ...rep, view: 'partner' });
    close(one(x, { country: 'CHN' }).value, 120 / 1.08);
    close(one(x, { country: 'USA' }).value, 27 / 1.08);
    const m = await run('value', { ...rep, view: 'partner', side: 'import' });
    close(one(m, { country: 'DEU' }).value, 50 * 1.08);
    close(one(m, { country: 'USA' }).value, 100 * 1.08);
  });

  it('mirror-max: OTS rule max(x, m/1.08) and max(m, 1.08·x)', async () => {
    const x = await run('value', { ...rep, view: 'mirror-max' });
    close(one(x, { country: 'CHN' }).value, Math.max(100, 120 / 1.08) + 50);
    close(one(x, { country: 'USA' }).value, Math.max(30, 27 / 1.08));
    const m = await run('value', { ...rep, view: 'mirror-max', side: 'import' });
    close(one(m, { country: 'CHN' }).value, Math.max(27, 30 * 1.08));
    close(one(m, { country: 'USA' }).value, Math.max(120, 100 * 1.08));
  });

  it('mirror gap and discrepancy: CHN→USA 120 − 100, D = 20/220; one-sided CHN→DEU D = 1', async () => {
    const g = await run('mirror-gap', { ...rep });
    expect(one(g, { country: 'CHN', partner: 'USA' })).toMatchObject({
      value: 20,
      exports_reported: 100,
      imports_reported: 120,
    });
    close(one(g, { country: 'CHN', partner: 'USA' }).ratio, 1.2);
    expect(one(g, { country: 'CHN', partner: 'DEU' })).toMatchObject({
      value: -50,
      imports_reported: null,
      discrepancy: 1,
    });
    const d = await run('discrepancy', { ...rep, country: ['USA'] });
    close(one(d, { partner: 'CHN' }).value, 3 / 57);
  });

  it('basket groups resolve against the run edition (HS2017 here)', async () => {
    const x = await run('value', { ...rep, basket: 'test-fcs', by: 'domain', country: ['CHN'] });
    expect(one(x, { product: 'books' }).value).toBe(150);
  });
});
