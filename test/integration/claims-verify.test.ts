/**
 * Verification against official series, and the expected verdicts of
 * ../shared/data/china_official/claims_for_checking.csv reproduced: each row's claim is written as a
 * sentence (its summary, with the claimed figure in the row's unit when the summary has none),
 * extracted, related and verified against the bundled official series.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentFromString } from '../../src/claims/documents.ts';
import { type Claim, extractClaims } from '../../src/claims/extract.ts';
import { relateClaims } from '../../src/claims/relate.ts';
import { verifyClaim } from '../../src/claims/verify.ts';
import { ensureReferenceData } from '../../src/reference/index.ts';
import { prepareStore } from '../../src/setup.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { hasShared, sharedPath } from '../shared.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore();
  await ensureReferenceData(store);
});
afterAll(async () => store.close());

const claimsOf = (text: string, date = '2024-01-01') =>
  extractClaims(documentFromString(text, 'c.txt', { date }));
const pick = (cs: Claim[], quote: string) => cs.find((c) => c.quote === quote) as Claim;

describe('verifyClaim (bundled official series)', () => {
  it('supports an exact figure and shows the series, parameters, SQL and command', async () => {
    // Official 2018 cultural products exports: 92.53 billion (MOFCOM).
    const c = pick(
      claimsOf('In 2018, China’s exports of cultural products were US$92.53 billion.'),
      'US$92.53 billion',
    );
    const v = await verifyClaim(store, c);
    expect(v).toMatchObject({ verdict: 'supported', reason: 'match' });
    expect(v.evidence).toMatchObject({
      scope: 'cultural_products',
      value: 92.53e9,
      params: { year: 2018, flow: 'export' },
    });
    expect(v.evidence?.sql.text).toMatch(/from official_series/);
    expect(v.evidence?.command).toBe(
      'lantern official --year 2018 --indicator value --flow export --country CHN',
    );
  });
  it('contradicts a figure of the same scope beyond rounding (2018 exports 95.1 vs 92.53)', async () => {
    const c = pick(
      claimsOf('In 2018, China’s exports of cultural products were US$95.1 billion.'),
      'US$95.1 billion',
    );
    expect(await verifyClaim(store, c)).toMatchObject({ verdict: 'contradicted', reason: 'mismatch' });
  });
  it('checks a growth rate against the series’ year-on-year figure (2018 imports +10.3%)', async () => {
    const c = pick(claimsOf('In 2018, China’s imports of cultural products rose 10.3%.'), '10.3%');
    expect(await verifyClaim(store, c)).toMatchObject({ verdict: 'supported' });
  });
  it('never contradicts with a series of another scope', async () => {
    // 2021: only SAFE's broad services series (124.4 bn) exists; MOFCOM-style "cultural services" 150 bn is not refuted by it.
    const c = pick(
      claimsOf('In 2021, China’s cultural services trade reached US$150 billion.'),
      'US$150 billion',
    );
    const v = await verifyClaim(store, c);
    expect(v).toMatchObject({ verdict: 'unverifiable', reason: 'other_scope' });
    expect(v.evidence).toMatchObject({ scope: 'cultural_services_broad', value: 124.4e9 });
  });
  it('says unverifiable for a year without series', async () => {
    const c = pick(
      claimsOf('In 2015, China’s exports of cultural products were US$87 billion.'),
      'US$87 billion',
    );
    expect(await verifyClaim(store, c)).toMatchObject({ verdict: 'unverifiable', reason: 'no_series' });
  });
});

describe('verifyClaim: figures that are not an annual total', () => {
  // The annual 2018 export series is 92.53 bn; a half-year figure of 40.1 bn is far from it and must
  // not be called contradicted (part of a year is not the year).
  it.each([
    ['2018年上半年,我国文化产品出口401亿美元。', '401亿美元', '2018H1'],
    ['In the first half of 2018, China’s exports of cultural products were US$40.1 billion.', 'US$40.1 billion', '2018H1'],
    ['In Q3 2018, China’s exports of cultural products were US$25 billion.', 'US$25 billion', '2018Q3'],
    ['2018年1-10月,我国文化产品出口760亿美元,同比增长5.1%。', '760亿美元', '2018M01..2018M10'],
    ['2018年前三季度,我国文化产品出口同比增长3.2%。', '3.2%', '2018M01..2018M09'],
  ])('%s is sub-annual, never contradicted by the annual series', async (text, quote, period) => {
    const c = pick(claimsOf(text), quote);
    expect(c.period).toBe(period);
    const v = await verifyClaim(store, c);
    expect(v).toMatchObject({ verdict: 'unverifiable', reason: 'sub_annual' });
    expect(v.explanation).toMatch(/not compared with annual series/);
  });
  it('never checks a partner-market figure or a part as the total', async () => {
    const toUs = pick(
      claimsOf('In 2018, China’s exports of cultural products to the United States were US$30 billion.'),
      'US$30 billion',
    );
    expect(toUs.partner).toBe('USA');
    expect(await verifyClaim(store, toUs)).toMatchObject({ verdict: 'unverifiable', reason: 'partner_figure' });
    const guangdong = pick(claimsOf('2018年,广东出口文化产品300亿美元。'), '300亿美元');
    expect(await verifyClaim(store, guangdong)).toMatchObject({ verdict: 'unverifiable', reason: 'part_figure' });
    const books = pick(claimsOf('In 2018, China’s exports of books were US$1.2 billion.'), 'US$1.2 billion');
    expect(await verifyClaim(store, books)).toMatchObject({ verdict: 'unverifiable', reason: 'part_figure' });
  });
  it('still checks the full year in the same text', async () => {
    const cs = claimsOf('2018年上半年出口401亿美元。2018年全年,我国文化产品出口925.3亿美元。');
    expect(pick(cs, '401亿美元').period).toBe('2018H1');
    const year = pick(cs, '925.3亿美元');
    expect(year.period).toBe('2018');
    expect(await verifyClaim(store, year)).toMatchObject({ verdict: 'supported' });
  });
});

const csvPresent = hasShared('data/china_official/claims_for_checking.csv');
describe.skipIf(!csvPresent)('claims_for_checking.csv: every expected verdict reproduced', () => {
  type Row = {
    claim_id: string;
    claim_text_summary: string;
    claimed_value: string;
    claimed_unit: string;
    year: string;
    expected_verdict: string;
  };
  const rows: Row[] = csvPresent
    ? parse(readFileSync(sharedPath('data/china_official/claims_for_checking.csv'), 'utf8'), {
        columns: true,
      })
    : [];
  // The row's figure written as a journalist would: 亿美元 for hundred_million_usd, "US$… billion" for billion_usd.
  const sentence = (r: Row) => {
    let t = r.claim_text_summary;
    if (r.claimed_unit === 'billion_usd')
      t = t.replace(/(\d+(?:\.\d+)?)(?:\s*(?:bn|billion))?(?:\s*USD)?/g, (m, n: string) =>
        n === r.year ? m : `US$${n} billion`,
      );
    if (!/\d+(?:\.\d+)?\s*(?:亿|billion|US\$)/.test(t))
      t +=
        r.claimed_unit === 'hundred_million_usd'
          ? `：${r.claimed_value}亿美元`
          : ` US$${r.claimed_value} billion`;
    return /China/.test(t) ? t : `China: ${t}`;
  };
  const claimFor = (r: Row) => {
    const cs = claimsOf(sentence(r));
    const perUnit = r.claimed_unit === 'hundred_million_usd' ? 1e8 : 1e9;
    const c = cs.find((x) => Math.abs(x.value - Number(r.claimed_value) * perUnit) < 1);
    expect(c, `no claim of ${r.claimed_value} ${r.claimed_unit} in "${sentence(r)}"`).toBeDefined();
    expect(c?.period).toBe(r.year);
    return { claim: c as Claim, all: cs };
  };
  const row = (id: string) => rows.find((r) => r.claim_id === id) as Row;

  it('C1 unit error: 60.1亿美元 (6.01 bn) against UNESCO’s 60.1 billion is a factor-10 error', async () => {
    expect(row('C1').expected_verdict).toMatch(/unit_error/);
    const v = await verifyClaim(store, claimFor(row('C1')).claim);
    expect(v).toMatchObject({ verdict: 'contradicted', reason: 'unit_error' });
    expect(v.evidence?.value).toBe(60.1e9);
  });
  it('C2 implausible: a 2015 surplus of 2306.19亿 (230.6 bn) exceeds any nearby export figure', async () => {
    expect(row('C2').expected_verdict).toMatch(/implausible/);
    const v = await verifyClaim(store, claimFor(row('C2')).claim);
    expect(v).toMatchObject({ verdict: 'contradicted', reason: 'implausible' });
  });
  it('C3 rounded headline: "about 90 billion" for 88.19 billion is supported as rounded', async () => {
    expect(row('C3').expected_verdict).toMatch(/approximately_true/);
    const v = await verifyClaim(store, claimFor(row('C3')).claim);
    expect(v).toMatchObject({ verdict: 'supported', reason: 'rounded' });
    expect(v.evidence?.value).toBe(88.19e9);
  });
  it('C4 true with differing scope wording: "exceeded 200 billion" in 2021 against 200.03 billion', async () => {
    expect(row('C4').expected_verdict).toBe('true');
    const v = await verifyClaim(store, claimFor(row('C4')).claim);
    expect(v).toMatchObject({ verdict: 'supported', reason: 'bound_holds' });
    expect(v.evidence?.value).toBe(200.03e9);
  });
  it('the file itself, as `claims check` reads it (a CSV is a table: each row on its own, cells apart)', async () => {
    const doc = documentFromString(readFileSync(sharedPath('data/china_official/claims_for_checking.csv'), 'utf8'), 'claims_for_checking.csv');
    expect(doc.format).toBe('table');
    const claims = extractClaims(doc);
    // A row's paragraph starts with its claim id; its claims lie between that and the next row.
    const rowOf = (c: Claim) => {
      const before = doc.text.slice(0, c.start);
      return /(?:^|\n\n)(C\d+) · (?![\s\S]*\n\n)/.exec(before)?.[1];
    };
    let checked = 0;
    for (const r of rows) {
      const mine = claims.filter((c) => rowOf(c) === r.claim_id);
      if (r.claimed_unit === 'billion_usd' && /billion/.test(r.claim_text_summary)) {
        const c = mine.find((x) => Math.abs(x.value - Number(r.claimed_value) * 1e9) < 1);
        expect(c, `${r.claim_id}: no claim of ${r.claimed_value} billion`).toBeDefined();
        expect(c?.period, `${r.claim_id}'s year`).toBe(r.year);
        if (/^(true|approximately_true)/.test(r.expected_verdict)) {
          expect((await verifyClaim(store, c as Claim)).verdict, r.claim_id).toBe('supported');
          checked++;
        }
      }
      if (/unit_error/.test(r.expected_verdict)) {
        const verdicts = await Promise.all(mine.map((c) => verifyClaim(store, c)));
        expect(verdicts.some((v) => v.verdict === 'contradicted' && v.reason === 'unit_error'), r.claim_id).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
  it('C5 internally consistent: 99.89 − 11.57 = 88.32, and supported by the series', async () => {
    expect(row('C5').expected_verdict).toMatch(/internally consistent/);
    const { claim, all } = claimFor(row('C5'));
    const diff = relateClaims(all).find((r) => r.type === 'difference');
    expect(diff).toMatchObject({ verdict: 'consistent', output: claim.id });
    expect(diff?.computed).toBeCloseTo(99.89e9 - 11.57e9, -3);
    expect((await verifyClaim(store, claim)).verdict).toBe('supported');
  });
});

describe('verifyClaim: trade data with the named basket (no official series of that scope)', () => {
  // The fixture world of test/fixtures/api: CHN's exports of the 5 UNESCO FCS products in 2021 =
  // mass 100 × Σ importer weights (1.0+0.7+0.5+0.4+0.3+0.45 = 3.35) × Σ product weights
  // (1.0+2.0+0.5+0.3+0.8 = 4.6) × 1.30 = 2003.3 thousand = US$2,003,300.
  let world: Store;
  beforeAll(async () => {
    const { openFixtureStore } = await import('./api-fixture.ts');
    world = await openFixtureStore();
  });
  afterAll(async () => world.close());
  const claim = (figure: string) =>
    pick(claimsOf(`In 2021, China’s exports of cultural goods were ${figure}.`), figure);

  it('supports a figure the basket reproduces within its rounding (US$2.0 million ±0.05)', async () => {
    const v = await verifyClaim(world, claim('US$2.0 million'));
    expect(v).toMatchObject({ verdict: 'supported', reason: 'match' });
    expect(v.evidence).toMatchObject({ source: 'trade_data', scope: 'unesco-fcs-2009' });
    expect(v.evidence?.value).toBeCloseTo(2003300, 0);
    expect(v.evidence?.command).toBe(
      'lantern indicator value --country CHN --year 2021 --side export --basket unesco-fcs-2009',
    );
  });
  it('shows a unit error (US$20 million is ten times the basket value)', async () => {
    expect(await verifyClaim(world, claim('US$20 million'))).toMatchObject({
      verdict: 'contradicted',
      reason: 'unit_error',
    });
  });
  it('reports a difference without calling it a contradiction (US$3 million)', async () => {
    expect(await verifyClaim(world, claim('US$3 million'))).toMatchObject({
      verdict: 'unverifiable',
      reason: 'trade_differs',
    });
  });
});

describe('verifyClaim: counts against the registry’s official dated counts', () => {
  let reg: Store;
  beforeAll(async () => {
    reg = await openStore();
    await prepareStore(reg);
  });
  afterAll(async () => reg.close());
  const count = (text: string, quote: string, date: string) =>
    pick(extractClaims(documentFromString(text, 'r.txt', { date })), quote);

  it('supports a count equal to a published count near the document date (31 centres, Sept 2017)', async () => {
    const v = await verifyClaim(
      reg,
      count('China has now set up 31 overseas cultural centres, officials said.', '31', '2017-10-02'),
      { docDate: '2017-10-02' },
    );
    expect(v).toMatchObject({ verdict: 'supported', reason: 'match' });
    expect(v.evidence).toMatchObject({
      source: 'registry_counts',
      scope: 'cultural-centre/established',
      value: 31,
    });
    expect(v.evidence?.command).toBe('lantern registry list counts --country CHN --subject cultural-centre');
  });
  it('reports a different count with the published ones, without calling it a contradiction', async () => {
    const v = await verifyClaim(
      reg,
      count('China has now set up 44 overseas cultural centres.', '44', '2019-05-01'),
      { docDate: '2019-05-01' },
    );
    expect(v).toMatchObject({ verdict: 'unverifiable', reason: 'count_differs' });
    expect(v.explanation).toContain('31 as of 2017-09');
  });
  it('checks only what the figure counts, not other counts in its sentence', async () => {
    const v = await verifyClaim(
      reg,
      count('The 44 overseas cultural centres drew 3 million visitors.', '3 million', '2019-05-01'),
      { docDate: '2019-05-01' },
    );
    expect(v.evidence?.source).not.toBe('registry_counts');
  });
});
