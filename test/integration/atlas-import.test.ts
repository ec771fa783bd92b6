/**
 * Growth Lab (Atlas) trade files through `lantern import`, with no other step: the real 2016 HS92
 * country × product sample (../shared/data/atlas_samples; world and China totals checked against an
 * independent sum of the file, read here), and a hand-made country × partner × product file in the
 * newer Dataverse column names (with a services row, left out with a warning).
 *
 * The country × product file has one partner, World: its rows are exports to the world, and RCA,
 * ECI and PCI read them as such. The test computes the three from the file itself: Balassa's RCA
 * from the sums, presence 1[RCA ≥ 1], and ECI as the second eigenvector of D⁻¹MU⁻¹Mᵀ found by power
 * iteration with the λ = 1 part (left eigenvector ∝ diversity) taken out (Lantern uses Jacobi
 * rotations on the symmetric form: a different method, the same vector).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../support/world.ts';
import { importFiles } from '../../src/ingest/index.ts';
import { countryProfile, runIndicator } from '../../src/queries/index.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { captureCli } from '../cli.ts';
import { hasShared, sharedPath } from '../shared.ts';

const SAMPLE = ['data', 'atlas_samples', 'hs92_country_product_year_4_2016.csv.gz'];
const dir = mkdtempSync(join(tmpdir(), 'lantern-atlas-'));

async function query<T>(db: string, q: ReturnType<typeof sql>): Promise<T[]> {
  const store = await openStore({ path: db, readOnly: true });
  try {
    return await store.query<T & Record<string, unknown>>(q);
  } finally {
    await store.close();
  }
}

describe('Atlas trade files', () => {
  it.skipIf(!hasShared(...SAMPLE))('the real 2016 HS92 sample imports; world and China totals are the file’s', async () => {
    const db = join(dir, 'sample.duckdb');
    const r = await captureCli(['import', sharedPath(...SAMPLE), '--db', db], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/atlas-csv/);
    // independent sums, from the file itself
    const lines = gunzipSync(readFileSync(sharedPath(...SAMPLE))).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('location_code,hs_product_code,year,export_value');
    let world = 0;
    let china = 0;
    for (const l of lines.slice(1)) {
      const [c, , , v] = l.split(',');
      world += Number(v);
      if (c === 'CHN') china += Number(v);
    }
    const [t] = await query<{ rows: number; world: number; china: number; cls: string; partners: string; runs: string }>(
      db,
      sql`select count(*) as rows, sum(value_usd) as world, sum(value_usd) filter (where reporter = 'CHN') as china,
                 string_agg(distinct classification, ',') as cls, string_agg(distinct partner_kind, ',') as partners,
                 (select string_agg(source || '/' || perspective, ',') from import_runs) as runs
          from trade_flows`,
    );
    expect(Number(t?.rows)).toBe(lines.length - 1);
    expect(Number(t?.world)).toBe(world);
    expect(Number(t?.china)).toBe(china);
    expect(world).toBe(16_170_583_297_234); // as SOURCE.md states
    expect(t?.cls).toBe('HS1992');
    expect(t?.partners).toBe('world');
    expect(t?.runs).toBe('atlas/reconciled');

    // A basket of 6-digit codes on this 4-digit file: each heading holding a basket code counts
    // whole, and the answer says it is approximate (it found nothing before).
    const codes = await query<{ code: string }>(
      db,
      sql`select distinct code from basket_resolved where basket_id = 'unesco-fcs-2009' and edition = 'HS1992'`,
    );
    const headings = new Set(codes.map((c) => c.code.slice(0, 4)));
    let chinaBasket = 0;
    for (const l of lines.slice(1)) {
      const [c, k, , v] = l.split(',');
      if (c === 'CHN' && headings.has(k!)) chinaBasket += Number(v);
    }
    expect(chinaBasket).toBeGreaterThan(0);
    const b = await captureCli(['indicator', 'value', '--country', 'CHN', '--basket', 'unesco-fcs-2009', '--format', 'json', '--db', db], { cwd: dir });
    expect(b.code, b.err).toBe(0);
    const answer = JSON.parse(b.out) as { rows: { value: number }[]; notes: string[] };
    expect(answer.rows.map((r) => r.value)).toEqual([chinaBasket]);
    expect(answer.notes.join(' ')).toMatch(/approximate: .*4901.* headings or chapters holding basket codes/);
    const p = await captureCli(['profile', 'country', 'CHN', '--basket', 'unesco-fcs-2009', '--format', 'json', '--db', db], { cwd: dir });
    expect(p.code, p.err).toBe(0);
    const profile = JSON.parse(p.out) as { totals: { rows: { year: number; exports: number }[] }; byDomain: { rows: { exports: number }[] } };
    expect(profile.totals.rows.map((r) => [r.year, r.exports])).toEqual([[2016, chinaBasket]]);
    const domains = profile.byDomain.rows.reduce((s, r) => s + r.exports, 0);
    expect(domains).toBeCloseTo(chinaBasket, 0);
  });

  it('a country × partner × product file in the newer column names; services rows left out with a warning', async () => {
    const file = join(dir, 'hs92_country_country_product_year_4_2021.csv');
    writeFileSync(
      file,
      [
        'country_id,country_iso3_code,partner_country_id,partner_iso3_code,product_id,product_hs92_code,year,export_value,import_value',
        '156,CHN,840,USA,1,9503,2021,1000,20',
        '156,CHN,276,DEU,2,4901,2021,250,0',
        '276,DEU,156,CHN,2,4901,2021,75,250',
        '156,CHN,840,USA,9,travel,2021,500,0',
        '840,USA,156,CHN,1,9503,2021,0,1000',
      ].join('\n'),
    );
    const db = join(dir, 'bilateral.duckdb');
    const r = await captureCli(['import', file, '--db', db], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/1 rows whose product is not an HS code were left out \(travel/);
    const rows = await query<{ reporter: string; partner: string; product: string; value_usd: number }>(
      db,
      sql`select reporter, partner, product, value_usd from trade_flows order by reporter, partner`,
    );
    expect(rows.map((x) => [x.reporter, x.partner, x.product, Number(x.value_usd)])).toEqual([
      ['CHN', 'DEU', '4901', 250],
      ['CHN', 'USA', '9503', 1000],
      ['DEU', 'CHN', '4901', 75],
    ]);
    // with partners, the indicators read it like BACI
    const v = await captureCli(['indicator', 'value', '--country', 'CHN', '--year', '2021', '--format', 'json', '--db', db], { cwd: dir });
    expect(v.code, v.err).toBe(0);
    expect(JSON.stringify(JSON.parse(v.out))).toMatch(/1250/);
    // a basket on 4-digit data with partners: books (4901) to DEU found by heading, in the partner list too
    const books = await captureCli(
      ['profile', 'country', 'CHN', '--basket', 'unesco-fcs-2009:books', '--year', '2021', '--format', 'json', '--db', db],
      { cwd: dir },
    );
    expect(books.code, books.err).toBe(0);
    const bp = JSON.parse(books.out) as { partnerDetail: boolean; totals: { rows: { exports: number }[] }; topPartners: { exports: { partner: string; value: number }[] } };
    expect(bp.totals.rows.map((r) => r.exports)).toEqual([250]);
    expect(bp.topPartners.exports.map((r) => [r.partner, r.value])).toEqual([['DEU', 250]]);
    // The file names partners: a country with no books exports has an empty list, not "no partners in this data".
    expect(bp.partnerDetail).toBe(true);
    const usa = await captureCli(
      ['profile', 'country', 'USA', '--basket', 'unesco-fcs-2009:books', '--year', '2021', '--format', 'json', '--db', db],
      { cwd: dir },
    );
    expect(usa.code, usa.err).toBe(0);
    const up = JSON.parse(usa.out) as typeof bp;
    expect(up.topPartners.exports).toEqual([]);
    expect(up.partnerDetail).toBe(true);
  });
});

/** The file's cells: country → product → value. */
function cellsOf(): Map<string, Map<string, number>> {
  const lines = gunzipSync(readFileSync(sharedPath(...SAMPLE))).toString('utf8').trim().split('\n');
  const out = new Map<string, Map<string, number>>();
  for (const l of lines.slice(1)) {
    const [c, k, , v] = l.split(',') as [string, string, string, string];
    if (!out.has(c)) out.set(c, new Map());
    out.get(c)!.set(k, Number(v));
  }
  return out;
}

