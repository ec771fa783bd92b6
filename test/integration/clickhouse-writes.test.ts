/**
 * Writing to a 2-shard ClickHouse cluster (Debian's clickhouse-server on loopback) as to DuckDB:
 * `import --replace`, release diffs across it, the summaries a cluster import writes, two imports
 * at once, and services. Every import goes to a DuckDB store too, and the answers must be equal.
 *
 * The releases are test/support/baci-releases.ts (hand-made BACI files with known changes; the
 * same file name, so the second replaces the first); expected totals are summed from their text,
 * independently of Lantern.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, createApi } from '../../src/api/app.ts';
import { runCli } from '../../src/cli/main.ts';
import { importFiles } from '../../src/ingest/index.ts';
import { releaseDiff } from '../../src/queries/release-diff.ts';
import { WRITE_LOCK } from '../../src/store/clickhouse/lock.ts';
import { type ClickHouseStore, TRADE_FLOWS_LOCAL } from '../../src/store/clickhouse.ts';
import type { Store } from '../../src/store/db.ts';
import { flowTotalsReady } from '../../src/store/flow-totals.ts';
import { sql } from '../../src/store/sql.ts';
import { type ClickHouseCluster, hasClickHouse } from '../clickhouse-server.ts';
import { repoRoot } from '../shared.ts';
import { BACI_HEADER, baciTotals, RELEASE_A, RELEASE_B, RELEASE_C } from '../support/baci-releases.ts';
import { type FilledCluster, mutationsDone, rowsPerServer, startFilledCluster } from '../support/cluster.ts';
import { differences } from './json-differences.ts';

const SERVICES = join(repoRoot, 'test', 'fixtures', 'comtrade-services', 'services_ebops2010_2021_2022.csv');

const now = () => new Date('2026-11-23T00:00:00Z');

describe.skipIf(!hasClickHouse())('writes on a ClickHouse cluster give what they give on DuckDB', () => {
  let filled: FilledCluster;
  let cluster: ClickHouseCluster;
  let ch: ClickHouseStore;
  let duck: Store;
  let dir: string;
  let url: string;
  let apis: { onDuck: Api; onCh: Api };

  beforeAll(async () => {
    // The reference data (baskets, countries, the EBOPS tree …) comes to the cluster by push.
    filled = await startFilledCluster();
    ({ cluster, ch, reference: duck, storeUrl: url } = filled);
    dir = mkdtempSync(join(tmpdir(), 'lantern-ch-writes-'));
    apis = {
      onDuck: await createApi({ store: duck, log: () => {} }),
      onCh: await createApi({ store: ch, log: () => {} }),
    };
  });

  afterAll(async () => {
    await filled?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Writes `text` as `name` in a folder of its own (the same name twice is a new release of one file). */
  function file(folder: string, name: string, text: string): string {
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, folder, name), text);
    return join(dir, folder, name);
  }

  /** The same GET on both stores: equal bodies (numbers to 1e-9 relative). */
  async function sameAnswers(paths: string[]): Promise<void> {
    for (const path of paths) {
      const [a, b] = await Promise.all([apis.onCh.app.request(`/api/v1${path}`), apis.onDuck.app.request(`/api/v1${path}`)]);
      expect(b.status, `${path} on DuckDB`).toBe(200);
      const body = await a.json();
      expect(a.status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
      expect(differences(body, await b.json()), path).toEqual([]);
    }
  }

  it('import --replace: the new run replaces the old, whose rows and summaries leave the local tables; the diff equals DuckDB’s', async () => {
    const a = file('a', 'BACI_HS17_Y2019.csv', RELEASE_A);
    const b = file('b', 'BACI_HS17_Y2019.csv', RELEASE_B);
    for (const store of [duck, ch]) {
      await importFiles(store, [a], { release: 'V202401', hsEdition: 'HS2017', now });
      const [s] = await importFiles(store, [b], { release: 'V202501', hsEdition: 'HS2017', replace: true, now });
      expect(s, store.dialect.name).toMatchObject({ runId: 2, status: 'replaced', replacedRuns: [1] });
    }
    const runs = await ch.query<{ id: number; replaced_by: number | null }>(sql`select id, replaced_by from import_runs order by id`);
    expect(runs.map((r) => [Number(r.id), r.replaced_by === null ? null : Number(r.replaced_by)])).toEqual([[1, 2], [2, null]]);
    await mutationsDone(ch);
    expect(await rowsPerServer(ch, TRADE_FLOWS_LOCAL, 'run_id = 1')).toEqual([0, 0]);
    for (const t of ['flow_totals', 'flow_country_totals', 'flow_pair_totals', 'flow_summary_runs']) {
      expect(await rowsPerServer(ch, t, 'run_id = 1'), t).toEqual([0, 0]);
      expect(Math.min(...(await rowsPerServer(ch, t, 'run_id = 2'))), t).toBeGreaterThan(0);
    }
    // Each server keeps the replaced rows' keys and values for diffs.
    expect(await rowsPerServer(ch, 'replaced_flows', 'run_id = 1')).toEqual([4, 4]);
    const [live] = await ch.query<{ n: number; v: number }>(sql`select count() as n, sum(value_usd) as v from trade_flows`);
    expect([Number(live?.n), Number(live?.v)]).toEqual([baciTotals(RELEASE_B).rows, baciTotals(RELEASE_B).usd]);

    // The diff, by release name and by run id, in the library and the API.
    const d = await releaseDiff(ch, { a: 'V202401', b: 'V202501' });
    expect(d.totals).toMatchObject({
      rows_a: baciTotals(RELEASE_A).rows,
      rows_b: baciTotals(RELEASE_B).rows,
      value_a: baciTotals(RELEASE_A).usd,
      value_b: baciTotals(RELEASE_B).usd,
      added: { rows: 1, value: 5000 },
      removed: { rows: 1, value: 10000 },
      revised: { rows: 2, value_a: 300000, value_b: 330000 },
      unchanged: { rows: 1, value: 40000 },
    });
    for (const by of ['reporter', 'year', 'product'] as const) {
      expect(differences(await releaseDiff(ch, { a: '1', b: '2', by, top: 3 }), await releaseDiff(duck, { a: '1', b: '2', by, top: 3 })), by).toEqual([]);
    }
    await sameAnswers(['/diff?a=1&b=2', '/diff?a=V202401&b=V202501&by=product&top=2', '/datasets?all=true']);
  });

  it('a replace that fails before its commit leaves the old run as it was', async () => {
    const c = file('c', 'BACI_HS17_Y2019.csv', RELEASE_C);
    const before = await releaseDiff(ch, { a: '1', b: '2' });
    const err = await importFiles(ch, [c], {
      release: 'V202601',
      hsEdition: 'HS2017',
      replace: true,
      now,
      cluster: {
        beforeCommit: () => {
          throw new Error('the replace died here');
        },
      },
    }).catch((e: unknown) => e);
    expect(String(err)).toMatch(/the replace died here/);
    const runs = await ch.query<{ id: number; replaced_by: number | null }>(sql`select id, replaced_by from import_runs order by id`);
    expect(runs.map((r) => [Number(r.id), r.replaced_by === null ? null : Number(r.replaced_by)])).toEqual([[1, 2], [2, null]]);
    await mutationsDone(ch);
    expect(await rowsPerServer(ch, TRADE_FLOWS_LOCAL, 'run_id = 3')).toEqual([0, 0]);
    expect(await rowsPerServer(ch, 'flow_totals', 'run_id = 3')).toEqual([0, 0]);
    // Run 2's rows were copied for the replace, then taken back; run 1's stay.
    expect(await rowsPerServer(ch, 'replaced_flows', 'run_id = 2')).toEqual([0, 0]);
    expect(await rowsPerServer(ch, 'replaced_flows', 'run_id = 1')).toEqual([4, 4]);
    const [live] = await ch.query<{ v: number }>(sql`select sum(value_usd) as v from trade_flows`);
    expect(Number(live?.v)).toBe(baciTotals(RELEASE_B).usd);
    expect(differences(await releaseDiff(ch, { a: '1', b: '2' }), before)).toEqual([]);
  });

  it('two imports at once both land, with their own run ids and every row', async () => {
    const texts = [
      `${BACI_HEADER}2021,156,842,970110,7,1\n2021,156,392,490199,3,1\n2022,156,842,970110,9,1\n`,
      `${BACI_HEADER}2021,842,156,970110,11,1\n2022,392,156,490199,13,1\n2022,276,156,950300,17,1\n`,
    ];
    const paths = texts.map((t, i) => file(`p${i}`, `BACI_HS17_Y2021_V20260${i + 1}.csv`, t));
    const results = await Promise.all(paths.map((p) => importFiles(ch, [p], { now })));
    const ids = results.map((r) => r[0]?.runId);
    expect([...ids].sort()).toEqual([3, 4]);
    for (const [i, t] of texts.entries()) {
      const [got] = await ch.query<{ n: number; v: number }>(sql`select count() as n, sum(value_usd) as v from trade_flows where run_id = ${ids[i] as number}`);
      expect([Number(got?.n), Number(got?.v)]).toEqual([baciTotals(t).rows, baciTotals(t).usd]);
    }
    expect(await ch.tables().then((ts) => ts.some((t) => t.name === WRITE_LOCK))).toBe(false);
    // DuckDB gets them in the order the cluster numbered them, so run ids agree.
    const order = [...paths.keys()].sort((x, y) => (ids[x] as number) - (ids[y] as number));
    for (const i of order) await importFiles(duck, [paths[i] as string], { now });

    // Summaries: written by the cluster import for each live run, read there as on DuckDB.
    expect(await flowTotalsReady(ch, [2, 3, 4])).toBe(true);
    const sums = async (s: Store) =>
      (await s.query<{ run_id: number; side: string; country: string; v: number }>(
        sql`select run_id, side, country, sum(v) as v from flow_country_totals group by run_id, side, country order by run_id, side, country`,
      )).map((r) => [Number(r.run_id), r.side, r.country, Number(r.v)]);
    expect(await sums(ch)).toEqual(await sums(duck));
    await sameAnswers([
      '/indicators/value/values?country=CHN&from=2019&to=2022',
      '/indicators/rca/values?country=CHN&from=2021&to=2022&by=product',
      '/indicators/world-share/values?country=CHN,USA&from=2019&to=2022',
      '/profiles/country/CHN?years=2019-2022',
      '/markets?exporter=CHN&year=2022',
    ]);
  });

  it('a lock a killed writer left: the next import says who holds it and how to release it', async () => {
    await ch.run(`CREATE TABLE ${ch.qualified(WRITE_LOCK)} (what String, host String, pid UInt32, since DateTime) ENGINE = Log`);
    await ch.insert(ch.initiator, WRITE_LOCK, 'import\tsome-other-host\t4242\t2026-11-23 00:00:00\n', 'TabSeparated');
    const path = file('locked', 'BACI_HS17_Y2023_V202601.csv', `${BACI_HEADER}2023,156,842,970110,1,1\n`);
    const out: string[] = [];
    const err: string[] = [];
    const effects = (env: Record<string, string>) => ({ stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), env: { LANTERN_STORE: url, ...env }, cwd: '.', now });
    // Give up at once instead of waiting for the holder (the setting clusterLockWaitMs, set as a user would).
    expect(await runCli(['import', path], effects({ LANTERN_CLUSTER_LOCK_WAIT_MS: '0' }))).toBe(1);
    expect(err.join('')).toMatch(/write lock[\s\S]*import \(pid 4242 on some-other-host\)[\s\S]*lantern cluster unlock/);
    expect(Number((await ch.query<{ n: number }>(sql`select count() as n from import_runs`))[0]?.n)).toBe(4);
    // Released by hand, the same import lands.
    const servers = ['--clickhouse', cluster.urls.join(','), '--cluster', cluster.cluster];
    expect(await runCli(['cluster', 'unlock', ...servers], effects({}))).toBe(0);
    expect(out.join('')).toMatch(/released/);
    expect(await runCli(['import', path, '--output', 'json'], effects({}))).toBe(0);
    expect(Number((await ch.query<{ n: number }>(sql`select count() as n from trade_flows where run_id = 5`))[0]?.n)).toBe(1);
    await importFiles(duck, [path], { now });
  });

  it('writes other than imports are refused on a cluster, naming the command and the way round; nothing changes', async () => {
    const rowsOf = async () =>
      Promise.all(
        ch.urls.map(async (u) =>
          (await ch.queryOn<{ t: string; n: number }>(u, sql`select table as t, sum(rows) as n from system.parts where database = 'lantern' and active group by table order by table`, { database: null })).map(
            (r) => `${r.t}:${r.n}`,
          ),
        ),
      );
    const before = await rowsOf();
    const figures = file('official', 'figures.csv', 'indicator,year,value,unit,source_url\ncultural_exports,2021,1,USD,https://example.org\n');
    const writes = [
      ['token', 'create', '--name', 'alice'],
      ['basket', 'add', 'festive', '--codes', '950510,940540', '--edition', 'HS2017', '--domain', 'celebration'],
      ['official', 'load', figures, '--country', 'KOR'],
      ['registry', 'add', 'agreement', '--file', join(repoRoot, 'test', 'fixtures', 'registry', 'agreement.json'), '--token', 'not-checked'],
      ['registry', 'remove', 'agreement', '1', '--token', 'not-checked'],
    ];
    for (const argv of writes) {
      const err: string[] = [];
      const effects = { stdout: () => {}, stderr: (s: string) => err.push(s), env: { LANTERN_STORE: url }, cwd: '.', now };
      const name = argv.slice(0, 2).join(' ');
      expect(await runCli(argv, effects), name).toBe(1);
      expect(err.join(''), name).toMatch(new RegExp(`lantern ${name}\` writes to the store[\\s\\S]*--db FILE[\\s\\S]*lantern cluster push`));
    }
    expect(await rowsOf()).toEqual(before);
  });

  it('services: the EBOPS tables come with push, and services answers agree', async () => {
    const names = new Set((await ch.tables()).map((t) => t.name));
    expect(['services_codes', 'services_ancestors'].filter((t) => !names.has(t))).toEqual([]);
    for (const store of [duck, ch]) await importFiles(store, [SERVICES], { now });
    const [held] = await ch.query<{ n: number }>(sql`select count() as n from trade_flows where type_code = 'S'`);
    expect(Number(held?.n)).toBeGreaterThan(0);
    // One services answer (the SQL that reads services rows once per flow is slow on 18.16; the
    // profiles run the same scans): the basket's value per country, as DuckDB gives it.
    await sameAnswers(['/indicators/value/values?country=DEU,FRA&from=2022&basket=cultural-services']);
  });
});
