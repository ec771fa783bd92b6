/**
 * The dashboard on a real file, imported as a new user would (issue 13's dashboard test): the EU27
 * wood sample (UN Comtrade, imports reported by the 27 EU members, HS2/HS4/HS6 codes side by side)
 * goes into a new store with `lantern import` and nothing else, and the server is started on it.
 * In real Chromium, at 390 and 1366 px, in English and Chinese:
 * - no page answers 422 (or any API error), nothing is logged as an error, no page is wider than
 *   the screen, chart labels stay inside their SVG;
 * - the landing page opens on a country the file reports (not a fixed China);
 * - a mirror figure is shown as a number with a "mirror" badge (镜像 in Chinese) and its reason in
 *   the tooltip, never as US$0: Germany reports no exports, so its exports are its partners'
 *   import reports; the page's figure equals the independent sum of the file computed here;
 * - a direction nobody reports reads "no data", not US$0 (Germany → China);
 * - product rows carry names (HS codes with their nomenclature names, basket domains by label).
 * Screenshots go to test/e2e/screenshots/real-*.png (git-ignored) for review.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.ts';
import { hasShared, repoRoot, sharedPath } from '../shared.ts';
import { dedupedSum, type Row, sharedRows, WOOD } from '../support/comtrade-file.ts';
import { type Served, serveImported } from '../support/e2e-server.ts';
import { hasChromium, launchChromium, openPage, pageProblems } from './harness.ts';

const ready = hasChromium('the e2e test on the real Comtrade sample') && hasShared(...WOOD);
const shots = join(repoRoot, 'test', 'e2e', 'screenshots');

/** "US$33.88 bn" → 33.88e9 (the dashboard's English money format). */
function usd(text: string): number {
  const m = /US\$([\d,.]+)\s*(bn|m|k)?/.exec(text);
  if (!m) return Number.NaN;
  return Number(m[1]!.replace(/,/g, '')) * ({ bn: 1e9, m: 1e6, k: 1e3 }[m[2] as 'bn' | 'm' | 'k'] ?? 1);
}

const PAGES: [string, string][] = [
  ['overview', '/'],
  ['country', '/country'],
  ['product', '/product'],
  ['bilateral', '/bilateral?a=DEU&b=CHN'],
  ['compare', '/compare'],
  ['markets', '/markets'],
  ['complexity', '/complexity'],
  ['hs', '/hs?parent=44'],
];

let served: Served;
let server: RunningServer;
let browser: Browser;
let rows: Row[];

