/**
 * Files of every format `lantern import` reads, at a benchmark's size, for `bench:import --source`:
 * each in its source's real layout (FORMATS.md), made from seeded generators.
 *
 * - baci: the synthetic BACI world itself (`writeSyntheticBaci`, src/sources/synthetic.ts).
 * - atlas, comtrade, services, comtrade-json, ots: the same world's flows rewritten row by row in
 *   that source's layout, so the rows keep its shape (gravity, basket products, economies that
 *   resolve): Atlas country × partner × HS6 × year (`location_code,partner_code,hs_product_code,
 *   year,export_value,import_value`, whole dollars); a Comtrade Plus CSV of 47 columns as the web
 *   download writes them (every other row an import reported by the importer, the others exports
 *   reported by the exporter); services the same with `typeCode` S, `EB` and EBOPS 2010 items in
 *   place of the HS code; the Comtrade API's JSON envelope (one answer holds at most 100,000
 *   records); an Open Trade Statistics `yrpc` answer (a JSON array, both flows in one row).
 * - kaggle: Kaggle's "Global Commodity Trade Statistics" CSV as bench/kaggle.ts has always
 *   generated it (reporter against the World, names as the file spells them).
 *
 * Every file's rows all import (none rejected), so the rows loaded are the rows written and a
 * `read_csv` of the file sums the same value (`rawCheck`).
 */
import { createInterface } from 'node:readline';
import { createReadStream, createWriteStream, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { comtradeCode } from '../src/reference/countries.ts';
import { COMTRADE_NAMES } from '../src/sources/kaggle-countries.ts';
import { syntheticEconomies, writeSyntheticBaci } from '../src/sources/synthetic.ts';

export const BENCH_SOURCES = ['baci', 'atlas', 'comtrade', 'services', 'comtrade-json', 'ots', 'kaggle'] as const;
export type BenchSource = (typeof BENCH_SOURCES)[number];

export interface SourceFile {
  path: string;
  /** The `--format` of the import (the file would be detected as it too). */
  format: string;
  /**
   * DuckDB's own read of the file into a table `raw` (types detected), and the SQL that counts the
   * rows the import stores from it and sums their value in US dollars (columns n, usd); undefined
   * where `read_csv` does not read the format (JSON).
   */
  raw?: { load: (file: string) => string; check: string };
}

/** A sink that writes text in large pieces and waits for the stream to drain. */
function writer(path: string): { line: (s: string) => Promise<void>; end: () => Promise<void> } {
  const out = createWriteStream(path);
  let buf = '';
  const flush = () => {
    const s = buf;
    buf = '';
    return out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  };
  return {
    line: (s) => {
      buf += s;
      return buf.length > 1 << 20 ? flush() : Promise.resolve();
    },
    end: async () => {
      await flush();
      await new Promise<void>((r) => out.end(() => r()));
    },
  };
}

/** A CSV literal path for SQL (constant text made here, not a user's value). */
const quoted = (file: string) => `'${file.replaceAll("'", "''")}'`;

/** Each row of a synthetic BACI file (t, i, j, k, v, q) given to `fn` with the economies' ISO3 codes. */
async function eachBaciRow(
  file: string,
  fn: (r: { t: string; i: string; j: string; k: string; v: number; q: string; n: number }) => Promise<void>,
): Promise<void> {
  const iso = new Map(syntheticEconomies().map((e) => [String(e.baciCode), e.iso3]));
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity })) {
    if (n++ === 0) continue; // header
    const [t, i, j, k, v, q] = line.split(',') as [string, string, string, string, string, string];
    await fn({ t, i: iso.get(i) as string, j: iso.get(j) as string, k: k.padStart(6, '0'), v: Number(v), q, n: n - 2 });
  }
}

/** The header of a Comtrade Plus CSV (FORMATS.md B): 47 columns. */
const PLUS_HEADER =
  'typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,classificationCode,classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,isAggregate';

/** EBOPS 2010 items a services file reports (data/ebops), the cultural ones among them. */
const EBOPS = ['SA', 'SB', 'SC', 'SC1', 'SC2', 'SC3', 'SD', 'SE', 'SF', 'SG', 'SH', 'SH1', 'SH4', 'SI', 'SI1', 'SI2', 'SI3', 'SI31', 'SJ', 'SK', 'SK1', 'SK2', 'SK23', 'SL'];

