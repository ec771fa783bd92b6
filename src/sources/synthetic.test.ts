/**
 * The synthetic world: deterministic, BACI-shaped, and realistic in the ways the generator promises
 * (gravity-like markets, China's festive articles, books and art where the world has them).
 * Every expectation is computed here from the CSV the generator wrote and from the size table it
 * reads (the input), never from the generator's own internals.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCountries } from '../reference/countries.ts';
import { basketCodes, syntheticEconomies, writeSyntheticBaci } from './synthetic.ts';
import { ESTIMATED_GDP, WORLD_BANK_GDP_2023, economySize } from './synthetic-sizes.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-synthetic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Row {
  t: number;
  i: number;
  j: number;
  k: string;
  v: number;
  /** v as written. */
  vText: string;
  q: string;
}

function readRows(path: string): { header: string; rows: Row[] } {
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  const rows = lines.slice(1).map((l) => {
    const [t, i, j, k, v, q] = l.split(',');
    return { t: Number(t), i: Number(i), j: Number(j), k: k!, v: Number(v), vText: v!, q: q! };
  });
  return { header: lines[0]!, rows };
}

/** BACI code → ISO3, the way BACI numbers economies (490 Taiwan, 251 France … 842 USA). */
const baciToIso3 = new Map<number, string>([
  [490, 'TWN'],
  [251, 'FRA'],
  [579, 'NOR'],
  [699, 'IND'],
  [757, 'CHE'],
  [842, 'USA'],
]);
for (const c of listCountries()) {
  if (c.isoNumeric !== null && ![158, 250, 578, 356, 756, 840].includes(c.isoNumeric) && !baciToIso3.has(c.isoNumeric)) {
    baciToIso3.set(c.isoNumeric, c.iso3);
  }
}
const iso3 = (code: number): string => baciToIso3.get(code) ?? `?${code}`;

function sumBy(rows: Row[], key: (r: Row) => string | null): [string, number][] {
  const m = new Map<string, number>();
  for (const r of rows) {
    const k = key(r);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + r.v);
  }
  return [...m].sort((a, b) => b[1] - a[1]);
}

/** The n largest economies by the size table (World Bank 2023, else the estimates), ranked here. */
function largest(n: number): string[] {
  return Object.entries({ ...ESTIMATED_GDP, ...WORLD_BANK_GDP_2023 })
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([c]) => c);
}

describe('economy sizes', () => {
  it('World Bank 2023 figures add up to about world GDP and rank the largest economies as published', () => {
    // World Bank: world GDP 2023 ≈ 105 trillion US$; the 185 economies of the table hold nearly all.
    const sum = Object.values(WORLD_BANK_GDP_2023).reduce((a, b) => a + b, 0);
    expect(sum).toBeGreaterThan(95_000);
    expect(sum).toBeLessThan(106_000);
    expect(largest(5)).toEqual(['USA', 'CHN', 'DEU', 'JPN', 'IND']);
    for (const [c, v] of Object.entries(WORLD_BANK_GDP_2023)) {
      expect(v, c).toBeGreaterThan(0);
      expect(ESTIMATED_GDP[c], `${c} is sourced and estimated`).toBeUndefined();
    }
    expect(economySize('TWN').source).toBe('estimate');
    expect(economySize('BVT')).toEqual({ gdp: 0.001, source: 'minimal' });
  });

  it('the world holds the 220 largest economies, the large ones all present, in ISO3 order', () => {
    const e = syntheticEconomies();
    expect(e).toHaveLength(220);
    const codes = e.map((x) => x.iso3);
    expect([...codes].sort()).toEqual(codes);
    for (const c of ['USA', 'CHN', 'TUR', 'ZAF', 'VNM', 'TWN', 'GBR', 'FRA', 'CHE', 'IND', 'NOR']) expect(codes).toContain(c);
    expect(codes).not.toContain('BVT'); // uninhabited
    expect(e.find((x) => x.iso3 === 'USA')!.baciCode).toBe(842);
    expect(e.find((x) => x.iso3 === 'TWN')!.baciCode).toBe(490);
    expect(
      syntheticEconomies(10)
        .map((x) => x.iso3)
        .sort(),
    ).toEqual(largest(10).sort());
  });
});

