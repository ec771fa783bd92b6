/**
 * Test harness: a current ClickHouse engine in process, through the `chdb` npm package, behind the
 * HTTP interface the cluster store speaks (`ClickHouseOptions.fetch`). It lets the parity tests run
 * the dialect's SQL on today's engine next to Debian's 18.16 server.
 *
 * chdb is not a dependency of the project: its optional platform packages are missing from this
 * registry for every platform but linux-x64, so a lock file that names it fails `npm ci` there.
 * `.ci/run` installs it beside the project (`npm install --prefix .cache/chdb chdb`); locally
 * `hasChdb()` warns and returns false when it is absent, and throws under CI=true.
 *
 * What the shim does with a request, as ClickHouse's HTTP interface would:
 * - `database` → `USE db` in the session; the store's query settings → `SET k = v` once.
 * - the external table `lantern_params` (a multipart part with its structure in the URL) → a Memory
 *   table of that name in the current database, filled from the TSV row;
 * - insert data (statement in the URL, rows in the body) → a file read by `file()` with the
 *   insertion table's structure;
 * - a failed statement → status 500 with the engine's message (`Code: N. DB::Exception: …`).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PARAMS_TABLE = 'lantern_params';

interface ChdbSession {
  query(text: string, format?: string): string;
  cleanup(): void;
}

/** Where `.ci/run` installs chdb: `.cache/chdb/node_modules/chdb` under the project root. */
function chdbEntry(): string | undefined {
  const candidates = [resolve('.cache/chdb/node_modules/chdb'), resolve('node_modules/chdb')];
  return candidates.find((c) => existsSync(join(c, 'package.json')));
}

/** True when chdb is installed. Locally warns and returns false when it is not; under CI=true throws. */
export function hasChdb(): boolean {
  if (chdbEntry()) return true;
  const msg = 'chdb is not installed (npm install --prefix .cache/chdb chdb@3.4.0)';
  if (process.env.CI === 'true') throw new Error(`CI=true but ${msg}: .ci/run must install it`);
  console.warn(`skipping chdb tests: ${msg}`);
  return false;
}

export interface ChdbServer {
  /** The URL to give the store (any; every request goes to the session). */
  url: string;
  /** The `fetch` to give the store. */
  fetch: typeof fetch;
  version: string;
  stop(): void;
}

/** Opens a chdb session in a temporary folder and returns a `fetch` speaking ClickHouse's HTTP. */
export function startChdb(): ChdbServer {
  const entry = chdbEntry();
  if (!entry) throw new Error('chdb is not installed');
  const { Session } = createRequire(import.meta.url)(entry) as {
    Session: new (path: string) => ChdbSession;
  };
  const dir = mkdtempSync(join(tmpdir(), 'lantern-chdb-'));
  const session = new Session(join(dir, 'data'));
  let settingsApplied = false;
  let currentDb = 'default';
  let n = 0;

  const respond = (status: number, body: string) => new Response(body, { status });

  const run = async (url: string, init: RequestInit): Promise<Response> => {
    const search = new URL(url).searchParams;
    if (!settingsApplied) {
      for (const [k, v] of search) {
        if (['database', 'query', 'readonly'].includes(k) || k.startsWith(PARAMS_TABLE)) continue;
        session.query(`SET ${k} = ${/^\d+$/.test(v) ? v : `'${v}'`}`, 'TabSeparated');
      }
      settingsApplied = true;
    }
    const database = search.get('database');
    if (database && database !== currentDb) {
      // The store creates its database with a statement sent outside it; USE fails until then.
      try {
        session.query(`USE ${database}`, 'TabSeparated');
        currentDb = database;
      } catch {
        /* the statement itself will say what is missing */
      }
    }
    const body = init.body;
    let statement: string;
    if (search.has('query')) {
      statement = search.get('query') as string;
      const data = await new Response(body as BodyInit).text();
      const file = join(dir, `insert-${n++}.data`);
      writeFileSync(file, data);
      const m = /^\s*insert\s+into\s+(\S+)(?:\s*\(([^)]*)\))?\s+format\s+(\w+)\s*$/i.exec(statement);
      if (!m) return respond(400, `Code: 62. chdb shim: cannot read insert statement ${statement}`);
      const columns = m[2] ? ` (${m[2]})` : '';
      statement = `INSERT INTO ${m[1]}${columns} SELECT * FROM file('${file}', ${m[3]})`;
    } else if (body instanceof FormData) {
      statement = String(body.get('query'));
      const row = await (body.get(PARAMS_TABLE) as Blob).text();
      const structure = search.get(`${PARAMS_TABLE}_structure`) as string;
      const escaped = row.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
      session.query(`DROP TABLE IF EXISTS ${PARAMS_TABLE}`, 'TabSeparated');
      session.query(
        `CREATE TABLE ${PARAMS_TABLE} ENGINE = Memory AS SELECT * FROM format(TabSeparated, '${structure}', '${escaped}')`,
        'TabSeparated',
      );
    } else {
      statement = typeof body === 'string' ? body : await new Response(body as BodyInit).text();
    }
    try {
      const out = session.query(statement, 'TabSeparated');
      if (/^\s*use\s+(\w+)\s*;?\s*$/i.test(statement)) currentDb = statement.trim().split(/\s+/)[1] as string;
      return respond(200, out);
    } catch (e) {
      return respond(500, String((e as Error).message).replace(/^Query failed: /, ''));
    }
  };

  const version = session.query('SELECT version()', 'TabSeparated').trim();
  return {
    url: 'http://chdb.invalid',
    fetch: ((input: string | URL | Request, init?: RequestInit) =>
      run(String(input), init ?? {})) as typeof fetch,
    version,
    stop() {
      session.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
