/**
 * Services beyond the bundled basket (issue 13 part 6): a user's services basket
 * (`lantern basket add NAME --file` with EBOPS 2010 codes), the market finder and the product
 * profile on services codes, and EBOPS 2002 data refused by name — in the CLI and the API.
 *
 * The fixture is hand-made (there is no real services sample in ../shared): test/fixtures/
 * comtrade-services/services_markets_eb10_2021_2022.csv, in the real Comtrade Plus CSV layout
 * (typeCode S, classificationCode EB10, cmdCode S, SK, SK1, SK11 …; README there). France, the UK
 * and Japan report their imports by partner, with overlapping items (S, SK, SK1, SK11, SK12 and the
 * memo item SK11z in one report), a report coarser than SK1 (France from China: SK only), trade
 * with areas not specified (`_X`) and World rows; Germany reports some exports (so its exports read
 * its own report under the Trade Map view), the US reports nothing (its imports are Germany's
 * mirror report). Every expected figure is computed here from the file (test/support/services-file).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { openStore } from '../../src/store/index.ts';
import { captureCli } from '../cli.ts';
import { ebopsNames, isMemo, reports, SERVICES_FIXTURES, servicesRows, tradeMapPairs, under } from '../support/services-file.ts';

const FILE = join(SERVICES_FIXTURES, 'services_markets_eb10_2021_2022.csv');
const EB02 = join(SERVICES_FIXTURES, 'services_ebops2002_2012.csv');
const rows = servicesRows(FILE);
const AREAS = new Set(['_X']);

const dir = mkdtempSync(join(tmpdir(), 'lantern-services-markets-'));
const db = join(dir, 'store.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const r = await captureCli([...args, '--db', db], { cwd: dir });
  return r;
}
async function json(...args: string[]) {
  const r = await cli(...args, '--format', 'json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out);
}
async function api(path: string) {
  const store = await openStore({ path: db, readOnly: true });
  try {
    const { app } = await createApi({ store, log: () => {} });
    const res = await app.request(`/api/v1${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as { data?: Record<string, unknown>; rows?: Record<string, unknown>[] };
  } finally {
    await store.close();
  }
}

/** Imports of each market in `year` (Trade Map view): every partner, areas included, and named partners only. */
function markets(year: number, keep: (code: string) => boolean) {
  const out = new Map<string, { size: number; named: number; from: Map<string, number> }>();
  for (const p of tradeMapPairs(rows, year, keep)) {
    if (p.vm === null || AREAS.has(p.imp)) continue;
    const m = out.get(p.imp) ?? { size: 0, named: 0, from: new Map<string, number>() };
    m.size += p.vm;
    if (!AREAS.has(p.exp)) m.named += p.vm;
    m.from.set(p.exp, (m.from.get(p.exp) ?? 0) + p.vm);
    out.set(p.imp, m);
  }
  return out;
}

/** Exports of each exporter (a country) in `year` under the Trade Map view. */
function exporters(year: number, keep: (code: string) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of tradeMapPairs(rows, year, keep)) if (p.vx !== null && !AREAS.has(p.exp)) out.set(p.exp, (out.get(p.exp) ?? 0) + p.vx);
  return out;
}

beforeAll(async () => {
  const r = await cli('import', FILE);
  expect(r.code, r.err).toBe(0);
});

