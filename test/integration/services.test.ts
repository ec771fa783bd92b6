/**
 * Services trade (issue 13 part 6): Comtrade services rows (typeCode S, EBOPS 2010) read by the
 * indicators and read models, in the CLI and the API, with the bundled basket `cultural-services`.
 *
 * The fixture (test/fixtures/comtrade-services, README there) is hand-made in the real Comtrade Plus
 * CSV layout: one report holds S, SK, SK1, SK11, SK12, the memo item SK11z, SK2, SK23, SH, SH4, SI,
 * SI3 and SI31 side by side; others give a few items only, one gives only SK and SK2 (coarser than the
 * basket's items), one row goes to an unattributed area, World rows and two goods rows sit in the
 * same file. The JavaScript side computes every expected figure its own way from the file: per
 * report, the codes with no present ancestor (the tree from the parent column of data/ebops), memo
 * items left out; the basket's part the same way among the basket items and their sub-items.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { openStore } from '../../src/store/db.ts';
import { captureCli } from '../cli.ts';
import { repoRoot } from '../shared.ts';

const FILE = join(repoRoot, 'test', 'fixtures', 'comtrade-services', 'services_ebops2010_2021_2022.csv');
const dir = mkdtempSync(join(tmpdir(), 'lantern-services-'));
const db = join(dir, 'store.duckdb');
const cli = (...args: string[]) => captureCli([...args, '--db', db], { cwd: dir });

interface Row {
  type: string;
  rep: string;
  par: string;
  flow: string;
  year: number;
  code: string;
  v: number;
}

const rows: Row[] = (parse(readFileSync(FILE, 'utf8'), { columns: true }) as Record<string, string>[]).map((r) => ({
  type: r.typeCode!,
  rep: r.reporterISO!,
  par: r.partnerISO!,
  flow: r.flowCode!,
  year: Number(r.refYear),
  code: r.cmdCode!,
  v: Number(r.primaryValue),
}));

// The EBOPS tree: parent column of the shipped table (the file the store loads, read here by hand).
const tree = (parse(readFileSync(join(repoRoot, 'data', 'ebops', 'ebops-2010.csv'), 'utf8'), { columns: true }) as Record<string, string>[]);
const parent = new Map(tree.map((t) => [t.code!, t.parent!]));
const memo = new Set(tree.filter((t) => t.memo === '1').map((t) => t.code!));
const ancestors = (code: string): string[] => {
  const out: string[] = [];
  for (let p = parent.get(code); p; p = parent.get(p)) out.push(p);
  return out;
};
const BASKET = ['SK1', 'SK23', 'SH4', 'SI31'];
const inBasket = (code: string) => BASKET.includes(code) || ancestors(code).some((a) => BASKET.includes(a));

/**
 * What a country's exports (or imports) sum to: per report, the codes that no other code of the
 * report (among those kept) contains. Services only, bilateral (World left out), memo items left out.
 * `basket`: only the basket's items and sub-items are kept. Areas count in totals.
 */
function reported(country: string, flow: 'X' | 'M', year: number, basket: boolean, partner?: string): number {
  const mine = rows.filter(
    (r) => r.type === 'S' && r.rep === country && r.flow === flow && r.year === year && r.par !== 'W00' && !memo.has(r.code) && (!basket || inBasket(r.code)) && (!partner || r.par === partner),
  );
  let sum = 0;
  for (const r of mine) {
    const report = mine.filter((o) => o.par === r.par);
    if (ancestors(r.code).some((a) => report.some((o) => o.code === a))) continue;
    sum += r.v;
  }
  return sum;
}

