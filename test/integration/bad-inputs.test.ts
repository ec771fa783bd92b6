/**
 * The bad-input corpus (test/fixtures/bad/cases/*.json): every case is a command line (with a bad
 * argument or a bad file) or an API request, with the error code it must give and the parts its
 * message must contain. One data-driven test runs them all in this process (captureCli, app.request):
 *
 * - every CLI case exits 1 or 2 — never 0, never 70 (internal error) — with the message parts;
 *   a LanternError (exit 1) shows a fix hint unless the case says `"hint": false`;
 * - every API case answers its 4xx status with the error envelope, its code and message parts;
 * - the store is byte-for-byte unchanged afterwards: a checksum of every table is the same.
 *
 * Files named in a case are in test/fixtures/bad/ (see its README.md); files too big or too odd to
 * commit (a zip bomb, JSON nested 100,000 deep, a 2 MB line) are written by `generators` below.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, createApi } from '../../src/api/app.ts';
import { createToken } from '../../src/registry/index.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { ident, sql } from '../../src/store/sql.ts';
import { captureCli } from '../cli.ts';
import { repoRoot } from '../shared.ts';
import { openFixtureStore } from './api-fixture.ts';
import { generators } from '../fixtures/bad/generate.ts';

interface CliCase {
  id: string;
  /** Arguments; `{file}` is the case's file, `{dir}` the scratch folder. `--db` is added. */
  argv: string[];
  /** A file under test/fixtures/bad/ (or generated, see `generate`). */
  file?: string;
  /** Write the file with this generator (test/fixtures/bad/generate.ts) instead of reading it. */
  generate?: string;
  code: string;
  /** Text the error message must contain (case-insensitive). */
  parts: string[];
  /** Exit code (default 1). */
  exit?: number;
  /** false when the error cannot have a fix hint (commander's usage errors). */
  hint?: boolean;
  /** Text piped to standard input (for `-`). */
  stdin?: string;
  why: string;
}

interface ApiCase {
  id: string;
  method?: string;
  path: string;
  body?: unknown;
  /** A raw body, sent as is. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Send a valid write token (created in the store before its checksum is taken). */
  auth?: boolean;
  status: number;
  code: string;
  parts: string[];
  why: string;
}

const casesDir = join(repoRoot, 'test', 'fixtures', 'bad', 'cases');
const fixturesDir = join(repoRoot, 'test', 'fixtures', 'bad');
const caseFiles = readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort();
const cliCases: CliCase[] = caseFiles.filter((f) => !f.startsWith('api')).flatMap((f) => JSON.parse(readFileSync(join(casesDir, f), 'utf8')) as CliCase[]);
const apiCases: ApiCase[] = caseFiles.filter((f) => f.startsWith('api')).flatMap((f) => JSON.parse(readFileSync(join(casesDir, f), 'utf8')) as ApiCase[]);

/** count and an order-independent digest of every base table. */
async function checksum(store: Store): Promise<Record<string, string>> {
  const tables = await store.query<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_type = 'BASE TABLE' and table_schema = 'main' order by 1`,
  );
  const out: Record<string, string> = {};
  for (const t of tables) {
    const [r] = await store.query<{ n: bigint | number; h: string }>(
      sql`select count(*)::bigint as n, coalesce(md5(string_agg(md5(t::varchar), '' order by md5(t::varchar))), '') as h from ${ident(t.name)} t`,
    );
    out[t.name] = `${r?.n} ${r?.h}`;
  }
  return out;
}

let dir: string;
let db: string;
let before: Record<string, string>;

describe('the bad-input corpus', () => {
  it('has at least 120 cases, each with a unique id, a code, message parts and a reason', () => {
    const all = [...cliCases, ...apiCases];
    expect(all.length).toBeGreaterThanOrEqual(120);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (const c of all) {
      expect(c.code, c.id).toMatch(/^[a-z-]+$/);
      expect(c.parts.length, c.id).toBeGreaterThan(0);
      expect(c.why, c.id).toBeTruthy();
    }
  });

  describe('command line', () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'lantern-bad-'));
      db = join(dir, 'store.duckdb');
      const store = await openFixtureStore({ path: db });
      before = await checksum(store);
      await store.close();
    }, 120_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each(cliCases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
      let file = c.file ? join(fixturesDir, c.file) : undefined;
      if (c.generate) {
        const gen = generators[c.generate];
        if (!gen) throw new Error(`${c.id}: no generator ${c.generate}`);
        file = await gen(dir);
      }
      const argv = c.argv.map((a) => a.replace('{file}', file ?? '').replace('{dir}', dir));
      const r = await captureCli([...argv, '--db', db], { cwd: dir, stdin: c.stdin });
      expect(r.err, `${c.id}: ${c.why}`).not.toMatch(/internal error/i);
      expect(r.code, `${c.id}: ${c.why}\n${r.err}`).toBe(c.exit ?? 1);
      if ((c.exit ?? 1) === 1) {
        expect(r.err, c.id).toContain(`error [${c.code}]`);
        if (c.hint !== false) expect(r.err, `${c.id}: a fix hint\n${r.err}`).toMatch(/ — \S/);
        expect(r.err, `${c.id}: no "expected ?"`).not.toMatch(/expected \?/);
      }
      for (const p of c.parts) expect(r.err.toLowerCase(), `${c.id}: "${p}"\n${r.err}`).toContain(p.toLowerCase());
    });

    it('left the store unchanged (every table)', async () => {
      const store = await openStore({ path: db, readOnly: true });
      try {
        expect(await checksum(store)).toEqual(before);
      } finally {
        await store.close();
      }
    });
  });

  describe('API', () => {
    let store: Store;
    let api: Api;
    let apiBefore: Record<string, string>;
    let token: string;
    beforeAll(async () => {
      store = await openFixtureStore();
      token = (await createToken(store, { name: 'corpus', now: new Date('2026-11-23T00:00:00Z') })).token;
      api = await createApi({ store, dbPath: 'fixture', log: () => {} });
      apiBefore = await checksum(store);
    }, 120_000);
    afterAll(() => store.close());

    it.each(apiCases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
      const headers: Record<string, string> = { ...(c.headers ?? {}), ...(c.auth ? { authorization: `Bearer ${token}` } : {}) };
      let body: string | undefined = c.rawBody;
      if (c.body !== undefined) {
        body = JSON.stringify(c.body);
        headers['content-type'] ??= 'application/json';
      }
      if (c.rawBody === '{deep}') body = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const res = await api.app.request(c.path, { method: c.method ?? 'GET', headers, body });
      const text = await res.text();
      expect(res.status, `${c.id}: ${c.why}\n${text}`).toBe(c.status);
      const json = JSON.parse(text) as { ok: boolean; code: string };
      expect(json.ok).toBe(false);
      expect(json.code, c.id).toBe(c.code);
      for (const p of c.parts) expect(text.toLowerCase(), `${c.id}: "${p}"\n${text}`).toContain(p.toLowerCase());
    });

    it('left the store unchanged (every table)', async () => {
      expect(await checksum(store)).toEqual(apiBefore);
    });
  });
});
