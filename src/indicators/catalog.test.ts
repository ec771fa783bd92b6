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
import { loadFixture, openTestStore } from './testing.ts';

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
  return store.query<R>(def.build(def.params.parse(params), duckdb));
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
