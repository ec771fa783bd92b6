/**
 * End-to-end in real Chromium on the demo world: the Soft power page (weights from the URL, the
 * ranking with rank ranges, the components with their sources) and the Data page's release diff
 * (two runs picked in the URL: totals, groups, largest revisions). Waits for the page's data-ready
 * mark; no timing assertions. Skips with a message when /usr/bin/chromium is absent — never under CI.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Served, serveDemo } from '../support/e2e-server.ts';
import { hasChromium as chromiumPresent, launchChromium } from './harness.ts';

const hasChromium = chromiumPresent('the soft-power and release-diff e2e tests');

let demo: Served;
let browser: Browser;

describe.skipIf(!hasChromium)('Soft power page and the release diff on the Data page', () => {
  beforeAll(async () => {
    demo = await serveDemo(20_000, 'mission');
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function open(path: string) {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
    await page.goto(new URL(path, demo.server.url).href);
    await page.waitForSelector('.page[data-ready], .error-box, .empty-store', { timeout: 120_000 });
    return { page, errors };
  }

  it('Soft power: a ranking with rank ranges and a slider per component; the API answers the same ranks', async () => {
    const { page, errors } = await open('/softpower?w_exports=3&norm=rank');
    expect(await page.locator('.error-box').count()).toBe(0);
    expect(await page.locator('input[type=range]').count()).toBe(7);
    expect(await page.locator('input[name=w_exports]').inputValue()).toBe('3');
    const firstRow = await page.locator('[data-chart=softpower] tbody tr').first().innerText();
    const res = await fetch(new URL('/api/v1/softpower?normalise=rank&draws=500&weights=exports=3,world_share=1,growth=1,rca=1,centres=1,agreements=1,treaties=1', demo.server.url));
    const api = (await res.json()) as { data: { rows: { country: string }[] } };
    expect(firstRow).toContain(api.data.rows[0]!.country);
    expect(await page.locator('[data-chart=softpower] tbody tr').count()).toBe(api.data.rows.length);
    // The definition page below, as the API serves it (docs/indicators/soft-power.md).
    const definition = page.locator('[data-definition=soft-power]');
    await definition.locator('summary').click();
    expect(await definition.locator('pre').innerText()).toMatch(/## Definition[\s\S]*## Worked example/);
    expect(errors).toEqual([]);
    // Components and normalisations are named in the page's language, not by their API keys.
    const zh = await open('/softpower?lang=zh');
    const labels = await zh.page.locator('.controls .field > span:first-child').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['文化出口', '世界份额', '合拍协定', '标准化']));
    expect(labels.join(' ')).not.toMatch(/world_share|exports|treaties/);
    expect(await zh.page.locator('select[name=norm] option').allTextContents()).toEqual(['最小–最大（0 至 1）', 'z 分数', '排名']);
    // The basket by its name, and why a component is left out, in Chinese too (the demo's registry
    // holds one home country, so its centres cannot be normalised).
    expect(await zh.page.locator('h2', { hasText: /^排名 · / }).textContent()).toMatch(/^排名 · \d{4} · 联合国教科文组织/);
    const components = zh.page.locator('section', { has: zh.page.locator('h2', { hasText: '构成项及其来源' }) });
    const text = await components.innerText();
    expect(text).toMatch(/海外文化中心未纳入：参与排名的国家中只有 1 个有此数据：无法标准化。/);
    expect(text).not.toMatch(/left out|cannot be normalised/);
  });

  it('Overview: the top partners by exports are the largest export partners; partners without exports ("—") come last in either order', async () => {
    const res = await fetch(new URL('/api/v1/profiles/country/CHN?basket=unesco-fcs-2009', demo.server.url));
    const api = (await res.json()) as { data: { year: number; partners: { partner: string; exports: number | null }[] } };
    // The demo world has partners China only imports from: they must not head the table.
    expect(api.data.partners.some((p) => p.exports === null)).toBe(true);
    const top = [...api.data.partners].filter((p) => p.exports !== null).sort((a, b) => b.exports! - a.exports!).slice(0, 10);
    const { page, errors } = await open('/?country=CHN');
    const table = page.locator('section', { has: page.locator('h2', { hasText: /^Top partners/ }) });
    const first = await table.locator('tbody tr td:first-child').allInnerTexts();
    expect(first.map((c) => /\(([A-Z]{3})\)$/.exec(c)?.[1])).toEqual(top.map((p) => p.partner));
    // Ascending: the smallest exports first, still no "—" before them.
    await table.locator('th', { hasText: /^Exports/ }).click();
    const cells = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(cells[0]).toMatch(/^US\$/);
    expect(errors).toEqual([]);
  });

  it('Data page: the release diff of two runs shows totals, groups and the largest revisions', async () => {
    const { page, errors } = await open('/data?diff_a=1&diff_b=1');
    await page.waitForSelector('[data-diff=totals]', { timeout: 60_000 });
    expect(await page.locator('[data-diff=revised]').innerText()).toMatch(/^0 /);
    expect(await page.locator('[data-diff=groups] tbody tr').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
