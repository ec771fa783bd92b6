/**
 * Benchmark of importing a BACI release zip (`lantern fetch baci`, `lantern import BACI_….zip`): a
 * zip of the seeded synthetic world (src/sources/synthetic.ts), one member per year as CEPII ships
 * it, imported through the library path (`importFiles`) into a fresh DuckDB store file.
 *
 * Beside the import, the two ways of reading a member straight from the zip stream (no file on
 * disk) are timed on the same members, each loading the six columns into a plain table:
 *   - fifo: the member's bytes written into a named pipe that DuckDB's `read_csv` reads (explicit
 *     columns, no sniffing) — the way `src/sources/baci.ts` reads members;
 *   - appender: the member parsed in JavaScript line by line and appended row by row.
 *
 *   npm run bench:baci-zip                     # 3,000,000 rows, 1 repetition
 *   npm run bench:baci-zip -- --rows 1000000 --reps 3
 *   npm run bench:baci-zip -- --dir /tmp/b --only lantern   # reuses /tmp/b's zip when there
 *   options: --rows N  --reps N  --seed N  --dir DIR (where the files and stores go; default a temp
 *   dir; a zip of the same rows already there is reused)  --only lantern,fifo,appender
 *
 * Needs the `zip` command to write the release zip.
 */
import { execFileSync } from 'node:child_process';
import { constants, existsSync, openSync, rmSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import yauzl from 'yauzl';
import { writeSyntheticBaci } from '../src/sources/synthetic.ts';
import { benchDir, fresh as freshIn, lanternImport } from './stores.ts';
import { arg, median } from './timing.ts';

const ROWS = Number(arg('rows', '3000000'));
const REPS = Number(arg('reps', '1'));
const SEED = Number(arg('seed', '42'));
const YEARS = [2019, 2020, 2021];
const { dir, done } = benchDir('baci-zip');
const fresh = (name: string) => freshIn(dir, name);

/** The release zip: one synthetic member per year, named as CEPII names them. */
async function writeZip(): Promise<{ zip: string; rows: number }> {
  const zip = join(dir, `BACI_HS17_V000000_${ROWS}_${SEED}.zip`);
  if (existsSync(zip)) return { zip, rows: YEARS.length * Math.round(ROWS / YEARS.length) };
  const members: string[] = [];
  let rows = 0;
  for (const [n, year] of YEARS.entries()) {
    const path = join(dir, `BACI_HS17_Y${year}_V000000.csv`);
    const info = await writeSyntheticBaci({ path, rows: Math.round(ROWS / YEARS.length), seed: SEED + n, years: [year] });
    rows += info.rows;
    members.push(path);
  }
  execFileSync('zip', ['-q', '-j', zip, ...members]);
  for (const m of members) rmSync(m);
  return { zip, rows };
}

/** Each data member's stream, one after the other. */
async function eachMember(zipPath: string, each: (stream: NodeJS.ReadableStream) => Promise<void>): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((res, rej) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true }, (e, z) => (e || !z ? rej(e) : res(z))),
  );
  await new Promise<void>((res, rej) => {
    zip.on('end', res);
    zip.on('error', rej);
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (e, s) => {
        if (e || !s) return rej(e);
        each(s).then(() => zip.readEntry(), rej);
      });
    });
    zip.readEntry();
  });
}

const TABLE = 'create or replace table m (t smallint, i integer, j integer, k uinteger, v double, q double)';

async function viaFifo(zipPath: string): Promise<{ ms: number; rows: number }> {
  const inst = await DuckDBInstance.create(fresh('fifo.duckdb'));
  const con = await inst.connect();
  await con.run(TABLE);
  const t0 = performance.now();
  const pipe = join(dir, 'member.pipe');
  await eachMember(zipPath, async (stream) => {
    rmSync(pipe, { force: true });
    execFileSync('mkfifo', ['-m', '600', pipe]);
    const sock = new Socket({ fd: openSync(pipe, constants.O_RDWR | constants.O_NONBLOCK), readable: false });
    stream.pipe(sock);
    await con.run(
      `insert into m select * from read_csv('${pipe}', header = true, delim = ',', quote = '"', auto_detect = false,
        columns = {'t':'SMALLINT','i':'INTEGER','j':'INTEGER','k':'UINTEGER','v':'DOUBLE','q':'DOUBLE'}, nullstr = ['NA', ''])`,
    );
    sock.destroy();
    rmSync(pipe);
  });
  const ms = performance.now() - t0;
  const rows = Number((await con.runAndReadAll('select count(*) from m')).getRows()[0]?.[0]);
  con.closeSync();
  return { ms, rows };
}

async function viaAppender(zipPath: string): Promise<{ ms: number; rows: number }> {
  const inst = await DuckDBInstance.create(fresh('appender.duckdb'));
  const con = await inst.connect();
  await con.run(TABLE);
  const t0 = performance.now();
  const app = await con.createAppender('m');
  await eachMember(zipPath, async (stream) => {
    let carry = '';
    let header = true;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = carry + chunk.toString('latin1');
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) {
        if (header) {
          header = false;
          continue;
        }
        const f = line.split(',');
        app.appendSmallInt(Number(f[0]));
        app.appendInteger(Number(f[1]));
        app.appendInteger(Number(f[2]));
        app.appendUInteger(Number(f[3]));
        app.appendDouble(Number(f[4]));
        const q = (f[5] ?? '').trim();
        if (q === '' || q === 'NA') app.appendNull();
        else app.appendDouble(Number(q));
        app.endRow();
      }
    }
  });
  app.closeSync();
  const ms = performance.now() - t0;
  const rows = Number((await con.runAndReadAll('select count(*) from m')).getRows()[0]?.[0]);
  con.closeSync();
  return { ms, rows };
}

const lantern = (zipPath: string) => lanternImport(fresh('lantern.duckdb'), zipPath);

const tg = performance.now();
const { zip, rows } = await writeZip();
console.log(
  `synthetic BACI zip: ${rows.toLocaleString('en-US')} rows in ${YEARS.length} members, ${(statSync(zip).size / 2 ** 20).toFixed(0)} MiB (written in ${((performance.now() - tg) / 1000).toFixed(1)} s)`,
);
type Way = 'lantern' | 'fifo' | 'appender';
const ways: Record<Way, (zip: string) => Promise<{ ms: number; rows: number }>> = { lantern, fifo: viaFifo, appender: viaAppender };
const only = arg('only', 'lantern,fifo,appender').split(',') as Way[];
const times: Record<Way, number[]> = { lantern: [], fifo: [], appender: [] };
for (let i = 0; i < REPS; i++) {
  const line: string[] = [];
  for (const what of only) {
    const r = await ways[what](zip);
    if (r.rows !== rows) throw new Error(`${what}: ${r.rows} rows, the zip holds ${rows}`);
    times[what].push(r.ms);
    line.push(`${what} ${(r.ms / 1000).toFixed(2)} s`);
  }
  console.log(`rep ${i + 1}: ${line.join(', ')}`);
}
const rate = (ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-US');
for (const [what, label] of [
  ['lantern', 'lantern import of the zip (library path)'],
  ['fifo', 'members → named pipe → read_csv'],
  ['appender', 'members → JS line parse → appender'],
] as const) {
  if (!only.includes(what)) continue;
  const m = median(times[what]);
  console.log(`${label.padEnd(44)} ${(m / 1000).toFixed(2)} s  (${rate(m)} rows/s, median of ${REPS})`);
}
done();
