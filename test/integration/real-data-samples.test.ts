/**
 * Real trade data, first try (issue 13), on the other real samples of ../shared/data: each file is
 * imported into a new store with no other step, and the CLI's figures are checked against an
 * independent reading of the file done here (csv-parse / JSON.parse, this test's own rules):
 *
 * - per report (reporter, partner, flow, year) the all-products `TOTAL` row where there is one,
 *   else the codes that no other present code of the report contains;
 * - per reporter, flow and year the World row (partner 0 / W00 / WLD) where there is one, else the
 *   sum over partners (areas included); re-exports and re-imports are not exports or imports.
 *
 * Samples: Thailand's shrimp trade (Comtrade, HS6, both flows, 2007–2011), Open Trade Statistics
 * (Chile–Argentina by product 2002 and 2004; Chile by partner, all products; Chile's world totals)
 * and Comtrade's bulk layout (Argentina 2000, all products, by partner with the World row).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { captureCli } from '../cli.ts';
import { hasShared, sharedPath } from '../shared.ts';

interface Row {
  rep: string;
  par: string;
  flow: string;
  year: number;
  code: string;
  v: number;
}

const WORLD = new Set(['W00', 'WLD', '0']);

/** Per (reporter, flow, year): the file's total by the rules of the header comment. */
function fileTotals(rows: Row[]): Map<string, number> {
  const present = new Set(rows.map((r) => `${r.rep}|${r.par}|${r.flow}|${r.year}|${r.code}`));
  const byPartner = new Map<string, number>();
  for (const r of rows) {
    if (r.flow !== 'X' && r.flow !== 'M') continue;
    const report = `${r.rep}|${r.par}|${r.flow}|${r.year}`;
    const ancestors = ['TOTAL', ...[2, 4].filter((n) => n < r.code.length).map((n) => r.code.slice(0, n))];
    if (r.code !== 'TOTAL' && ancestors.some((a) => present.has(`${report}|${a}`))) continue;
    byPartner.set(report, (byPartner.get(report) ?? 0) + r.v);
  }
  const world = new Map<string, number>();
  const partners = new Map<string, number>();
  for (const [report, v] of byPartner) {
    const [rep, par, flow, year] = report.split('|');
    const key = `${rep}|${flow}|${year}`;
    const into = WORLD.has(par!) ? world : partners;
    into.set(key, (into.get(key) ?? 0) + v);
  }
  return new Map([...partners, ...world]);
}

function close(actual: unknown, expected: number, what: string): void {
  expect(typeof actual, what).toBe('number');
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    Math.abs(expected) * 1e-9 + 1e-6,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'lantern-samples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function importFresh(name: string, files: string[]): Promise<string> {
  const db = join(dir, `${name}.duckdb`);
  const r = await captureCli(['import', '--db', db, ...files], { cwd: dir });
  expect(r.code, r.err).toBe(0);
  return db;
}

async function profile(db: string, iso3: string, years: string, ...more: string[]) {
  const r = await captureCli(['profile', 'country', iso3, '--years', years, '--db', db, '--format', 'json', ...more], {
    cwd: dir,
  });
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out);
}

/**
 * A Comtrade CSV of ../shared read independently of Lantern: its rows with reporter and partner as
 * ISO3 (the API's reporter_iso/partner_iso) or as numeric codes (the bulk files' reporter_code/partner_code).
 */
function comtradeCsvRows(path: string[], countries: 'iso' | 'code'): Row[] {
  return (parse(readFileSync(sharedPath(...path), 'utf8'), { columns: true }) as Record<string, string>[]).map((r) => ({
    rep: (countries === 'iso' ? r.reporter_iso! : r.reporter_code!).trim(),
    par: (countries === 'iso' ? r.partner_iso! : r.partner_code!).trim(),
    flow: r.flow_code!,
    year: Number(r.ref_year),
    code: r.cmd_code!,
    v: Number(r.primary_value),
  }));
}

const THA = ['data', 'comtrade_samples', 'api_tha_shrimp_hs6_2007_2011.csv'];