/** ECI and PCI of a binary presence matrix (rows countries, columns products), by power iteration. */
function complexity(m: number[][]): { eci: number[]; pci: number[]; lambda: number } {
  const nc = m.length;
  const np = m[0]!.length;
  const d = m.map((r) => r.reduce((s, x) => s + x, 0));
  const u = Array.from({ length: np }, (_, k) => m.reduce((s, r) => s + r[k]!, 0));
  // M̃ = D⁻¹ M U⁻¹ Mᵀ, nc × nc
  const mt = Array.from({ length: nc }, (_, c) =>
    Array.from({ length: nc }, (_, c2) => {
      let s = 0;
      for (let k = 0; k < np; k++) if (m[c]![k] && m[c2]![k]) s += 1 / u[k]!;
      return s / d[c]!;
    }),
  );
  const dsum = d.reduce((s, x) => s + x, 0);
  let v = d.map((x, i) => x * (1 + (i % 7)) - i);
  let lambda = 0;
  for (let it = 0; it < 100_000; it++) {
    const dv = d.reduce((s, x, i) => s + x * v[i]!, 0) / dsum;
    v = v.map((x) => x - dv); // remove the λ = 1 component (right eigenvector 1, left ∝ d)
    const w = mt.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0));
    const norm = Math.hypot(...w);
    const next = w.map((x) => x / norm);
    const delta = Math.hypot(...next.map((x, i) => x - v[i]! / Math.hypot(...v)));
    lambda = norm / Math.hypot(...v);
    v = next;
    if (delta < 1e-14) break;
  }
  const mean = v.reduce((s, x) => s + x, 0) / nc;
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / nc);
  const corr = v.reduce((s, x, i) => s + (x - mean) * (d[i]! - dsum / nc), 0);
  const sign = corr < 0 ? -1 : 1;
  const eci = v.map((x) => (sign * (x - mean)) / sd);
  const q = Array.from({ length: np }, (_, k) => m.reduce((s, r, c) => s + r[k]! * v[c]!, 0) / u[k]! / lambda);
  const pci = q.map((x) => (sign * (x - mean)) / sd);
  return { eci, pci, lambda };
}

