/**
 * End-to-end: the market finder and the product page on a services item, in real Chromium against
 * `lantern serve`'s server, on the hand-made Comtrade services file in the real layout
 * (test/fixtures/comtrade-services/services_markets_eb10_2021_2022.csv, classification EB10). The
 * pages name the EBOPS item, list the markets and exporters the file gives, and their figures equal
 * the file's own sums (test/support/services-file.ts); no API error, no console error.
 *
 * Skips with a message when /usr/bin/chromium is absent — never under CI=true.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/api/server.ts';
import { ensureWebBuild } from '../../src/api/web-assets.ts';
import { importFiles } from '../../src/ingest/index.ts';
import { prepareStore } from '../../src/setup.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { ebopsNames, SERVICES_FIXTURES, servicesRows, tradeMapPairs, under } from '../support/services-file.ts';
import { hasChromium, launchChromium, openPage } from './harness.ts';

const FILE = join(SERVICES_FIXTURES, 'services_markets_eb10_2021_2022.csv');
const ready = hasChromium('the e2e services market finder test');

/** "US$370" / "US$1.2 k" / "US$3.1 k" → dollars (the dashboard's English money format). */
function usd(text: string): number {
  const m = /US\$([\d,.]+)\s*(bn|m|k)?/.exec(text);
  if (!m) return Number.NaN;
  return Number(m[1]!.replace(/,/g, '')) * ({ bn: 1e9, m: 1e6, k: 1e3 }[m[2] as 'bn' | 'm' | 'k'] ?? 1);
}

let store: Store;
let server: RunningServer;
let browser: Browser;

describe.skipIf(!ready)('services on the market finder and the product page, in Chromium', () => {
  const rows = servicesRows(FILE);
  const SK1 = under(['SK1']);
  beforeAll(async () => {
    await ensureWebBuild();
    store = await openStore();
    await prepareStore(store);
    await importFiles(store, [FILE], { now: () => new Date('2026-12-07T00:00:00Z') });
    server = await startServer({ store, dbPath: 'services.duckdb', port: 0, host: '127.0.0.1', log: () => {} });
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  it('markets for SK1: the item named, every market the file gives with its size (areas included)', async () => {
    const size = new Map<string, number>();
    for (const p of tradeMapPairs(rows, 2022, SK1)) if (p.vm !== null && p.imp !== '_X') size.set(p.imp, (size.get(p.imp) ?? 0) + p.vm);
    const o = await openPage(browser, server.url, '/markets?exporter=DEU&product=SK1&year=2022', 1366, 'en');
    expect(o.failed).toEqual([]);
    expect(o.errors).toEqual([]);
    expect(await o.page.locator('h1').first().textContent()).toBe(`Market finder: EBOPS SK1 ${ebopsNames.get('SK1')}`);
    const table = o.page.locator('section.card:has(h2:text-matches("Market finder")) tbody tr');
    const names = await table.locator('td:first-child').allTextContents();
    const codes = names.map((n) => /\(([A-Z]{3})\)$/.exec(n)?.[1]);
    expect([...codes].sort()).toEqual([...size.keys()].sort());
    const sizes = await table.locator('td:nth-child(2)').allTextContents();
    // Shown to one decimal of a thousand ("US$1.2 k"): equal within half the last digit.
    for (const [i, c] of codes.entries()) expect(Math.abs(usd(sizes[i]!) - size.get(c!)!), `${c}: ${sizes[i]} vs ${size.get(c!)}`).toBeLessThanOrEqual(50);
    await o.page.context().close();
  }, 300_000);

  it('the product page for SK1: the item named, top exporters as the file gives them (Trade Map view)', async () => {
    const x = new Map<string, number>();
    for (const p of tradeMapPairs(rows, 2022, SK1)) if (p.vx !== null && p.exp !== '_X') x.set(p.exp, (x.get(p.exp) ?? 0) + p.vx);
    const o = await openPage(browser, server.url, '/product?product=SK1&from=2021&to=2022', 1366, 'en');
    expect(o.failed).toEqual([]);
    expect(o.errors).toEqual([]);
    expect(await o.page.locator('h1').first().textContent()).toContain(`EBOPS SK1 · ${ebopsNames.get('SK1')}`);
    const table = o.page.locator('section.card:has(h2:text-matches("Top exporters")) tbody tr');
    const names = await table.locator('td:first-child').allTextContents();
    const values = await table.locator('td:nth-child(2)').allTextContents();
    const shown = new Map(names.map((n, i) => [/\(([A-Z]{3})\)$/.exec(n)?.[1] ?? n, usd(values[i]!)]));
    expect([...shown.keys()].sort()).toEqual([...x.keys()].sort());
    // Shown to one decimal of a thousand, or to the dollar under 1,000: equal within half the last digit.
    for (const [c, v] of x) expect(Math.abs(shown.get(c)! - v), `${c}: ${shown.get(c)} vs ${v}`).toBeLessThanOrEqual(v >= 1000 ? 50 : 0.5);
    await o.page.context().close();
  }, 300_000);
});