/** HS6 codes of an edition (Comtrade's H0–H6) in the bundled names table, read here from the file itself. */
function subheadingsOf(short: string): Set<string> {
  const file = join(import.meta.dirname, '..', '..', 'data', 'hs', 'hs-names.csv.gz');
  const rows = parse(gunzipSync(readFileSync(file)), { columns: true }) as { code: string; editions: string }[];
  return new Set(rows.filter((r) => r.code.length === 6 && r.editions.split(' ').includes(short)).map((r) => r.code));
}

describe('writeSyntheticBaci', () => {
  it('draws its products besides the basket from the subheadings of its edition, so each has a name', async () => {
    const basket = new Set(basketCodes());
    for (const [edition, short] of [['HS07', 'H3'], ['HS17', 'H5']] as const) {
      const info = await writeSyntheticBaci({ path: join(dir, `names-${edition}.csv`), rows: 2000, seed: 9, edition });
      const codes = subheadingsOf(short);
      const unnamed = info.products.filter((p) => !basket.has(p) && !codes.has(p));
      expect(unnamed, edition).toEqual([]);
      expect(info.products.length, edition).toBe(basket.size + 3000);
    }
  });

  it('same options → same bytes; another seed → another world', async () => {
    const hash = async (name: string, seed: number) => {
      const path = join(dir, name);
      await writeSyntheticBaci({ path, rows: 3000, seed, years: [2020, 2021] });
      return createHash('sha256').update(readFileSync(path)).digest('hex');
    };
    const a = await hash('a.csv', 3);
    expect(await hash('b.csv', 3)).toBe(a);
    expect(await hash('c.csv', 4)).not.toBe(a);
  });

  it('writes BACI layout: exact row count, unique (t,i,j,k), i ≠ j, codes without leading zero', async () => {
    const path = join(dir, 'shape.csv');
    const info = await writeSyntheticBaci({ path, rows: 20_002, seed: 5, years: [2019, 2020, 2021] });
    const { header, rows } = readRows(path);
    expect(header).toBe('t,i,j,k,v,q');
    expect(info.rows).toBe(20_002);
    expect(rows).toHaveLength(20_002);
    // 20,002 = 3 × 6,667 + 1: the first year takes the extra row.
    expect(rows.filter((r) => r.t === 2019)).toHaveLength(6_668);
    expect(rows.filter((r) => r.t === 2020)).toHaveLength(6_667);
    expect(rows.filter((r) => r.t === 2021)).toHaveLength(6_667);
    expect(new Set(rows.map((r) => `${r.t},${r.i},${r.j},${r.k}`)).size).toBe(rows.length);
    expect(rows.every((r) => r.i !== r.j)).toBe(true);
    const known = new Set(info.countries);
    expect(rows.every((r) => known.has(r.i) && known.has(r.j))).toBe(true);
    expect(rows.every((r) => /^[1-9]\d{4,5}$/.test(r.k) && info.products.includes(r.k.padStart(6, '0')))).toBe(true);
    // v: thousand USD, at most 3 decimals, at least 0.001, plain notation.
    expect(rows.filter((r) => !/^\d+(\.\d{1,3})?$/.test(r.vText) || r.v < 0.001).map((r) => r.vText)).toEqual([]);
    const blank = rows.filter((r) => r.q === '').length / rows.length;
    expect(blank).toBeGreaterThan(0.01);
    expect(blank).toBeLessThan(0.03);
    // Every basket code is a product of the world; 3000 codes besides them.
    const basket = basketCodes();
    expect(basket.length).toBeGreaterThan(100);
    for (const c of basket) expect(info.products).toContain(c);
    expect(info.products).toHaveLength(basket.length + 3000);
    expect(info.totalValueThousandUsd).toBeCloseTo(
      rows.reduce((a, r) => a + r.v, 0),
      0,
    );
  });
});