describe.skipIf(!ready)('dashboard on the imported EU27 wood sample (real Comtrade data)', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    rows = sharedRows(WOOD);
    served = await serveImported(sharedPath(...WOOD), 'real');
    server = served.server;
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('every trade page at 390 and 1366 px, in English and Chinese: no 422 or other API error, fits the screen, no errors', async () => {
    const problems: string[] = [];
    for (const width of [390, 1366]) {
      for (const lang of ['en', 'zh'] as const) {
        for (const [id, path] of PAGES) {
          const o = await openPage(browser, server.url, path, width, lang);
          problems.push(...(await pageProblems(o, `${id} ${width}px ${lang}`, width)));
          await o.page.screenshot({ path: join(shots, `real-${id}-${width}-${lang}.png`), fullPage: true });
          await o.page.context().close();
        }
      }
    }
    expect(problems).toEqual([]);
  }, 900_000);

  it('market finder: the file spans under five years, so the bubbles show one-year growth (said on the axis) rather than an empty chart', async () => {
    const { page } = await openPage(browser, server.url, '/markets', 1366, 'en');
    expect(await page.locator('[data-chart="bubble"] svg g[aria-label="dot"] circle').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-chart="bubble"] svg').first().textContent()).toContain('Growth 1 y');
    await page.context().close();
  }, 300_000);

  it('the landing page opens on a country the file reports, with its name in the headline', async () => {
    const reporters = new Set(rows.map((r) => r.rep));
    const { page } = await openPage(browser, server.url, '/', 1366, 'en');
    const country = await page.inputValue('input[data-control="country"]');
    expect(reporters.has(country), `landing country ${country}`).toBe(true);
    expect(await page.locator('h2').first().textContent()).toMatch(country === 'DEU' ? /Germany/ : /\w/);
    await page.context().close();
  }, 300_000);

  it("Germany's exports: the mirror figure equal to the file's sum, with a mirror badge and its reason (en and zh), never US$0", async () => {
    const year = rows.reduce((y, r) => Math.max(y, r.year), 0);
    // Germany reports no exports: its exports are what its partners report importing from it.
    expect(rows.some((r) => r.rep === 'DEU' && r.flow === 'X')).toBe(false);
    const expected = dedupedSum(rows, (r) => r.par === 'DEU' && r.flow === 'M' && r.year === year);
    expect(expected).toBeGreaterThan(1e9);
    const { page } = await openPage(browser, server.url, '/?country=DEU&basket=all', 1366, 'en');
    const kpi = page.locator('.kpi').filter({ has: page.locator('.kpi-label', { hasText: /^Exports$/ }) });
    const text = (await kpi.locator('.kpi-value').textContent())!;
    expect(Math.abs(usd(text) - expected), `${text} vs ${expected}`).toBeLessThan(0.006e9);
    const badge = kpi.locator('.src-badge[data-source="mirror"]');
    expect(await badge.textContent()).toBe('mirror');
    expect(await badge.getAttribute('title')).toMatch(/partners' reports/);
    // Imports are Germany's own report: no badge.
    const imports = page.locator('.kpi').filter({ has: page.locator('.kpi-label', { hasText: /^Imports$/ }) });
    expect(await imports.locator('.src-badge').count()).toBe(0);
    // Nothing on the page reads US$0 (a partner nobody reports is "—").
    expect(await page.locator('.num', { hasText: /^US\$0$/ }).count()).toBe(0);
    await page.context().close();

    const zh = await openPage(browser, server.url, '/country?country=DEU', 1366, 'zh');
    expect(await zh.page.locator('.kpi .src-badge[data-source="mirror"]').first().textContent()).toBe('镜像');
    expect(await zh.page.locator('.kpi .src-badge[data-source="mirror"]').first().getAttribute('title')).toMatch(/镜像数据/);
    expect(await zh.page.locator('.num', { hasText: /^0美元$/ }).count()).toBe(0);
    await zh.page.context().close();
  }, 300_000);

  it('bilateral Germany ⇄ China: China → Germany from the mirror with its badge; Germany → China is "no data", not US$0', async () => {
    const year = rows.reduce((y, r) => Math.max(y, r.year), 0);
    const { page } = await openPage(browser, server.url, `/bilateral?a=DEU&b=CHN&basket=all&from=${year}&to=${year}`, 1366, 'en');
    const line = (await page.locator('.src-line').textContent())!;
    expect(line).toMatch(/Germany → China: no data/);
    expect(line).toMatch(/China → Germany: mirror/);
    const cells = page.locator('section.card:has(h2:text-matches("Flows by product")) tbody tr');
    expect(await cells.count()).toBeGreaterThan(0);
    const first = cells.first();
    expect(await first.locator('td').nth(1).textContent()).toMatch(/^—\s*no data$/);
    expect(await first.locator('td').nth(2).locator('.src-badge[data-source="mirror"]').count()).toBe(1);
    expect(await page.locator('.num', { hasText: /^US\$0$/ }).count()).toBe(0);
    // Product rows carry names: "4403 · Wood in the rough…", never a bare code or a slug.
    const products = await cells.locator('td:first-child').allTextContents();
    expect(products.every((p) => /^\d{2,6} · \S/.test(p)), products.join(' | ')).toBe(true);
    // China's exports to Germany in that year: Germany's report of its imports from China.
    const expected = dedupedSum(rows, (r) => r.rep === 'DEU' && r.par === 'CHN' && r.flow === 'M' && r.year === year);
    const shown = await cells.locator('td:nth-child(3) .num').allTextContents();
    const total = shown.reduce((s, x) => s + usd(x), 0);
    // Rows are rounded to 0.1 m or 0.01 bn each: the sum agrees within the rounding of the rows shown.
    expect(Math.abs(total - expected) / expected).toBeLessThan(0.01);
    await page.context().close();
  }, 300_000);

  it('country page: top products and partners carry names; compare cells carry their source badges', async () => {
    const { page } = await openPage(browser, server.url, '/country?country=DEU&basket=all', 1366, 'en');
    const top = await page.locator('section.card:has(h2:text-matches("Top products")) tbody tr td:first-child').allTextContents();
    expect(top.length).toBeGreaterThan(0);
    expect(top.every((x) => /^\d{2,6} · \S/.test(x)), top.join(' | ')).toBe(true);
    const partners = await page.locator('section.card:has(h2:text-matches("Top partners")) tbody tr td:first-child').allTextContents();
    // Countries by name and code; trade with unattributed areas as its own named row.
    expect(partners.every((x) => /^\S.* \([A-Z]{3}\)$/.test(x) || x === 'areas not specified'), partners.join(' | ')).toBe(true);
    await page.context().close();
    const cmp = await openPage(browser, server.url, '/compare?countries=DEU,FRA', 1366, 'en');
    expect(await cmp.page.locator('[data-table="compare-wide"] .src-badge[data-source="mirror"]').count()).toBeGreaterThan(0);
    await cmp.page.context().close();
  }, 300_000);

  it('the HS-level control sums finer codes to the level chosen: the total stays the file’s, products are chapters or headings', async () => {
    const year = rows.reduce((y, r) => Math.max(y, r.year), 0);
    const mine = (r: Row) => r.rep === 'DEU' && r.flow === 'M' && r.year === year;
    const total = dedupedSum(rows, mine);
    for (const level of [2, 4] as const) {
      const { page } = await openPage(browser, server.url, `/country?country=DEU&basket=all&flow=import&level=${level}`, 1366, 'en');
      expect(await page.inputValue('select[data-control="level"]')).toBe(String(level));
      const imports = page.locator('.kpi').filter({ has: page.locator('.kpi-label', { hasText: /^Imports$/ }) });
      const shown = (await imports.locator('.kpi-value').textContent())!;
      expect(Math.abs(usd(shown) - total), `level ${level}: ${shown} vs ${total}`).toBeLessThanOrEqual(0.005e9);
      // Top products: codes of at most `level` digits, each with its name; an import figure is the
      // file's codes under it, summed.
      const cells = page.locator('section.card:has(h2:text-matches("Top products")) tbody tr');
      const names = await cells.locator('td:first-child').allTextContents();
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(n, `level ${level}`).toMatch(new RegExp(`^\\d{2,${level}} · \\S`));
      if (level === 2) expect(names.map((n) => n.slice(0, 2)).sort()).toEqual([...new Set(rows.filter(mine).map((r) => r.code.slice(0, 2)))].sort());
      const importCells = await cells.locator('td:nth-child(3)').allTextContents();
      const at = importCells.findIndex((x) => /US\$/.test(x));
      expect(at, importCells.join(' | ')).toBeGreaterThanOrEqual(0);
      const code = names[at]!.split(' · ')[0]!;
      const first = dedupedSum(rows, (r) => mine(r) && r.code.slice(0, level) === code);
      const value = usd(importCells[at]!);
      expect(Math.abs(value - first) / first, `${code}: ${value} vs ${first}`).toBeLessThan(0.01);
      await page.context().close();
    }
  }, 300_000);

  it('trade controls (flow, perspective, level, partner group) round-trip through the URL, and the figures follow them', async () => {
    const { page } = await openPage(browser, server.url, '/country?country=DEU&basket=all', 1366, 'en');
    await page.selectOption('select[data-control="flow"]', 'import');
    await page.selectOption('select[data-control="view"]', 'reporter');
    await page.selectOption('select[data-control="level"]', '4');
    await page.selectOption('select[data-control="group"]', 'wb-upper-middle');
    await page.click('form.controls button[type="submit"]');
    await page.waitForURL(/group=wb-upper-middle/, { timeout: 60_000 });
    await page.waitForSelector('.page[data-ready]', { timeout: 120_000 });
    const url = new URL(page.url());
    expect([url.searchParams.get('flow'), url.searchParams.get('view'), url.searchParams.get('level'), url.searchParams.get('group')]).toEqual(['import', 'reporter', '4', 'wb-upper-middle']);
    await page.reload();
    await page.waitForSelector('.page[data-ready]', { timeout: 120_000 });
    for (const [control, value] of [['flow', 'import'], ['view', 'reporter'], ['level', '4'], ['group', 'wb-upper-middle']])
      expect(await page.inputValue(`select[data-control="${control}"]`)).toBe(value);
    // The state is in the titles (and so in downloads).
    const title = (await page.locator('h2').first().textContent())!;
    expect(title).toContain('Reported only');
    expect(title).toContain('Upper middle income (World Bank)');
    expect(title).toContain('HS4 headings');
    // Germany's own import reports from the group's members, every code once (HS4 groups products,
    // it leaves nothing out), as the file sums them.
    const year = rows.reduce((y, r) => Math.max(y, r.year), 0);
    const groups = (await (await fetch(new URL('/api/v1/groups/wb-upper-middle', server.url))).json()) as { data: { members: string[] } };
    const members = new Set(groups.data.members);
    const expected = dedupedSum(rows, (r) => r.rep === 'DEU' && r.flow === 'M' && r.year === year && members.has(r.par));
    const imports = page.locator('.kpi').filter({ has: page.locator('.kpi-label', { hasText: /^Imports$/ }) });
    const shown = (await imports.locator('.kpi-value').textContent())!;
    // Shown to 2 decimals of a billion or 1 of a million: equal within half the last digit.
    expect(Math.abs(usd(shown) - expected), `${shown} vs ${expected}`).toBeLessThanOrEqual(/bn/.test(shown) ? 0.005e9 : 0.05e6);
    // Under the reporter view Germany has no exports (it reports none): "no data", never US$0.
    const exports = page.locator('.kpi').filter({ has: page.locator('.kpi-label', { hasText: /^Exports$/ }) });
    expect(await exports.locator('.src-badge[data-source="none"]').count()).toBe(1);
    expect(await page.locator('.num', { hasText: /^US\$0$/ }).count()).toBe(0);
    await page.context().close();
  }, 300_000);
});
