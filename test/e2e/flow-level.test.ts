/**
 * End-to-end, in real Chromium against `lantern serve`'s server on loopback: the flow control's
 * re-exports and an HS level finer than the data, at 390 and 1366 px, in English and Chinese.
 *
 * - Re-exports: on the hand-made Comtrade file with re-export rows (test/fixtures/comtrade-reexports)
 *   the flow control offers them; choosing them puts `flow=reexport` in the URL, and Hong Kong's
 *   headline shows its re-exports and re-imports as the file sums them, named so in the titles. On a
 *   store without re-exports the option is disabled.
 * - HS6 asked of a file whose codes stop at 4 digits (the same file's rows cut to their headings, in
 *   the same layout) shows the page at HS4 with a note saying so, never an error box.
 *
 * Every page is held to the harness's checks (no overflow, labels inside their charts,
 * `layoutFaults`, no console errors, no failed API answer). Skips with a message when
 * /usr/bin/chromium is absent — never under CI=true.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/index.ts';
import { prepareStore } from '../../src/setup.ts';
import { openStore } from '../../src/store/db.ts';
import { openFixtureStore } from '../integration/api-fixture.ts';
import { repoRoot } from '../shared.ts';
import { dedupedSum, rowsOf } from '../support/comtrade-file.ts';
import { type Served, serveStore } from '../support/e2e-server.ts';
import { hasChromium, launchChromium, openPage, pageProblems } from './harness.ts';

const FILE = join(repoRoot, 'test', 'fixtures', 'comtrade-reexports', 'reexports_hs_2021_2022.csv');
const text = readFileSync(FILE, 'utf8');
const rows = rowsOf(text);
const reported = (flow: string) => dedupedSum(rows, (r) => r.rep === 'HKG' && r.flow === flow && r.year === 2022);

/** The fixture with every code cut to its heading (aggrLevel 4), one row per report and heading. */
function headingsOnly(): string {
  const records = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const kept = new Map<string, Record<string, string>>();
  for (const r of records) {
    if (r.cmdCode!.length === 4) continue; // 9701 beside 970110: the subheading, cut, stands for it
    const h: Record<string, string> = { ...r, cmdCode: r.cmdCode!.slice(0, 4), aggrLevel: '4', isLeaf: 'FALSE' };
    kept.set(`${h.reporterISO}|${h.flowCode}|${h.partnerISO}|${h.refYear}|${h.cmdCode}`, h);
  }
  const cols = Object.keys(records[0]!);
  const cell = (v: string) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return [cols.join(','), ...[...kept.values()].map((r) => cols.map((c) => cell(r[c] ?? '')).join(','))].join('\n') + '\n';
}

const WIDTHS = [390, 1366] as const;
const LANGS = ['en', 'zh'] as const;
const chromium = hasChromium('the e2e flow and level test');

let withRx: Served;
let headings: Served;
let plain: Served;
let browser: Browser;
let dir: string;

describe.skipIf(!chromium)('re-exports and an HS level finer than the data, in Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lantern-e2e-flow-'));
    const hs4 = join(dir, 'reexports_hs4_2021_2022.csv');
    writeFileSync(hs4, headingsOnly());
    const served: Served[] = [];
    for (const file of [FILE, hs4]) {
      const store = await openStore();
      await prepareStore(store);
      await importFiles(store, [file], { now: () => new Date('2026-12-07T00:00:00Z') });
      served.push(await serveStore(store, file === FILE ? 'reexports.duckdb' : 'headings.duckdb'));
    }
    [withRx, headings] = served as [Served, Served];
    plain = await serveStore(await openFixtureStore({}), 'fixture.duckdb');
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of [withRx, headings, plain]) await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const width of WIDTHS)
    for (const lang of LANGS)
      it(`re-exports chosen in the flow control (${width} px, ${lang})`, async () => {
        const o = await openPage(browser, withRx.server.url, '/country?country=HKG&basket=all&from=2021&to=2022', width, lang);
        const { page } = o;
        const option = page.locator('select[data-control=flow] option[value=reexport]');
        expect(await option.isDisabled()).toBe(false);
        await page.selectOption('select[data-control=flow]', 'reexport');
        await Promise.all([page.waitForURL(/flow=reexport/), page.locator('form.controls button.primary').click()]);
        await page.waitForSelector('.page[data-ready]', { timeout: 120_000 });
        const re = lang === 'zh' ? '复出口' : 'Re-exports';
        const labels = await page.locator('.kpi .kpi-label').allTextContents();
        expect(labels.slice(0, 2)).toEqual(lang === 'zh' ? ['复出口', '复进口'] : ['Re-exports', 'Re-imports']);
        // The headline figures are the file's own sums of Hong Kong's 2022 re-exports and re-imports.
        const [rx, rm] = [reported('RX'), reported('RM')];
        const usd = (v: number) =>
          lang === 'zh' ? `${v.toLocaleString('zh-CN')}美元` : v >= 1e3 ? `US$${(v / 1e3).toLocaleString('en-US', { maximumFractionDigits: 1 })} k` : `US$${v}`;
        const values = await page.locator('.kpi .kpi-value').allTextContents();
        expect(values[0]).toContain(usd(rx));
        expect(values[1]).toContain(usd(rm));
        const titles = (await page.locator('section h2').allTextContents()).filter((x) => /2022/.test(x) && !/EBOPS/.test(x));
        expect(titles.length).toBeGreaterThan(4);
        for (const title of titles) expect(title).toContain(re);
        expect(await page.locator('select[data-control=view]').isDisabled()).toBe(true);
        expect(await pageProblems({ ...o, page }, `re-exports ${width} ${lang}`, width)).toEqual([]);
        await page.context().close();
      });

  it('a store without re-exports offers them disabled, saying so', async () => {
    const o = await openPage(browser, plain.server.url, '/country?country=CHN&from=2021&to=2022', 1366, 'en');
    const option = o.page.locator('select[data-control=flow] option[value=reexport]');
    expect(await option.isDisabled()).toBe(true);
    expect(await option.textContent()).toBe('Re-exports (none in this data)');
    await o.page.context().close();
    // A link asking for re-exports of this store: the page shows exports and says why, no error.
    const r = await openPage(browser, plain.server.url, '/country?country=CHN&from=2021&to=2022&flow=reexport', 390, 'en');
    expect(await r.page.locator('[data-flow-note]').textContent()).toMatch(/no re-exports/);
    expect(await pageProblems(r, 'reexport link on a store without', 390)).toEqual([]);
    await r.page.context().close();
  });

  for (const width of WIDTHS)
    for (const lang of LANGS)
      it(`HS6 asked of 4-digit data: the page at HS4 with a note (${width} px, ${lang})`, async () => {
        const o = await openPage(browser, headings.server.url, '/country?country=HKG&basket=all&from=2021&to=2022&level=6', width, lang);
        const note = o.page.locator('.level-note');
        expect(await note.getAttribute('data-level-note')).toBe('4');
        expect(await note.textContent()).toContain(lang === 'zh' ? '最细到 4 位' : 'down to 4 digits');
        expect(await o.page.locator('select[data-control=level]').inputValue()).toBe('4');
        expect(await o.page.locator('.kpi .kpi-value').first().textContent()).not.toBe('—');
        expect(await pageProblems(o, `level note ${width} ${lang}`, width)).toEqual([]);
        await o.page.context().close();
      });
});