describe('a realistic world', () => {
  // One year, 60,000 rows, three seeds: the properties must hold for each, not on average.
  const worlds: { seed: number; rows: Row[] }[] = [];
  beforeAll(async () => {
    for (const seed of [1, 2, 3]) {
      const path = join(dir, `world-${seed}.csv`);
      await writeSyntheticBaci({ path, rows: 60_000, seed, years: [2021] });
      worlds.push({ seed, rows: readRows(path).rows });
    }
  });

  it('the largest traders are large economies (gravity), tiny economies trade little', () => {
    const top15 = largest(15);
    for (const { seed, rows } of worlds) {
      const importers = sumBy(rows, (r) => iso3(r.j));
      const exporters = sumBy(rows, (r) => iso3(r.i));
      for (const [c] of importers.slice(0, 5)) expect(top15, `seed ${seed}: importer ${c}`).toContain(c);
      for (const [c] of exporters.slice(0, 5)) expect(top15, `seed ${seed}: exporter ${c}`).toContain(c);
      // China the largest exporter; the United States the largest importer (their trade balances).
      expect(exporters[0]![0], `seed ${seed}`).toBe('CHN');
      expect(importers[0]![0], `seed ${seed}`).toBe('USA');
      // The 100 smallest economies of the world import less, together, than the United States.
      const sizes = new Map(syntheticEconomies().map((e) => [e.iso3, e.gdp]));
      const smallest = [...sizes].sort((a, b) => a[1] - b[1]).slice(0, 100).map(([c]) => c);
      const imports = new Map(importers);
      const small = smallest.reduce((a, c) => a + (imports.get(c) ?? 0), 0);
      expect(small, `seed ${seed}`).toBeLessThan(imports.get('USA')!);
    }
  });

  it('distance matters: Canada and Mexico sell most to the United States', () => {
    for (const { seed, rows } of worlds) {
      for (const c of ['CAN', 'MEX']) {
        const markets = sumBy(rows, (r) => (iso3(r.i) === c ? iso3(r.j) : null));
        expect(markets[0]![0], `seed ${seed}: ${c}`).toBe('USA');
      }
    }
  });

  it('China leads festive articles (950510) and its markets are large economies', () => {
    const top30 = largest(30); // of 220 economies: GDP above about 400 billion US$
    for (const { seed, rows } of worlds) {
      const festive = rows.filter((r) => r.k === '950510');
      const exporters = sumBy(festive, (r) => iso3(r.i));
      const world = exporters.reduce((a, [, v]) => a + v, 0);
      expect(exporters[0]![0], `seed ${seed}`).toBe('CHN');
      expect(exporters[0]![1] / world, `seed ${seed}: China's share`).toBeGreaterThan(0.5);
      const markets = sumBy(festive, (r) => (iso3(r.i) === 'CHN' ? iso3(r.j) : null));
      expect(markets.length, `seed ${seed}: China's markets`).toBeGreaterThanOrEqual(5);
      for (const [c] of markets.slice(0, 3)) expect(top30, `seed ${seed}: market ${c}`).toContain(c);
      expect(markets.slice(0, 5).map(([c]) => c), `seed ${seed}`).toContain('USA');
    }
  });

  it('books from the United States, the United Kingdom or Germany; paintings from the art markets', () => {
    for (const { seed, rows } of worlds) {
      const books = sumBy(rows.filter((r) => r.k.startsWith('4901')), (r) => iso3(r.i));
      expect(['USA', 'GBR', 'DEU'], `seed ${seed}: books ${books[0]![0]}`).toContain(books[0]![0]);
      const art = sumBy(rows.filter((r) => r.k.startsWith('9701')), (r) => iso3(r.i));
      const artTop3 = art.slice(0, 3).map(([c]) => c);
      expect(artTop3.filter((c) => ['GBR', 'USA', 'FRA', 'CHE'].includes(c)).length, `seed ${seed}: art ${artTop3}`).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('a world over time', () => {
  let rows: Row[] = [];
  beforeAll(async () => {
    const path = join(dir, 'years.csv');
    await writeSyntheticBaci({ path, rows: 45_000, seed: 11, years: [2019, 2020, 2021] });
    rows = readRows(path).rows;
  });

  it('flows persist from year to year: most 2021 flows existed in 2020', () => {
    const key = (r: Row) => `${r.i},${r.j},${r.k}`;
    const y2020 = new Set(rows.filter((r) => r.t === 2020).map(key));
    const y2021 = rows.filter((r) => r.t === 2021);
    const again = y2021.filter((r) => y2020.has(key(r))).length / y2021.length;
    // Drawn independently, two years of 15,000 flows among 220 × 219 × 3,211 cells would hardly
    // meet; here the pairs re-draw the same products.
    expect(again).toBeGreaterThan(0.6);
  });

  it('world trade dips in 2020', () => {
    const total = (t: number) => rows.filter((r) => r.t === t).reduce((a, r) => a + r.v, 0);
    expect(total(2020)).toBeLessThan(total(2019));
    expect(total(2020)).toBeLessThan(total(2021));
  });
});
