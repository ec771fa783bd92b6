/**
 * `lantern fetch baci` against a local HTTP server (node:http on 127.0.0.1, port 0) serving a
 * release-shaped BACI zip (test/fixtures/baci/BACI_HS17_V202401.zip, CEPII's file layout and name):
 * a full download and import, a download cut off half-way and resumed with a Range request, and a
 * corrupt zip refused with nothing stored.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { captureCli } from '../cli.ts';
import { repoRoot } from '../shared.ts';

const ZIP = readFileSync(join(repoRoot, 'test', 'fixtures', 'baci', 'BACI_HS17_V202401.zip'));
const NAME = 'BACI_HS17_V202401.zip';

/** What the server does with the next request for the zip. */
let mode: 'full' | 'cut' | 'corrupt' = 'full';
const seen: { range: string | undefined }[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url !== `/baci/${NAME}`) {
      res.writeHead(404).end();
      return;
    }
    const range = req.headers.range;
    seen.push({ range });
    const body = mode === 'corrupt' ? Buffer.concat([ZIP.subarray(0, 200), Buffer.alloc(ZIP.length - 200, 0x41)]) : ZIP;
    const m = /^bytes=(\d+)-$/.exec(range ?? '');
    const start = m ? Number(m[1]) : 0;
    if (mode === 'cut') {
      // announce the whole file, send half, then drop the connection
      res.writeHead(200, { 'content-length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
      return;
    }
    const slice = body.subarray(start);
    res.writeHead(start > 0 ? 206 : 200, {
      'content-length': String(slice.length),
      ...(start > 0 ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    res.end(slice);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/baci/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** The sum of v × 1000 over the zip's data members, read here from the archive itself. */
async function independentSum(): Promise<{ rows: number; usd: number }> {
  const zip = await new Promise<yauzl.ZipFile>((res, rej) => yauzl.fromBuffer(ZIP, { lazyEntries: true }, (e, z) => (e || !z ? rej(e) : res(z))));
  let rows = 0;
  let usd = 0;
  await new Promise<void>((res, rej) => {
    zip.on('end', res);
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!/^BACI_.*_Y\d{4}_.*\.csv$/.test(entry.fileName)) return zip.readEntry();
      zip.openReadStream(entry, (e, s) => {
        if (e || !s) return rej(e);
        const parts: Buffer[] = [];
        s.on('data', (c: Buffer) => parts.push(c));
        s.on('end', () => {
          for (const line of Buffer.concat(parts).toString('utf8').trim().split('\n').slice(1)) {
            rows++;
            usd += Number(line.split(',')[4]) * 1000;
          }
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return { rows, usd };
}

async function stored(db: string): Promise<{ rows: number; usd: number; runs: number }> {
  const store = await openStore({ path: db, readOnly: true });
  try {
    const [r] = await store.query<{ rows: number; usd: number | null }>(sql`select count(*) as rows, sum(value_usd) as usd from trade_flows`);
    const [n] = await store.query<{ n: number }>(sql`select count(*) as n from import_runs where release = 'V202401'`);
    return { rows: Number(r?.rows ?? 0), usd: Number(r?.usd ?? 0), runs: Number(n?.n ?? 0) };
  } finally {
    await store.close();
  }
}

describe('lantern fetch baci', () => {
  it('downloads a release and imports it with its provenance; the totals are the file’s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-fetch-baci-'));
    const db = join(dir, 'store.duckdb');
    mode = 'full';
    const r = await captureCli(['fetch', 'baci', '--release', 'V202401', '--hs', 'HS17', '--mirror', base, '--dir', 'dl', '--db', db], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(existsSync(join(dir, 'dl', NAME))).toBe(true);
    const want = await independentSum();
    const got = await stored(db);
    expect(got.rows).toBe(want.rows);
    expect(got.usd).toBeCloseTo(want.usd, 6);
    expect(got.runs).toBe(1);
    // the same command again: the zip is there, the import of the same file changes nothing
    const again = await captureCli(['fetch', 'baci', '--release', 'V202401', '--mirror', base, '--dir', 'dl', '--db', db], { cwd: dir });
    expect(again.err).toMatch(/already downloaded/);
    expect((await stored(db)).rows).toBe(want.rows);
  });

  it('resumes an interrupted download with a Range request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-fetch-baci-'));
    const db = join(dir, 'store.duckdb');
    mode = 'cut';
    const cut = await captureCli(['fetch', 'baci', '--release', 'V202401', '--mirror', base, '--dir', 'dl', '--db', db], { cwd: dir });
    expect(cut.code).toBe(1);
    expect(cut.err).toMatch(/network-error/);
    expect(cut.err).toMatch(/run the same command again/);
    const half = Math.floor(ZIP.length / 2);
    expect(readFileSync(join(dir, 'dl', `${NAME}.part`)).length).toBe(half);
    mode = 'full';
    seen.length = 0;
    const resumed = await captureCli(['fetch', 'baci', '--release', 'V202401', '--mirror', base, '--dir', 'dl', '--db', db], { cwd: dir });
    expect(resumed.code, resumed.err).toBe(0);
    expect(seen).toEqual([{ range: `bytes=${half}-` }]);
    expect(resumed.err).toMatch(new RegExp(`resumed from byte ${half}`));
    expect(readFileSync(join(dir, 'dl', NAME)).equals(ZIP)).toBe(true);
    expect((await stored(db)).rows).toBe((await independentSum()).rows);
  });

  it('refuses a corrupt zip, removes it and stores nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-fetch-baci-'));
    const db = join(dir, 'store.duckdb');
    mode = 'corrupt';
    const r = await captureCli(['fetch', 'baci', '--release', 'V202401', '--mirror', base, '--dir', 'dl', '--db', db], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad-file.*BACI_HS17_V202401\.zip is corrupt/);
    expect(existsSync(join(dir, 'dl', NAME))).toBe(false);
    expect(existsSync(db)).toBe(false); // the store was never opened
  });

  it('names a release that does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-fetch-baci-'));
    const r = await captureCli(['fetch', 'baci', '--release', 'V209901', '--mirror', base, '--dir', 'dl', '--db', join(dir, 's.duckdb')], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not-found.*404/);
    expect(r.err).toMatch(/--release V202501 --hs HS17/);
  });
});
