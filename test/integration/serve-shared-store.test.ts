/**
 * One store, many processes: while `lantern serve` has a store open, other lantern processes on the
 * same file borrow it from the server (store/server-file.ts, cli/lease.ts). A second process reads;
 * an import ends with its rows visible to the server, and a request made while the import runs
 * waits for it instead of failing.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverFilePath } from '../../src/store/server-file.ts';
import { cliProcessArgs } from '../cli.ts';
import { repoRoot } from '../shared.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'lantern-shared-store-'));
const db = join(dir, 'shared.duckdb');
const fixture = join(repoRoot, 'test', 'fixtures', 'baci', 'BACI_HS17_Y2019_V202401.csv');
let server: ChildProcess;
let url = '';
let serverErr = '';

beforeAll(async () => {
  server = spawn(process.execPath, cliProcessArgs('serve', '--db', db, '--port', '0', '--no-build', '--no-warm'), {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stderr?.on('data', (d) => {
    serverErr += d;
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${serverErr}`)));
    server.stdout?.on('data', (d) => {
      out += d;
      const m = /dashboard\s+(http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
  });
}, 120_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

function lantern(...args: string[]) {
  return run(process.execPath, cliProcessArgs(...args), { cwd: dir, encoding: 'utf8' });
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(new URL(`api/v1/${path}`, url));
  expect(res.status, `${path}: ${serverErr}`).toBe(200);
  return (await res.json()) as T;
}

describe('a store shared by lantern serve and the CLI', () => {
  it('announces the server beside the store', () => {
    expect(existsSync(serverFilePath(db))).toBe(true);
  });

  it('lets a second process read while the server runs', async () => {
    const r = await lantern('status', '--db', db, '--format', 'json');
    expect((JSON.parse(r.stdout) as { tables: { name: string }[] }).tables.map((t) => t.name)).toContain('trade_flows');
    expect(r.stderr).toMatch(/lantern serve \(pid \d+.*\) has this store open: it pauses while this command runs/);
  });

  it('imports while the server runs: the server then serves the new rows, and a request made meanwhile waits', async () => {
    // Lines of the file that are rows (its header aside): counted here from the file itself.
    const rows = readFileSync(fixture, 'utf8').trim().split('\n').length - 1;
    const importing = lantern('import', '--db', db, fixture);
    // A request once the server has lent the file (it says so on stderr): it waits for the import.
    const lentBefore = serverErr.split('lent to another').length;
    const during = (async () => {
      while (serverErr.split('lent to another').length === lentBefore) await new Promise((r) => setTimeout(r, 20));
      return api<{ ok: boolean }>('status');
    })();
    const r = await importing;
    expect(r.stdout).toContain('imported');
    expect((await during).ok).toBe(true);
    const datasets = await api<{ rows: { file: string; rows: number }[] }>('datasets');
    expect(datasets.rows.map((d) => [d.file, d.rows])).toEqual([['BACI_HS17_Y2019_V202401.csv', rows]]);
    // The server reads the rows themselves: world exports by year equal the file's sum (v in US$ 1000).
    const fileSum = readFileSync(fixture, 'utf8').trim().split('\n').slice(1)
      .reduce((n, line) => n + Number(line.split(',')[4]) * 1000, 0);
    const value = await api<{ rows: { value: number }[] }>('indicators/value/values?from=2019&to=2019&by=total');
    expect(value.rows.reduce((n, r) => n + r.value, 0)).toBeCloseTo(fileSum, 2);
    // Importing the same file again is a no-op: nothing lost, nothing done twice.
    const again = await lantern('import', '--db', db, fixture);
    expect(again.stdout).toContain('unchanged');
  });

  it('removes the announcement when the server stops', async () => {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
    expect(existsSync(serverFilePath(db))).toBe(false);
  });
});
