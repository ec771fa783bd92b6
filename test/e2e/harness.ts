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
import { type Browser, chromium, type Page, type Request } from 'playwright-core';

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
  /** The JSON bodies of the API answers the page received, by path and query (with `keepAnswers`). */
  answers: Map<string, unknown>;
}

/**
 * Opens `path` of the server at a width and language, and waits until the page is rendered;
 * `keepAnswers` also waits until no API request of the page is open and keeps the API answers' bodies.
 */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  path: string,
  width: number,
  lang: 'en' | 'zh',
  options: { keepAnswers?: boolean } = {},
): Promise<Opened> {
  const ctx = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await ctx.newPage();
  const errors: string[] = [];
  const failed: string[] = [];
  const bodies: Promise<[string, unknown]>[] = [];
  let handedBack = false;
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // Errors, and the chart library's warnings (Plot draws a warning glyph into the chart for those).
    if (m.type() === 'error' || (m.type() === 'warning' && /^Warning: /.test(m.text()))) errors.push(m.text());
  });
  // API requests not yet answered: Playwright's 'networkidle' is reached once, and on a busy machine
  // it can be reached before the page asks for a section loaded after the rest (the registry's event
  // study), so waiting for it afterwards returns at once with that request still open.
  const open = new Set<Request>();
  let lastChange = Date.now();
  page.on('request', (r) => {
    if (!new URL(r.url()).pathname.startsWith('/api/')) return;
    open.add(r);
    lastChange = Date.now();
  });
  const closed = (r: Request) => {
    if (open.delete(r)) lastChange = Date.now();
  };
  page.on('requestfinished', closed);
  page.on('requestfailed', closed);
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (!u.pathname.startsWith('/api/')) return;
    if (r.status() >= 400) failed.push(`${r.status()} ${u.pathname}${u.search}`);
    // A body read after the page was handed back (and perhaps closed) is not kept.
    if (options.keepAnswers && !handedBack && /json/.test(r.headers()['content-type'] ?? ''))
      bodies.push(r.json().then((body: unknown): [string, unknown] => [`${u.pathname}${u.search}`, body]));
  });
  const u = new URL(path, baseUrl);
  if (lang === 'zh') u.searchParams.set('lang', 'zh');
  await page.goto(u.href);
  await page.waitForSelector('.page[data-ready], .error-box, .empty-store', { timeout: 120_000 });
  if (options.keepAnswers) {
    // Settled: no API request open for half a second (a section may ask after the page is ready).
    const deadline = Date.now() + 300_000;
    while (open.size > 0 || Date.now() - lastChange < 500) {
      if (Date.now() > deadline) throw new Error(`${path}: API requests still open after 300 s: ${[...open].map((r) => r.url()).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  handedBack = true;
  return { page, errors, failed, answers: new Map(await Promise.all(bodies)) };
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

/**
 * What a reader of a published chart would object to, measured in the page: chart text drawn
 * under 10 px (a chart drawn wide and shrunk by CSS), labels of one chart lying on each other,
 * headline numbers broken over two lines, and cards left more than a third blank below their
 * content (a short chart beside a tall one).
 */
export function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const svg of document.querySelectorAll<SVGSVGElement>('main svg')) {
      const r = svg.getBoundingClientRect();
      if (r.width < 60 || r.height < 40) continue;
      const boxes: [Element, DOMRect][] = [];
      for (const text of svg.querySelectorAll('text')) {
        const b = text.getBoundingClientRect();
        if (b.width === 0 || b.height === 0 || !(text.textContent ?? '').trim()) continue;
        const size = parseFloat(getComputedStyle(text).fontSize) * (r.width / (svg.viewBox.baseVal?.width || r.width));
        if (size < 9.5) out.push(`chart text "${(text.textContent ?? '').trim().slice(0, 30)}" is ${size.toFixed(1)} px`);
        boxes.push([text, b]);
      }
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [ta, a] = boxes[i]!;
          const [tb, b] = boxes[j]!;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 2 && h > 3) out.push(`labels "${(ta.textContent ?? '').trim().slice(0, 30)}" and "${(tb.textContent ?? '').trim().slice(0, 30)}" overlap`);
        }
    }
    for (const v of document.querySelectorAll<HTMLElement>('main .kpi-value')) {
      const lh = parseFloat(getComputedStyle(v).lineHeight) || parseFloat(getComputedStyle(v).fontSize) * 1.5;
      const n = v.querySelector('button.num') ?? v;
      if (n.getBoundingClientRect().height > 1.6 * lh) out.push(`headline "${(n.textContent ?? '').trim()}" breaks over lines`);
    }
    for (const card of document.querySelectorAll<HTMLElement>('main section.card')) {
      const r = card.getBoundingClientRect();
      const bottom = Math.max(r.top, ...[...card.children].map((c) => c.getBoundingClientRect().bottom));
      const blank = r.bottom - bottom - 20;
      if (r.height > 200 && blank > r.height / 3) out.push(`card "${(card.querySelector('h2')?.textContent ?? '').trim().slice(0, 40)}" is ${Math.round(blank)} of ${Math.round(r.height)} px blank`);
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
  for (const l of await layoutFaults(o.page)) problems.push(`${where}: ${l}`);
  for (const e of o.errors) problems.push(`${where}: console: ${e}`);
  for (const f of o.failed) problems.push(`${where}: API answered ${f}`);
  for (const b of await o.page.locator('.error-box').allTextContents()) problems.push(`${where}: error box: ${b}`);
  return problems;
}
