/**
 * Ingest on hand-made fixtures (BACI csv and zip, legacy Comtrade), the OTS samples, and the
 * provenance rules: idempotency, --replace, --skip-bad-rows, format detection.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectFormat, importFiles, listImportRuns } from '../../src/ingest/index.ts';
import type { Store } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { hasShared, repoRoot, sharedPath } from '../shared.ts';
import { close, memoryStore, runTotals } from './ingest-helpers.ts';

const fixture = (...p: string[]) => join(repoRoot, 'test', 'fixtures', ...p);
const pinned = () => new Date('2026-11-23T10:00:00Z');

let store: Store;
beforeEach(async () => {
  store = await memoryStore();
});
afterEach(async () => store.close());

describe('BACI', () => {
  it('csv: codes through the BACI scheme, k padded, v × 1000, q in tons, NA/blank q null', async () => {
    const [s] = await importFiles(store, [fixture('baci', 'BACI_HS17_Y2019_V202401.csv')], { now: pinned });
    expect(s).toMatchObject({
      format: 'baci-csv',
      source: 'baci',
      status: 'imported',
      rowsLoaded: 5,
      release: 'V202401',
      yearMin: 2019,
      yearMax: 2019,
    });
    const rows = await store.query(
      sql`select reporter, partner, partner_kind, flow, classification, product, product_level, value_usd, quantity, quantity_unit
          from trade_flows where run_id = ${s?.runId as number} order by reporter`,
    );
    expect(rows).toEqual([
      {
        reporter: 'AFG',
        partner: 'AUS',
        partner_kind: 'country',
        flow: 'X',
        classification: 'HS2017',
        product: '950450',
        product_level: 6,
        value_usd: 2000,
        quantity: 1,
        quantity_unit: 't',
      },
      {
        reporter: 'CHE',
        partner: 'NOR',
        partner_kind: 'country',
        flow: 'X',
        classification: 'HS2017',
        product: '920710',
        product_level: 6,
        value_usd: 12345,
        quantity: 0.01,
        quantity_unit: 't',
      },
      {
        reporter: 'CHN',
        partner: 'USA',
        partner_kind: 'country',
        flow: 'X',
        classification: 'HS2017',
        product: '970110',
        product_level: 6,
        value_usd: 1250500,
        quantity: 3.2,
        quantity_unit: 't',
      },
      {
        reporter: 'TWN',
        partner: 'FRA',
        partner_kind: 'country',
        flow: 'X',
        classification: 'HS2017',
        product: '010121',
        product_level: 6,
        value_usd: 750,
        quantity: null,
        quantity_unit: null,
      },
      {
        reporter: 'USA',
        partner: 'IND',
        partner_kind: 'country',
        flow: 'X',
        classification: 'HS2017',
        product: '490199',
        product_level: 6,
        value_usd: 100000,
        quantity: null,
        quantity_unit: null,
      },
    ]);
    const t = await runTotals(store, s?.runId as number);
    expect(close(t.v, 1_365_595)).toBe(true); // (1250.5 + 0.75 + 100 + 12.345 + 2) × 1000
    const [run] = await listImportRuns(store);
    expect(run).toMatchObject({
      source: 'baci',
      format: 'baci-csv',
      perspective: 'reconciled',
      file: 'BACI_HS17_Y2019_V202401.csv',
      rows: 5,
      years: '2019',
      reporters: 5,
    });
    expect(run?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run?.file).not.toContain('/');
  });

  it('release zip: every year inside, companions ignored, one run', async () => {
    const [s] = await importFiles(store, [fixture('baci', 'BACI_HS17_V202401.zip')], { format: 'baci' });
    expect(s).toMatchObject({
      format: 'baci-zip',
      rowsLoaded: 7,
      yearMin: 2019,
      yearMax: 2020,
      release: 'V202401',
    });
    const byYear = await store.query<{ year: number; n: number; v: number }>(
      sql`select year, count(*)::int n, sum(value_usd) v from trade_flows group by 1 order by 1`,
    );
    expect(byYear.map((r) => [r.year, r.n])).toEqual([
      [2019, 5],
      [2020, 2],
    ]);
    expect(close(byYear[1]?.v as number, 1_310_500)).toBe(true); // (1300 + 10.5) × 1000
    // the padded "           NA" of an older release is a blank quantity
    const jpn = await store.query(
      sql`select reporter, partner, product, quantity from trade_flows where reporter = 'JPN'`,
    );
    expect(jpn).toEqual([{ reporter: 'JPN', partner: 'CHN', product: '852349', quantity: null }]);
  });

  it("filters to a product list resolved for the file's edition while reading", async () => {
    const editions: string[] = [];
    const [s] = await importFiles(store, [fixture('baci', 'BACI_HS17_V202401.zip')], {
      productsFor: async (edition) => {
        editions.push(edition);
        return ['970110', '490199'];
      },
    });
    expect([...new Set(editions)]).toEqual(['HS2017']); // the edition from the members' names
    // 2019: 970110 (CHN→USA) and 490199 (USA→IND); 2020: 970110 (CHN→USA)
    const rows = await store.query(
      sql`select year, product, value_usd from trade_flows order by year, product`,
    );
    expect(rows).toEqual([
      { year: 2019, product: '490199', value_usd: 100000 },
      { year: 2019, product: '970110', value_usd: 1250500 },
      { year: 2020, product: '970110', value_usd: 1300000 },
    ]);
    expect(s?.rowsLoaded).toBe(3);
    const [run] = await listImportRuns(store);
    expect(run?.options).toMatchObject({ products: '2 HS6 codes' });
  });

  it("a code Lantern lacks is taken from the release's country_codes file, with a warning", async () => {
    const [s] = await importFiles(store, [fixture('baci', 'BACI_HS22_V202501.zip')]);
    expect(s?.rowsLoaded).toBe(2);
    expect(s?.warnings).toEqual([
      "BACI code 999 (Serbia (a code made up for this test)) is not in Lantern's table: mapped to SRB as country_codes_V202501.csv says",
    ]);
    const rows = await store.query(
      sql`select reporter, partner, classification, value_usd from trade_flows order by value_usd`,
    );
    expect(rows).toEqual([
      { reporter: 'SRB', partner: 'USA', classification: 'HS2022', value_usd: 2500 },
      { reporter: 'CHN', partner: 'SRB', classification: 'HS2022', value_usd: 5000 },
    ]);
  });

  it('csv.gz: read by DuckDB after its inflated size is counted; the same rows as the plain file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-baci-'));
    const p = join(dir, 'BACI_HS17_Y2019_V202401.csv.gz');
    writeFileSync(p, gzipSync(readFileSync(fixture('baci', 'BACI_HS17_Y2019_V202401.csv'))));
    const [s] = await importFiles(store, [p], { now: pinned });
    expect(s).toMatchObject({ format: 'baci-csv', status: 'imported', rowsLoaded: 5 });
    const [t] = await store.query<{ v: number }>(sql`select sum(value_usd) as v from trade_flows where run_id = ${s?.runId as number}`);
    // The plain fixture's v column, × 1000 (thousand USD), summed from the file here.
    const lines = readFileSync(fixture('baci', 'BACI_HS17_Y2019_V202401.csv'), 'utf8').trim().split('\n').slice(1);
    const header = readFileSync(fixture('baci', 'BACI_HS17_Y2019_V202401.csv'), 'utf8').split('\n')[0]?.split(',') ?? [];
    const vi = header.indexOf('v');
    expect(t?.v).toBeCloseTo(lines.reduce((sum, l) => sum + Number(l.split(',')[vi]) * 1000, 0), 6);
  });

  it('a gzip bomb of valid BACI rows is refused before DuckDB inflates it, and nothing is stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-baci-'));
    const p = join(dir, 'BACI_HS17_Y2019_V202401.csv.gz');
    // 40 MB of one valid row repeated: about 1000:1 compressed, far past the 200:1 ratio.
    writeFileSync(p, gzipSync(`t,i,j,k,v,q\n${'2019,156,842,950510,1.5,2.0\n'.repeat(1_500_000)}`, { level: 9 }));
    await expect(importFiles(store, [p])).rejects.toMatchObject({
      code: 'too-large',
      problems: [expect.objectContaining({ expected: 'a ratio of at most 200:1' })],
    });
    const [n] = await store.query<{ n: number }>(sql`select count(*)::int as n from baci_flows`);
    expect(n?.n).toBe(0);
    await expect(importFiles(store, [p], { unpackLimits: { maxUnpackedBytes: 1024 ** 3, maxUnpackRatio: 10_000 } })).resolves.toMatchObject([
      { status: 'imported', rowsLoaded: 1_500_000 },
    ]);
  });

  it('the unpack limits given to an import also bound a gzip that a row reader inflates (Comtrade CSV)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-gz-'));
    const plain = readFileSync(fixture('comtrade-legacy', 'comtrade_legacy_22.csv'));
    const p = join(dir, 'comtrade_legacy_22.csv.gz');
    writeFileSync(p, gzipSync(plain));
    const tight = { maxUnpackedBytes: Math.floor(plain.length / 2), maxUnpackRatio: 200 };
    await expect(importFiles(store, [p], { unpackLimits: tight })).rejects.toMatchObject({ code: 'too-large' });
    const [n] = await store.query<{ n: number }>(sql`select count(*)::int as n from import_runs`);
    expect(n?.n).toBe(0);
    await expect(importFiles(store, [p])).resolves.toMatchObject([{ status: 'imported' }]);
  });

  it('a name without the edition needs --hs-edition', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-baci-'));
    const p = join(dir, 'trade.csv');
    copyFileSync(fixture('baci', 'BACI_HS17_Y2019_V202401.csv'), p);
    await expect(importFiles(store, [p])).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('HS edition'),
    });
    const [s] = await importFiles(store, [p], { hsEdition: 'HS12' });
    const cls = await store.query(
      sql`select distinct classification from trade_flows where run_id = ${s?.runId as number}`,
    );
    expect(cls).toEqual([{ classification: 'HS2012' }]);
  });
});

describe('legacy Comtrade CSV', () => {
  it('22 columns: flow codes 1–4, World, 490 → TWN, SITC, historical reporter, monthly period, area partner', async () => {
    const [s] = await importFiles(store, [fixture('comtrade-legacy', 'comtrade_legacy_22.csv')]);
    expect(s).toMatchObject({ format: 'comtrade-legacy-csv', rowsLoaded: 6, rowsRejected: 0 });
    const rows = await store.query(
      sql`select year, month, reporter, partner, partner_kind, flow, classification, product, product_level, value_usd, quantity, quantity_unit, net_weight_kg
          from trade_flows order by value_usd`,
    );
    expect(rows).toEqual([
      {
        year: 1995,
        month: 3,
        reporter: 'ARG',
        partner: 'X899',
        partner_kind: 'area',
        flow: 'X',
        classification: 'HS1992',
        product: '49',
        product_level: 2,
        value_usd: 4321,
        quantity: null,
        quantity_unit: null,
        net_weight_kg: null,
      },
      {
        year: 2015,
        month: null,
        reporter: 'USA',
        partner: 'TWN',
        partner_kind: 'country',
        flow: 'RM',
        classification: 'HS2012',
        product: '920710',
        product_level: 6,
        value_usd: 12345,
        quantity: 20,
        quantity_unit: 'Number of items',
        net_weight_kg: 300,
      },
      {
        year: 2015,
        month: null,
        reporter: 'CHN',
        partner: 'USA',
        partner_kind: 'country',
        flow: 'X',
        classification: 'HS2012',
        product: '490199',
        product_level: 6,
        value_usd: 50000,
        quantity: 1000,
        quantity_unit: 'Weight in kilograms',
        net_weight_kg: 1000,
      },
      {
        year: 2015,
        month: null,
        reporter: 'HKG',
        partner: 'CHN',
        partner_kind: 'country',
        flow: 'RX',
        classification: 'HS2012',
        product: '9701',
        product_level: 4,
        value_usd: 75000.5,
        quantity: null,
        quantity_unit: null,
        net_weight_kg: null,
      },
      {
        year: 2015,
        month: null,
        reporter: 'CHN',
        partner: 'WLD',
        partner_kind: 'world',
        flow: 'M',
        classification: 'HS2012',
        product: '970110',
        product_level: 6,
        value_usd: 250000,
        quantity: null,
        quantity_unit: null,
        net_weight_kg: null,
      },
      {
        year: 1989,
        month: null,
        reporter: 'SUN',
        partner: 'WLD',
        partner_kind: 'world',
        flow: 'X',
        classification: 'SITC3',
        product: '89',
        product_level: 2,
        value_usd: 1000000,
        quantity: null,
        quantity_unit: null,
        net_weight_kg: null,
      },
    ]);
    const t = await runTotals(store, s?.runId as number);
    expect(close(t.v, 1_391_666.5)).toBe(true); // see test/fixtures/comtrade-legacy/README.md
  });

  it('35 columns', async () => {
    const [s] = await importFiles(store, [fixture('comtrade-legacy', 'comtrade_legacy_35.csv')]);
    expect(s).toMatchObject({ format: 'comtrade-legacy-csv', rowsLoaded: 3 });
    const rows = await store.query(
      sql`select reporter, partner, flow, product, value_usd from trade_flows order by value_usd`,
    );
    expect(rows).toEqual([
      { reporter: 'DEU', partner: 'FRA', flow: 'M', product: '950420', value_usd: 30000 },
      { reporter: 'DEU', partner: 'CHE', flow: 'X', product: '920710', value_usd: 64000.25 },
      { reporter: 'DEU', partner: 'WLD', flow: 'X', product: '97', value_usd: 1200000 },
    ]);
  });
});

describe.skipIf(!hasShared('data/ots_samples'))('Open Trade Statistics samples (../shared)', () => {
  for (const f of [
    'chl_arg_2002_yrpc.json',
    'chl_arg_2004_yrpc.json',
    'chl_all_2002_yrp.json',
    'chl_arg_2002_yr.json',
    'chl_arg_2004_yr.json',
  ]) {
    it(f, async () => {
      const doc = JSON.parse(readFileSync(sharedPath('data/ots_samples', f), 'utf8')) as Record<
        string,
        unknown
      >[];
      const [s] = await importFiles(store, [sharedPath('data/ots_samples', f)]);
      expect(s?.format).toBe('ots-json');
      const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
      const exp = doc.filter((r) => num(r.trade_value_usd_exp) !== null);
      const imp = doc.filter((r) => num(r.trade_value_usd_imp) !== null);
      const flows = await store.query<{ flow: string; n: number; v: number }>(
        sql`select flow, count(*)::int n, sum(value_usd) v from trade_flows group by 1 order by 1`,
      );
      expect(flows.map((x) => [x.flow, x.n])).toEqual([
        ['M', imp.length],
        ['X', exp.length],
      ]);
      expect(
        close(
          flows[0]?.v as number,
          imp.reduce((a, r) => a + Number(r.trade_value_usd_imp), 0),
        ),
      ).toBe(true);
      expect(
        close(
          flows[1]?.v as number,
          exp.reduce((a, r) => a + Number(r.trade_value_usd_exp), 0),
        ),
      ).toBe(true);
      const rep = await store.query(sql`select distinct reporter, classification from trade_flows`);
      expect(rep).toEqual([{ reporter: 'CHL', classification: 'HS2012' }]); // lower-case chl; default edition recorded
      const [run] = await listImportRuns(store);
      expect(run?.options).toEqual({ hs_edition: 'HS2012' });
      if (!('partner_iso' in (doc[0] ?? {}))) {
        const p = await store.query(sql`select distinct partner, partner_kind from trade_flows`);
        expect(p).toEqual([{ partner: 'WLD', partner_kind: 'world' }]);
      }
      if ('commodity_code' in (doc[0] ?? {})) {
        const bad = await store.query(sql`select product from trade_flows where length(product) <> 6`);
        expect(bad).toEqual([]);
      }
    });
  }

  it('the HS edition is an option (older OTS data is HS92)', async () => {
    const [s] = await importFiles(store, [sharedPath('data/ots_samples', 'chl_arg_2002_yrpc.json')], {
      hsEdition: 'HS92',
    });
    const cls = await store.query(
      sql`select distinct classification from trade_flows where run_id = ${s?.runId as number}`,
    );
    expect(cls).toEqual([{ classification: 'HS1992' }]);
  });
});

describe('provenance', () => {
  it('importing the same file twice is a no-op that names the earlier run', async () => {
    const f = fixture('baci', 'BACI_HS17_Y2019_V202401.csv');
    const [a] = await importFiles(store, [f]);
    const [b] = await importFiles(store, [f]);
    expect(b?.status).toBe('unchanged');
    expect(b?.runId).toBe(a?.runId);
    expect(b?.message).toContain(`already imported as run ${a?.runId}`);
    const n = await store.query(sql`select count(*)::int n from trade_flows`);
    expect(n).toEqual([{ n: 5 }]);
    expect((await listImportRuns(store)).length).toBe(1);
  });

  it('--replace swaps the earlier run of the same file name and format in one go', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-replace-'));
    const f = join(dir, 'BACI_HS17_Y2019_V202401.csv');
    writeFileSync(f, 't,i,j,k,v,q\n2019,156,842,970110,1,1\n2019,156,392,970110,2,1\n');
    const [a] = await importFiles(store, [f]);
    writeFileSync(f, 't,i,j,k,v,q\n2019,156,842,970110,10,1\n');
    const [b] = await importFiles(store, [f], { replace: true });
    expect(b).toMatchObject({ status: 'replaced', replacedRuns: [a?.runId], rowsLoaded: 1 });
    const rows = await store.query(sql`select run_id, value_usd from trade_flows`);
    expect(rows).toEqual([{ run_id: b?.runId, value_usd: 10000 }]);
    expect((await listImportRuns(store)).map((r) => r.id)).toEqual([b?.runId]);
    const all = await listImportRuns(store, { all: true });
    expect(all.find((r) => r.id === a?.runId)?.replaced_by).toBe(b?.runId);
    // a failed replace leaves the earlier run in place
    writeFileSync(f, 't,i,j,k,v,q\n2019,156,999,970110,10,1\n');
    await expect(importFiles(store, [f], { replace: true })).rejects.toMatchObject({ code: 'bad-rows' });
    expect(await store.query(sql`select run_id, value_usd from trade_flows`)).toEqual([
      { run_id: b?.runId, value_usd: 10000 },
    ]);
  });

  it('--skip-bad-rows imports the good rows and records each bad one with its reason', async () => {
    const [s] = await importFiles(store, [fixture('bad', 'BACI_HS17_Y2019_V202401.csv')], {
      skipBadRows: true,
    });
    expect(s).toMatchObject({ rowsLoaded: 1, rowsRejected: 4, rowsRead: 5 });
    const rej = await store.query<{ line: number; field: string; reason: string; raw: string }>(
      sql`select line, field, reason, raw from rejected_rows where run_id = ${s?.runId as number} order by line`,
    );
    expect(rej.map((r) => [r.line, r.field])).toEqual([
      [3, 'j'],
      [4, 'k'],
      [5, 'v'],
      [6, 'q'],
    ]);
    expect(rej[0]?.reason).toContain('unknown importer code');
    expect(rej[0]?.raw).toBe('2019,156,999,970110,1.5,');
    const [c] = await importFiles(store, [fixture('bad', 'unknown_codes.csv')], { skipBadRows: true });
    expect(c).toMatchObject({ rowsLoaded: 1, rowsRejected: 2 });
    const r2 = await store.query<{ line: number; field: string }>(
      sql`select line, field from rejected_rows where run_id = ${c?.runId as number} order by line`,
    );
    expect(r2).toEqual([
      { line: 2, field: 'reporterCode' },
      { line: 3, field: 'partnerCode' },
    ]);
  });
});

describe('format detection', () => {
  it('from the first bytes', async () => {
    expect((await detectFormat(fixture('baci', 'BACI_HS17_Y2019_V202401.csv'))).format).toBe('baci-csv');
    expect((await detectFormat(fixture('baci', 'BACI_HS17_V202401.zip'))).format).toBe('baci-zip');
    expect((await detectFormat(fixture('comtrade-legacy', 'comtrade_legacy_35.csv'))).format).toBe(
      'comtrade-legacy-csv',
    );
    expect((await detectFormat(fixture('bad', 'TradeData_latin1.csv'))).format).toBe('comtrade-plus-csv');
    const d = await detectFormat(fixture('bad', 'truncated.csv.gz'));
    expect(d).toMatchObject({ format: 'comtrade-plus-csv', gzip: true });
  });

  it('tab-separated bulk text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-bulk-'));
    const f = join(dir, 'comtrade_bulk.txt');
    const header = [
      'typeCode',
      'freqCode',
      'refPeriodId',
      'refYear',
      'refMonth',
      'period',
      'reporterCode',
      'flowCode',
      'partnerCode',
      'partner2Code',
      'classificationCode',
      'cmdCode',
      'customsCode',
      'motCode',
      'qtyUnitCode',
      'qty',
      'netWgt',
      'primaryValue',
      'isAggregate',
    ];
    writeFileSync(
      f,
      `${header.join('\t')}\nC\tA\t20190101\t2019\t52\t2019\t156\tX\t842\t0\tH5\t970110\tC00\t0\t8\t12.5\t12.5\t1000\t0\n`,
    );
    expect((await detectFormat(f)).format).toBe('comtrade-bulk');
    const [s] = await importFiles(store, [f]);
    const rows = await store.query(
      sql`select reporter, partner, classification, product, value_usd, quantity, quantity_unit from trade_flows where run_id = ${s?.runId as number}`,
    );
    // qtyUnitCode 8 is kg in Comtrade's unit table
    expect(rows).toEqual([
      {
        reporter: 'CHN',
        partner: 'USA',
        classification: 'HS2017',
        product: '970110',
        value_usd: 1000,
        quantity: 12.5,
        quantity_unit: 'kg',
      },
    ]);
  });
});

describe('services (EBOPS, typeCode S)', () => {
  it('API JSON services records keep their EBOPS codes and classification', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-services-'));
    const f = join(dir, 'services.json');
    // Hand-made in the API layout (FORMATS.md B/C): China's exports of services to World, 2019.
    const rec = (cmdCode: string, aggrLevel: number, classificationCode: string, primaryValue: number) => ({
      typeCode: 'S',
      freqCode: 'A',
      refYear: 2019,
      refMonth: 52,
      period: '2019',
      reporterCode: 156,
      reporterISO: 'CHN',
      flowCode: 'X',
      partnerCode: 0,
      partnerISO: 'W00',
      partner2Code: 0,
      classificationCode,
      cmdCode,
      aggrLevel,
      customsCode: 'C00',
      motCode: 0,
      qtyUnitCode: -1,
      qty: null,
      netWgt: null,
      primaryValue,
    });
    writeFileSync(
      f,
      JSON.stringify({
        elapsedTime: '0.1 secs',
        count: 3,
        data: [rec('SK', 1, 'EB', 1000), rec('SK1', 2, 'EB10', 600), rec('287', 3, 'EB02', 50)],
        error: '',
      }),
    );
    const [s] = await importFiles(store, [f]);
    expect(s?.rowsLoaded).toBe(3);
    const rows = await store.query(
      sql`select type_code, classification, product, product_level, partner_kind, value_usd from trade_flows order by value_usd`,
    );
    expect(rows).toEqual([
      {
        type_code: 'S',
        classification: 'EBOPS2002',
        product: '287',
        product_level: 3,
        partner_kind: 'world',
        value_usd: 50,
      },
      {
        type_code: 'S',
        classification: 'EBOPS2010',
        product: 'SK1',
        product_level: 2,
        partner_kind: 'world',
        value_usd: 600,
      },
      {
        type_code: 'S',
        classification: 'EBOPS2010',
        product: 'SK',
        product_level: 1,
        partner_kind: 'world',
        value_usd: 1000,
      },
    ]);
  });
});
