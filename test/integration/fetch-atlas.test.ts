/**
 * `lantern fetch atlas` against a local HTTP server (node:http on 127.0.0.1, port 0) serving a small
 * gzipped file made here in the Growth Lab's layout and name: full download and import, a download
 * cut off half-way and resumed with a Range request, and a damaged gzip refused with nothing stored.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { captureCli } from '../cli.ts';

const NAME = 'hs92_country_product_year_4.csv.gz';
const ROWS = [
  ['CHN', '9503', 2016, 28239990569],
  ['CHN', '4901', 2016, 1945145438],
  ['DEU', '4901', 2016, 1200000000],
  ['USA', '9701', 2016, 5000000000],
];
const TEXT = ['location_code,hs_product_code,year,export_value', ...ROWS.map((r) => r.join(','))].join('\n') + '\n';
const GZ = gzipSync(TEXT);
const SUM = ROWS.reduce((s, r) => s + Number(r[3]), 0);

let mode: 'full' | 'cut' | 'corrupt' = 'full';
const ranges: (string | undefined)[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url !== `/atlas/${NAME}`) return void res.writeHead(404).end();
    ranges.push(req.headers.range);
    const body = mode === 'corrupt' ? Buffer.concat([GZ.subarray(0, 20), Buffer.alloc(GZ.length - 20, 7)]) : GZ;
    if (mode === 'cut') {
      res.writeHead(200, { 'content-length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
      return;
    }
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    res.writeHead(start ? 206 : 200, { 'content-length': String(body.length - start) });
    res.end(body.subarray(start));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/atlas/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function total(db: string): Promise<number> {
  const store = await openStore({ path: db, readOnly: true });
  try {
    return Number((await store.query<{ v: number }>(sql`select sum(value_usd) as v from trade_flows`))[0]?.v ?? 0);
  } finally {
    await store.close();
  }
}

const args = (db: string) => ['fetch', 'atlas', '--mirror', base, '--digits', '4', '--dir', 'dl', '--db', db];

describe('lantern fetch atlas', () => {
  it('downloads and imports; the total is the file’s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-fetch-atlas-'));
    mode = 'full';
    const r = await captureCli(args(join(dir, 's.duckdb')), { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(await total(join(dir, 's.duckdb'))).toBe(SUM);
  });

  it('resumes an interrupted download', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-fetch-atlas-'));
    const db = join(dir, 's.duckdb');
    mode = 'cut';
    const cut = await captureCli(args(db), { cwd: dir });
    expect(cut.code).toBe(1);
    expect(cut.err).toMatch(/run the same command again/);
    mode = 'full';
    ranges.length = 0;
    const r = await captureCli(args(db), { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(ranges).toEqual([`bytes=${Math.floor(GZ.length / 2)}-`]);
    expect(await total(db)).toBe(SUM);
  });

  it('refuses a damaged gzip and stores nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-fetch-atlas-'));
    mode = 'corrupt';
    const r = await captureCli(args(join(dir, 's.duckdb')), { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad-file.*is corrupt/);
    expect(existsSync(join(dir, 'dl', NAME))).toBe(false);
    expect(existsSync(join(dir, 's.duckdb'))).toBe(false);
  });
});