describe.skipIf(!hasShared(...THA))('Comtrade: Thailand’s shrimp trade, HS6, both flows', () => {
  const rows = (): Row[] => comtradeCsvRows(THA, 'iso');

  it('exports and imports per year are the file’s (re-imports apart); partners’ flows are mirrored, labelled; products named', async () => {
    const file = rows();
    expect(new Set(file.map((r) => r.flow))).toEqual(new Set(['X', 'M', 'RM']));
    const expected = fileTotals(file);
    const db = await importFresh('tha', [sharedPath(...THA)]);
    const p = await profile(db, 'THA', '2007-2011');
    expect(p.totals.rows.length).toBe(5);
    for (const t of p.totals.rows) {
      close(t.exports, expected.get(`THA|X|${t.year}`)!, `THA exports ${t.year}`);
      close(t.imports, expected.get(`THA|M|${t.year}`)!, `THA imports ${t.year}`);
      expect([t.exports_source, t.imports_source]).toEqual(['reporter', 'reporter']);
    }
    expect(Math.round(p.totals.rows.find((t: { year: number }) => t.year === 2011).exports)).toBe(3_672_636_678);
    // Every product row carries its HS name.
    const products = [...p.topProducts.exports, ...p.topProducts.imports];
    expect(products.length).toBeGreaterThan(0);
    for (const r of products) expect(r.name.en, r.product).toMatch(/shrimps|crustacean/i);
    // Japan reports nothing here: its imports of shrimp from Thailand are Thailand's export report (mirror).
    const jpnFromTha = file
      .filter((r) => r.rep === 'THA' && r.par === 'JPN' && r.flow === 'X' && r.year === 2010)
      .reduce((s, r) => s + r.v, 0);
    const jpn = await profile(db, 'JPN', '2010');
    close(jpn.totals.rows[0].imports, jpnFromTha, 'JPN imports 2010 (mirror)');
    expect(jpn.totals.rows[0].imports_source).toBe('mirror');
    expect(jpn.sources.find((l: { side: string }) => l.side === 'import').reason).toMatch(/mirror data/);
    expect(jpn.notes.join(' ')).toMatch(/JPN imports 2010: mirror/);
    // --by product: each row carries its name (json, csv, table), and the values are the file's.
    const args = ['indicator', 'value', '--exporter', 'THA', '--year', '2011', '--by', 'product', '--db', db];
    const byProduct = JSON.parse((await captureCli([...args, '--format', 'json'], { cwd: dir })).out);
    expect(byProduct.rows.length).toBe(4);
    for (const r of byProduct.rows) {
      expect(r.product_name, r.product).toMatch(/shrimps|crustacean/i);
      const v = file.filter((x) => x.rep === 'THA' && x.flow === 'X' && x.year === 2011 && x.code === r.product);
      close(r.value, v.reduce((s, x) => s + x.v, 0), `THA exports of ${r.product} 2011`);
    }
    const csv = (await captureCli([...args, '--format', 'csv'], { cwd: dir })).out;
    expect(csv.split('\n')[0]).toMatch(/product,product_name/);
    expect(csv).toMatch(/160520,"?Crustacean preparations; shrimps and prawns/);
    const table = (await captureCli(args, { cwd: dir })).out;
    expect(table).toMatch(/│ 030613 +│ Crustaceans; shrimps and prawns, frozen/);
    // The market finder names the product it was asked about.
    const m = JSON.parse(
      (await captureCli(['markets', '--exporter', 'THA', '--product', '160520', '--year', '2011', '--db', db, '--format', 'json'], { cwd: dir })).out,
    );
    expect(m.product.name_en).toMatch(/shrimps and prawns, prepared or preserved/);
    expect(m.product.label).toMatch(/^HS 160520 Crustacean preparations/);
  });

  it('bilateral THA–USA: both directions are the file’s (USA’s side mirrored), each product named in the table', async () => {
    const file = rows().filter((r) => r.year === 2011);
    const sum = (flow: string) => file.filter((r) => r.flow === flow && r.par === 'USA').reduce((s, r) => s + r.v, 0);
    const db = await importFresh('tha-bilateral', [sharedPath(...THA)]);
    const args = ['bilateral', 'THA', 'USA', '--year', '2011', '--db', db];
    const b = JSON.parse((await captureCli([...args, '--format', 'json'], { cwd: dir })).out);
    close(b.trend[0].a_to_b, sum('X'), 'THA→USA 2011');
    close(b.trend[0].b_to_a, sum('M'), 'USA→THA 2011 (THA’s imports, mirror)');
    const table = (await captureCli(args, { cwd: dir })).out;
    for (const p of b.products) expect(table).toContain(`│ ${p.product}  │ ${p.name_en}`);
    // Shrimp is no cultural good: an empty CSV says why on stderr, as the table does in its body.
    const csv = await captureCli(['indicator', 'value', '--exporter', 'THA', '--year', '2011', '--basket', 'unesco-fcs-2009', '--db', db, '--format', 'csv'], { cwd: dir });
    expect(csv.code).toBe(0);
    expect(csv.out.trim().split('\n')).toHaveLength(1);
    expect(csv.err).toMatch(/No rows: the data \(run 1 comtrade\) has no exports of THA in unesco-fcs-2009 in 2011/);
  });
});

const OTS = ['data', 'ots_samples'];

describe.skipIf(!hasShared(...OTS))('Open Trade Statistics: by product, by partner, world totals', () => {
  type OtsRow = Record<string, string | number | null>;
  const read = (name: string): OtsRow[] => JSON.parse(readFileSync(sharedPath(...OTS, name), 'utf8'));
  /** OTS rows from the reporter's view, both flows in one row: the rows of this test's reading. */
  const rowsOf = (list: OtsRow[]): Row[] =>
    list.flatMap((r) =>
      (['X', 'M'] as const)
        .map((flow) => ({
          rep: String(r.reporter_iso).toUpperCase(),
          par: r.partner_iso === undefined ? 'WLD' : String(r.partner_iso).toUpperCase(),
          flow,
          year: Number(r.year),
          code: r.commodity_code === undefined ? 'TOTAL' : String(r.commodity_code),
          v: r[flow === 'X' ? 'trade_value_usd_exp' : 'trade_value_usd_imp'] as number | null,
        }))
        .filter((x) => typeof x.v === 'number')
        .map((x) => ({ ...x, v: x.v as number })),
    );

  it('Chile–Argentina by product, 2002 and 2004 in one store: totals are the file’s, Argentina’s side is mirrored, products named', async () => {
    const files = ['chl_arg_2002_yrpc.json', 'chl_arg_2004_yrpc.json'];
    const file = files.flatMap((f) => rowsOf(read(f)));
    const expected = fileTotals(file);
    const db = await importFresh('ots-yrpc', files.map((f) => sharedPath(...OTS, f)));
    const chl = await profile(db, 'CHL', '2002-2004');
    expect(chl.totals.rows.map((t: { year: number }) => t.year)).toEqual([2002, 2004]);
    expect(chl.notes.join(' ')).toMatch(/no data for 2003/);
    for (const t of chl.totals.rows) {
      close(t.exports, expected.get(`CHL|X|${t.year}`)!, `CHL exports ${t.year}`);
      close(t.imports, expected.get(`CHL|M|${t.year}`)!, `CHL imports ${t.year}`);
    }
    const arg = await profile(db, 'ARG', '2004');
    close(arg.totals.rows[0].exports, expected.get('CHL|M|2004')!, 'ARG exports 2004 (mirror)');
    expect([arg.totals.rows[0].exports_source, arg.totals.rows[0].imports_source]).toEqual(['mirror', 'mirror']);
    const named = [...chl.topProducts.exports, ...chl.topProducts.imports];
    expect(named.length).toBeGreaterThan(0);
    for (const r of named) expect(r.name.en, r.product).toEqual(expect.any(String));
  });

  it('Chile by partner, all products (TOTAL rows): totals are the sum over partners; partners listed', async () => {
    const file = rowsOf(read('chl_all_2002_yrp.json'));
    const expected = fileTotals(file);
    const db = await importFresh('ots-yrp', [sharedPath(...OTS, 'chl_all_2002_yrp.json')]);
    const chl = await profile(db, 'CHL', '2002');
    close(chl.totals.rows[0].exports, expected.get('CHL|X|2002')!, 'CHL exports 2002');
    close(chl.totals.rows[0].imports, expected.get('CHL|M|2002')!, 'CHL imports 2002');
    expect(chl.provenance.levels).toEqual([0]);
    expect(chl.notes.join(' ')).toMatch(/TOTAL \(all products\) rows only/);
    const top = file.filter((r) => r.flow === 'X').sort((a, b) => b.v - a.v)[0]!;
    expect(chl.topPartners.exports[0].partner).toBe(top.par);
    close(chl.topPartners.exports[0].value, top.v, `CHL exports to ${top.par}`);
    expect(chl.topProducts.exports.map((r: { product: string }) => r.product)).toEqual(['TOTAL']);
    expect(chl.topProducts.exports[0].name.en).toMatch(/all products/);
    // The dashboard's partner rows carry both sides as the file has them, a partner top on one side
    // only included (Japan: 2nd market, far down the suppliers).
    const ofFile = (par: string, flow: string) => file.find((r) => r.par === par && r.flow === flow)?.v ?? null;
    const listed = chl.partners.filter((p: { partner: string }) => p.partner !== 'areas');
    expect(listed.length).toBeGreaterThan(10);
    for (const p of listed) {
      expect(p.exports, `${p.partner} exports`).toBe(ofFile(p.partner, 'X') || null);
      expect(p.imports, `${p.partner} imports`).toBe(ofFile(p.partner, 'M') || null);
    }
  });

  it('Chile’s world totals (partner World, all products): the profile reads them, no partner is listed', async () => {
    const file = rowsOf(read('chl_arg_2002_yr.json'));
    const expected = fileTotals(file);
    const db = await importFresh('ots-yr', [sharedPath(...OTS, 'chl_arg_2002_yr.json')]);
    const chl = await profile(db, 'CHL', '2002');
    close(chl.totals.rows[0].exports, expected.get('CHL|X|2002')!, 'CHL exports 2002');
    close(chl.totals.rows[0].imports, expected.get('CHL|M|2002')!, 'CHL imports 2002');
    expect(chl.provenance.worldRows).toBe(true);
    expect(chl.topPartners.exports).toEqual([]);
    expect(chl.notes.join(' ')).toMatch(/no partner detail: its World rows .* are the totals/);
  });
});

const BULK = ['data', 'comtrade_samples', 'bulk_arg_2000_h0_total_exports_sample.csv'];

describe.skipIf(!hasShared(...BULK))('Comtrade bulk layout: Argentina 2000, all products, by partner and World', () => {
  it('exports are the World row, never added to the partners; partners are listed without World', async () => {
    const file = comtradeCsvRows(BULK, 'code');
    const expected = fileTotals(file).get('32|X|2000')!;
    const partnersSum = file.filter((r) => r.par !== '0').reduce((s, r) => s + r.v, 0);
    expect(expected).toBeGreaterThan(partnersSum); // the sample holds 99 of the partners
    const db = await importFresh('bulk', [sharedPath(...BULK)]);
    const arg = await profile(db, 'ARG', '2000');
    close(arg.totals.rows[0].exports, expected, 'ARG exports 2000');
    expect(arg.totals.rows[0].imports).toBeNull();
    expect(arg.totals.rows[0].imports_source).toBe('none');
    const listed = arg.topPartners.exports.map((r: { partner: string }) => r.partner);
    expect(listed).not.toContain('WLD');
    const brazil = file.find((r) => r.par === '76')!.v;
    expect(listed[0]).toBe('BRA');
    close(arg.topPartners.exports[0].value, brazil, 'ARG exports to BRA');
    // The World row's rest (partners not in the sample): an "areas not specified" row, in the total.
    close(arg.topPartners.areas.exports, expected - partnersSum, 'ARG exports to partners not named');
    expect(arg.topPartners.areas.imports).toBeNull();
    expect(arg.notes.join(' ')).toMatch(/exports 2000: areas not specified US\$[\d,]+ \(\d+\.\d% of the total\)/);
    const table = await captureCli(['profile', 'country', 'ARG', '--year', '2000', '--db', db], { cwd: dir });
    expect(table.out).toMatch(/│\s+│ areas\s+│ areas not specified │ [\d,]+\s+│/);
  });
});

const USA = ['data', 'comtrade_samples', 'api_usa_imports_total_by_partner_2018.csv'];

describe.skipIf(!hasShared(...USA))('Comtrade: one reporter’s imports only (USA, all products, by partner)', () => {
  it('a side the data does not hold has no world share (not 0.00%); the total is named', async () => {
    const file = comtradeCsvRows(USA, 'iso');
    expect(new Set(file.map((r) => `${r.rep} ${r.flow}`))).toEqual(new Set(['USA M']));
    const expected = fileTotals(file);
    const years = [...new Set(file.map((r) => r.year))].sort();
    const db = await importFresh('usa', [sharedPath(...USA)]);
    const usa = await profile(db, 'USA', `${years[0]}-${years.at(-1)}`);
    expect(usa.worldShare.rows.length).toBe(years.length);
    for (const w of usa.worldShare.rows) {
      // The file's only reporter: its imports are every import in the store; its exports are unknown.
      close(w.imports_share, expected.get(`USA|M|${w.year}`)! / expected.get(`USA|M|${w.year}`)!, `USA import share ${w.year}`);
      expect(w.imports_rank).toBe(1);
      expect(w, `USA exports ${w.year}: no data, so no share`).toMatchObject({ exports_share: null, exports_rank: null });
    }
    // The world-share indicator itself, for the partners (their exports are USA's mirror): shares of the file's sums.
    const last = years.at(-1)!;
    const mex = file.filter((r) => r.par === 'MEX' && r.year === last).reduce((s, r) => s + r.v, 0);
    const r = await captureCli(['profile', 'country', 'MEX', '--year', String(last), '--db', db, '--format', 'json'], { cwd: dir });
    const p = JSON.parse(r.out);
    close(p.worldShare.rows[0].exports_share, mex / expected.get(`USA|M|${last}`)!, `MEX export share ${last}`);
    expect(p.worldShare.rows[0]).toMatchObject({ imports_share: null, imports_rank: null });
    // By total, the row's product is ALL: named as such, in both languages.
    const v = await captureCli(['indicator', 'value', '--importer', 'USA', '--year', String(last), '--db', db, '--format', 'json'], { cwd: dir });
    const row = JSON.parse(v.out).rows[0];
    close(row.value, expected.get(`USA|M|${last}`)!, `USA imports ${last}`);
    expect(row).toMatchObject({ product: 'ALL', product_name: 'all products', product_name_zh: '全部商品' });
  });
});
