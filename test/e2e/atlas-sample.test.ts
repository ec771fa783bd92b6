/**
 * The dashboard on the real Atlas country × product sample (Growth Lab, HS92 headings, 2016),
 * imported with `lantern import` into a new store: the file names no partners (its rows are exports
 * to the World), so every partner view of the Overview and Country pages (top partners, partner map,
 * partner concentration) says so in one line, in the page's language, at its own height — not an
 * empty card two-thirds blank. At 390 and 1366 px, English and Chinese: no API error, nothing logged
 * as an error, no page wider than the screen. Screenshots go to test/e2e/screenshots/atlas-*.png
 * (git-ignored) for review.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountryProfileData } from '../../src/contract.ts';
import type { RunningServer } from '../../src/api/server.ts';
import { hasShared, repoRoot, sharedPath } from '../shared.ts';
import { type Served, serveImported } from '../support/e2e-server.ts';
import { hasChromium, launchChromium, openPage, pageProblems } from './harness.ts';

const SAMPLE = ['data', 'atlas_samples', 'hs92_country_product_year_4_2016.csv.gz'];
const ready = hasChromium('the e2e test on the Atlas sample') && hasShared(...SAMPLE);
const shots = join(repoRoot, 'test', 'e2e', 'screenshots');

const NONE = { en: 'This data names no partners', zh: '此数据未列出贸易伙伴' };
const NO_IMPORTERS = { en: 'a file of exporters only', zh: '只含出口国的文件' };
/** A one-line card: its title and one line of note (two at 390 px), well under a chart's height. */
const ONE_LINE_CARD = 160;

let served: Served;
let server: RunningServer;
let browser: Browser;

describe.skipIf(!ready)('dashboard on the imported Atlas country × product sample (no partners)', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    served = await serveImported(sharedPath(...SAMPLE), 'atlas');
    server = served.server;
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('the profile answer says the data has no partner detail, though China has exports', async () => {
    const res = (await (await fetch(new URL('/api/v1/profiles/country/CHN', server.url))).json()) as { data: CountryProfileData };
    expect(res.data.partnerDetail).toBe(false);
    expect(res.data.headline.exports).toBeGreaterThan(0);
  }, 120_000);

  it('Overview and Country at 390 and 1366 px, en and zh: each partner view is one short line in the page’s language (Product: no importers); no errors, no overflow', async () => {
    const problems: string[] = [];
    for (const width of [390, 1366]) {
      for (const lang of ['en', 'zh'] as const) {
        for (const [id, path, views] of [
          ['overview', '/?country=CHN', 2],
          ['country', '/country?country=CHN', 3],
        ] as const) {
          const where = `${id} ${width}px ${lang}`;
          const o = await openPage(browser, server.url, path, width, lang);
          problems.push(...(await pageProblems(o, where, width)));
          const page = o.page;
          // Top partners and the partner map (and on Country, the concentration line).
          const notes = page.locator('[data-none="partners"], [data-none="concentration"]');
          expect(await notes.count(), where).toBe(views);
          for (const text of await notes.allTextContents()) expect(text, where).toContain(NONE[lang]);
          const cards = await page.locator('section:has([data-none="partners"])').all();
          expect(cards.length, where).toBe(2);
          for (const card of cards) {
            const box = (await card.boundingBox())!;
            expect(box.height, `${where}: the no-partners card is ${box.height} px high`).toBeLessThan(ONE_LINE_CARD);
          }
          // No empty partner table or map drawn beside it.
          expect(await page.locator('[data-chart="map"]').count(), where).toBe(0);
          await page.screenshot({ path: join(shots, `atlas-${id}-${width}-${lang}.png`), fullPage: true });
          await page.context().close();
        }
        // The Product page: exporters drawn, importers one line saying the file has none.
        const o = await openPage(browser, server.url, '/product', width, lang);
        problems.push(...(await pageProblems(o, `product ${width}px ${lang}`, width)));
        expect(await o.page.locator('[data-chart="top.exporters"] svg').count()).toBe(1);
        expect(await o.page.locator('[data-none="top.importers"]').textContent()).toContain(NO_IMPORTERS[lang]);
        await o.page.screenshot({ path: join(shots, `atlas-product-${width}-${lang}.png`), fullPage: true });
        await o.page.context().close();
      }
    }
    expect(problems).toEqual([]);
  }, 900_000);
});