describe('a user services basket (EBOPS 2010 codes from a file)', () => {
  const ITEMS = ['SK1', 'SH4', 'SI31'];
  const inBasket = under(ITEMS);
  beforeAll(async () => {
    const file = join(dir, 'screen-and-press.csv');
    writeFileSync(file, 'code,domain\nSK1,audiovisual\nSH4,audiovisual\nSI31,press\n');
    const r = await cli('basket', 'add', 'screen and press', '--file', file);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/added basket screen-and-press \(version 1\): 3 codes in EBOPS2010/);
    // The items with every sub-item of the tree, memorandum items left out (SK1, SK11, SK12, SH4 …).
    const resolved = [...ebopsNames.keys()].filter((c) => inBasket(c) && !isMemo(c));
    expect(resolved).toEqual(expect.arrayContaining(['SK1', 'SK11', 'SK12', 'SH4', 'SI31']));
    expect(r.out).toMatch(new RegExp(`resolved to EBOPS2010 via identity: ${resolved.length} codes`));
  });

  it('value, growth, world share and the domains read it: France’s imports equal the file’s own sum', async () => {
    const fra = (y: number) => [...reports(rows, inBasket)].filter(([k]) => k.startsWith('FRA|') && k.endsWith(`|M|${y}`)).reduce((s, [, v]) => s + v, 0);
    // by hand: 2022 DEU 300 (SK1 with SK11 and SK12) + 80 + 20, US 900 + 300, areas 15 (China's SK is coarser: not in)
    expect(fra(2022)).toBe(1615);
    const v = await json('indicator', 'value', '--importer', 'FRA', '--years', '2021-2022', '--basket', 'screen-and-press');
    expect(v.provenance.trade).toBe('services');
    expect(v.rows.map((r: { year: number; value: number }) => [r.year, r.value])).toEqual([
      [2021, fra(2021)],
      [2022, fra(2022)],
    ]);
    const g = await json('indicator', 'yoy-growth', '--importer', 'FRA', '--year', '2022', '--basket', 'screen-and-press');
    expect(g.rows[0].value).toBeCloseTo(fra(2022) / fra(2021) - 1, 12);
    const ws = await json('indicator', 'world-share', '--importer', 'FRA', '--year', '2022', '--basket', 'screen-and-press');
    const world = [...markets(2022, inBasket).values()].reduce((s, m) => s + m.size, 0);
    expect(ws.rows[0].value).toBeCloseTo(fra(2022) / world, 12);
    const d = await json('indicator', 'value', '--importer', 'FRA', '--year', '2022', '--basket', 'screen-and-press', '--by', 'domain');
    const press = [...reports(rows, under(['SI31']))].filter(([k]) => k.startsWith('FRA|') && k.endsWith('|M|2022')).reduce((s, [, v]) => s + v, 0);
    expect(Object.fromEntries(d.rows.map((r: { product: string; value: number }) => [r.product, r.value]))).toEqual({ audiovisual: fra(2022) - press, press });
  });

  it('profiles and compare read it; the API answers the same', async () => {
    const p = await json('profile', 'country', 'GBR', '--years', '2021-2022', '--basket', 'screen-and-press');
    const gbr = (y: number) => markets(y, inBasket).get('GBR')!.size;
    expect(p.totals.rows.map((t: { imports: number }) => t.imports)).toEqual([gbr(2021), gbr(2022)]);
    const cmp = await json('compare', 'GBR', 'JPN', '--years', '2022', '--basket', 'screen-and-press', '--side', 'import');
    expect(cmp.series[0]).toMatchObject({ GBR: gbr(2022), JPN: markets(2022, inBasket).get('JPN')!.size });
    const a = await api('/profiles/country/GBR?years=2022&basket=screen-and-press');
    expect((a.data as { trade: string; headline: { imports: number } }).headline.imports).toBe(gbr(2022));
    expect((a.data as { trade: string }).trade).toBe('services');
  });

  it('a services basket refuses HS codes, memo items, unknown items and EBOPS 2002, naming each', async () => {
    const mixed = await cli('basket', 'add', 'mixed', '--codes', 'SK1,950510');
    expect(mixed.code).not.toBe(0);
    expect(mixed.err).toMatch(/never both/);
    const memo = await cli('basket', 'add', 'memo', '--codes', 'SK1,SK11z,SQ9');
    expect(memo.err).toMatch(/SK11z .*memorandum item/);
    expect(memo.err).toMatch(/unknown code SQ9/);
    const old = await cli('basket', 'add', 'old', '--codes', 'SK1', '--edition', 'EB02');
    expect(old.err).toMatch(/EBOPS 2002 \("EB02"\) given to --edition/);
    expect(old.err).toMatch(/--edition EBOPS2010/);
    const list = await json('baskets');
    expect(list.map((b: { id: string }) => b.id)).not.toContain('mixed');
  });
});

