/** Each relation rule of the catalog on small hand-written sentences, English and Chinese. */
import { describe, expect, it } from 'vitest';
import { documentFromString } from '../documents.ts';
import { type Claim, extractClaims } from '../extract.ts';
import { relateClaims } from '../relate.ts';

const claimsOf = (text: string, name = 'r.txt', date = '2024-06-01') =>
  extractClaims(documentFromString(text, name, { date }));
const id = (cs: Claim[], quote: string) => {
  const c = cs.find((x) => x.quote === quote);
  expect(c, `no claim "${quote}"`).toBeDefined();
  return (c as Claim).id;
};
const relation = (cs: Claim[], type: string, quotes: string[]) => {
  const want = new Set(quotes.map((q) => id(cs, q)));
  return relateClaims(cs).find(
    (r) => r.type === type && [...r.inputs, ...(r.output ? [r.output] : [])].every((x) => want.has(x)) && want.size === r.inputs.length + (r.output ? 1 : 0),
  );
};

describe('sum of parts', () => {
  it('overseas + domestic = the whole (consistent within rounding)', () => {
    const cs = claimsOf('In 2023, the film industry earned $12.4 billion. Overseas revenue was $5.1 billion, while domestic revenue was $7.3 billion.');
    expect(relation(cs, 'sum', ['$5.1 billion', '$7.3 billion', '$12.4 billion'])?.verdict).toBe('consistent');
  });
  it('a part written in millions for billions is a unit slip, and the slipped part is the suspect', () => {
    const cs = claimsOf('In 2023, the film industry earned $12.4 billion. Overseas revenue was $5.1 million, while domestic revenue was $7.3 billion.');
    const r = relation(cs, 'sum', ['$5.1 million', '$7.3 billion', '$12.4 billion']);
    expect(r?.verdict).toBe('inconsistent');
    expect(r?.suspect).toBe(id(cs, '$5.1 million'));
    expect(r?.suspect_reason).toMatch(/unit slip/);
  });
  it('parts that do not cover the whole are not comparable, never inconsistent', () => {
    const cs = claimsOf('2023年,我国游戏市场收入3000亿元。其中,自研游戏海外收入150亿元,国内收入2500亿元。');
    const r = relateClaims(cs).find((x) => x.type === 'sum');
    expect(r?.verdict).toBe('not_comparable');
  });
  it('the shares of two sides of one whole add up to 100%', () => {
    const cs = claimsOf('In 2024, overseas sales accounted for 58% of the total, while domestic sales accounted for 42%.');
    expect(relation(cs, 'sum', ['58%', '42%'])?.verdict).toBe('consistent');
  });
  it('shares listed after the share of a whole add up to it (其中)', () => {
    const cs = claimsOf('2022年,亚洲市场约占全球市场的60%。其中,东南亚约占35%,东亚约占25%。');
    expect(relation(cs, 'sum', ['35%', '25%', '60%'])?.verdict).toBe('consistent');
  });
});

describe('difference', () => {
  it('a gap in percentage points between two growth rates (高出…个百分点)', () => {
    const t = '2015年,我国文化产品出口增长10.5%。私营企业出口增长20.5%,高出总体增速10个百分点。';
    expect(relation(claimsOf(t), 'difference', ['20.5%', '10.5%', '10个百分点'])?.verdict).toBe('consistent');
    const wrong = t.replace('10个百分点', '12个百分点');
    expect(relation(claimsOf(wrong), 'difference', ['20.5%', '10.5%', '12个百分点'])?.verdict).toBe('inconsistent');
  });
});

