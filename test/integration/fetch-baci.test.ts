/**
 * `lantern fetch baci` against a local HTTP server (node:http on 127.0.0.1, port 0) serving a
 * release-shaped BACI zip (test/fixtures/baci/BACI_HS17_V202401.zip, CEPII's file layout and name):
 * a full download and import, a download cut off half-way and resumed with a Range request, a
 * corrupt zip refused with nothing stored, and the import reading each member from the zip stream
 * (nothing written to the temp folder or beside the zip; a damaged member leaves the store as it was).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/index.ts';
import { loadCountries } from '../../src/reference/countries.ts';
import { openStore } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { captureCli } from '../cli.ts';
import { repoRoot } from '../shared.ts';

const ZIP = readFileSync(join(repoRoot, 'test', 'fixtures', 'baci', 'BACI_HS17_V202401.zip'));
const NAME = 'BACI_HS17_V202401.zip';
const fixtureZip = join(repoRoot, 'test', 'fixtures', 'baci', NAME);

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

/** A zip of deflated members (local headers, data, central directory, end record), as zip tools write. */
function zipOf(members: { name: string; data: Buffer; damage?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const packed = deflateRawSync(m.data);
    // A damaged member: its compressed bytes overwritten half-way (the directory still reads).
    if (m.damage) packed.fill(0xff, Math.floor(packed.length / 2));
    const crc = crc32(m.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(m.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(m.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** A BACI member of `rows` varied rows between real BACI codes (CHN, USA, FRA, JPN), v summed. */
function member(year: number, rows: number): { data: Buffer; usd: number } {
  const codes = [156, 842, 251, 392];
  const lines = ['t,i,j,k,v,q'];
  let usd = 0;
  for (let r = 0; r < rows; r++) {
    const v = ((r * 7919) % 100000) / 100;
    usd += v * 1000;
    const partner = codes[(r + 1 + ((r >> 2) % 3)) % 4]; // never the exporter
    lines.push(`${year},${codes[r % 4]},${partner},${100000 + ((r * 31) % 800000)},${v},${r % 9 === 0 ? 'NA' : (r % 50) / 10}`);
  }
  return { data: Buffer.from(`${lines.join('\n')}\n`), usd };
}

function restoreTmpdir(before: string | undefined): void {
  if (before === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = before;
}

/** Every entry under `dir` (recursively) with its kind. */
function entries(dir: string): { path: string; kind: 'file' | 'fifo' | 'dir' | 'other' }[] {
  const out: { path: string; kind: 'file' | 'fifo' | 'dir' | 'other' }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(path);
    } catch {
      continue; // removed between the listing and the look
    }
    const kind = st.isFIFO() ? 'fifo' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
    out.push({ path, kind });
    if (kind === 'dir') out.push(...entries(path));
  }
  return out;
}

describe('a release zip is read from the zip stream, never unpacked to disk', () => {
  it('while members stream, the temp folder holds only named pipes; after, nothing; the totals are the members\'', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-baci-stream-'));
    const temp = join(dir, 'tmp');
    const zipPath = join(dir, 'BACI_HS17_V202402.zip');
    const a = member(2020, 60_000);
    const b = member(2021, 40_000);
    writeFileSync(
      zipPath,
      zipOf([
        { name: 'BACI_HS17_Y2020_V202402.csv', data: a.data },
        { name: 'BACI_HS17_Y2021_V202402.csv', data: b.data },
      ]),
    );
    const store = await openStore({ path: join(dir, 'store.duckdb') });
    await loadCountries(store);
    const before = process.env.TMPDIR;
    // An empty temp folder of its own, looked at on every progress report while the members stream.
    mkdirSync(temp);
    process.env.TMPDIR = temp;
    const seen: { path: string; kind: string }[] = [];
    let reports = 0;
    try {
      const [s] = await importFiles(store, [zipPath], {
        onProgress: (p) => {
          if (!/loading/.test(p.label ?? '')) return;
          reports++;
          seen.push(...entries(temp));
        },
      });
      expect(s?.rowsLoaded).toBe(100_000);
      const [t] = await store.query<{ n: number; usd: number }>(sql`select count(*)::int as n, sum(value_usd) as usd from trade_flows`);
      expect(Number(t?.n)).toBe(100_000);
      expect(Number(t?.usd)).toBeCloseTo(a.usd + b.usd, 2);
    } finally {
      restoreTmpdir(before);
      await store.close();
    }
    expect(reports).toBeGreaterThan(10);
    // Members passed through named pipes only: no regular file was ever there.
    expect(seen.filter((e) => e.kind === 'file')).toEqual([]);
    expect(seen.some((e) => e.kind === 'fifo')).toBe(true);
    expect(readdirSync(temp)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['BACI_HS17_V202402.zip', 'store.duckdb', 'tmp']);
  });

  it('fetch baci leaves only the zip in --dir and nothing in the temp folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-fetch-baci-'));
    const temp = mkdtempSync(join(tmpdir(), 'lantern-fetch-baci-tmp-'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    mode = 'full';
    try {
      const r = await captureCli(['fetch', 'baci', '--release', 'V202401', '--mirror', base, '--dir', 'dl', '--db', join(dir, 's.duckdb')], { cwd: dir });
      expect(r.code, r.err).toBe(0);
    } finally {
      restoreTmpdir(before);
    }
    expect(readdirSync(join(dir, 'dl'))).toEqual([NAME]);
    expect(readdirSync(temp)).toEqual([]);
    expect((await stored(join(dir, 's.duckdb'))).rows).toBe((await independentSum()).rows);
  });

  it('a damaged second member is refused as a corrupt zip and the store is left as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-baci-stream-'));
    const db = join(dir, 'store.duckdb');
    const zipPath = join(dir, 'BACI_HS17_V202403.zip');
    writeFileSync(
      zipPath,
      zipOf([
        { name: 'BACI_HS17_Y2020_V202403.csv', data: member(2020, 20_000).data },
        { name: 'BACI_HS17_Y2021_V202403.csv', data: member(2021, 20_000).data, damage: true },
      ]),
    );
    const ok = await captureCli(['import', '--db', db, fixtureZip], { cwd: dir });
    expect(ok.code, ok.err).toBe(0);
    const r = await captureCli(['import', '--db', db, zipPath], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad-file.*BACI_HS17_V202403\.zip:BACI_HS17_Y2021_V202403\.csv is not a readable zip archive/);
    const store = await openStore({ path: db, readOnly: true });
    try {
      const runs = await store.query<{ file: string }>(sql`select file_name as file from import_runs order by id`);
      expect(runs.map((x) => x.file)).toEqual([NAME]);
      const [t] = await store.query<{ n: number }>(sql`select count(*)::int as n from trade_flows`);
      expect(Number(t?.n)).toBe((await independentSum()).rows);
    } finally {
      await store.close();
    }
  });
});
