/**
 * End-to-end: the dashboard in real Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
 * against `lantern serve`'s server on loopback, on the fixture world (test/fixtures/api). Each page
 * is opened, charts must draw marks with the right axis labels, the map must colour the partner
 * countries, the language toggle must change labels, the provenance panel must open. Screenshots go
 * to test/e2e/screenshots/ (git-ignored) for review.
 *
 * Skips with a message when /usr/bin/chromium is absent — never under CI=true.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/api/server.ts';
import { firstPageRequests } from '../../src/cli/commands/serve.ts';
import { ensureWebBuild } from '../../src/api/web-assets.ts';
import type { Store } from '../../src/store/db.ts';
import { openFixtureStore } from '../integration/api-fixture.ts';
import { repoRoot } from '../shared.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
  console.warn(`skipping the e2e dashboard tests: ${CHROMIUM} is absent (apt-get install -y chromium)`);
}
const shots = join(repoRoot, 'test', 'e2e', 'screenshots');

interface Served {
  store: Store;
  server: RunningServer;
}
async function serve(opts: Parameters<typeof openFixtureStore>[0]): Promise<Served> {
  const store = await openFixtureStore(opts);
  const server = await startServer({ store, dbPath: 'fixture.duckdb', port: 0, host: '127.0.0.1', log: () => {} });
  return { store, server };
}

let main: Served;
let empty: Served;
let synthetic: Served;
let context: BrowserContext;
let userDir: string;

describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await ensureWebBuild();
    [main, empty, synthetic] = await Promise.all([serve({}), serve({ empty: true }), serve({ release: 'synthetic-seed-7' })]);
    userDir = mkdtempSync(join(tmpdir(), 'lantern-e2e-'));
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
    for (const s of [main, empty, synthetic]) {
      await s?.server.close();
      await s?.store.close();
    }
    if (userDir) rmSync(userDir, { recursive: true, force: true });
  });

  async function open(path: string, on: Served = main): Promise<Page> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The server's Content-Security-Policy must not block anything the dashboard does.
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
    });
    await page.goto(new URL(path, on.server.url).href);
    await page.waitForSelector('.page[data-ready], .error-box, .empty-store', { timeout: 300_000 });
    const errorBoxes = await page.locator('.error-box').allTextContents();
    expect(errorBoxes, `error box on ${path}`).toEqual([]);
    expect(errors, `page errors on ${path}`).toEqual([]);
    return page;
  }

  const axisLabels = (page: Page, chart: string) =>
    page.locator(`[data-chart="${chart}"] svg [aria-label$="axis label"] text, [data-chart="${chart}"] svg [aria-label$="axis label"]`).allTextContents();

  it('Overview: headline numbers, trend lines, treemap, map of partners, provenance', async () => {
    const page = await open('/?country=CHN&basket=unesco-fcs-2009&from=2015&to=2022');
    // CHN exports 2022 of the basket: 100 × 3.35 × 4.6 × 1.35 × 1000 = 2,080,350 US$ → "US$2.1 m".
    const kpis = await page.locator('.kpi').allTextContents();
    expect(kpis.join(' | ')).toContain('US$2.1 m');
    expect(kpis.join(' | ')).toContain('#1');
    // Trend: three series (exports, imports, balance) drawn as lines, with labelled axes.
    const lines = await page.locator('[data-chart="trend"] svg g[aria-label="line"] path').count();
    expect(lines).toBe(3);
    const labels = (await axisLabels(page, 'trend')).join(' ');
    expect(labels).toContain('Year');
    expect(labels).toContain('Value (US$)');
    // Treemap: one rectangle per cultural domain with exports (5 in the fixture).
    expect(await page.locator('[data-chart="treemap"] svg rect').count()).toBe(5);
    // Map: the six partners coloured, the subject country marked.
    const coloured = await page.locator('[data-chart="map"] svg path.has-value').evaluateAll((els) => els.map((e) => e.getAttribute('data-iso3')).sort());
    expect(coloured).toEqual(['DEU', 'FRA', 'GBR', 'JPN', 'KOR', 'USA']);
    expect(await page.locator('[data-chart="map"] svg path.subject[data-iso3="CHN"]').count()).toBe(1);
    await page.screenshot({ path: join(shots, 'overview-en.png'), fullPage: true });
    // Provenance: a number opens the panel naming the import run's file.
    await page.locator('.kpi button.num.prov').first().click();
    await page.waitForSelector('#provenance dl.run');
    const prov = await page.locator('#provenance').textContent();
    expect(prov).toContain('BACI_HS07_V202401.csv');
    expect(prov).toContain('baci');
    await page.screenshot({ path: join(shots, 'overview-provenance.png') });
    await page.close();
  });

  it('the first page asks exactly what `lantern serve` computes in advance', async () => {
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/v1/')) asked.push(`${u.pathname}${u.search}`);
    });
    await page.goto(main.server.url);
    await page.waitForSelector('.page[data-ready]');
    // CHN: the fixture's largest reporter, where the dashboard opens
    expect([...new Set(asked)].sort()).toEqual(firstPageRequests('CHN').sort());
    await page.close();
  });

  it('downloads charts as SVG and PNG and tables as CSV', async () => {
    const page = await open('/?country=CHN&basket=unesco-fcs-2009&from=2021&to=2022');
    const trend = page.locator('section.card', { has: page.locator('[data-chart="trend"]') });
    const [svg] = await Promise.all([page.waitForEvent('download'), trend.locator('button[data-dl="svg"]').click()]);
    expect(svg.suggestedFilename()).toBe('trend-CHN.svg');
    const svgText = readFileSync((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('Value (US$)');
    const [png] = await Promise.all([page.waitForEvent('download'), trend.locator('button[data-dl="png"]').click()]);
    expect(png.suggestedFilename()).toBe('trend-CHN.png');
    expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
    const [csv] = await Promise.all([page.waitForEvent('download'), trend.locator('button[data-dl="csv"]').click()]);
    const lines = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
    // Header and one row per year: 2021 exports = 100 × 3.35 × 4.6 × 1.30 × 1000 = 2,003,300.
    expect(lines[0]).toBe('year,exports,imports,balance');
    const [year, exports] = lines[1]!.split(',').map(Number);
    expect(year).toBe(2021);
    expect(exports).toBeCloseTo(2_003_300, 3);
    await page.close();
  });

  it('switching language changes labels (and the URL keeps it)', async () => {
    const page = await open('/?country=CHN&basket=unesco-fcs-2009');
    expect(await page.locator('nav a[data-page="overview"]').textContent()).toBe('Overview');
    // The basket menu names a domain in the page's language; its value stays the slug.
    const books = page.locator('select[data-control="basket"] option[value="unesco-fcs-2009:books"]');
    expect((await books.textContent())?.trim()).toMatch(/› Books and Press$/);
    const fcs = page.locator('select[data-control="basket"] option[value="unesco-fcs-2009"]');
    expect((await fcs.textContent())?.trim()).toMatch(/^UNESCO Framework for Cultural Statistics 2009/);
    await page.click('#lang-toggle');
    await page.waitForSelector('.page[data-ready]');
    await page.waitForFunction(() => document.querySelector('nav a[data-page="overview"]')?.textContent === '概览');
    expect(page.url()).toContain('lang=zh');
    await page.waitForFunction(() => /› 书籍和报刊$/.test(document.querySelector('select[data-control="basket"] option[value="unesco-fcs-2009:books"]')?.textContent ?? ''));
    // The bundled basket's own name in Chinese too.
    expect((await books.textContent())?.trim()).toMatch(/^联合国教科文组织 2009 年文化统计框架——文化产品（表 3） › 书籍和报刊$/);
    expect((await fcs.textContent())?.trim()).toBe('联合国教科文组织 2009 年文化统计框架——文化产品（表 3）');
    expect(await books.count()).toBe(1);
    const kpiLabels = await page.locator('.kpi-label').allTextContents();
    expect(kpiLabels).toContain('出口');
    expect((await axisLabels(page, 'trend')).join(' ')).toContain('年份');
    await page.screenshot({ path: join(shots, 'overview-zh.png'), fullPage: true });
    // And back: the choice is remembered, so switch back for the other tests.
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.querySelector('nav a[data-page="overview"]')?.textContent === 'Overview');
    expect(page.url()).not.toContain('lang=zh');
    await page.close();
  });

  it('Country profile, Product, Bilateral, Compare draw their charts', async () => {
    const cases: [string, string, string, string][] = [
      ['/country?country=USA&basket=unesco-fcs-2009', 'rca', 'RCA (Balassa)', 'country'],
      ['/product?basket=unesco-fcs-2009', 'top.exporters', 'Value (US$)', 'product'],
      ['/bilateral?a=CHN&b=USA&basket=unesco-fcs-2009', 'trend', 'Year', 'bilateral'],
      ['/compare?countries=CHN,USA,DEU&indicator=value&basket=unesco-fcs-2009', 'compare', 'Year', 'compare'],
    ];
    for (const [path, chart, label, name] of cases) {
      const page = await open(path);
      const marks = await page.locator(`[data-chart="${chart}"] svg g[aria-label] > *`).count();
      expect(marks, `${path}: marks`).toBeGreaterThan(0);
      expect((await axisLabels(page, chart)).join(' '), `${path}: axis label`).toContain(label);
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
      await page.close();
    }
  });

  it('Compare draws one line per country', async () => {
    const page = await open('/compare?countries=CHN,USA,DEU&indicator=value&basket=unesco-fcs-2009');
    expect(await page.locator('[data-chart="compare"] svg g[aria-label="line"] path').count()).toBe(3);
    // Wide table: a column per country (named), values formatted in the unit, the unit in words.
    const heads = await page.locator('[data-table="compare-wide"] th').allTextContents();
    expect(heads.map((x) => x.replace(/[ ▲▼]+$/, ''))).toEqual(['Year', 'China (CHN)', 'United States (USA)', 'Germany (DEU)']);
    expect(await page.locator('[data-table="compare-wide"] tbody tr').first().textContent()).toMatch(/US\$/);
    expect(await page.locator('h2').allTextContents()).toContainEqual(expect.stringContaining('(US dollars)'));
    // The side selector goes into the URL and the title.
    await page.selectOption('select[data-control="side"]', 'import');
    await page.click('form.controls button[type="submit"]');
    await page.waitForURL(/side=import/);
    await page.waitForSelector('.page[data-ready]');
    expect(await page.locator('h2').first().textContent()).toContain('Imports');
    await page.close();
  });

  it('Market finder: bubbles, sortable table, state in the URL', async () => {
    const page = await open('/markets?exporter=CHN&basket=unesco-fcs-2009&year=2022');
    // Six markets (every other economy): six bubbles, six rows.
    expect(await page.locator('[data-chart="bubble"] svg g[aria-label="dot"] circle').count()).toBe(6);
    expect(await page.locator('table.data tbody tr').count()).toBe(6);
    // Sorted by market size: USA first (265 × 1.0 > others).
    expect(await page.locator('table.data tbody tr').first().textContent()).toContain('USA');
    await page.click('th[data-key="exporter_share"]');
    expect(page.url()).toContain('sort=exporter_share');
    const xLabel = (await axisLabels(page, 'bubble')).join(' ');
    expect(xLabel).toContain('Market size');
    // Map of unrealised potential: exactly the markets the API gives an unrealised value above 0,
    // and the exporter marked.
    const api = (await (await fetch(new URL('/api/v1/markets?exporter=CHN&basket=unesco-fcs-2009&year=2022&limit=500', main.server.url))).json()) as {
      rows: { market: string; unrealised: number | null }[];
    };
    const room = api.rows.filter((r) => (r.unrealised ?? 0) > 0).map((r) => r.market).sort();
    expect(room.length).toBeGreaterThan(0);
    const shaded = await page.locator('[data-chart="potential-map"] svg path.has-value').evaluateAll((els) => els.map((e) => e.getAttribute('data-iso3')).sort());
    expect(shaded).toEqual(room);
    expect(await page.locator('[data-chart="potential-map"] svg path.subject[data-iso3="CHN"]').count()).toBe(1);
    await page.screenshot({ path: join(shots, 'markets.png'), fullPage: true });
    await page.close();
    // Filter: CHN's share is 100/(Σ masses of the market's suppliers): USA 100/265 = 37.7%,
    // DEU 100/295 = 33.9%, JPN 100/305 = 32.8%, FRA 100/315 = 31.7%, GBR 100/320 = 31.3%,
    // KOR 100/325 = 30.8%. At most 33% keeps JPN, FRA, GBR and KOR.
    const filtered = await open('/markets?exporter=CHN&basket=unesco-fcs-2009&year=2022&maxShare=0.33');
    const markets = await filtered.locator('table.data tbody tr td:first-child').allTextContents();
    expect(markets.map((m) => m.slice(-4, -1)).sort()).toEqual(['FRA', 'GBR', 'JPN', 'KOR']);
    expect(await filtered.locator('input[name="maxShare"]').inputValue()).toBe('33');
    await filtered.close();
  });

  it('titles name the basket or product in the page’s language, never its id (Market finder, Product / basket)', async () => {
    const baskets = (await (await fetch(new URL('/api/v1/baskets', main.server.url))).json()) as { rows: { id: string; name: string; nameZh: string | null }[] };
    const fcs = baskets.rows.find((b) => b.id === 'unesco-fcs-2009')!;
    const markets = await open('/markets?exporter=CHN&basket=unesco-fcs-2009&year=2022');
    expect(await markets.locator('h1').textContent()).toBe(`Market finder: ${fcs.name}`);
    expect(await markets.locator('h2', { hasText: /^Market finder — / }).textContent()).toMatch(/^Market finder — China 2022/);
    await markets.close();
    const zh = await open('/product?basket=unesco-fcs-2009:books&lang=zh');
    expect(await zh.locator('h1').textContent()).toMatch(new RegExp(`^产品 / 产品篮: ${fcs.nameZh} › 书籍和报刊 \\d{4}–\\d{4}$`));
    await zh.close();
    // A code with Lantern's Chinese name (data/hs/names-zh.csv), not the English one.
    const names = (await (await fetch(new URL('/api/v1/hs/names?codes=4901', main.server.url))).json()) as { rows: { description_zh: string | null }[] };
    const book = await open('/product?product=4901&lang=zh');
    expect(await book.locator('h1').textContent()).toContain(`HS 4901 · ${names.rows[0]!.description_zh}`);
    await book.close();
  });

  it('Official figures: series of different scope in separate panels, with source links', async () => {
    const page = await open('/official?country=CHN');
    expect(await page.locator('h1').textContent()).toBe('Official figures — China (CHN)');
    const scopes = Number(await page.locator('[data-chart="official"]').getAttribute('data-scopes'));
    expect(scopes).toBeGreaterThan(1);
    // One panel (its own chart and axis) per scope.
    expect(await page.locator('[data-chart="official"] figure.panel').count()).toBe(scopes);
    // A scope with one published year is shown as the number, the others as a chart with lines.
    const single = await page.locator('[data-chart="official"] figure.panel [data-single]').count();
    expect(single).toBeGreaterThan(0);
    expect(await page.locator('[data-chart="official"] figure.panel svg g[aria-label="line"]').count()).toBe(scopes - single);
    const scopeNames = await page.locator('[data-chart="official"] figure.panel').evaluateAll((els) => els.map((e) => e.getAttribute('data-scope')));
    expect(new Set(scopeNames).size).toBe(scopes);
    expect(await page.locator('table.data a[href^="http"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, 'official.png'), fullPage: true });
    await page.close();
  });

  it('Data: import runs with provenance, baskets', async () => {
    const page = await open('/data');
    const text = await page.locator('main').textContent();
    expect(text).toContain('BACI_HS07_V202401.csv');
    expect(text).toContain('unesco-fcs-2009');
    // A basket's domains by name, not slug.
    expect(text).toContain('Books and Press');
    // The tables a user reads, each with what it holds (trade_flows, a view, too); the storage
    // behind the views and the summaries (flow_basket_rows_named, baci_basket_rows) only counted.
    const tables = page.locator('#store-tables');
    const trade = tables.locator('tr', { has: page.locator('td code', { hasText: /^trade_flows$/ }) });
    expect(await trade.locator('td').allInnerTexts()).toEqual(['trade_flows', 'view', expect.stringMatching(/^[\d,]+$/), expect.stringContaining('Trade rows of every import')]);
    const names = await tables.locator('td code').allInnerTexts();
    expect(names).toEqual(expect.arrayContaining(['import_runs', 'official_series', 'registry_institutions']));
    for (const internal of ['flow_basket_rows_named', 'baci_basket_rows', 'flow_basket_rows', 'schema_migrations']) expect(names).not.toContain(internal);
    expect(await tables.locator('[data-none="internal-tables"]').textContent()).toMatch(/^\d+ more tables and views are internal/);
    await page.screenshot({ path: join(shots, 'data.png'), fullPage: true });
    await page.close();
    // In Chinese: the headers, the kind and each line.
    const zh = await open('/data?lang=zh');
    const zhTables = zh.locator('#store-tables');
    expect((await zhTables.locator('th').allInnerTexts()).map((x) => x.replace(/[ ▲▼]+$/, ''))).toEqual(['表', '类型', '行数', '内容']);
    const zhTrade = zhTables.locator('tr', { has: zh.locator('td code', { hasText: /^trade_flows$/ }) });
    expect(await zhTrade.locator('td').nth(1).innerText()).toBe('视图');
    expect(await zhTrade.locator('td').nth(3).innerText()).toMatch(/贸易记录/);
    expect(await zh.locator('dl.coverage dt').allInnerTexts()).toContain('存储');
    await zh.close();
  });

  it('the API page lists the endpoints and links the OpenAPI document', async () => {
    const page = await context.newPage();
    await page.goto(new URL('/api', main.server.url).href);
    expect(await page.locator('section.op').count()).toBeGreaterThan(20);
    expect(await page.locator('a[href="/api/v1/openapi.json"]').count()).toBe(1);
    await page.screenshot({ path: join(shots, 'api-page.png') });
    await page.close();
  });

  it('an empty store says so on trade pages and still shows official figures', async () => {
    const page = await open('/?country=CHN', empty);
    expect(await page.locator('.empty-store').textContent()).toContain('lantern import');
    await page.waitForSelector('.page[data-ready]');
    expect(await page.locator('.kpi').count()).toBeGreaterThan(0);
    // Each official figure says what it measures in words and whose it is, not the series keys ("export · creative_goods").
    for (const label of await page.locator('.kpi-label').allTextContents()) expect(label).toMatch(/^(Exports|Imports|Total trade|Total|Surplus|Deficit|Value|Turnover|Balance)[^_]* · [A-Z][^_]*$/);
    for (const caption of await page.locator('.kpi-caption').allTextContents()) expect(caption).toMatch(/^China · \d{4} · /);
    await page.screenshot({ path: join(shots, 'empty-overview.png'), fullPage: true });
    const zh = await open('/?country=CHN&lang=zh', empty);
    await zh.waitForSelector('.page[data-ready]');
    for (const label of await zh.locator('.kpi-label').allTextContents()) expect(label).toMatch(/^[\u4e00-\u9fff][^_a-z]* · [^_a-z]+$/);
    expect(await zh.locator('.kpi-caption').first().textContent()).toMatch(/^中国 · /);
    await zh.close();
    const markets = await open('/markets', empty);
    expect(await markets.locator('.empty-store').count()).toBe(1);
    await markets.close();
    await page.close();
  });

  it('synthetic data carries a banner on every page', async () => {
    for (const path of ['/', '/markets?exporter=CHN', '/official', '/data']) {
      const page = await open(path, synthetic);
      expect(await page.locator('.synthetic-banner').textContent(), path).toContain('Synthetic data');
      if (path === '/') await page.screenshot({ path: join(shots, 'synthetic-overview.png') });
      await page.close();
    }
  });
});
