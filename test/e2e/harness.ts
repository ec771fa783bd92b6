/**
 * The dashboard e2e harness shared by the Chromium tests: a store served on loopback, a headless
 * Chromium (Debian's /usr/bin/chromium through playwright-core), a page opened at a width and in a
 * language with its console errors and failed API answers collected, and the measures every page
 * is held to (no horizontal overflow, chart labels inside their SVG).
 *
 * No timing assertions: each step waits for a condition (the page's data-ready mark) with a
 * generous limit.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** True when Chromium is installed; under CI=true its absence is a failure, elsewhere the caller skips. */
export function hasChromium(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
  console.warn(`skipping ${what}: ${CHROMIUM} is absent (apt-get install -y chromium)`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Opened {
  page: Page;
  /** Page errors, console errors and the chart library's warnings. */
  errors: string[];
  /** API answers with status 4xx or 5xx: "422 /api/v1/…". */
  failed: string[];
}

/** Opens `path` of the server at a width and language, and waits until the page is rendered. */
export async function openPage(browser: Browser, baseUrl: string, path: string, width: number, lang: 'en' | 'zh'): Promise<Opened> {
  const ctx = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await ctx.newPage();
  const errors: string[] = [];
  const failed: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // Errors, and the chart library's warnings (Plot draws a warning glyph into the chart for those).
    if (m.type() === 'error' || (m.type() === 'warning' && /^Warning: /.test(m.text()))) errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && new URL(r.url()).pathname.startsWith('/api/')) failed.push(`${r.status()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`);
  });
  const u = new URL(path, baseUrl);
  if (lang === 'zh') u.searchParams.set('lang', 'zh');
  await page.goto(u.href);
  await page.waitForSelector('.page[data-ready], .error-box, .empty-store', { timeout: 120_000 });
  return { page, errors, failed };
}

/** Text boxes of chart labels that stick out of their SVG (more than 1 px), described. */
export function labelsOutside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const svg of document.querySelectorAll('main svg')) {
      const r = svg.getBoundingClientRect();
      if (r.width < 60 || r.height < 40) continue; // legend swatches, icons
      for (const text of svg.querySelectorAll('text')) {
        const b = text.getBoundingClientRect();
        if (b.width === 0 && b.height === 0) continue;
        if (b.left < r.left - 1 || b.right > r.right + 1 || b.top < r.top - 1 || b.bottom > r.bottom + 1)
          out.push(`"${(text.textContent ?? '').slice(0, 30)}" ${Math.round(b.left - r.left)},${Math.round(b.top - r.top)} ${Math.round(b.width)}×${Math.round(b.height)} in ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  });
}

/** Everything wrong with an opened page: overflow, labels outside their chart, errors, failed API calls, error boxes. */
export async function pageProblems(o: Opened, where: string, width: number): Promise<string[]> {
  const problems: string[] = [];
  const scroll = await o.page.evaluate(() => document.scrollingElement!.scrollWidth);
  if (scroll > width) problems.push(`${where}: page is ${scroll} px wide`);
  for (const l of await labelsOutside(o.page)) problems.push(`${where}: label outside its chart: ${l}`);
  for (const e of o.errors) problems.push(`${where}: console: ${e}`);
  for (const f of o.failed) problems.push(`${where}: API answered ${f}`);
  for (const b of await o.page.locator('.error-box').allTextContents()) problems.push(`${where}: error box: ${b}`);
  return problems;
}
