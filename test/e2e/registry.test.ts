/**
 * The registry page in real Chromium: the map of institutions with treaty partners shaded, the
 * counts next to the official figures, the timeline, and a detail page with the partner's trade
 * before and after the event. Server on loopback with a constructed store (bundled registry + the
 * known-effect trade fixture, whose exporter KOR has centres in FRA, DEU and JPN).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/api/server.ts';
import { webRoot } from '../../src/api/web-assets.ts';
import { ensureReferenceData } from '../../src/reference/index.ts';
import { createEntities, loadBundledRegistry } from '../../src/registry/index.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { BASKET, centres, loadEffectFixture, value } from '../fixtures/registry/effect-fixture.ts';
import { repoRoot } from '../shared.ts';

function findChromium(): string | undefined {
  for (const c of [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ]) {
    if (c && existsSync(c)) return c;
  }
  try {
    return (
      execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
        encoding: 'utf8',
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

const executablePath = findChromium();
if (!executablePath && process.env.CI === 'true')
  throw new Error('CI=true but Chromium is missing (.ci/run installs it)');
if (!executablePath) console.warn('skipping registry e2e: no Chromium found (set CHROMIUM_PATH)');

describe.skipIf(!executablePath)('registry page in Chromium', () => {
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dist: string;
  const errors: string[] = [];
  const shots = join(repoRoot, 'test', 'e2e', 'screenshots');

  beforeAll(async () => {
    // A build of our own in a temporary folder: test files run in parallel, and rebuilding the shared
    // web/dist (emptied first by Vite) under another e2e file's running server would break it.
    dist = mkdtempSync(join(tmpdir(), 'lantern-registry-web-'));
    const vite = await import('vite');
    await vite.build({
      root: webRoot,
      configFile: join(webRoot, 'vite.config.ts'),
      logLevel: 'warn',
      clearScreen: false,
      build: { outDir: dist, emptyOutDir: true },
    });
    mkdirSync(shots, { recursive: true });
    store = await openStore();
    await ensureReferenceData(store);
    await loadBundledRegistry(store);
    await loadEffectFixture(store);
    await createEntities(
      store,
      'institution',
      centres.map((value) => ({ value })),
      { actor: 'fixture', now: new Date('2026-11-23T00:00:00Z') },
    );
    server = await startServer({ store, dbPath: ':memory:', port: 0, webDist: dist, log: () => {} });
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(300_000);
    page.on('pageerror', (e) => errors.push(String(e)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  it('draws the map: every institution a marker, treaty partners shaded, the home country marked', async () => {
    await page.goto(`${server.url}registry?country=CHN`);
    await page.waitForSelector('svg.registry-map .marker');
    // 26 cultural centres + 11 export bases bundled for CHN (the KOR fixture centres are another country's).
    expect(await page.locator('svg.registry-map .marker').count()).toBe(37);
    expect(await page.locator('svg.registry-map circle.marker.cultural-centre').count()).toBe(26);
    expect(await page.locator('svg.registry-map rect.marker.export-base').count()).toBe(11);
    const shaded = await page
      .locator('svg.registry-map path.partner')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-iso3')));
    expect(shaded).toEqual(expect.arrayContaining(['FRA', 'RUS', 'BRA', 'AUS', 'IND']));
    expect(await page.locator('svg.registry-map path.home').getAttribute('data-iso3')).toBe('CHN');
    await page.screenshot({ path: join(shots, 'registry-overview.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('shows the official counts next to what the registry lists, and the timeline', async () => {
    const counts = page.locator('section:has(h2:text("Counts over time")) table tbody tr');
    const row = counts.filter({ hasText: '2015-12-31' });
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.locator('td').allTextContents();
    expect(cells).toEqual(expect.arrayContaining(['26', '25']));
    expect(await page.locator('[data-chart="registry-counts"] svg').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-chart="registry-timeline"] svg').count()).toBeGreaterThan(0);
    const timeline = await page.locator('section:has(h2:text("Timeline")) tbody tr').first().textContent();
    expect(timeline).toContain('1988');
    // The event study is labelled as descriptive (no CHN trade in this store: no estimate, said so).
    const effect = page.locator('[data-section="registry-effect"]');
    await expect.poll(() => effect.textContent()).toContain('DESCRIPTIVE, NOT CAUSAL');
    expect(await effect.textContent()).toContain('No estimate');
  });

  it('opens a detail page from a marker with the partner’s trade before and after the event', async () => {
    await page.goto(`${server.url}registry?country=KOR&basket=${BASKET}`);
    await page.waitForSelector('svg.registry-map .marker');
    await page
      .locator('svg.registry-map .marker[data-id="cultural-centre-fra-korean-cultural-centre-fra"]')
      .click();
    await page.waitForSelector('h1[data-detail="cultural-centre-fra-korean-cultural-centre-fra"]');
    expect(page.url()).toContain('view=detail');
    await page.waitForSelector('[data-chart="registry-trade"] svg');
    // The table under the chart, sorted by year: 2000–2020, exports to FRA as in the fixture.
    const rows = page.locator('[data-chart="registry-trade"] table tbody tr');
    expect(await rows.count()).toBe(21);
    const y2005 = await rows.filter({ hasText: /^2005/ }).locator('td').allTextContents();
    expect(y2005[0]).toBe('2005');
    // 1.5 × 100 × 1.05⁵ = 191.44… US$ (fmtUsd shows it rounded)
    expect(y2005[1]).toMatch(/191/);
    expect(value('FRA', 2005)).toBeCloseTo(191.44, 2);
    // The event year is marked on the chart: a vertical rule and its label.
    const chart = page.locator('[data-chart="registry-trade"] figure > svg');
    expect(await chart.locator('[aria-label="rule"]').count()).toBe(2);
    expect(await chart.locator('[aria-label="text"] text').allTextContents()).toEqual(['2005']);
    await page.screenshot({ path: join(shots, 'registry-detail.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('switches labels to Chinese', async () => {
    await page.goto(`${server.url}registry?country=CHN&lang=zh`);
    await page.waitForSelector('svg.registry-map .marker');
    // The home country by name, its code beside it.
    expect(await page.locator('h1').first().textContent()).toBe('文化贸易机构登记 — 中国 (CHN)');
  });
});
