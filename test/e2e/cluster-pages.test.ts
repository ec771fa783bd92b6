/**
 * The dashboard in real Chromium against a ClickHouse cluster: `lantern serve --store clickhouse://…`
 * (the built CLI as a process) on the 2-shard loopback cluster of Debian's clickhouse-server,
 * filled by one push of the API fixture world (test/fixtures/api, with every bundled reference table
 * and the registry); the same DuckDB file served beside it by the same server code. Every page of
 * the dashboard opens on both: no console errors, no failed API answers, no error boxes, and the
 * same figures — the page's API answers (bodies equal to 1e-9, the store's own description on
 * /status aside) and the texts of its headline figures and tables.
 *
 * No timing assertions: each page waits for its data-ready mark and an idle network. Skips with a
 * message when Chromium, clickhouse-server or the built CLI (npm run build) is absent — never under CI.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushToClickHouse } from '../../src/store/clickhouse/push.ts';
import { openClickHouseStore } from '../../src/store/clickhouse.ts';
import { type ClickHouseCluster, hasClickHouse, startClickHouseCluster } from '../clickhouse-server.ts';
import { differences } from '../integration/json-differences.ts';
import { openFixtureStore } from '../integration/api-fixture.ts';
import { repoRoot } from '../shared.ts';
import { clusterStoreUrl, type ServedCluster, serveCluster } from '../support/cluster.ts';
import { type Served, serveStore } from '../support/e2e-server.ts';
import { hasChromium as chromiumPresent, launchChromium, type Opened, openPage } from './harness.ts';

const built = existsSync(join(repoRoot, 'dist', 'cli', 'run.js'));
if (!built && process.env.CI !== 'true') console.warn('skipping the dashboard on a cluster: the CLI is not built (npm run build)');
const ready = chromiumPresent('the dashboard on a cluster') && hasClickHouse() && (built || process.env.CI === 'true');

/** Every page of the dashboard (web/src/pages/index.ts), on the fixture world's countries; two with a basket scope. */
const PAGES: [string, string][] = [
  ['overview', '/?country=CHN&basket=unesco-fcs-2009%40core'],
  ['country', '/country?country=CHN&basket=unesco-fcs-2009%40related'],
  ['product', '/product'],
  ['bilateral', '/bilateral'],
  ['compare', '/compare'],
  ['markets', '/markets?exporter=CHN'],
  ['hs', '/hs?parent=49'],
  ['complexity', '/complexity?country=CHN'],
  ['softpower', '/softpower'],
  ['official', '/official?country=CHN'],
  ['registry', '/registry'],
  ['data', '/data'],
];

/** Parts of an answer that describe the store itself, not the data: its kind and name, DuckDB's file tables. */
const STORE_DESCRIPTION = /^\/api\/v1\/status\b.*::(data\.store|data\.tables|rows)(\.|\[|$)/;

let cluster: ClickHouseCluster;
let duck: Served;
let onCluster: ServedCluster;
let browser: Browser;
let dir: string;

describe.runIf(ready)('the dashboard on a ClickHouse cluster shows what it shows on DuckDB', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lantern-e2e-cluster-'));
    const db = join(dir, 'fixture.duckdb');
    cluster = await startClickHouseCluster({ shards: 2 });
    const store = await openFixtureStore({ path: db });
    await pushToClickHouse(store, await openClickHouseStore({ urls: cluster.urls, cluster: cluster.cluster }));
    duck = await serveStore(store, db); // builds the dashboard if it is missing or stale
    onCluster = await serveCluster(clusterStoreUrl(cluster));
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await onCluster?.stop();
    await duck?.close();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The texts a reader compares: headline figures and table cells (the Data page's list of DuckDB file tables aside). */
  async function figures(o: Opened): Promise<{ kpis: string[]; cells: string[] }> {
    return {
      kpis: await o.page.locator('main .kpi-value').allInnerTexts(),
      cells: await o.page.locator('main section:not(#store-tables) table td').allInnerTexts(),
    };
  }

  it('every page: no errors, and the same API answers and figures as on DuckDB', async () => {
    const problems: string[] = [];
    let answersCompared = 0;
    let cellsCompared = 0;
    for (const [id, path] of PAGES) {
      const open = (base: string) => openPage(browser, base, path, 1366, 'en', { keepAnswers: true });
      const [ch, dk] = await Promise.all([open(onCluster.url), open(duck.server.url)]);
      for (const [where, o] of [['cluster', ch], ['DuckDB', dk]] as const) {
        for (const e of o.errors) problems.push(`${id} on ${where}: console: ${e}`);
        for (const f of o.failed) problems.push(`${id} on ${where}: API answered ${f}`);
        for (const b of await o.page.locator('.error-box').allInnerTexts()) problems.push(`${id} on ${where}: error box: ${b}`);
      }
      const asked = (o: Opened) => [...o.answers.keys()].sort();
      expect(asked(ch), `${id}: the requests the page made`).toEqual(asked(dk));
      // A scoped basket in the URL reaches the API (not the whole basket instead).
      const scope = /basket=unesco-fcs-2009%40(core|related)/.exec(path)?.[1];
      if (scope) expect(asked(dk).some((u) => decodeURIComponent(u).includes(`unesco-fcs-2009@${scope}`)), `${id}: asks for @${scope}`).toBe(true);
      for (const [url, body] of dk.answers) {
        const diffs = differences(ch.answers.get(url), body).filter((d) => !STORE_DESCRIPTION.test(`${url}::${d.split(':')[0]}`));
        if (diffs.length) problems.push(`${id} ${url}: ${diffs.slice(0, 3).join('; ')}`);
        answersCompared++;
      }
      const [seen, expected] = await Promise.all([figures(ch), figures(dk)]);
      if (JSON.stringify(seen) !== JSON.stringify(expected))
        problems.push(`${id}: figures on the page differ: ${JSON.stringify(differences(seen, expected).slice(0, 3))}`);
      cellsCompared += expected.cells.length + expected.kpis.length;
      // The Data page's store tables: DuckDB's file tables, and on a cluster where to find its own.
      if (id === 'data') expect(await ch.page.locator('#store-tables').innerText()).toMatch(/lantern cluster status/);
      await Promise.all([ch, dk].map((o) => o.page.context().close()));
    }
    expect(problems).toEqual([]);
    // The comparison compared something: every page asked the API, most showed figures.
    expect(answersCompared).toBeGreaterThan(PAGES.length * 2);
    expect(cellsCompared).toBeGreaterThan(100);
  }, 600_000);
});
