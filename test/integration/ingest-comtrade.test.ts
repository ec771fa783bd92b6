/**
 * Every Comtrade importer on the real samples in ../shared/data/comtrade_samples: row counts, USD
 * totals checked against sums computed here with csv-parse / JSON.parse, and normalised codes.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/index.ts';
import { listCountries } from '../../src/reference/countries.ts';
import type { Store } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { hasShared, sharedPath } from '../shared.ts';
import { close, memoryStore, one, readCsvRows, runTotals } from './ingest-helpers.ts';

const dir = 'data/comtrade_samples';
const path = (f: string) => sharedPath(dir, f);

describe.skipIf(!hasShared(dir))('Comtrade samples (../shared)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await memoryStore();
  });
  afterAll(async () => store.close());

  const keys = new Set(listCountries().map((c) => c.iso3));

  async function checkCodes(runId: number) {
    const bad = await store.query<{ reporter: string; partner: string }>(
      sql`select distinct reporter, partner from trade_flows where run_id = ${runId}`,
    );
    for (const r of bad) {
      expect(keys.has(r.reporter), r.reporter).toBe(true);
      expect(keys.has(r.partner), r.partner).toBe(true);
    }
    const kinds = await store.query<{ partner: string; partner_kind: string }>(
      sql`select distinct partner, partner_kind from trade_flows where run_id = ${runId}`,
    );
    for (const k of kinds) {
      const expected = k.partner === 'WLD' ? 'world' : k.partner.startsWith('X') ? 'area' : 'country';
      expect(k.partner_kind, k.partner).toBe(expected);
    }
  }

  it('full 47-column snake_case CSV: China exports by partner', async () => {
    const f = 'api_chn_exports_total_by_partner.csv';
    const rows = readCsvRows(path(f));
    const [s] = await importFiles(store, [path(f)]);
    expect(s?.format).toBe('comtrade-plus-csv');
    expect(s?.rowsLoaded).toBe(rows.length);
    expect(rows.length).toBe(33);
    const t = await runTotals(store, s?.runId as number);
    const expected = rows.reduce((a, r) => a + Number(r.primary_value), 0);
    expect(close(t.v, expected)).toBe(true);
    // H4 → HS2012, H5 → HS2017, H6 → HS2022, each row keeps its own edition.
    const eds = await store.query<{ classification: string; n: number }>(
      sql`select classification, count(*)::int n from trade_flows where run_id = ${s?.runId as number} group by 1 order by 1`,
    );
    expect(eds).toEqual([
      { classification: 'HS2012', n: rows.filter((r) => r.classification_code === 'H4').length },
      { classification: 'HS2017', n: rows.filter((r) => r.classification_code === 'H5').length },
      { classification: 'HS2022', n: rows.filter((r) => r.classification_code === 'H6').length },
    ]);
    const korea2012 = await one<{
      value_usd: number;
      product: string;
      product_level: number;
      month: number | null;
    }>(
      store,
      sql`select value_usd, product, product_level, month from trade_flows where run_id = ${s?.runId as number} and partner = 'KOR' and year = 2012`,
    );
    // the first data line of the file: 156 → 410, 2012, primary_value 87673764182
    expect(korea2012).toEqual({ value_usd: 87673764182, product: 'TOTAL', product_level: 0, month: null });
    await checkCodes(s?.runId as number);
  });

  it('slim 9-column layout (ISO text codes, flow_desc, no classification): EU27 wood imports, bilateral', async () => {
    const f = 'api_eu27_wood_imports_hs4_bilateral_2018_2022.csv.gz';
    const rows = readCsvRows(path(f));
    const [s] = await importFiles(store, [path(f)]);
    expect(s?.format).toBe('comtrade-plus-csv');
    expect(rows.length).toBe(173358);
    expect(s?.rowsLoaded).toBe(rows.length);
    expect(s?.rowsRejected).toBe(0);
    const t = await runTotals(store, s?.runId as number);
    expect(
      close(
        t.v,
        rows.reduce((a, r) => a + Number(r.primary_value), 0),
      ),
    ).toBe(true);
    // per-year totals too
    const byYear = await store.query<{ year: number; v: number }>(
      sql`select year, sum(value_usd) v from trade_flows where run_id = ${s?.runId as number} group by 1 order by 1`,
    );
    for (const y of byYear) {
      const exp = rows
        .filter((r) => Number(r.ref_year) === y.year)
        .reduce((a, r) => a + Number(r.primary_value), 0);
      expect(close(y.v, exp), String(y.year)).toBe(true);
    }
    // No classification column: the edition in force each year is assumed and recorded.
    expect(s?.warnings.join(' ')).toMatch(/HS edition in force/);
    const eds = await store.query<{ year: number; classification: string }>(
      sql`select distinct year, classification from trade_flows where run_id = ${s?.runId as number} order by 1`,
    );
    expect(eds).toEqual([
      { year: 2018, classification: 'HS2017' },
      { year: 2019, classification: 'HS2017' },
      { year: 2020, classification: 'HS2017' },
      { year: 2021, classification: 'HS2017' },
      { year: 2022, classification: 'HS2022' },
    ]);
    // Comtrade's area codes arrive as ISO text ("_X ", "X1 ", "S19" …) and are normalised.
    const parts = await store.query<{ partner: string; partner_kind: string }>(
      sql`select distinct partner, partner_kind from trade_flows where run_id = ${s?.runId as number} and partner in ('TWN', 'X899', 'X837', 'X839', 'X568', 'X577') order by 1`,
    );
    expect(parts).toEqual([
      { partner: 'TWN', partner_kind: 'country' },
      { partner: 'X568', partner_kind: 'area' },
      { partner: 'X577', partner_kind: 'area' },
      { partner: 'X837', partner_kind: 'area' },
      { partner: 'X839', partner_kind: 'area' },
      { partner: 'X899', partner_kind: 'area' },
    ]);
    // codes stay text with their digits, level = number of digits, and match the file's cmd_code
    const codes = await store.query<{ product: string; product_level: number }>(
      sql`select distinct product, product_level from trade_flows where run_id = ${s?.runId as number}`,
    );
    for (const c of codes) expect(c.product.length, c.product).toBe(c.product_level);
    expect(codes.map((c) => c.product).sort()).toEqual([...new Set(rows.map((r) => r.cmd_code))].sort());
    await checkCodes(s?.runId as number);
  });

  it('full layout with World partner: EU27 wood imports from World', async () => {
    const f = 'api_eu27_wood_imports_hs4_from_world_2018_2022.csv.gz';
    const rows = readCsvRows(path(f));
    const [s] = await importFiles(store, [path(f)]);
    expect(s?.rowsLoaded).toBe(5004);
    const t = await runTotals(store, s?.runId as number);
    expect(
      close(
        t.v,
        rows.reduce((a, r) => a + Number(r.primary_value), 0),
      ),
    ).toBe(true);
    const partners = await store.query<{ partner: string; partner_kind: string }>(
      sql`select distinct partner, partner_kind from trade_flows where run_id = ${s?.runId as number}`,
    );
    expect(partners).toEqual([{ partner: 'WLD', partner_kind: 'world' }]);
    // quantities keep their unit; N/A units give no quantity
    const q = await store.query<{ unit: string | null; n: number }>(
      sql`select quantity_unit unit, count(*)::int n from trade_flows where run_id = ${s?.runId as number} group by 1 order by 1 nulls last`,
    );
    const count = (u: string) => rows.filter((r) => r.qty_unit_abbr === u && r.qty !== '').length;
    expect(q).toEqual([
      { unit: 'kg', n: count('kg') },
      { unit: 'm³', n: count('m³') },
      { unit: 'u', n: count('u') },
      { unit: null, n: rows.length - count('kg') - count('m³') - count('u') },
    ]);
  });

  it('HS6 with quantities and re-imports: Thailand shrimp', async () => {
    const f = 'api_tha_shrimp_hs6_2007_2011.csv';
    const rows = readCsvRows(path(f));
    const [s] = await importFiles(store, [path(f)]);
    expect(s?.rowsLoaded).toBe(1586);
    const flows = await store.query<{ flow: string; n: number; v: number; w: number }>(
      sql`select flow, count(*)::int n, sum(value_usd) v, sum(net_weight_kg) w from trade_flows where run_id = ${s?.runId as number} group by 1 order by 1`,
    );
    for (const f of flows) {
      const mine = rows.filter((r) => r.flow_code === f.flow);
      expect(f.n).toBe(mine.length);
      expect(
        close(
          f.v,
          mine.reduce((a, r) => a + Number(r.primary_value), 0),
        ),
      ).toBe(true);
      expect(
        close(
          f.w,
          mine.reduce((a, r) => a + Number(r.net_wgt || 0), 0),
        ),
      ).toBe(true);
    }
    expect(flows.map((f) => f.flow)).toEqual(['M', 'RM', 'X']);
    const cls = await store.query<{ classification: string; product_level: number }>(
      sql`select distinct classification, product_level from trade_flows where run_id = ${s?.runId as number}`,
    );
    expect(cls).toEqual([{ classification: 'HS2007', product_level: 6 }]);
  });

  it('USA imports by partner', async () => {
    const f = 'api_usa_imports_total_by_partner_2018.csv';
    const rows = readCsvRows(path(f));
    const [s] = await importFiles(store, [path(f)]);
    expect(s?.rowsLoaded).toBe(20);
    const t = await runTotals(store, s?.runId as number);
    expect(
      close(
        t.v,
        rows.reduce((a, r) => a + Number(r.primary_value), 0),
      ),
    ).toBe(true);
    const rep = await store.query<{ reporter: string; flow: string }>(
      sql`select distinct reporter, flow from trade_flows where run_id = ${s?.runId as number}`,
    );
    expect(rep).toEqual([{ reporter: 'USA', flow: 'M' }]);
  });

  it('bulk layout (codes only, dataset_code): Argentina 2000 H0', async () => {
    const f = 'bulk_arg_2000_h0_total_exports_sample.csv';
    const rows = readCsvRows(path(f));
    const [s] = await importFiles(store, [path(f)]);
    expect(s?.format).toBe('comtrade-bulk');
    expect(s?.rowsLoaded).toBe(100);
    const t = await runTotals(store, s?.runId as number);
    expect(
      close(
        t.v,
        rows.reduce((a, r) => a + Number(r.primary_value), 0),
      ),
    ).toBe(true);
    const world = await one<{ v: number }>(
      store,
      sql`select value_usd v from trade_flows where run_id = ${s?.runId as number} and partner = 'WLD'`,
    );
    expect(world.v).toBe(26341029193); // the first data line: partner 0, primary_value 26341029193.0
    const cls = await store.query<{ classification: string; reporter: string }>(
      sql`select distinct classification, reporter from trade_flows where run_id = ${s?.runId as number}`,
    );
    expect(cls).toEqual([{ classification: 'HS1992', reporter: 'ARG' }]);
    await checkCodes(s?.runId as number);
  });

  it('API JSON envelope: China imports 2010', async () => {
    const f = 'api_raw_chn_imports_total_2010.json';
    const doc = JSON.parse(readFileSync(path(f), 'utf8')) as {
      count: number;
      data: { primaryValue: number; partnerISO: string }[];
    };
    const [s] = await importFiles(store, [path(f)]);
    expect(s?.format).toBe('comtrade-api-json');
    expect(s?.rowsLoaded).toBe(doc.count);
    const t = await runTotals(store, s?.runId as number);
    expect(
      close(
        t.v,
        doc.data.reduce((a, r) => a + r.primaryValue, 0),
      ),
    ).toBe(true);
    const partners = (
      await store.query<{ partner: string }>(
        sql`select partner from trade_flows where run_id = ${s?.runId as number} order by 1`,
      )
    ).map((r) => r.partner);
    expect(partners).toEqual(doc.data.map((r) => r.partnerISO).sort());
    const cls = await store.query<{ classification: string }>(
      sql`select distinct classification from trade_flows where run_id = ${s?.runId as number}`,
    );
    expect(cls).toEqual([{ classification: 'HS2007' }]); // H3
  });

  it('an empty API answer is refused (no 0-row run); a bulk listing is refused with a reason', async () => {
    await expect(importFiles(store, [path('api_raw_empty_response.json')])).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringContaining('no data rows'),
    });
    await expect(importFiles(store, [path('bulk_api_file_listing_response.json')])).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringContaining('bulk-file listing'),
    });
  });
});
