/**
 * `lantern serve` as users run it: a child process that creates the store on first run, loads the
 * reference data, prints the URL, serves API and dashboard, refuses writes with --read-only and
 * stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliProcessArgs } from '../cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-serve-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function serve(args: string[]): Promise<{ url: string; stop: () => Promise<{ code: number | null; out: string }> }> {
  const child = spawn(process.execPath, cliProcessArgs('serve', '--port', '0', '--no-build', ...args), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
  });
  let started = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed in 300 s; stdout: ${out} stderr: ${err}`)), 50_000);
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    void exited.then((code) => {
      if (!started) reject(new Error(`serve exited ${code}: ${err}`));
    });
    child.stdout.on('data', (d) => {
      out += d;
      const m = /dashboard\s+(http:\/\/\S+)/.exec(out);
      if (m) {
        if (started) return;
        started = true;
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          stop: async () => {
            child.kill('SIGTERM');
            const code = await exited;
            return { code, out };
          },
        });
      }
    });
  });
}

describe('lantern serve', () => {
  const db = join(dir, 'fresh.duckdb');

  it('creates the store on first run, loads reference data, serves the API and the API page', async () => {
    const s = await serve(['--db', db]);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(existsSync(db)).toBe(true);
    const status = (await (await fetch(`${s.url}api/v1/status`)).json()) as { ok: boolean; data: { trade: { rows: number }; tables: { name: string; rows: number }[] } };
    expect(status.ok).toBe(true);
    expect(status.data.trade.rows).toBe(0);
    // Reference data loaded on first run: countries, the bundled basket, the official series.
    const rows = Object.fromEntries(status.data.tables.map((t) => [t.name, t.rows]));
    expect(rows.countries).toBeGreaterThan(200);
    expect(rows.official_series).toBeGreaterThan(0);
    const official = (await (await fetch(`${s.url}api/v1/official?country=CHN`)).json()) as { rows: unknown[] };
    expect(official.rows.length).toBeGreaterThan(0);
    const page = await fetch(`${s.url}api`);
    expect(page.headers.get('content-type')).toContain('text/html');
    // Client-side routes fall back to the dashboard's index (or the notice when it is not built).
    const spa = await fetch(`${s.url}markets?exporter=CHN`);
    expect(spa.status).toBe(200);
    expect(await spa.text()).toContain('Lantern');
    const { code, out } = await s.stop();
    expect(code).toBe(0);
    expect(out).toContain('stopped.');
  });

  it('--read-only serves the same store and refuses writes', async () => {
    const s = await serve(['--db', db, '--read-only']);
    const status = (await (await fetch(`${s.url}api/v1/status`)).json()) as { data: { store: { readOnly: boolean } } };
    expect(status.data.store.readOnly).toBe(true);
    const write = await fetch(`${s.url}api/v1/registry/centres`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    // The registry's write route exists; on a read-only server the router refuses it before anything else.
    expect(write.status).toBe(403);
    const body = (await write.json()) as { ok: boolean; code: string };
    expect(body).toMatchObject({ ok: false, code: 'read-only' });
    await s.stop();
  });
});
