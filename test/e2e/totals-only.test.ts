/**
 * The dashboard on a real file with no product codes: the Comtrade sample of China's total exports
 * by partner (TOTAL rows only), imported with `lantern import` into a new store. The landing page
 * opens on the cultural basket, which such a file cannot hold: Overview, Country, Product / basket and
 * Market finder say so in one notice in the page's language (the country and the basket by name, and
 * why: totals only; on the profiles a button to all products), instead of a page of empty charts; the button shows the totals, equal to
 * the file's own sum. Soft power, with no component held by two countries, says there is nothing to
 * rank (an answer, not a 404). At 390 and 1366 px, English and Chinese: no API error, nothing logged as an
 * error, no page wider than the screen. Screenshots go to test/e2e/screenshots/totals-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasShared, repoRoot, sharedPath } from '../shared.ts';
import { dedupedSum, sharedRows } from '../support/comtrade-file.ts';
import { type Served, serveImported } from '../support/e2e-server.ts';
import { hasChromium, launchChromium, openPage, pageProblems } from './harness.ts';

const SAMPLE = ['data', 'comtrade_samples', 'api_chn_exports_total_by_partner.csv'];
const ready = hasChromium('the e2e test on the totals-only Comtrade sample') && hasShared(...SAMPLE);
const shots = join(repoRoot, 'test', 'e2e', 'screenshots');

const NOTICE = {
  en: /^China has no trade in UNESCO Framework for Cultural Statistics 2009[^.]* in \d{4}–\d{4} in this store’s data\. The data holds all-products totals only/,
  zh: /^本库数据中没有中国在 \d{4}–\d{4} 年联合国教科文组织 2009 年文化统计框架.*的贸易。 数据只有全部产品的合计/,
};
/** The Product / basket and Market finder pages on the same basket. */
const OTHERS = {
  product: {
    en: /^No country trades UNESCO Framework for Cultural Statistics 2009[^.]* in \d{4}–\d{4} in this store’s data\. The data holds all-products totals only/,
    zh: /^本库数据中没有任何国家在 \d{4}–\d{4} 年联合国教科文组织 2009 年文化统计框架.*的贸易。 数据只有全部产品的合计/,
  },
  markets: {
    en: /^No market imports UNESCO Framework for Cultural Statistics 2009[^.]* in \d{4} in this store’s data\. The data holds all-products totals only/,
    zh: /^本库数据中没有任何市场在 \d{4} 年进口联合国教科文组织 2009 年文化统计框架.*。 数据只有全部产品的合计/,
  },
};

let served: Served;
let browser: Browser;

describe.skipIf(!ready)('dashboard on the imported totals-only Comtrade sample (no product codes)', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    served = await serveImported(sharedPath(...SAMPLE), 'totals');
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('Overview, Country, Product and Market finder on the cultural basket: one notice saying why, no empty charts, at 390 and 1366 px in en and zh', async () => {
    const problems: string[] = [];
    for (const width of [390, 1366]) {
      for (const lang of ['en', 'zh'] as const) {
        for (const [id, path] of [['overview', '/'], ['country', '/country']] as const) {
          const where = `${id} ${width}px ${lang}`;
          const o = await openPage(browser, served.server.url, path, width, lang);
          problems.push(...(await pageProblems(o, where, width)));
          expect(await o.page.locator('[data-none="trade"] p').innerText(), where).toMatch(NOTICE[lang]);
          // No headline of dashes, no empty trend, treemap or map below it.
          expect(await o.page.locator('main .kpi, main [data-chart="trend"], main [data-chart="treemap"], main [data-chart="map"]').count(), where).toBe(0);
          await o.page.screenshot({ path: join(shots, `totals-${id}-${width}-${lang}.png`), fullPage: true });
          await o.page.context().close();
        }
        for (const id of ['product', 'markets'] as const) {
          const where = `${id} ${width}px ${lang}`;
          const o = await openPage(browser, served.server.url, `/${id}`, width, lang);
          problems.push(...(await pageProblems(o, where, width)));
          expect(await o.page.locator('[data-none="trade"] p').innerText(), where).toMatch(OTHERS[id][lang]);
          expect(await o.page.locator('main [data-chart]').count(), where).toBe(0);
          // These pages read a basket or a code: their menu does not offer "All products", which they cannot show.
          expect(await o.page.locator('select[data-control="basket"] option[value=""]').textContent(), where).toMatch(/HS \/ EBOPS/);
          await o.page.screenshot({ path: join(shots, `totals-${id}-${width}-${lang}.png`), fullPage: true });
          await o.page.context().close();
        }
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('Soft power with nothing to rank: a notice in the page’s language and the components’ reasons, not a 404 and an error box', async () => {
    const problems: string[] = [];
    for (const lang of ['en', 'zh'] as const) {
      const o = await openPage(browser, served.server.url, '/softpower', 390, lang);
      problems.push(...(await pageProblems(o, `softpower 390px ${lang}`, 390)));
      expect(await o.page.locator('[data-none="softpower"]').innerText()).toMatch(lang === 'en' ? /^Nothing to rank: / : /^无可排名：/);
      expect(await o.page.locator('main').innerText()).toMatch(lang === 'en' ? /left out: held by 0 of the countries ranked/ : /未纳入：参与排名的国家中只有 0 个有此数据/);
      await o.page.context().close();
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('the notice’s button shows all products: China’s exports equal to the file’s sum of the last year', async () => {
    const rows = sharedRows(SAMPLE);
    const year = rows.reduce((y, r) => Math.max(y, r.year), 0);
    const expected = dedupedSum(rows, (r) => r.rep === 'CHN' && r.flow === 'X' && r.year === year);
    const { page } = await openPage(browser, served.server.url, '/', 1366, 'en');
    await page.click('[data-none="trade"] button[data-action="all-products"]');
    await page.waitForURL(/basket=all/);
    await page.waitForSelector('.page[data-ready] .kpi');
    const kpi = page.locator('.kpi').filter({ has: page.locator('.kpi-label', { hasText: /^Exports$/ }) });
    const text = (await kpi.locator('.kpi-value').textContent())!;
    const m = /US\$([\d,.]+) bn/.exec(text);
    expect(m, text).not.toBeNull();
    expect(Math.abs(Number(m![1]!.replace(/,/g, '')) * 1e9 - expected), `${text} vs ${expected}`).toBeLessThan(0.006e9);
    expect(await page.locator('[data-none="trade"]').count()).toBe(0);
    await page.context().close();
  }, 300_000);
});
