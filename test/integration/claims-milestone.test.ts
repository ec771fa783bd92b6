/**
 * "For the first time" / 首次 / "record" checked against the earlier years of an official series:
 * a DuckDB store with an invented official series for Peru (loaded like the bundled ones, through
 * loadOfficialSeries) and invented sentences in English and Chinese.
 *
 *   cultural_products exports (US$ bn): 2017 6.1, 2018 8.2, 2019 10.4, 2020 9.7, 2021 11.5
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentFromString } from '../../src/claims/documents.ts';
import { extractClaims } from '../../src/claims/extract.ts';
import { unverifiableBasis, verifyClaim } from '../../src/claims/verify.ts';
import { loadOfficialSeries } from '../../src/reference/index.ts';
import { openStore, type Store } from '../../src/store/db.ts';

const SERIES = `country,year,scope,indicator,flow,value,unit,source_url
PER,2017,cultural_products,value,export,6.1,billion_usd,https://example.org/invented-series
PER,2018,cultural_products,value,export,8.2,billion_usd,https://example.org/invented-series
PER,2019,cultural_products,value,export,10.4,billion_usd,https://example.org/invented-series
PER,2020,cultural_products,value,export,9.7,billion_usd,https://example.org/invented-series
PER,2021,cultural_products,value,export,11.5,billion_usd,https://example.org/invented-series
`;

let store: Store;
beforeAll(async () => {
  store = await openStore();
  await loadOfficialSeries(store, SERIES, 'invented-peru.csv', 'test');
});
afterAll(async () => store.close());

const verify = async (text: string, quote: string) => {
  const c = extractClaims(documentFromString(text, 'm.txt', { date: '2024-06-01' })).find((x) => x.quote === quote);
  expect(c, `no claim "${quote}"`).toBeDefined();
  return verifyClaim(store, c as NonNullable<typeof c>);
};

describe('milestones checked against the series', () => {
  it('supports a first crossing when this year is above and every earlier year below', async () => {
    const v = await verify('In 2019, Peru’s exports of cultural goods topped $10 billion for the first time.', '$10 billion');
    expect(v).toMatchObject({ verdict: 'supported', reason: 'milestone_holds' });
    expect(v.explanation).toMatch(/2017 US\$6\.1 bn, 2018 US\$8\.2 bn/);
    expect(v.evidence?.params).toMatchObject({ milestone: 'first_time', earlier_years: '2017,2018' });
  });
  it('contradicts a "first time" when an earlier year was already above, naming that year (English and Chinese)', async () => {
    for (const [text, quote] of [
      ['In 2021, Peru’s exports of cultural goods topped $10 billion for the first time.', '$10 billion'],
      ['2021年,秘鲁文化产品出口额首次突破100亿美元。', '100亿美元'],
    ] as const) {
      const v = await verify(text, quote);
      expect(v).toMatchObject({ verdict: 'contradicted', reason: 'milestone_fails' });
      expect(v.evidence).toMatchObject({ value: 10.4e9, params: { year: 2019, stated_year: 2021 }, source_url: 'https://example.org/invented-series' });
      expect(v.explanation).toMatch(/already above US\$10 bn in 2019/);
    }
  });
  it('checks a record against every earlier year', async () => {
    expect(await verify('In 2021, Peru’s cultural goods exports reached a record $11.5 billion.', '$11.5 billion')).toMatchObject({
      verdict: 'supported',
      reason: 'milestone_holds',
    });
    const v = await verify('2020年,秘鲁文化产品出口额创历史新高,达97亿美元。', '97亿美元');
    expect(v).toMatchObject({ verdict: 'contradicted', reason: 'milestone_fails', evidence: { params: { year: 2019 } } });
  });
  it('a low milestone: "fell below … for the first time" when earlier years were already below', async () => {
    const v = await verify('In 2020, Peru’s exports of cultural goods fell below $10 billion for the first time.', '$10 billion');
    expect(v).toMatchObject({ verdict: 'contradicted', reason: 'milestone_fails', evidence: { params: { year: 2017 } } });
  });
  it('never contradicts when the scope is not understood: says the milestone was not checked', async () => {
    const v = await verify('In 2021, Peru’s exports topped $10 billion for the first time.', '$10 billion');
    expect(v.verdict).not.toBe('contradicted');
    expect(v.explanation).toMatch(/"for the first time" not checked: the text does not say which definition/);
  });
  it('never contradicts when the period is not understood', async () => {
    const v = await verify('Peru’s exports of cultural goods topped $10 billion for the first time.', '$10 billion');
    expect(v).toMatchObject({ verdict: 'unverifiable', reason: 'not_understood' });
    expect(unverifiableBasis(v)).toBe('not_understood');
  });
  it('says when no earlier year exists to check the milestone against', async () => {
    const v = await verify('In 2017, Peru’s exports of cultural goods topped $6 billion for the first time.', '$6 billion');
    expect(v).toMatchObject({ verdict: 'supported', reason: 'bound_holds' });
    expect(v.explanation).toMatch(/not checked: no official cultural_products figure for PER before 2017/);
  });
  it('a milestone in a year the series lacks: earlier years reported, the year itself not checked', async () => {
    const v = await verify('In 2022, Peru’s cultural goods exports reached a record $12 billion.', '$12 billion');
    expect(v).toMatchObject({ verdict: 'unverifiable', reason: 'no_series' });
    expect(unverifiableBasis(v)).toBe('no_data');
    expect(v.explanation).toMatch(/every earlier year .* was below US\$12 bn: 2017 .*2021 US\$11\.5 bn, but 2022 itself is not checked/);
  });
});

describe('milestones on a series with gaps', () => {
  it('is not confirmed when a year before is missing (a gap could hide a crossing), and never contradicted for it', async () => {
    const s = await openStore();
    try {
      await loadOfficialSeries(
        s,
        `country,year,scope,indicator,flow,value,unit,source_url
CHL,2015,cultural_products,value,export,2.1,billion_usd,https://example.org/invented-series
CHL,2018,cultural_products,value,export,2.9,billion_usd,https://example.org/invented-series
CHL,2020,cultural_products,value,export,3.4,billion_usd,https://example.org/invented-series
`,
        'invented-chile.csv',
        'test',
      );
      const c = extractClaims(documentFromString('2020年,智利文化产品出口额首次突破30亿美元。', 'g.txt', { date: '2024-06-01' })).find((x) => x.quote === '30亿美元');
      const v = await verifyClaim(s, c as NonNullable<typeof c>);
      expect(v).toMatchObject({ verdict: 'supported', reason: 'bound_holds' });
      expect(v.explanation).toMatch(/no figure for 2016–2017, 2019, so it is not confirmed/);
    } finally {
      await s.close();
    }
  });
});