/** One Comtrade record (Plus columns) of a BACI row: even rows the exporter's export, odd ones the importer's import. */
function comtradeRecord(r: { t: string; i: string; j: string; k: string; v: number; q: string; n: number }, services: boolean) {
  const exp = r.n % 2 === 0;
  const [rep, par] = exp ? [r.i, r.j] : [r.j, r.i];
  const kg = r.q === '' || r.q === 'NA' ? null : Math.round(Number(r.q) * 1000);
  const value = Math.round(r.v * 1000) + 1;
  const code = services ? (EBOPS[(r.n >> 1) % EBOPS.length] as string) : r.k;
  return {
    typeCode: services ? 'S' : 'C', freqCode: 'A', refPeriodId: Number(`${r.t}0101`), refYear: Number(r.t), refMonth: 52, period: r.t,
    reporterCode: Number(comtradeCode(rep)), reporterISO: rep, reporterDesc: rep, flowCode: exp ? 'X' : 'M', flowDesc: exp ? 'Export' : 'Import',
    partnerCode: Number(comtradeCode(par)), partnerISO: par, partnerDesc: par, partner2Code: 0, partner2ISO: 'W00', partner2Desc: 'World',
    classificationCode: services ? 'EB' : 'H5', classificationSearchCode: services ? 'EB' : 'HS', isOriginalClassification: true,
    cmdCode: code, cmdDesc: 'Goods or services', aggrLevel: services ? 2 : 6, isLeaf: true, customsCode: 'C00', customsDesc: 'TOTAL CPC',
    mosCode: '0', motCode: 0, motDesc: 'TOTAL MOT', qtyUnitCode: kg === null || services ? -1 : 8, qtyUnitAbbr: kg === null || services ? 'N/A' : 'kg',
    qty: services ? null : kg, isQtyEstimated: false, altQtyUnitCode: -1, altQtyUnitAbbr: 'N/A', altQty: null, isAltQtyEstimated: false,
    netWgt: services ? null : kg, isNetWgtEstimated: false, grossWgt: null, isGrossWgtEstimated: false, cifvalue: exp ? null : value,
    fobvalue: exp ? value : null, primaryValue: value, legacyEstimationFlag: 0, isReported: true, isAggregate: false,
  };
}

const csvCell = (v: unknown) => (v === null ? '' : typeof v === 'string' ? `"${v}"` : String(v).toUpperCase());

async function writeComtradeCsv(baci: string, path: string, services: boolean): Promise<void> {
  const w = writer(path);
  await w.line(`${PLUS_HEADER}\n`);
  await eachBaciRow(baci, (r) => w.line(`${Object.values(comtradeRecord(r, services)).map(csvCell).join(',')}\n`));
  await w.end();
}

async function writeComtradeJson(baci: string, path: string): Promise<void> {
  const w = writer(path);
  let n = 0;
  await w.line('{"elapsedTime":"2.31 secs","data":[');
  await eachBaciRow(baci, (r) => w.line(`${n++ ? ',' : ''}\n${JSON.stringify(comtradeRecord(r, false))}`));
  await w.line(`\n],"count":${n},"error":""}\n`);
  await w.end();
}

async function writeAtlas(baci: string, path: string): Promise<void> {
  const w = writer(path);
  await w.line('location_code,partner_code,hs_product_code,year,export_value,import_value\n');
  await eachBaciRow(baci, (r) => w.line(`${r.i},${r.j},${r.k},${r.t},${Math.round(r.v * 1000) + 1},0\n`));
  await w.end();
}

async function writeOts(baci: string, path: string): Promise<void> {
  const w = writer(path);
  let n = 0;
  await w.line('[');
  await eachBaciRow(baci, (r) => {
    const v = Math.round(r.v * 1000) + 1;
    const row = { year: Number(r.t), reporter_iso: r.i.toLowerCase(), partner_iso: r.j.toLowerCase(), commodity_code: r.k, trade_value_usd_exp: v, trade_value_usd_imp: n % 3 === 0 ? Math.round(v / 2) + 1 : null };
    return w.line(`${n++ ? ',' : ''}\n${JSON.stringify(row)}`);
  });
  await w.line('\n]\n');
  await w.end();
}

/** Kaggle's reporter names as the file spells them (and a few areas); a name holding a comma is quoted. */
const KAGGLE_NAMES = [
  'Afghanistan', 'Albania', 'Algeria', 'Argentina', 'Australia', 'Austria', 'Brazil', 'Canada', 'China',
  '"China, Hong Kong SAR"', 'Czech Rep.', 'France', 'Germany', 'India', 'Indonesia', 'Italy', 'Japan',
  'Mexico', 'Netherlands', 'Rep. of Korea', 'Russian Federation', 'Spain', 'Sweden', 'Switzerland',
  'Turkey', 'United Kingdom', 'USA', 'Viet Nam', "Côte d'Ivoire", 'Bolivia (Plurinational State of)',
  ...Object.keys(COMTRADE_NAMES).filter((n) => /^(EU-28|Fmr |So\. )/.test(n)),
].map((n) => (n.includes(',') && !n.startsWith('"') ? `"${n}"` : n));
const KAGGLE_FLOWS = ['Export', 'Import', 'Export', 'Import', 'Re-Export', 'Re-Import'];
const KAGGLE_UNITS = ['Weight in kilograms', 'Number of items', 'No Quantity', 'Volume in litres'];

