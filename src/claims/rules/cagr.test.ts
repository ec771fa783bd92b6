import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('cagr: (end / start)^(1 / years) − 1 = the average annual rate', () => {
  it('English: (20/10)^(1/10) − 1 = 7.18%, stated 7%', () => {
    const t = textsOf('From 2010 to 2020, music exports rose from US$10 billion to US$20 billion, an average annual growth rate of 7%.');
    const r = relationOf(t, 'cagr', [idOf(t, 'US$10 billion'), idOf(t, 'US$20 billion'), idOf(t, '7%')]);
    expect(r?.verdict).toBe('consistent');
    expect(r?.computed).toBeCloseTo((2 ** 0.1 - 1) * 100, 6);
  });
  it('Chinese 年均增长, wrong rate', () => {
    const t = textsOf('2010年至2020年,我国文化产品出口从100亿美元增至200亿美元,年均增长10%。');
    expect(relationOf(t, 'cagr', [idOf(t, '100亿美元'), idOf(t, '200亿美元'), idOf(t, '10%')])?.verdict).toBe('inconsistent');
  });
});
