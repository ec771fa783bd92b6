/**
 * A user on a 2-shard ClickHouse cluster (Debian's clickhouse-server on loopback), with the built
 * CLI run as a process (`node bin/lantern.mjs`, as `npx lantern` runs it): `cluster push` of a store
 * not made yet fills the cluster with the reference data; `import --store clickhouse://…` and
 * `import --replace` write two hand-made releases (test/support/baci-releases.ts); `lantern diff`
 * by run ids and by release names, `--by reporter|year|product`, gives the figures summed here from
 * the files and DuckDB's answer to the same commands; `lantern serve --store clickhouse://…` answers
 * `/diff?by=…`, and several clients at once on different routes get the answers they get one by one.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { sql } from '../../src/store/sql.ts';
import { captureCli } from '../cli.ts';
import { hasClickHouse } from '../clickhouse-server.ts';
import { repoRoot } from '../shared.ts';
import { baciTotals, expectedDiff, RELEASE_A, RELEASE_B } from '../support/baci-releases.ts';
import { type FilledCluster, serveCluster, startFilledCluster } from '../support/cluster.ts';
import { differences } from './json-differences.ts';

const run = promisify(execFile);
const BIN = join(repoRoot, 'bin', 'lantern.mjs');
const built = existsSync(join(repoRoot, 'dist', 'cli', 'run.js'));

/** The built CLI as a process; its exit code, stdout and stderr. */
async function lantern(args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { cwd: repoRoot, maxBuffer: 1 << 26 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, out: x.stdout ?? '', err: x.stderr ?? String(e) };
  }
}

/** Parses a command's JSON output, failing with its stderr when it did not succeed. */
function json<T>(r: { code: number; out: string; err: string }, what: string): T {
  expect(r.code, `${what}: ${r.err}`).toBe(0);
  return JSON.parse(r.out) as T;
}

interface DiffAnswer {
  totals: { rows_a: number; rows_b: number; value_a: number; value_b: number; added: { rows: number }; removed: { rows: number }; revised: { rows: number } };
  groups: { key: string; rows_a: number; rows_b: number; added: number; removed: number; revised: number; value_a: number; value_b: number }[];
}

/** The figures of a diff answer that the files decide, in the shape of `expectedDiff`. */
function figures(d: DiffAnswer) {
  const t = d.totals;
  return {
    totals: { rows_a: t.rows_a, rows_b: t.rows_b, value_a: t.value_a, value_b: t.value_b, added: t.added.rows, removed: t.removed.rows, revised: t.revised.rows },
    groups: d.groups
      .map(({ key, rows_a, rows_b, added, removed, revised, value_a, value_b }) => ({ key: String(key), rows_a, rows_b, added, removed, revised, value_a, value_b }))
      .sort((x, y) => x.key.localeCompare(y.key)),
  };
}

