/**
 * End-to-end on the demo world (`lantern demo`, seeded, 40,000 rows) in real Chromium, at a phone
 * (390 px) and a laptop (1366 px), in English and Chinese: every page fits the screen (no
 * horizontal overflow), chart labels stay inside their SVG, nothing is logged as an error; the
 * complexity page shows product names, lit products and opportunities, and its controls
 * round-trip through the URL; the market finder pages its table; a downloaded chart carries its
 * title, legend, units, source line, date and synthetic-data mark. Screenshots of every page in
 * both languages go to test/e2e/screenshots/ (git-ignored) for review.
 *
 * No timing assertions: each step waits for a condition (the page's data-ready mark) with a
 * generous limit. Skips with a message when /usr/bin/chromium is absent — never under CI=true.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../shared.ts';
import { type Served, serveDemo } from '../support/e2e-server.ts';
import { hasChromium as chromiumPresent, launchChromium, type Opened, openPage, pageProblems } from './harness.ts';

const hasChromium = chromiumPresent('the e2e views tests');
const shots = join(repoRoot, 'test', 'e2e', 'screenshots');

const PAGES: [string, string][] = [
  ['overview', '/?country=CHN'],
  ['country', '/country?country=CHN'],
  ['product', '/product'],
  ['bilateral', '/bilateral'],
  ['compare', '/compare'],
  ['markets', '/markets?exporter=CHN'],
  ['complexity', '/complexity?country=CHN'],
  ['hs', '/hs?parent=49'],
  ['official', '/official'],
  ['data', '/data'],
  ['softpower', '/softpower'],
  ['registry', '/registry'],
];

let demo: Served;
let browser: Browser;

describe.skipIf(!hasChromium)('dashboard views on the demo world', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    demo = await serveDemo(40_000, 'views');
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  const open = (path: string, width: number, lang: 'en' | 'zh'): Promise<Opened> => openPage(browser, demo.server.url, path, width, lang);

  it('every page at 390 and 1366 px, in English and Chinese: fits the screen, labels inside their charts, no errors', async () => {
    const problems: string[] = [];
    for (const width of [390, 1366]) {
      for (const lang of ['en', 'zh'] as const) {
        for (const [id, path] of PAGES) {
          const o = await open(path, width, lang);
          const page = o.page;
          problems.push(...(await pageProblems(o, `${id} ${width}px ${lang}`, width)));
          await page.screenshot({ path: join(shots, `${id}-${width}-${lang}.png`), fullPage: true });
          await page.context().close();
        }
      }
    }
    expect(problems).toEqual([]);
  }, 900_000);

  it('complexity: product names, lit products, opportunities; the controls round-trip through the URL', async () => {
    const { page } = await open('/complexity?country=CHN', 1366, 'en');
    // Product names next to codes in the opportunity table ("4901 · Printed books, …").
    const products = await page.locator('[data-table="opportunities"] tbody tr td:nth-child(2)').allTextContents();
    expect(products.length).toBeGreaterThan(0);
    expect(products.every((p) => /^\d{4} · \S/.test(p)), products.join(' | ')).toBe(true);
    // The table fits its card on a laptop: no column (world exports, the last) scrolled out of sight.
    const fit = await page.locator('[data-table="opportunities"] .table-wrap').evaluate((w) => w.scrollWidth - w.clientWidth);
    expect(fit).toBeLessThanOrEqual(0);
    // The space: every heading is a dot, China's RCA ≥ 1 products lit, cultural ones coloured.
    expect(await page.locator('[data-chart="product-space"] circle.lit').count()).toBeGreaterThan(10);
    expect(await page.locator('[data-chart="product-space"] circle.cultural').count()).toBeGreaterThan(10);
    // A country taking a tenth or more of the ranking's spread (ECI²/n, ECI z-scored) is named in a
    // note over the ranking, computed here from the API's ranking; no note when none does.
    const api = (await (await fetch(new URL('/api/v1/complexity/product-space?country=CHN&entry=atlas', demo.server.url))).json()) as {
      data: { ranking: { country: string; eci: number | null }[] };
    };
    const ranked = api.data.ranking.filter((r) => r.eci !== null);
    const far = ranked.filter((r) => r.eci! ** 2 / ranked.length >= 0.1).map((r) => r.country);
    const note = page.locator('[data-note="eci-concentrated"]');
    if (far.length) {
      const text = await note.textContent();
      for (const c of far) expect(text).toContain(`(${c})`);
    } else expect(await note.count()).toBe(0);
    // Controls → URL → controls.
    await page.fill('input[data-control="country"]', 'USA');
    await page.selectOption('select[data-control="list"]', 'all');
    await page.click('form.controls button[type="submit"]');
    await page.waitForURL(/country=USA/, { timeout: 60_000 });
    await page.waitForSelector('.page[data-ready]', { timeout: 120_000 });
    const url = new URL(page.url());
    expect(url.searchParams.get('country')).toBe('USA');
    expect(url.searchParams.get('list')).toBe('all');
    await page.reload();
    await page.waitForSelector('.page[data-ready]', { timeout: 120_000 });
    expect(await page.inputValue('input[data-control="country"]')).toBe('USA');
    expect(await page.inputValue('select[data-control="list"]')).toBe('all');
    expect(await page.locator('h2').allTextContents()).toContainEqual(expect.stringContaining('United States'));
    await page.context().close();
  }, 300_000);

  it('HS browser: chapters → headings through the URL, search by words; product names next to codes in the country page', async () => {
    const { page } = await open('/hs', 1366, 'en');
    expect(await page.locator('[data-table="hs"] tbody tr').count()).toBe(25);
    // Chapter 49 is on the second page of 25 chapters.
    if ((await page.locator('[data-table="hs"] a[data-code="49"]').count()) === 0) await page.click('.pager button[data-page="next"]');
    await page.click('[data-table="hs"] a[data-code="49"]');
    await page.waitForURL(/parent=49/, { timeout: 60_000 });
    await page.waitForSelector('.page[data-ready]', { timeout: 60_000 });
    const codes = await page.locator('[data-table="hs"] tbody tr td:first-child').allTextContents();
    expect(codes).toContain('4901');
    await page.goto(new URL('/hs?q=printed+books', demo.server.url).href);
    await page.waitForSelector('.page[data-ready]', { timeout: 60_000 });
    expect((await page.locator('[data-table="hs"] tbody').textContent())?.toLowerCase()).toContain('printed books');
    await page.goto(new URL('/country?country=CHN', demo.server.url).href);
    await page.waitForSelector('.page[data-ready]', { timeout: 60_000 });
    const top = await page.locator('section.card:has(h2:text-matches("Top products")) tbody tr td:first-child').allTextContents();
    expect(top.length).toBeGreaterThan(0);
    expect(top.every((x) => /^\d{6} · \S/.test(x)), top.join(' | ')).toBe(true);
    await page.context().close();
  }, 300_000);

  it('Chinese product names (Lantern’s own translation): HS browser search by Chinese words, names in tables, the treemap and the opportunities', async () => {
    const { page } = await open('/hs?q=%E9%92%A2%E7%90%B4', 1366, 'zh'); // 钢琴 (piano)
    const rows = await page.locator('[data-table="hs"] tbody tr').allTextContents();
    expect(rows.some((r) => r.startsWith('9201') && r.includes('钢琴'))).toBe(true);
    // An everyday word no HS name holds (灯笼, lantern) finds its headings, each saying why.
    await page.goto(new URL(`/hs?q=${encodeURIComponent('灯笼')}&lang=zh`, demo.server.url).href);
    await page.waitForSelector('.page[data-ready]', { timeout: 60_000 });
    const lantern = await page.locator('[data-table="hs"] tbody tr').allTextContents();
    expect(lantern.map((r) => r.slice(0, 4))).toEqual(['9405', '9505']);
    expect(await page.locator('[data-table="hs"] tbody tr [data-why]').allTextContents()).toEqual([expect.stringContaining('常用词“灯笼”'), expect.stringContaining('节日用品')]);
    await page.goto(new URL('/country?country=CHN&lang=zh', demo.server.url).href);
    await page.waitForSelector('.page[data-ready]', { timeout: 120_000 });
    // Every product of the demo world is a basket code, and every basket code has a Chinese name.
    const top = await page.locator('section.card:has(h2:text-matches("主要产品")) tbody tr td:first-child').allTextContents();
    expect(top.length).toBeGreaterThan(0);
    expect(top.filter((x) => !/^\d{6} · [\u4e00-\u9fff]/.test(x)), top.join(' | ')).toEqual([]);
    const labels = await page.locator('[data-chart="product-treemap"] svg a[data-code] text').allTextContents();
    expect(labels.some((l) => /^\d{4} [\u4e00-\u9fff]/.test(l)), labels.join(' | ')).toBe(true);
    const tip = await page.locator('[data-chart="product-treemap"] svg a[data-code] title').first().textContent();
    expect(tip).toMatch(/^\d{2,4} · [\u4e00-\u9fff]/);
    await page.goto(new URL('/complexity?country=CHN&lang=zh', demo.server.url).href);
    await page.waitForSelector('.page[data-ready]', { timeout: 120_000 });
    const opps = await page.locator('[data-table="opportunities"] tbody tr td:nth-child(2)').allTextContents();
    expect(opps.filter((p) => !/^\d{4} · [\u4e00-\u9fff]/.test(p)), opps.join(' | ')).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('money axes start at zero: the trend, bilateral and compare lines', async () => {
    for (const [path, chart] of [['/country?country=CHN', 'trend'], ['/bilateral', 'trend'], ['/compare', 'compare']] as const) {
      const { page } = await open(path, 1366, 'en');
      const ticks = await page.locator(`[data-chart="${chart}"] svg g[aria-label="y-axis tick label"] text`).allTextContents();
      expect(ticks, `${path}: ${ticks.join(' ')}`).toContain('0');
      await page.context().close();
    }
  }, 300_000);

  it('a one-year span shows the year\'s figures, not a chart of lone dots', async () => {
    const { page } = await open('/?country=CHN&from=2022&to=2022', 1366, 'en');
    const trend = page.locator('[data-chart="trend"]');
    expect(await trend.locator('[data-single]').count()).toBe(1);
    expect(await trend.locator('svg').count()).toBe(0);
    const labels = await trend.locator('.kpi-label').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['2022 · Exports', '2022 · Imports']));
    expect(await trend.locator('.kpi-value').first().textContent()).toMatch(/^US\$/);
    await page.context().close();
  }, 120_000);

  it('market finder: 25 rows a page, next page, sort kept in the URL', async () => {
    const { page } = await open('/markets?exporter=CHN', 1366, 'en');
    const table = page.locator('.card:has(.pager) table.data tbody tr');
    expect(await table.count()).toBe(25);
    const first = await table.first().textContent();
    await page.click('.pager button[data-page="next"]');
    expect(await page.locator('.pager-info').textContent()).toMatch(/^26–/);
    expect(await table.first().textContent()).not.toBe(first);
    await page.click('.card:has(.pager) th[data-key="unrealised"]');
    expect(new URL(page.url()).searchParams.get('sort')).toBe('unrealised');
    await page.context().close();
  }, 300_000);

  it('a downloaded chart carries title, legend, units, source line, date and the synthetic mark (SVG, and the PNG made from it)', async () => {
    const { page } = await open('/country?country=CHN', 1366, 'en');
    // The stacked area of exports by domain: one layer per domain, with a legend.
    expect(await page.locator('[data-chart="domains-area"] svg g[aria-label="area"] path').count()).toBeGreaterThan(2);
    const card = page.locator('section.card:has([data-chart="trend"])');
    const title = (await card.locator('h2').textContent())!;
    const [svgDl] = await Promise.all([page.waitForEvent('download'), card.locator('button[data-dl="svg"]').click()]);
    const svg = readFileSync((await svgDl.path())!, 'utf8');
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(texts).toContain(title);
    expect(texts).toContain('US dollars');
    for (const legend of ['Exports', 'Imports', 'Balance']) expect(texts).toContain(legend);
    // The legend keeps the series' colours (three different fills, none of them the text colour).
    const fills = [...svg.matchAll(/<g class="export-legend">(.*?)<\/g>/gs)].flatMap((m) => [...m[1]!.matchAll(/fill="([^"]+)"/g)].map((f) => f[1]));
    const swatches = fills.filter((f) => f !== '#333');
    expect(new Set(swatches).size).toBe(3);
    const source = texts.find((x) => x.startsWith('Source: Lantern'));
    expect(source).toMatch(/import runs #1 baci synthetic-seed-1 \(BACI_HS07_V000000\.csv\)/);
    expect(texts).toContain(new Date().toISOString().slice(0, 10));
    expect(texts.some((x) => x.startsWith('SYNTHETIC DATA'))).toBe(true);
    // The PNG is that SVG drawn at twice the size: taller than the chart alone by the header and footer.
    const chartBox = (await card.locator('[data-chart="trend"] svg').last().boundingBox())!;
    const [pngDl] = await Promise.all([page.waitForEvent('download'), card.locator('button[data-dl="png"]').click()]);
    const png = readFileSync((await pngDl.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const height = png.readUInt32BE(20);
    expect(height).toBeGreaterThan(2 * chartBox.height + 2 * 80);
    await page.context().close();
  }, 300_000);

  it('product treemap by HS section: names in readable labels inside their boxes, tooltips, section drill-down through the URL (en and zh)', async () => {
    const { page } = await open('/country?country=CHN&basket=all', 1366, 'en');
    const boxes = page.locator('[data-chart="product-treemap"] svg a[data-code]');
    expect(await boxes.count()).toBeGreaterThan(10);
    // The treemap spans its card: no empty strip at the right (it was capped at 1,100 px in a 1,128 px card).
    const gap = await page.locator('[data-chart="product-treemap"]').evaluate((c) => c.getBoundingClientRect().right - c.querySelector('svg')!.getBoundingClientRect().right);
    expect(gap).toBeLessThanOrEqual(2);
    // Every label: at least 11 px, inside its own box; some carry a product name, not only a code.
    const labels = await page.evaluate(() =>
      [...document.querySelectorAll('[data-chart="product-treemap"] svg a[data-code]')].flatMap((a) => {
        const box = a.querySelector('rect')!.getBoundingClientRect();
        return [...a.querySelectorAll('text')].map((t) => {
          const b = t.getBoundingClientRect();
          return { text: t.textContent ?? '', size: parseFloat(getComputedStyle(t).fontSize), inside: b.left >= box.left - 0.5 && b.right <= box.right + 0.5 && b.top >= box.top - 0.5 && b.bottom <= box.bottom + 0.5 };
        });
      }),
    );
    expect(labels.length).toBeGreaterThan(5);
    expect(labels.filter((l) => l.size < 11)).toEqual([]);
    expect(labels.filter((l) => !l.inside)).toEqual([]);
    expect(labels.some((l) => /^\d{2,4} [A-Z][a-z]/.test(l.text))).toBe(true);
    // Tooltips: code, name, section and value.
    const tip = await boxes.first().locator('title').textContent();
    expect(tip).toMatch(/^\d{2,4} · .+\n[IVX]+ · .+\nUS\$/);
    // Drill down: a section alone, kept in the URL; back to all.
    const legend = page.locator('[data-chart="product-treemap"] .section-legend button.section-swatch');
    expect(await legend.count()).toBeGreaterThan(1);
    const section = (await legend.first().getAttribute('data-section'))!;
    await legend.first().click();
    await page.waitForURL(new RegExp(`section=${section}(&|$)`), { timeout: 60_000 });
    await page.waitForSelector('.page[data-ready]', { timeout: 120_000 });
    const sections = await page.locator('[data-chart="product-treemap"] svg a[data-code]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-section')))]);
    expect(sections).toEqual([section]);
    await page.context().close();
    // Chinese: the legend names sections as the Chinese tariff numbers them.
    const zh = await open('/country?country=CHN&basket=all', 390, 'zh');
    expect(await zh.page.locator('[data-chart="product-treemap"] .section-legend button.section-swatch').first().textContent()).toMatch(/^第[一二三四五六七八九十]+类 · /);
    await zh.page.context().close();
  }, 300_000);
});