describe('the market finder and the product profile on a services item', () => {
  const SK1 = under(['SK1']);

  it('markets --product SK1: market sizes (areas included), growth, and Germany’s share over named partners, CLI and API', async () => {
    const now = markets(2022, SK1);
    const before = markets(2021, SK1);
    // by hand: France 300 + 900 + 15 (areas; China's SK is coarser than SK1), the UK 120 + 1500,
    // Japan 30 + 700 + 250, the US 60 (Germany's export report: the US reports nothing)
    expect(Object.fromEntries([...now].map(([k, m]) => [k, m.size]))).toEqual({ FRA: 1215, GBR: 1620, JPN: 980, USA: 60 });
    const m = await json('markets', '--exporter', 'DEU', '--product', 'SK1', '--year', '2022');
    expect(m.provenance.trade).toBe('services');
    expect(m.product).toMatchObject({ label: `EBOPS SK1 ${ebopsNames.get('SK1')}`, name_en: ebopsNames.get('SK1') });
    expect(m.markets.map((r: { market: string }) => r.market).sort()).toEqual([...now.keys()].sort());
    for (const r of m.markets) {
      const e = now.get(r.market)!;
      expect(r.imports, r.market).toBe(e.size);
      expect(r.areas, r.market).toBe(e.size - e.named);
      expect(r.growth1, r.market).toBeCloseTo(e.size / before.get(r.market)!.size - 1, 12);
      expect(r.exporter_share, r.market).toBeCloseTo((e.from.get('DEU') ?? 0) / e.named, 12);
    }
    const a = await api('/markets?exporter=DEU&product=SK1&year=2022&limit=500');
    const rowsApi = a.rows ?? (a.data as { markets: Record<string, unknown>[] }).markets;
    expect(Object.fromEntries(rowsApi.map((r) => [r.market, r.imports]))).toEqual(Object.fromEntries([...now].map(([k, e]) => [k, e.size])));
  });

  it('markets with a user services basket: the same rule over the basket’s items', async () => {
    const keep = under(['SK1', 'SH4', 'SI31']);
    const now = markets(2022, keep);
    const m = await json('markets', '--exporter', 'DEU', '--product', 'screen-and-press', '--year', '2022');
    expect(m.provenance.trade).toBe('services');
    for (const r of m.markets) expect(r.imports, r.market).toBe(now.get(r.market)!.size);
    expect(m.markets.length).toBe(now.size);
  });

  it('profile product SK1: world exports by year, top exporters with names, the item named; CLI and API', async () => {
    const x22 = exporters(2022, SK1);
    const x21 = exporters(2021, SK1);
    // by hand: Germany reports its exports (FRA 310, USA 60: its own report, not the importers');
    // the US reports none (FRA 900 + GBR 1500 + JPN 700 from the importers); Korea 250
    expect(Object.fromEntries(x22)).toEqual({ DEU: 370, USA: 3100, KOR: 250 });
    const sum = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);
    const p = await json('profile', 'product', 'SK1', '--years', '2021-2022');
    expect(p.product).toMatchObject({ code: 'SK1', label: 'EBOPS SK1', description: ebopsNames.get('SK1') });
    expect(p.world.map((w: { year: number; exports: number }) => [w.year, w.exports])).toEqual([
      [2021, sum(x21)],
      [2022, sum(x22)],
    ]);
    expect(p.world[1].growth).toBeCloseTo(sum(x22) / sum(x21) - 1, 12);
    expect(p.exporters.map((e: { country: string; value: number; rank: number }) => [e.country, e.value, e.rank])).toEqual([
      ['USA', 3100, 1],
      ['DEU', 370, 2],
      ['KOR', 250, 3],
    ]);
    expect(p.exporters[0].name_en).toBe('United States');
    const a = await api('/profiles/product?product=SK1&years=2021-2022');
    expect((a.data as { product: { description: string } }).product.description).toBe(ebopsNames.get('SK1'));
    expect((a.data as { world: { exports: number }[] }).world.map((w) => w.exports)).toEqual([sum(x21), sum(x22)]);
  });
});

describe('EBOPS 2002 data (Comtrade EB02)', () => {
  const db2 = join(dir, 'eb02.duckdb');
  it('imports with a warning, and every services question is refused naming the file, the classification and what to download', async () => {
    const imp = await captureCli(['import', EB02, '--db', db2], { cwd: dir });
    expect(imp.code, imp.err).toBe(0);
    expect(imp.out + imp.err).toMatch(/EBOPS 2002 \(Comtrade classification EB02\) are stored but not read/);
    const r = await captureCli(['profile', 'country', 'DEU', '--trade', 'services', '--db', db2], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/Lantern reads services in EBOPS 2010 only: services_ebops2002_2012\.csv holds services rows in EBOPS 2002 \(Comtrade classification EB02\)/);
    expect(r.err).toMatch(/classification EB10; `lantern fetch comtrade --services`/);
    expect(r.err).not.toMatch(/internal/i);
    // The data's own default (services: the store has no goods) is refused the same way.
    const v = await captureCli(['indicator', 'value', '--country', 'DEU', '--db', db2], { cwd: dir });
    expect(v.err).toMatch(/EBOPS 2010 only/);
  });
});