describe.runIf((built || process.env.CI === 'true') && hasClickHouse())('a user on a ClickHouse cluster, with the built CLI', () => {
  let c: FilledCluster;
  let dir: string;
  let duckDb: string;
  const files: Record<'a' | 'b', string> = { a: '', b: '' };

  beforeAll(async () => {
    // Empty servers: the first test fills them as a user does, with `lantern cluster push`.
    c = await startFilledCluster({ push: false });
    dir = mkdtempSync(join(tmpdir(), 'lantern-ch-user-'));
    duckDb = join(dir, 'duck.duckdb');
    for (const [k, text] of [['a', RELEASE_A], ['b', RELEASE_B]] as const) {
      mkdirSync(join(dir, k));
      files[k] = join(dir, k, 'BACI_HS17_Y2019.csv');
      writeFileSync(files[k], text);
    }
  });

  afterAll(async () => {
    await c?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The same import on the cluster (built CLI) and on a DuckDB file (in process). */
  async function importBoth(file: string, release: string, extra: string[] = []) {
    const args = ['import', file, '--release', release, '--hs-edition', 'HS2017', '--output', 'json', ...extra];
    const onCluster = json<{ run: number; status: string; rows: number }[]>(await lantern([...args, '--store', c.storeUrl]), `lantern ${args.join(' ')}`);
    const onDuck = await captureCli([...args, '--db', duckDb], { cwd: dir });
    expect(onDuck.code, onDuck.err).toBe(0);
    return onCluster;
  }

  it('cluster push of a new store, then import and import --replace: the live rows are the second file’s', async () => {
    const fresh = join(dir, 'reference-only.duckdb');
    const pushed = json<{ table: string; rows: number }[]>(
      await lantern(['cluster', 'push', '--db', fresh, '--clickhouse', c.cluster.urls.join(','), '--cluster', c.cluster.cluster, '--format', 'json']),
      'cluster push',
    );
    expect(pushed.find((p) => p.table === 'countries')?.rows).toBeGreaterThan(200);
    expect(pushed.find((p) => p.table === 'trade_flows')?.rows).toBe(0);

    expect(await importBoth(files.a, 'V202401')).toMatchObject([{ run: 1, status: 'imported', rows: 4 }]);
    expect(await importBoth(files.b, 'V202501', ['--replace'])).toMatchObject([{ run: 2, status: 'replaced', rows: 4 }]);
    const [live] = await c.ch.query<{ n: number; v: number }>(sql`select count() as n, sum(value_usd) as v from trade_flows`);
    expect([Number(live?.n), Number(live?.v)]).toEqual([baciTotals(RELEASE_B).rows, baciTotals(RELEASE_B).usd]);
  });

  it('lantern diff by run ids and by release names, by reporter, year and product: the files’ figures, DuckDB’s answer', async () => {
    const cases: [string[], 'reporter' | 'year' | 'product'][] = [
      [['diff', '1', '2'], 'reporter'],
      [['diff', 'V202401', 'V202501', '--by', 'reporter'], 'reporter'],
      [['diff', 'V202401', 'V202501', '--by', 'year'], 'year'],
      [['diff', 'V202401', 'V202501', '--by', 'product'], 'product'],
    ];
    const answers = await Promise.all(cases.map(([args]) => lantern([...args, '--format', 'json', '--store', c.storeUrl])));
    for (const [i, [args, by]] of cases.entries()) {
      const what = `lantern ${args.join(' ')}`;
      const onCluster = json<DiffAnswer>(answers[i] as { code: number; out: string; err: string }, what);
      expect(figures(onCluster), what).toEqual(expectedDiff(RELEASE_A, RELEASE_B, by));
      const onDuck = await captureCli([...args, '--format', 'json', '--db', duckDb], { cwd: dir });
      expect(onDuck.code, onDuck.err).toBe(0);
      expect(differences(onCluster, JSON.parse(onDuck.out)), what).toEqual([]);
    }
    // The table a user reads: totals and years as the file has them.
    const table = await lantern(['diff', 'V202401', 'V202501', '--by', 'year', '--store', c.storeUrl]);
    expect(table.code, table.err).toBe(0);
    expect(table.out).toMatch(/1 added \(US\$ 5,000\), 1 removed \(US\$ 10,000\), 2 revised \(US\$ 300,000 → 330,000\)/);
    expect(table.out).toMatch(/│ 2019 +│ CHN/);
  });

  it('lantern serve on the cluster: /diff by each dimension, and concurrent clients on different routes get the serial answers', async () => {
    const server = await serveCluster(c.storeUrl, ['--no-warm']);
    try {
      const base = `${server.url}api/v1`;
      const paths = [
        '/diff?a=V202401&b=V202501&by=reporter',
        '/diff?a=1&b=2&by=year',
        '/diff?a=V202401&b=V202501&by=product&top=2',
        '/profiles/country/CHN?years=2019-2020',
        '/markets?exporter=CHN&year=2020',
        '/indicators/value/values?country=CHN,USA&from=2019&to=2020',
        '/indicators/world-share/values?country=CHN,JPN&from=2019&to=2020&by=product',
        '/bilateral/CHN/USA?years=2019-2020',
        '/datasets?all=true',
        '/countries/CHN',
      ];
      // Every route at once, twice over (the server's answer cache is cold for each first request).
      const concurrent = await Promise.all(
        [...paths, ...paths].map(async (p) => {
          const res = await fetch(`${base}${p}`);
          return { p, status: res.status, body: (await res.json()) as { data: unknown } };
        }),
      );
      // One by one, through an API of this process on the same cluster (a cache of its own).
      const api = await createApi({ store: c.ch, log: () => {} });
      for (const p of paths) {
        const res = await api.app.request(`/api/v1${p}`);
        const serial = (await res.json()) as { data: unknown };
        expect(res.status, `${p}: ${JSON.stringify(serial).slice(0, 300)}`).toBe(200);
        for (const got of concurrent.filter((x) => x.p === p)) {
          expect(got.status, p).toBe(200);
          expect(differences(got.body, serial), p).toEqual([]);
        }
      }
      for (const [p, by] of [[paths[0], 'reporter'], [paths[1], 'year']] as const) {
        const got = concurrent.find((x) => x.p === p)?.body.data as DiffAnswer;
        expect(figures(got), p).toEqual(expectedDiff(RELEASE_A, RELEASE_B, by));
      }
    } finally {
      await server.stop();
    }
  });
});
