/**
 * Verification against the bundled official series beyond China (data/official/SOURCE.md):
 * UNCTAD's creative goods and services (world and by country), Korea's content-industry exports
 * (MCST / KOCCA) and the UK's creative-industries exports (DCMS, in pounds). Invented sentences;
 * the expected figures are the bundled rows, read here from the files.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentFromString } from '../../src/claims/documents.ts';
import { extractClaims } from '../../src/claims/extract.ts';
import { unverifiableBasis, verifyClaim } from '../../src/claims/verify.ts';
import { ensureReferenceData } from '../../src/reference/index.ts';
import { dataPath } from '../../src/reference/data-files.ts';
import { openStore, type Store } from '../../src/store/db.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore();
  await ensureReferenceData(store);
});
afterAll(async () => store.close());

const rowsOf = (file: string) => parse(readFileSync(dataPath('official', file), 'utf8'), { columns: true }) as Record<string, string>[];
const row = (file: string, country: string, year: string, scope: string) =>
  rowsOf(file).find((r) => r.country === country && r.year === year && r.scope === scope) as Record<string, string>;

const verify = async (text: string, quote: string) => {
  const c = extractClaims(documentFromString(text, 'v.txt', { date: '2024-06-01' })).find((x) => x.quote === quote);
  expect(c, `no claim "${quote}"`).toBeDefined();
  return verifyClaim(store, c as NonNullable<typeof c>);
};

describe('Korea: content-industry exports (MCST / KOCCA)', () => {
  it('supports the published figure, English and Chinese, with the URL it was read on', async () => {
    const r = row('korea_content_exports.csv', 'KOR', '2021', 'content_industry');
    const v = await verify('In 2021, South Korea’s content industry exports reached $12.45 billion.', '$12.45 billion');
    expect(v).toMatchObject({ verdict: 'supported', reason: 'match', evidence: { scope: 'content_industry', value: Number(r.value_usd), source_url: r.source_url } });
    expect(await verify('2022年,韩国内容产业出口额达132.4亿美元。', '132.4亿美元')).toMatchObject({ verdict: 'supported' });
  });
  it('contradicts a different figure of the same definition', async () => {
    expect(await verify('In 2022, South Korea’s content industry exports were $15.1 billion.', '$15.1 billion')).toMatchObject({ verdict: 'contradicted', reason: 'mismatch' });
  });
  it('a record checked against the earlier years: confirmed on an unbroken run, not confirmed across a gap', async () => {
    expect(await verify('In 2018, South Korea’s content industry exports hit an all-time high of $9.55 billion.', '$9.55 billion')).toMatchObject({
      verdict: 'supported',
      reason: 'milestone_holds',
    });
    const gap = await verify('In 2022, South Korea’s content industry exports hit a record $13.24 billion.', '$13.24 billion');
    expect(gap).toMatchObject({ verdict: 'supported', reason: 'match' });
    expect(gap.explanation).toMatch(/no figure for 2019, so it is not confirmed/);
  });
});

describe('UNCTAD: creative goods and services, world and by country', () => {
  it('supports world totals of goods and of services', async () => {
    expect(await verify('In 2023, world exports of creative services reached $1.5 trillion.', '$1.5 trillion')).toMatchObject({ verdict: 'supported', evidence: { scope: 'creative_services' } });
    expect(await verify('Global exports of creative goods totalled $713 billion in 2022.', '$713 billion')).toMatchObject({ verdict: 'supported', evidence: { scope: 'creative_goods' } });
  });
  it('a country’s creative goods exports', async () => {
    const r = row('unctad_creative_economy.csv', 'USA', '2020', 'creative_goods');
    expect(await verify('In 2020, the United States exported $32 billion of creative goods.', '$32 billion')).toMatchObject({ verdict: 'supported', evidence: { value: Number(r.value_usd) } });
  });
});

describe('UK: creative-industries exports (DCMS), in pounds', () => {
  it('compares pounds with pounds, never converted', async () => {
    const v = await verify('In 2016, services exports from the UK creative industries were £27bn.', '£27bn');
    expect(v).toMatchObject({ verdict: 'supported', evidence: { scope: 'creative_industries_services', value: 27e9, unit: 'GBP' } });
    expect(await verify('In 2016, services exports from the UK creative industries were £31bn.', '£31bn')).toMatchObject({ verdict: 'contradicted' });
  });
  it('a first estimate and its revision are both published figures: neither is contradicted', async () => {
    expect(await verify('In 2019, goods exports from the UK creative industries were £20.1bn.', '£20.1bn')).toMatchObject({ verdict: 'supported' });
    expect(await verify('In 2019, goods exports from the UK creative industries were £13.8bn.', '£13.8bn')).toMatchObject({ verdict: 'supported' });
  });
  it('a figure in another currency than the series is not checked, and says why', async () => {
    const v = await verify('In 2016, services exports from the UK creative industries were $35 billion.', '$35 billion');
    expect(v).toMatchObject({ verdict: 'unverifiable', reason: 'not_checkable' });
    expect(v.explanation).toMatch(/is in GBP; the claim is in USD/);
  });
});

describe('unverifiable: no data, or not understood', () => {
  it('no published figure for that year is "no data"', async () => {
    const v = await verify('In 2019, South Korea’s content industry exports were $10.3 billion.', '$10.3 billion');
    expect(v).toMatchObject({ verdict: 'unverifiable', reason: 'no_series' });
    expect(unverifiableBasis(v)).toBe('no_data');
  });
  it('no year, or no country, is "not understood" (never checked against some other country’s series)', async () => {
    const noYear = await verify('South Korea’s content industry exports were $10.3 billion.', '$10.3 billion');
    expect(unverifiableBasis(noYear)).toBe('not_understood');
    const noCountry = await verify('In 2020, exports of creative goods were $30 billion.', '$30 billion');
    expect(noCountry).toMatchObject({ verdict: 'unverifiable', reason: 'not_understood' });
    expect(noCountry.explanation).toMatch(/which country/);
  });
});