/**
 * A file of Kaggle's layout (FORMATS.md E): `rows` rows, 1988–2016, names and codes drawn from
 * realistic sets (random HS6 codes, TOTAL in 0.2% of rows), seeded.
 */
export async function writeKaggleFile(path: string, rows: number, seed = 'lantern-kaggle'): Promise<void> {
  const rng = seedrandom(seed);
  const w = writer(path);
  await w.line('country_or_area,year,comm_code,commodity,flow,trade_usd,weight_kg,quantity_name,quantity,category\n');
  for (let i = 0; i < rows; i++) {
    const name = KAGGLE_NAMES[Math.floor(rng() * KAGGLE_NAMES.length)] as string;
    const year = 1988 + Math.floor(rng() * 29);
    const code = rng() < 0.002 ? 'TOTAL' : String(10000 + Math.floor(rng() * 960000)).padStart(6, '0');
    const value = Math.round(Math.exp(rng() * 18));
    const unit = KAGGLE_UNITS[Math.floor(rng() * KAGGLE_UNITS.length)] as string;
    const qty = unit === 'No Quantity' ? '' : String(Math.round(value / 10));
    await w.line(`${name},${year},${code},"Goods, of some kind",${KAGGLE_FLOWS[Math.floor(rng() * KAGGLE_FLOWS.length)]},${value},${rng() < 0.1 ? '' : Math.round(value / 7)},${unit},${qty},${code.slice(0, 2)}_goods\n`);
  }
  await w.end();
}

/** What `read_csv` of each CSV source loads, and the rows and dollars of it the import stores. */
const RAW: Partial<Record<BenchSource, SourceFile['raw']>> = {
  baci: { load: (f) => `create table raw as select * from read_csv(${quoted(f)})`, check: 'select count(*)::bigint as n, sum(v) * 1000 as usd from raw' },
  atlas: { load: (f) => `create table raw as select * from read_csv(${quoted(f)})`, check: 'select count(*)::bigint as n, sum(export_value)::double as usd from raw' },
  comtrade: { load: (f) => `create table raw as select * from read_csv(${quoted(f)})`, check: 'select count(*)::bigint as n, sum(primaryValue)::double as usd from raw' },
  services: { load: (f) => `create table raw as select * from read_csv(${quoted(f)})`, check: 'select count(*)::bigint as n, sum(primaryValue)::double as usd from raw' },
  kaggle: { load: (f) => `create table raw as select * from read_csv(${quoted(f)})`, check: 'select count(*)::bigint as n, sum(trade_usd)::double as usd from raw' },
};

const FORMAT: Record<BenchSource, string> = {
  baci: 'baci', atlas: 'atlas', comtrade: 'comtrade', services: 'comtrade', 'comtrade-json': 'comtrade-json', ots: 'ots', kaggle: 'kaggle',
};

/**
 * The benchmark file of `source` with `rows` rows (seed `seed`) in `dir`, written once (a file of
 * the same name there is reused). Other sources than BACI are rewritten from the BACI file of the
 * same size (kept beside them).
 */
export async function sourceFile(source: BenchSource, dir: string, rows: number, seed: number): Promise<SourceFile> {
  const made = async (name: string, write: (path: string) => Promise<void>) => {
    const path = join(dir, name);
    if (!existsSync(path)) {
      await write(`${path}.part`);
      renameSync(`${path}.part`, path);
    }
    return { path, format: FORMAT[source], raw: RAW[source] };
  };
  if (source === 'kaggle') return made(`commodity_trade_statistics_data_${rows}_${seed}.csv`, (p) => writeKaggleFile(p, rows, `lantern-kaggle-${seed}`));
  const baci = await made(`BACI_HS17_V000000_${rows}_${seed}.csv`, (p) =>
    writeSyntheticBaci({ path: p, rows, seed, years: [2019, 2020, 2021, 2022] }).then(() => undefined),
  );
  if (source === 'baci') return baci;
  const from = baci.path;
  switch (source) {
    case 'atlas':
      return made(`atlas_country_partner_hsproduct6digit_${rows}_${seed}.csv`, (p) => writeAtlas(from, p));
    case 'comtrade':
      return made(`TradeData_${rows}_${seed}.csv`, (p) => writeComtradeCsv(from, p, false));
    case 'services':
      return made(`TradeData_services_${rows}_${seed}.csv`, (p) => writeComtradeCsv(from, p, true));
    case 'comtrade-json':
      return made(`comtrade_api_${rows}_${seed}.json`, (p) => writeComtradeJson(from, p));
    case 'ots':
      return made(`ots_yrpc_${rows}_${seed}.json`, (p) => writeOts(from, p));
  }
}
