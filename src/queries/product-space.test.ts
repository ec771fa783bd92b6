/**
 * The product-space read model on a store holding a world small enough to check by hand: HS6 rows
 * summed to headings before RCA, presence, proximity, density, COG, ECI rank, cultural highlight
 * and the opportunity table; the same answer through the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { economicComplexity } from '../indicators/complexity-math.ts';
import { insertBasket, insertFlows, insertRun, openTestStore, testBasket } from '../../test/support/world.ts';
import { productSpace, productSpaceRows } from './product-space.ts';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;

// 2021 exports (partner FRA throughout; only the exporter matters here), HS6 → heading:
//   CHN 490110 10, 490199 30 (4901: 40), 940540 60, 950510 100        total 200
//   USA 490199 80, 970110 40                                           total 120
//   DEU 490110 50, 940540 20, 970110 30                                total 100
//   JPN 940540 10, 950510 70                                           total  80
// World by heading: 4901 170, 9405 90, 9505 170, 9701 70; all 500.
// RCA (x/X_c)/(x_w/500): CHN 4901 0.2/0.34 = 0.588, 9405 0.3/0.18 = 1.667, 9505 0.5/0.34 = 1.471;
// USA 4901 1.96, 9701 2.38; DEU 4901 1.47, 9405 1.11, 9701 2.14; JPN 9405 0.69, 9505 2.57.
// M (4901, 9405, 9505, 9701): CHN 0110, USA 1001, DEU 1101, JPN 0010; every ubiquity 2.
// φ: 4901–9405 1/2 (DEU), 4901–9701 1 (USA, DEU), 9405–9505 1/2 (CHN), 9405–9701 1/2 (DEU), others 0.
//   Σφ: 4901 3/2, 9405 3/2, 9505 1/2, 9701 3/2.
const rows: [string, string, number][] = [
  ['CHN', '490110', 10],
  ['CHN', '490199', 30],
  ['CHN', '940540', 60],
  ['CHN', '950510', 100],
  ['USA', '490199', 80],
  ['USA', '970110', 40],
  ['DEU', '490110', 50],
  ['DEU', '940540', 20],
  ['DEU', '970110', 30],
  ['JPN', '940540', 10],
  ['JPN', '950510', 70],
];
const M = [
  [0, 1, 1, 0],
  [1, 0, 0, 1],
  [1, 1, 0, 1],
  [0, 0, 1, 0],
];
// economicComplexity orders countries as the read model does (sorted): CHN DEU JPN USA.
const sortedM = [M[0]!, M[2]!, M[3]!, M[1]!];

beforeAll(async () => {
  store = await openTestStore();
  await insertRun(store, { id: 1, source: 'baci', perspective: 'reconciled', release: 'V202401' });
  await insertFlows(
    store,
    1,
    rows.map(([reporter, product, value]) => ({ year: 2021, reporter, partner: 'FRA', flow: 'X' as const, product, value })),
  );
  await insertBasket(store, 'test-fcs', 'HS1992', testBasket);
});
afterAll(async () => store.close());

describe('productSpace', () => {
  it('sums HS6 rows to headings before RCA and lights the country’s RCA ≥ 1 products', async () => {
    const r = await productSpace(store, { country: 'CHN', basket: 'test-fcs' });
    expect(r.year).toBe(2021);
    expect(r.digits).toBe(4);
    expect(r.nodes.map((n) => n.product)).toEqual(['4901', '9405', '9505', '9701']);
    const n = Object.fromEntries(r.nodes.map((x) => [x.product, x]));
    expect(n['4901']!.rca).toBeCloseTo(0.2 / 0.34, 12);
    expect(n['9405']!.rca).toBeCloseTo(0.3 / 0.18, 12);
    expect(n['4901']!.exports).toBe(40);
    expect(n['4901']!.world_exports).toBe(170);
    expect(r.nodes.map((x) => x.present)).toEqual([false, true, true, false]);
    // Cultural: 4901 holds the basket's 490199 (books), 9701 its 970110 (visual arts).
    expect(r.nodes.map((x) => x.domain)).toEqual(['books', null, null, 'visual-arts']);
    expect(r.summary).toMatchObject({ countries: 4, products: 4, diversity: 2, cultural_products: 2, cultural_present: 0 });
  });

  it('density, COG and the opportunity table follow the hand computation', async () => {
    const r = await productSpace(store, { country: 'CHN', basket: 'test-fcs' });
    const n = Object.fromEntries(r.nodes.map((x) => [x.product, x]));
    // CHN has 9405, 9505. d(4901) = (φ_9405,4901 + φ_9505,4901)/Σφ_4901 = (1/2 + 0)/(3/2) = 1/3;
    // d(9701) = (1/2 + 0)/(3/2) = 1/3; d(9505) = (1/2 + 0)/(1/2) = 1.
    expect(n['4901']!.density).toBeCloseTo(1 / 3, 14);
    expect(n['9701']!.density).toBeCloseTo(1 / 3, 14);
    expect(n['9505']!.density).toBeCloseTo(1, 14);
    // COG(4901) = φ_4901,9701/Σφ_9701 · PCI_9701 = (2/3)·PCI_9701, COG(9701) = (2/3)·PCI_4901
    // (the other missing product is the only one counted); what CHN has gains nothing.
    const pci = economicComplexity(sortedM).pci as number[];
    expect(n['4901']!.pci).toBeCloseTo(pci[0]!, 12);
    expect(n['4901']!.cog).toBeCloseTo((2 / 3) * pci[3]!, 12);
    expect(n['9701']!.cog).toBeCloseTo((2 / 3) * pci[0]!, 12);
    expect(n['9405']!.cog).toBe(0);
    // 4901 and 9701 have the same exporters (DEU, USA), hence the same PCI and COG, and equal
    // densities: both z-scores are 0 and the tie goes to the lower code. Both are cultural.
    expect(pci[0]).toBeCloseTo(pci[3]!, 12);
    expect(r.opportunities.map((o) => [o.product, o.rank, o.score])).toEqual([
      ['4901', 1, 0],
      ['9701', 2, 0],
    ]);
    // ECI rank: the country's place among the four.
    const eci = economicComplexity(sortedM).eci as number[];
    expect(r.summary.eci).toBeCloseTo(eci[0]!, 12);
    expect(r.summary.eci_rank).toBe(1 + eci.filter((e) => e > eci[0]!).length);
    expect(productSpaceRows(r, 'opportunities')[0]).toMatchObject({ year: 2021, country: 'CHN', rank: 1 });
    // The ranking lists the four countries by the same ECI, best first, with names.
    expect(r.ranking.map((x) => x.country).sort()).toEqual(['CHN', 'DEU', 'JPN', 'USA']);
    expect(r.ranking.find((x) => x.country === 'CHN')).toMatchObject({ rank: r.summary.eci_rank, name_en: 'China', diversity: 2 });
    expect(r.ranking[0]!.rank).toBe(1);
    expect(r.nodes.find((x) => x.product === '4901')).toMatchObject({ domain_en: 'Books and Press', domain_zh: '书籍和报刊' });
  });

  it('the layout and links: the backbone joins the four headings; same answer on a second call', async () => {
    const a = await productSpace(store, { basket: 'test-fcs' });
    expect(a.country).toBeNull();
    expect(a.edges.filter((e) => e.tree).map((e) => [e.a, e.b])).toEqual([
      ['4901', '9701'],
      ['4901', '9405'],
      ['9405', '9505'],
    ]);
    const b = await productSpace(store, { basket: 'test-fcs', digits: 4 });
    expect(b.nodes.map((x) => [x.x, x.y])).toEqual(a.nodes.map((x) => [x.x, x.y]));
  });

  it('entry thresholds: a country below minExports is listed as left out, with why; the others rank as in a world without it', async () => {
    const r = await productSpace(store, { country: 'JPN', basket: 'test-fcs', minExports: 90 });
    expect(r.entry.thresholds).toEqual({ minExports: 90, minPopulation: 0, minProductTrade: 0 });
    expect(r.entry.countries).toEqual([
      { country: 'JPN', name_en: 'Japan', name_zh: '日本', test: 'exports', value: 80, threshold: 90, reason: 'exports US$80 below the entry threshold US$90 (minExports)' },
    ]);
    expect(r.summary).toMatchObject({ eci: null, eci_rank: null, countries: 3, left_out: 'exports US$80 below the entry threshold US$90 (minExports)' });
    const without = await openTestStore();
    try {
      await insertRun(without, { id: 1, source: 'baci', perspective: 'reconciled', release: 'V202401' });
      await insertFlows(
        without,
        1,
        rows.filter(([c]) => c !== 'JPN').map(([reporter, product, value]) => ({ year: 2021, reporter, partner: 'FRA', flow: 'X' as const, product, value })),
      );
      const w = await productSpace(without, {});
      expect(w.entry.countries).toEqual([]);
      const eci = (x: typeof r) => Object.fromEntries(x.ranking.map((e) => [e.country, e.eci]));
      expect(Object.keys(eci(r)).sort()).toEqual(['CHN', 'DEU', 'USA']);
      for (const [c, v] of Object.entries(eci(w))) expect(eci(r)[c]).toBeCloseTo(v as number, 12);
    } finally {
      await without.close();
    }
    // entry=atlas: the Atlas's values; on this tiny world every country is below US$1 bn.
    const atlas = await productSpace(store, { basket: 'test-fcs', entry: 'atlas' });
    expect(atlas.entry.thresholds).toEqual({ minExports: 1e9, minPopulation: 1e6, minProductTrade: 5e8 });
    expect(atlas.entry.countries.map((c) => c.country)).toEqual(['CHN', 'DEU', 'JPN', 'USA']);
  });

  it('digits 6 reads the subheadings; a country without exports is a clear error', async () => {
    const r = await productSpace(store, { country: 'USA', digits: 6, basket: 'test-fcs' });
    expect(r.nodes.map((x) => x.product)).toEqual(['490110', '490199', '940540', '950510', '970110']);
    await expect(productSpace(store, { country: 'KOR' })).rejects.toThrow(/KOR has no exports in 2021/);
    await expect(productSpace(store, { country: 'CHN', digits: 5 } as never)).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'digits' })] });
  });
});
