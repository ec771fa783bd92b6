/**
 * End-to-end: the country profile's cultural-services panel in real Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core) against `lantern serve`'s server on loopback, on the
 * hand-made Comtrade services file (test/fixtures/comtrade-services, which also holds two goods
 * rows). The panel shows Germany's cultural services (EBOPS 2010) beside its goods, apart, with the
 * items named; a store without services rows shows a notice, not an error.
 *
 * Skips with a message when /usr/bin/chromium is absent — never under CI=true.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/index.ts';
import { prepareStore } from '../../src/setup.ts';
import { openStore } from '../../src/store/db.ts';
import { openFixtureStore } from '../integration/api-fixture.ts';
import { repoRoot } from '../shared.ts';
import { type Served, serveStore } from '../support/e2e-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
  console.warn(`skipping the e2e services panel test: ${CHROMIUM} is absent (apt-get install -y chromium)`);
}
const FILE = join(repoRoot, 'test', 'fixtures', 'comtrade-services', 'services_ebops2010_2021_2022.csv');

let services: Served;
let goodsOnly: Served;
let context: BrowserContext;
let userDir: string;

describe.skipIf(!hasChromium)('cultural services on the country profile, in Chromium', () => {
  beforeAll(async () => {
    const store = await openStore();
    await prepareStore(store);
    await importFiles(store, [FILE], { now: () => new Date('2026-11-23T00:00:00Z') });
    services = await serveStore(store, 'services.duckdb');
    goodsOnly = await serveStore(await openFixtureStore({}), 'fixture.duckdb');
    userDir = mkdtempSync(join(tmpdir(), 'lantern-e2e-services-'));
    context = await chromium.launchPersistentContext(userDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    // Playwright's 30 s default is a hang guard that a loaded machine can trip: waits are on conditions.
    context.setDefaultTimeout(300_000);
  });

  afterAll(async () => {
    await context?.close();
    for (const s of [services, goodsOnly]) await s?.close();
    if (userDir) rmSync(userDir, { recursive: true, force: true });
  });

  /** API paths each opened page asked for. */
  const asked = new Map<Page, string[]>();

  async function open(path: string, on: Served): Promise<Page> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    asked.set(page, []);
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) asked.get(page)!.push(u.pathname);
    });
    await page.goto(new URL(path, on.server.url).href);
    await page.waitForSelector('.page[data-ready], .error-box, .empty-store', { timeout: 300_000 });
    expect(await page.locator('.error-box').allTextContents(), `error box on ${path}`).toEqual([]);
    expect(errors, `page errors on ${path}`).toEqual([]);
    return page;
  }

  it('shows Germany’s cultural services beside its goods, apart, with EBOPS items named', async () => {
    const page = await open('/country?country=DEU&basket=all&from=2021&to=2022', services);
    const panel = page.locator('.services-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-trade')).toBe('services');
    // 2022: exports 330 (France) + 580 (US) + 25 (areas) = 935; imports 90 (the US report is coarser
    // than the basket's items); balance 845 — the fixture's README and the integration test.
    const kpis = (await panel.locator('.kpi').allTextContents()).join(' | ');
    expect(kpis).toContain('US$935');
    expect(kpis).toContain('US$90');
    expect(kpis).toContain('US$845');
    const items = (await panel.locator('table').textContent()) ?? '';
    expect(items).toContain('SK1 · Audio-visual and related services');
    expect(items).toContain('SI31 · News agency services');
    expect(items).not.toContain('SK11z');
    // The panel reads the store's classifications from the /status answer the page already holds.
    expect(asked.get(page)!.filter((p) => p === '/api/v1/status')).toHaveLength(1);
    // The goods headline above (all products) is the goods alone (7,000 of books), never goods + services.
    const goods = (await page.locator('.kpi').first().textContent()) ?? '';
    expect(goods).toContain('US$7 k');
    // A services number opens its provenance: the import run's file.
    await panel.locator('.kpi button.num.prov').first().click();
    await page.waitForSelector('#provenance dl.run');
    expect(await page.locator('#provenance').textContent()).toContain('services_ebops2010_2021_2022.csv');
    await page.close();
  });

  it('in Chinese, services items carry Lantern’s Chinese names next to their codes', async () => {
    const page = await open('/country?country=DEU&basket=all&from=2021&to=2022&lang=zh', services);
    const items = (await page.locator('.services-panel table').textContent()) ?? '';
    expect(items).toContain('SK1 · 视听及相关服务');
    expect(items).toContain('SI31 · 新闻社服务');
    await page.close();
  });

  it('a store without services rows shows a notice in the panel, not an error', async () => {
    const page = await open('/country?country=CHN&from=2021&to=2022', goodsOnly);
    await page.locator('.svc-none').waitFor();
    expect(await page.locator('.svc-none').textContent()).toMatch(/No services trade in the data/);
    await page.close();
  });
});
