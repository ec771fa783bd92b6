/**
 * Benchmark of the Kaggle "Global Commodity Trade Statistics" reader on a generated file of the
 * real one's size (8,225,871 rows, 1988–2016; seeded, names and codes drawn from realistic sets),
 * next to csv-parse alone on the same file in the same run (a general streaming parser, the one the
 * reader used before src/csv-in.ts: the yardstick that survives a loaded machine), and `importFiles`
 * end to end. Also times
 * reading a UNSD correlation workbook as legacy .xls against parsing the same table as CSV.
 *
 *   npx tsx bench/kaggle.ts [--rows 8225871] [--keep]
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as XLSX from '@e965/xlsx';
import { parse } from 'csv-parse';
import seedrandom from 'seedrandom';
import { isLanternError } from '../src/errors.ts';
import { importFiles } from '../src/ingest/import.ts';
import { parseReferenceFile } from '../src/reference/hs-load.ts';
import { unsdWorkbookToFile } from '../src/reference/workbook.ts';
import { kaggleReader } from '../src/sources/kaggle.ts';
import { openStore } from '../src/store/db.ts';
import { writeKaggleFile } from './source-files.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}
const ROWS = Number(arg('rows', '8225871'));
const dir = mkdtempSync(join(tmpdir(), 'lantern-bench-kaggle-'));
const path = join(dir, 'commodity_trade_statistics_data.csv');

async function csvParseAlone(): Promise<number> {
  const t0 = performance.now();
  let n = 0;
  const parser = createReadStream(path, { highWaterMark: 1 << 20 }).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  for await (const _ of parser) n++;
  if (n !== ROWS + 1) throw new Error(`csv-parse read ${n} records`);
  return performance.now() - t0;
}

async function reader(): Promise<number> {
  const t0 = performance.now();
  let n = 0;
  await kaggleReader.read({
    file: 'bench.csv',
    path,
    options: {},
    onBytes: () => {},
    emit: () => {
      n++;
    },
    reject: (p) => {
      throw new Error(`unexpected problem: ${JSON.stringify(p)}`);
    },
    warn: () => {},
    record: () => {},
  });
  if (n !== ROWS) throw new Error(`reader emitted ${n} rows`);
  return performance.now() - t0;
}

async function importEndToEnd(): Promise<number | string> {
  const store = await openStore();
  try {
    const t0 = performance.now();
    await importFiles(store, [path], { format: 'kaggle' });
    return performance.now() - t0;
  } catch (e) {
    if (isLanternError(e) && e.code === 'unknown-format') return 'not run: the importer does not dispatch the Kaggle format yet';
    throw e;
  } finally {
    await store.close();
  }
}

function workbook(): { xls: number; csv: number; rows: number } {
  // An 18,900-row table, the size of UNSD's largest (HS2022 ↔ HS1992), codes as numbers as UNSD stores them.
  const rng = seedrandom('lantern-unsd');
  const rows: (string | number)[][] = [];
  for (let i = 0; i < 18900; i++)
    rows.push([10000 + Math.floor(rng() * 960000), rng() < 0.1 ? 'ex' : '', 10000 + Math.floor(rng() * 960000), 'n:n']);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['HS 2022', 'HS 1992']]), 'Conversion Table');
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([['title'], ['HS 2022', '', 'HS 1992', 'Relationship'], ...rows]),
    'Correlation Table',
  );
  const buf = XLSX.write(wb, { bookType: 'xls', type: 'buffer' }) as Buffer;
  const csvText = ['HS 2022,HS 1992,Relationship', ...rows.map((r) => `${r[0]},${r[2]},${r[3]}`)].join('\n');
  const t0 = performance.now();
  const parsed = parseReferenceFile(unsdWorkbookToFile(buf, 'bench.xls', 'bench')).parsed;
  const xls = performance.now() - t0;
  const t1 = performance.now();
  parseReferenceFile({ name: 'bench.csv', text: csvText, source: 'bench' });
  const csv = performance.now() - t1;
  return { xls, csv, rows: parsed?.rows.length ?? 0 };
}

const g0 = performance.now();
await writeKaggleFile(path, ROWS);
console.log(`generated ${ROWS.toLocaleString('en-US')} rows, ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
const base = await csvParseAlone();
const ours = await reader();
console.log(`csv-parse alone: ${(base / 1000).toFixed(1)} s`);
console.log(`Kaggle reader (parse, resolve names, normalise): ${(ours / 1000).toFixed(1)} s — ${(ours / base).toFixed(2)}× csv-parse alone, ${Math.round(ROWS / (ours / 1000)).toLocaleString('en-US')} rows/s`);
const e2e = await importEndToEnd();
console.log(
  typeof e2e === 'number'
    ? `lantern import (stage + load + provenance): ${(e2e / 1000).toFixed(1)} s — ${(e2e / base).toFixed(2)}× csv-parse alone`
    : `lantern import: ${e2e}`,
);
const w = workbook();
console.log(`UNSD workbook, ${w.rows.toLocaleString('en-US')} rows: .xls read and converted ${w.xls.toFixed(0)} ms vs the same table as CSV ${w.csv.toFixed(0)} ms (${(w.xls / w.csv).toFixed(1)}×)`);
if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${path}`);
