import { describe, expect, it } from 'vitest';
import { relateClaims } from '../relate.ts';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('growth: sides, currencies and periods across texts', () => {
  it('joins overseas with overseas, never with the domestic side or the whole', () => {
    const t = textsOf(
      '2022年上半年,自研游戏国内收入1000亿元,海外收入80亿美元。',
      '2023年上半年,自研游戏国内收入1050亿元,同比增长5%。海外收入88亿美元,同比增长10%。',
    );
    expect(relationOf(t, 'growth', [idOf(t, '80亿美元'), idOf(t, '10%'), idOf(t, '88亿美元')])?.verdict).toBe('consistent');
    expect(relationOf(t, 'growth', [idOf(t, '1000亿元'), idOf(t, '5%'), idOf(t, '1050亿元')])?.verdict).toBe('consistent');
  });
  it('levels that agree with the rate only as bare numbers hold a currency slip, even across texts', () => {
    const t = textsOf(
      '2022年上半年,自研游戏海外收入80.00亿美元。',
      '2023年上半年,自主研发游戏海外收入88.00亿元,同比增长10.00%。',
      '2024年上半年,自研游戏海外收入92.40亿美元,同比增长5.00%。',
    );
    const r = relationOf(t, 'growth', [idOf(t, '80.00亿美元'), idOf(t, '10.00%'), idOf(t, '88.00亿元')]);
    expect(r?.verdict).toBe('inconsistent');
    expect(r?.suspect).toBe(idOf(t, '88.00亿元'));
    expect(r?.suspect_reason).toMatch(/USD/);
    const next = relationOf(t, 'growth', [idOf(t, '88.00亿元'), idOf(t, '5.00%'), idOf(t, '92.40亿美元')]);
    expect(next?.verdict).toBe('inconsistent');
    expect(next?.suspect).toBe(idOf(t, '88.00亿元'));
  });
  it('pairs the levels of one currency when a figure is given in two ("$30BN (JPY4.5TR)")', () => {
    const t = textsOf(
      'The toy industry earned about 4 trillion yen in 2023.',
      'The toy industry grew by 12.5% to $30BN (JPY4.5TR) in 2024.',
    );
    expect(relationOf(t, 'growth', [idOf(t, '4 trillion yen'), idOf(t, '12.5%'), idOf(t, 'JPY4.5TR')])?.verdict).toBe('consistent');
  });
  it('different currencies whose numbers do not agree say nothing', () => {
    const t = textsOf('2022年上半年,自研游戏海外收入80亿美元。', '2023年上半年,自研游戏海外收入560亿元,同比增长10%。');
    expect(relationOf(t, 'growth', [idOf(t, '80亿美元'), idOf(t, '10%'), idOf(t, '560亿元')])).toBeUndefined();
  });
  it('a Jan–Oct rate against another text’s full-year level of the part is a period mismatch', () => {
    const t = textsOf(
      'In 2023, film exports to Japan were $40 million.',
      'Film exports to Japan from January to October this year were $50 million. Exports to Japan rose 30 percent on year.',
    );
    const r = relationOf(t, 'period_mismatch', [idOf(t, '$40 million'), idOf(t, '$50 million'), idOf(t, '30 percent')]);
    expect(r?.verdict).toBe('not_comparable');
  });
});

describe('growth.period: the same period a year before, or the period just before (环比)', () => {
  it('compares a half-year with the same half a year before', () => {
    const t = textsOf('2020年上半年,游戏收入1000亿元。\n\n2021年上半年,游戏收入1100亿元,同比增长10%。');
    expect(relationOf(t, 'growth', [idOf(t, '1000亿元'), idOf(t, '10%'), idOf(t, '1100亿元')])?.verdict).toBe('consistent');
  });
  it('a 环比 rate compares with the period just before, a 同比 rate with the year before', () => {
    const t = textsOf('2022年下半年,游戏收入1200亿元。\n\n2023年上半年,游戏收入1320亿元,同比增长5%,环比增长10%。');
    expect(relationOf(t, 'growth', [idOf(t, '1200亿元'), idOf(t, '10%'), idOf(t, '1320亿元')])?.verdict).toBe('consistent');
    expect(relateClaims(t.claims, t.texts).some((r) => r.inputs.includes(idOf(t, '5%')))).toBe(false);
  });
  it('a sub-annual rate set against the full year before is a period mismatch, not a contradiction', () => {
    const t = textsOf('Album exports were $200 million in 2022.\n\nFrom January to October 2023, album exports were $210 million, up 25 percent on year.');
    const rs = relateClaims(t.claims, t.texts);
    const r = rs.find((x) => x.type === 'period_mismatch');
    expect(r?.verdict).toBe('not_comparable');
    expect(r?.note).toMatch(/part of a year/);
    expect(rs.some((x) => x.verdict === 'inconsistent')).toBe(false);
  });
  it('a level a year later that the rate does not give is inconsistent', () => {
    const t = textsOf('In 2021, toy exports were $10.0 billion. In 2022, toy exports were $12.0 billion, up 10.0% year on year.');
    expect(relationOf(t, 'growth', [idOf(t, '$10.0 billion'), idOf(t, '10.0%'), idOf(t, '$12.0 billion')])?.verdict).toBe('inconsistent');
  });
});

describe('growth.period: the level of the rate’s own part', () => {
  it('a rate of a category’s total meets that total, not a sub-category nearer to it', () => {
    const t = textsOf(
      'Recorded music revenues in Chile rose to 150 million dollars in 2023 from 125 million dollars in 2022, an increase of 20 percent, a report said.\n\nStreaming generated 120 million dollars, or 80 percent of the total.',
    );
    expect(relationOf(t, 'growth', [idOf(t, '125 million dollars'), idOf(t, '20 percent'), idOf(t, '150 million dollars')])?.verdict).toBe('consistent');
    expect(relateClaims(t.claims, t.texts).filter((r) => r.verdict === 'inconsistent')).toEqual([]);
  });
});

describe('growth.period: a part word naming a share’s whole is no subject', () => {
  it('a sub-category’s rate after "占工艺美术品出口额的…%" does not meet the category’s total', () => {
    const t = textsOf(
      '2023年，全市工艺美术品出口额为40.0亿美元，比上年增长5.0%。其中，雕塑制品出口12.0亿美元，增长8.0%，占工艺美术品出口额的30.0%；刺绣制品出口6.0亿美元，下降3.0%。2022年，全市工艺美术品出口额为38.1亿美元。',
    );
    expect(relationOf(t, 'growth', [idOf(t, '38.1亿美元'), idOf(t, '5.0%'), idOf(t, '40.0亿美元')])?.verdict).toBe('consistent');
    expect(relateClaims(t.claims, t.texts).filter((r) => r.verdict === 'inconsistent')).toEqual([]);
  });
});