describe('services: the cultural-services basket and all services, CLI and API', () => {
  beforeAll(async () => {
    const r = await cli('import', FILE);
    expect(r.code, r.err).toBe(0);
  });

  it('value: Germany’s cultural services, exports and imports, equal the file’s own sum (each flow once)', async () => {
    for (const [side, flow] of [['export', 'X'], ['import', 'M']] as const) {
      const r = await cli('indicator', 'value', '--country', 'DEU', '--years', '2021-2022', '--basket', 'cultural-services', '--side', side, '--format', 'json');
      expect(r.code, r.err).toBe(0);
      const out = JSON.parse(r.out) as { rows: { year: number; value: number }[]; provenance: { trade: string }; notes: string[] };
      expect(out.provenance.trade).toBe('services');
      for (const y of [2021, 2022]) expect(out.rows.find((x) => x.year === y)?.value, `${side} ${y}`).toBe(reported('DEU', flow, y, true));
    }
    // by hand (README of the fixture): 330 to France + 580 to the US + 25 to areas not specified
    expect(reported('DEU', 'X', 2022, true)).toBe(935);
    expect(reported('DEU', 'X', 2021, true)).toBe(710);
  });

  it('counts S, SK and SK1 once: all services of a report is its top code, the memo item SK11z never added', async () => {
    const r = await cli('indicator', 'value', '--country', 'DEU', '--years', '2022', '--trade', 'services', '--partner', 'FRA', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as { rows: { value: number }[] };
    expect(out.rows[0]?.value).toBe(1000); // S alone, not 1000 + 300 + 200 + …
    expect(reported('DEU', 'X', 2022, false, 'FRA')).toBe(1000);
    const byProduct = await cli('indicator', 'value', '--country', 'DEU', '--years', '2022', '--product', 'SK1', '--by', 'product', '--format', 'json');
    const products = (JSON.parse(byProduct.out) as { rows: { product: string; value: number }[] }).rows;
    expect(products.map((p) => p.product)).not.toContain('SK11z');
    // SK1 with its sub-items: 200 (France, via SK11 + SK12) + 500 (US) + 25 (areas)
    expect(products.reduce((s, p) => s + p.value, 0)).toBe(725);
    // all services in a profile: every report's top codes (France 1000, US 580, areas 25), labelled so
    const prof = JSON.parse((await cli('profile', 'country', 'DEU', '--years', '2022', '--trade', 'services', '--format', 'json')).out) as {
      scope: { label: string };
      totals: { rows: { exports: number; imports: number }[] };
    };
    expect(prof.scope.label).toBe('all services (EBOPS 2010)');
    expect(prof.totals.rows[0]).toMatchObject({ exports: reported('DEU', 'X', 2022, false), imports: reported('DEU', 'M', 2022, false) });
    expect(reported('DEU', 'X', 2022, false)).toBe(1605);
  });

  it('lists and shows the bundled services basket: its items and their sub-items, named', async () => {
    const r = await cli('basket', 'show', 'cultural-services', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const text = r.out;
    for (const code of ['SK1', 'SK11', 'SK12', 'SK23', 'SH4', 'SH41', 'SH42', 'SI31']) expect(text).toContain(`"${code}"`);
    expect(text).not.toContain('"SK11z"');
    expect(text).toContain('News agency services');
  });

  it('growth, world share, balance and compare read services', async () => {
    const g = JSON.parse((await cli('indicator', 'yoy-growth', '--country', 'DEU', '--years', '2022', '--basket', 'cultural-services', '--format', 'json')).out) as { rows: { value: number }[] };
    expect(g.rows[0]!.value).toBeCloseTo(reported('DEU', 'X', 2022, true) / reported('DEU', 'X', 2021, true) - 1, 10);
    // World share: Germany over every exporter under the Trade Map view (the US did not report 2022:
    // its exports are Germany's mirror report, which gives only SK and SK2, none in the basket).
    const ws = JSON.parse((await cli('indicator', 'world-share', '--country', 'DEU', '--years', '2022', '--basket', 'cultural-services', '--format', 'json')).out) as { rows: { value: number }[] };
    const world = reported('DEU', 'X', 2022, true) + reported('FRA', 'X', 2022, true);
    expect(ws.rows[0]!.value).toBeCloseTo(reported('DEU', 'X', 2022, true) / world, 10);
    const bal = JSON.parse((await cli('indicator', 'balance', '--country', 'DEU', '--years', '2022', '--basket', 'cultural-services', '--format', 'json')).out) as { rows: { value: number }[] };
    expect(bal.rows[0]!.value).toBe(reported('DEU', 'X', 2022, true) - reported('DEU', 'M', 2022, true));
    const cmp = JSON.parse((await cli('compare', 'DEU', 'FRA', '--years', '2021-2022', '--basket', 'cultural-services', '--format', 'json')).out) as { series: Record<string, number>[] };
    expect(cmp.series.find((s) => s.year === 2022)).toMatchObject({ DEU: 935, FRA: reported('FRA', 'X', 2022, true) });
  });

  it('profile country (CLI): totals by year, domains, named EBOPS products, and the note on coarse reports', async () => {
    const r = await cli('profile', 'country', 'DEU', '--years', '2021-2022', '--basket', 'cultural-services', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const p = JSON.parse(r.out) as {
      totals: { rows: { year: number; exports: number; imports: number; balance: number }[] };
      byDomain: { rows: { domain: string; exports: number }[] };
      topProducts: { exports: { product: string; name: { en: string | null } }[] };
      notes: string[];
      provenance: { trade: string };
    };
    expect(p.provenance.trade).toBe('services');
    for (const y of [2021, 2022]) {
      const t = p.totals.rows.find((x) => x.year === y)!;
      expect(t.exports).toBe(reported('DEU', 'X', y, true));
      expect(t.imports).toBe(reported('DEU', 'M', y, true));
      expect(t.balance).toBe(t.exports - t.imports);
    }
    expect(p.byDomain.rows.map((d) => d.domain).sort()).toEqual(['audiovisual', 'books', 'heritage']);
    expect(p.byDomain.rows.reduce((s, d) => s + d.exports, 0)).toBe(935);
    expect(p.topProducts.exports.find((x) => x.product === 'SI31')?.name.en).toBe('News agency services');
    // Germany's 2022 imports from the US are reported only as SK and SK2: left out, and said so.
    expect(p.notes.join(' ')).toMatch(/DEU imports from USA 2022 \(SK, SK2\)/);
    const table = await cli('profile', 'country', 'DEU', '--years', '2022', '--basket', 'cultural-services');
    expect(table.out).toMatch(/SK1\s*│\s*Audio-visual and related services/);
  });

  it('bilateral: Germany ⇄ France in the basket, each direction as its reporter reports it', async () => {
    const r = await cli('bilateral', 'DEU', 'FRA', '--years', '2022', '--basket', 'cultural-services', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const b = JSON.parse(r.out) as { trend: { year: number; a_to_b: number; b_to_a: number }[] };
    expect(b.trend[0]).toMatchObject({ year: 2022, a_to_b: reported('DEU', 'X', 2022, true, 'FRA'), b_to_a: reported('FRA', 'X', 2022, true, 'DEU') });
  });

  it('goods and services are never summed: without a flag the data’s goods are read and the note says services were left out', async () => {
    const r = await cli('indicator', 'value', '--country', 'DEU', '--years', '2022', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as { rows: { value: number }[]; notes: string[]; provenance: { trade: string } };
    expect(out.provenance.trade).toBe('goods');
    const goods = rows.filter((x) => x.type === 'C' && x.rep === 'DEU' && x.flow === 'X' && x.year === 2022).reduce((s, x) => s + x.v, 0);
    expect(out.rows[0]!.value).toBe(goods);
    expect(out.notes.join(' ')).toMatch(/services rows of these runs are not added/);
    const clash = await cli('indicator', 'value', '--country', 'DEU', '--years', '2022', '--basket', 'cultural-services', '--trade', 'goods');
    expect(clash.code).not.toBe(0);
    expect(clash.err).toMatch(/--trade goods contradicts basket cultural-services/);
  });

  it('the API answers the same: the country profile with trade=services and the value indicator', async () => {
    const store = await openStore({ path: db, readOnly: true });
    try {
      const api = await createApi({ store, log: () => {} });
      const res = await api.app.request('/api/v1/profiles/country/DEU?basket=cultural-services&years=2021-2022');
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        data: { trade: string; headline: { exports: number; imports: number }; products: { product: string; name_en: string | null }[] };
        meta: { provenance: { note: string } };
      };
      expect(body.data.trade).toBe('services');
      expect(body.data.headline).toMatchObject({ exports: reported('DEU', 'X', 2022, true), imports: reported('DEU', 'M', 2022, true) });
      expect(body.data.products.find((x) => x.product === 'SK23')?.name_en).toBe('Heritage and recreational services');
      expect(body.meta.provenance.note).toMatch(/services \(EBOPS 2010\)/);
      const all = (await (await api.app.request('/api/v1/profiles/country/DEU?trade=services&years=2022')).json()) as { data: { trade: string; headline: { exports: number } } };
      expect(all.data).toMatchObject({ trade: 'services', headline: { exports: reported('DEU', 'X', 2022, false) } });
      const v = (await (await api.app.request('/api/v1/indicators/value/values?country=DEU&from=2022&basket=cultural-services')).json()) as { rows?: { value: number }[]; data?: { value: number }[] };
      expect((v.rows ?? v.data)?.[0]?.value).toBe(935);
    } finally {
      await store.close();
    }
  });
});