describe('growth from two values', () => {
  it('compares a half-year with the same half a year before', () => {
    const cs = claimsOf('2020年上半年,游戏收入1000亿元。\n\n2021年上半年,游戏收入1100亿元,同比增长10%。');
    const r = relation(cs, 'growth', ['1000亿元', '10%', '1100亿元']);
    expect(r?.verdict).toBe('consistent');
  });
  it('a 环比 rate compares with the period just before, a 同比 rate with the year before', () => {
    const t = '2022年下半年,游戏收入1200亿元。\n\n2023年上半年,游戏收入1320亿元,同比增长5%,环比增长10%。';
    const cs = claimsOf(t);
    expect(relation(cs, 'growth', ['1200亿元', '10%', '1320亿元'])?.verdict).toBe('consistent');
    expect(relateClaims(cs).some((r) => r.inputs.includes(id(cs, '5%')))).toBe(false);
  });
  it('a sub-annual rate set against the full year before is a period mismatch, not a contradiction', () => {
    const t =
      'Album exports were $200 million in 2022.\n\nFrom January to October 2023, album exports were $210 million, up 25 percent on year.';
    const cs = claimsOf(t);
    const r = relateClaims(cs).find((x) => x.type === 'period_mismatch');
    expect(r?.verdict).toBe('not_comparable');
    expect(r?.note).toMatch(/part of a year/);
    expect(relateClaims(cs).some((x) => x.verdict === 'inconsistent')).toBe(false);
  });
  it('a rate over a span from the levels at its ends', () => {
    const t = 'Game exports have grown 50 percent over the past three years; they were $2 billion in 2020 and $3 billion in 2023.';
    const cs = claimsOf(t);
    const g = cs.find((c) => c.quote === '50 percent');
    expect(g?.period).toBe('2020..2023');
    expect(relation(cs, 'growth', ['$2 billion', '$3 billion', '50 percent'])?.verdict).toBe('consistent');
  });
  it('a rate between two estimates of one quantity', () => {
    const cs = claimsOf('Music exports could be 25 per cent higher than estimated. The new estimate is £5bn, compared to the official figure of £4bn.');
    expect(relation(cs, 'growth', ['£4bn', '£5bn', '25 per cent'])?.verdict).toBe('consistent');
  });
});

describe('share from part and whole', () => {
  it('part / whole within one sentence (a category of the total)', () => {
    const cs = claimsOf('2015年,我国出口文化产品200亿美元。其中,出口图书50亿美元,占同期文化产品出口的25%。');
    expect(relation(cs, 'share', ['50亿美元', '200亿美元', '25%'])?.verdict).toBe('consistent');
    const cs2 = claimsOf('2015年,我国出口文化产品200亿美元。其中,出口图书55亿美元,占同期文化产品出口的25%。');
    expect(relation(cs2, 'share', ['55亿美元', '200亿美元', '25%'])?.verdict).toBe('inconsistent');
  });
});

describe('ratio and multiples', () => {
  it('"more than double" between two figures of one sentence', () => {
    const cs = claimsOf('In 2023, exports to Japan were $50 million, more than double the exports to France, which were $20 million.');
    expect(cs.find((c) => c.quote === 'double')?.kind).toBe('ratio');
    expect(relation(cs, 'ratio', ['$50 million', '$20 million', 'double'])?.verdict).toBe('consistent');
  });
  it('tripled, 翻了一番', () => {
    expect(claimsOf('Sales tripled to $3 billion in 2020.').find((c) => c.kind === 'ratio')?.value).toBe(3);
    expect(claimsOf('2020年出口额翻了一番。').find((c) => c.kind === 'ratio')?.value).toBe(2);
  });
});

describe('same figure restated', () => {
  it('a headline cut to whole units restates the body’s figure', () => {
    const cs = claimsOf('游戏市场上半年收入2345亿元\n\n2022年上半年,游戏市场收入2345.78亿元。');
    expect(relation(cs, 'same_figure', ['2345亿元', '2345.78亿元'])?.verdict).toBe('consistent');
  });
});

describe('bound', () => {
  it('"topped X" against the stated figure; a part within its whole (其中)', () => {
    const cs = claimsOf('Film revenue topped 2 trillion yen in 2023. Revenue stood at about 2.2 trillion yen in 2023.');
    expect(relation(cs, 'bound', ['2.2 trillion yen', '2 trillion yen'])?.verdict).toBe('consistent');
    const zh = claimsOf('2022年,游戏用户规模6.6亿人,其中移动游戏用户规模6.5亿人。');
    expect(relation(zh, 'bound', ['6.6亿', '6.5亿'])?.verdict).toBe('consistent');
  });
});

describe('order of magnitude: conversions', () => {
  it('a conversion off by 1000 from the text’s other conversions is a unit slip', () => {
    const t =
      'The industry grew to 2.4 trillion yen (about US$22.1 million) in 2019. Films earned 60 billion yen (about US$552 million) and music 30 billion yen (about US$276 million).';
    const cs = claimsOf(t);
    const slip = relation(cs, 'conversion', ['2.4 trillion yen', 'US$22.1 million']);
    expect(slip?.verdict).toBe('inconsistent');
    expect(slip?.suspect).toBe(id(cs, 'US$22.1 million'));
    expect(relation(cs, 'conversion', ['60 billion yen', 'US$552 million'])?.verdict).toBe('consistent');
  });
});