describe.skipIf(!hasShared(...SAMPLE))('the real 2016 HS92 sample: exports to the world for RCA, ECI and PCI', () => {
  let store: Store;
  let cells: Map<string, Map<string, number>>;
  beforeAll(async () => {
    cells = cellsOf();
    store = await openTestStore();
    await importFiles(store, [sharedPath(...SAMPLE)]);
  });
  afterAll(async () => store?.close());

  const sums = () => {
    const byCountry = new Map<string, number>();
    const byProduct = new Map<string, number>();
    let world = 0;
    for (const [c, row] of cells)
      for (const [k, v] of row) {
        byCountry.set(c, (byCountry.get(c) ?? 0) + v);
        byProduct.set(k, (byProduct.get(k) ?? 0) + v);
        world += v;
      }
    return { byCountry, byProduct, world };
  };

  it('RCA of every country and heading is Balassa’s index of the file’s sums', async () => {
    const { byCountry, byProduct, world } = sums();
    const r = await runIndicator(store, 'rca', { from: 2016, level: 4, by: 'product' });
    expect(r.provenance.worldRows).toBe(true);
    expect(r.provenance.partnerDetail).toBe(false);
    expect(r.notes.join(' ')).toMatch(/no partner detail/);
    const positive = r.rows.filter((x) => (x.x_ik as number) > 0);
    expect(positive.length).toBe([...cells.values()].reduce((n, row) => n + row.size, 0));
    for (const x of positive) {
      const v = cells.get(x.country as string)!.get(x.product as string)!;
      const expected = v / byCountry.get(x.country as string)! / (byProduct.get(x.product as string)! / world);
      expect(Math.abs((x.value as number) - expected), `${x.country} ${x.product}`).toBeLessThan(1e-9 * expected);
    }
    const chn9503 = r.rows.find((x) => x.country === 'CHN' && x.product === '9503')!;
    expect(chn9503.x_i).toBe(2_314_900_665_376); // SOURCE.md's China total
    expect(chn9503.x_w).toBe(16_170_583_297_234); // and world total
  });

  it('the profile: exports to the world are the totals; imports are no data, not 0', async () => {
    const p = await countryProfile(store, { country: 'CHN', years: '2016' });
    expect(p.totals.rows[0]!.exports).toBe(2_314_900_665_376);
    expect(p.totals.rows[0]!.imports).toBeNull();
    expect(p.totals.rows[0]!.imports_source).toBe('none');
    expect(p.sources.find((l) => l.side === 'import')?.reason).toMatch(/no partner detail/);
    expect(p.topPartners.exports).toEqual([]);
  });

  it('the profile: concentration over products is the file’s (no partners: partner concentration is empty, not hidden with it)', async () => {
    const china = [...cells.get('CHN')!.values()];
    const total = china.reduce((s, v) => s + v, 0);
    const hh = china.reduce((s, v) => s + (v / total) ** 2, 0);
    const p = await countryProfile(store, { country: 'CHN', years: '2016' });
    const c = p.concentration.exports!;
    expect(c, 'HHI over products with no partner detail').not.toBeNull();
    expect(Math.abs(c.hhi_products! - hh)).toBeLessThan(1e-12);
    expect(Math.abs(c.equivalent_products! - 1 / hh)).toBeLessThan(1e-6);
    expect(c).toMatchObject({ hhi_partners: null, equivalent_partners: null, markets: null });
    expect(p.concentration.imports).toBeNull();
    expect(p.worldShare.rows[0]).toMatchObject({ imports_share: null, imports_rank: null });
  });

  it('an indicator of reported data (mirror gap) says the store is reconciled, not "import data first"', async () => {
    const err = await runIndicator(store, 'mirror-gap', { country: ['CHN'], partner: ['USA'], from: 2016, product: '9503', level: 4 }).then(
      () => null,
      (e: unknown) => e as { code?: string; problems?: { expected?: string; hint?: string }[] },
    );
    expect(err?.code).toBe('no-data');
    const p = err?.problems?.[0];
    expect(p?.expected).toBe('reported trade data');
    expect(p?.hint).toMatch(/reconciled data only: run \d+ \(atlas, hs92_country_product_year_4_2016\.csv\.gz, reconciled\), 2016 /);
    expect(p?.hint).not.toMatch(/import data first/);
  });

  it('ECI and PCI equal an independent computation from the file', async () => {
    const { byCountry, byProduct, world } = sums();
    const countries = [...cells.keys()].sort();
    const products = [...byProduct.keys()].sort();
    const m = countries.map((c) =>
      products.map((k) => {
        const v = cells.get(c)!.get(k) ?? 0;
        return v / byCountry.get(c)! / (byProduct.get(k)! / world) >= 1 ? 1 : 0;
      }),
    );
    const inside = products.map((_, k) => m.some((r) => r[k] === 1));
    const mIn = m.map((r) => r.filter((_, k) => inside[k]));
    const productsIn = products.filter((_, k) => inside[k]);
    const want = complexity(mIn);
    const eci = await runIndicator(store, 'eci', { from: 2016, level: 4 });
    expect(eci.rows.length).toBe(countries.length);
    const got = new Map(eci.rows.map((x) => [x.country as string, x.value as number]));
    countries.forEach((c, i) => expect(Math.abs(got.get(c)! - want.eci[i]!), `ECI ${c}`).toBeLessThan(1e-6));
    expect(Math.abs((eci.rows[0]!.eigenvalue as number) - want.lambda)).toBeLessThan(1e-9);
    const pci = await runIndicator(store, 'pci', { from: 2016, level: 4 });
    const gotP = new Map(pci.rows.map((x) => [x.product as string, x.value as number]));
    expect(gotP.size).toBe(productsIn.length);
    productsIn.forEach((k, i) => expect(Math.abs(gotP.get(k)! - want.pci[i]!), `PCI ${k}`).toBeLessThan(1e-6));
    // Japan has the highest ECI of 2016 in this file, as in the Atlas's own ranking.
    expect(eci.rows.find((x) => x.rank === 1)?.country).toBe('JPN');
  });
});
