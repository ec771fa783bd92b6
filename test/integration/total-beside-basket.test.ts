/**
 * A basket download and a separate TOTAL (all products) download for the same reporters, imported
 * as two runs: the TOTAL rows of one run are the all-products denominator of the other run's product
 * rows (same reporter, year, flow, partner), never added to them, and the answer names the run that
 * gave the denominator. Two hand-made files in Comtrade's CSV layout (the 47 camelCase columns of the
 * web download); every expected figure is computed here from the files' own rows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../cli.ts';

const HEADER =
  'typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,classificationCode,classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,isAggregate';
const C: Record<string, [string, string]> = { DEU: ['276', 'Germany'], FRA: ['251', 'France'], USA: ['842', 'USA'] };

/** One export row as Comtrade writes it (2022, HS as reported H6). */
function row(rep: string, par: string, code: string, desc: string, value: number): string {
  const level = code === 'TOTAL' ? 0 : code.length;
  return [
    'C', 'A', '20220101', '2022', '52', '2022', C[rep]![0], rep, C[rep]![1], 'X', 'Export', C[par]![0], par, C[par]![1],
    '0', 'W00', 'World', 'H6', 'HS', 'TRUE', code, `"${desc}"`, level, code === 'TOTAL' ? 'FALSE' : 'TRUE', 'C00', 'TOTAL CPC', '0', '0', 'TOTAL MOT',
    '-1', 'N/A', '', 'FALSE', '-1', 'N/A', '', 'FALSE', '', 'FALSE', '', 'FALSE', '', value, value, '0', 'TRUE', 'FALSE',
  ].join(',');
}

const BASKET = [
  HEADER,
  row('DEU', 'FRA', '490199', 'Printed books, brochures and similar printed matter', 100),
  row('DEU', 'USA', '490199', 'Printed books, brochures and similar printed matter', 50),
  row('DEU', 'FRA', '490300', "Children's picture, drawing or colouring books", 20),
  row('FRA', 'DEU', '490199', 'Printed books, brochures and similar printed matter', 30),
  row('FRA', 'USA', '490199', 'Printed books, brochures and similar printed matter', 10),
].join('\n');
const TOTAL = [
  HEADER,
  row('DEU', 'FRA', 'TOTAL', 'All Commodities', 1000),
  row('DEU', 'USA', 'TOTAL', 'All Commodities', 2000),
  row('FRA', 'DEU', 'TOTAL', 'All Commodities', 800),
  row('FRA', 'USA', 'TOTAL', 'All Commodities', 700),
].join('\n');

interface R {
  rep: string;
  code: string;
  v: number;
}
const read = (text: string): R[] =>
  (parse(text, { columns: true }) as Record<string, string>[]).map((r) => ({ rep: r.reporterISO!, code: r.cmdCode!, v: Number(r.primaryValue) }));
const sum = (rows: R[], f: (r: R) => boolean) => rows.filter(f).reduce((s, r) => s + r.v, 0);

describe('a TOTAL download beside a basket download (two runs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-total-basket-'));
  const db = join(dir, 'store.duckdb');
  const codes = read(BASKET);
  const totals = read(TOTAL);

  beforeAll(async () => {
    writeFileSync(join(dir, 'TradeData_books_2022.csv'), BASKET);
    writeFileSync(join(dir, 'TradeData_total_2022.csv'), TOTAL);
    for (const f of ['TradeData_books_2022.csv', 'TradeData_total_2022.csv']) {
      const r = await captureCli(['import', '--db', db, join(dir, f)], { cwd: dir });
      expect(r.code, r.err).toBe(0);
    }
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('RCA of a product: x_i and x_w are the TOTAL rows of the other run, never the codes added to them', async () => {
    const r = await captureCli(['indicator', 'rca', '--country', 'DEU', '--product', '490199', '--year', '2022', '--db', db, '--format', 'json'], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    const xik = sum(codes, (x) => x.rep === 'DEU' && x.code === '490199');
    const xi = sum(totals, (x) => x.rep === 'DEU');
    const xwk = sum(codes, (x) => x.code === '490199');
    const xw = sum(totals, () => true);
    const row = j.rows.find((x: { country: string }) => x.country === 'DEU');
    expect(row.x_ik).toBe(xik);
    expect(row.x_i).toBe(xi);
    expect(row.x_wk).toBe(xwk);
    expect(row.x_w).toBe(xw);
    expect(row.value).toBeCloseTo(xik / xi / (xwk / xw), 12);
    expect(j.notes.join(' ')).toMatch(/all-products denominator \(TOTAL rows\) from run 2 \(comtrade, TradeData_total_2022\.csv, reported\) for DEU exports, FRA exports; the product rows from run 1 \(comtrade, TradeData_books_2022\.csv/);
  });

  it('the all-products value is the TOTAL, and the share of a product in it divides by the TOTAL', async () => {
    const v = await captureCli(['indicator', 'value', '--country', 'DEU', '--year', '2022', '--db', db, '--format', 'json'], { cwd: dir });
    expect(v.code, v.err).toBe(0);
    expect(JSON.parse(v.out).rows[0].value).toBe(sum(totals, (x) => x.rep === 'DEU'));
    const books = await captureCli(['indicator', 'value', '--country', 'DEU', '--product', '4901', '--year', '2022', '--db', db, '--format', 'json'], { cwd: dir });
    expect(books.code, books.err).toBe(0);
    expect(JSON.parse(books.out).rows[0].value).toBe(sum(codes, (x) => x.rep === 'DEU' && x.code.startsWith('4901')));
    const ps = await captureCli(['indicator', 'product-share', '--country', 'DEU', '--product', '490199', '--year', '2022', '--db', db, '--format', 'json'], { cwd: dir });
    expect(ps.code, ps.err).toBe(0);
    const row = JSON.parse(ps.out).rows[0];
    expect(row.value).toBeCloseTo(sum(codes, (x) => x.rep === 'DEU' && x.code === '490199') / sum(totals, (x) => x.rep === 'DEU'), 12);
  });

  it('a TOTAL download in another HS edition than the basket is refused, not summed', async () => {
    const h5 = join(dir, 'TradeData_total_h5_2022.csv');
    writeFileSync(h5, TOTAL.replaceAll(',H6,HS,', ',H5,HS,'));
    const db3 = join(dir, 'editions.duckdb');
    for (const f of [join(dir, 'TradeData_books_2022.csv'), h5]) expect((await captureCli(['import', '--db', db3, f], { cwd: dir })).code).toBe(0);
    const r = await captureCli(['indicator', 'value', '--country', 'DEU', '--year', '2022', '--db', db3], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/count the trade twice/);
  });

  it('two runs that both hold product rows of one report are still refused', async () => {
    const other = join(dir, 'TradeData_books_again_2022.csv');
    writeFileSync(other, [HEADER, row('DEU', 'FRA', '490199', 'Printed books', 100)].join('\n'));
    const db2 = join(dir, 'twice.duckdb');
    for (const f of [join(dir, 'TradeData_books_2022.csv'), other]) expect((await captureCli(['import', '--db', db2, f], { cwd: dir })).code).toBe(0);
    const r = await captureCli(['indicator', 'value', '--country', 'DEU', '--year', '2022', '--db', db2], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/mixed-sources.*count the trade twice/);
  });
});
