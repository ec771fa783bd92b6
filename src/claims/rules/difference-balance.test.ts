import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('difference.balance: exports − imports = balance', () => {
  it('a surplus in English', () => {
    const t = textsOf('In 2022, Chile’s exports of cultural goods were US$4.20 billion and imports were US$1.70 billion, a surplus of US$2.50 billion.');
    expect(relationOf(t, 'difference', [idOf(t, 'US$4.20 billion'), idOf(t, 'US$1.70 billion'), idOf(t, 'US$2.50 billion')])?.verdict).toBe('consistent');
  });
  it('顺差 in Chinese, wrong by more than rounding', () => {
    const t = textsOf('2018年,我国文化产品出口900亿美元,进口100亿美元,贸易顺差700亿美元。');
    expect(relationOf(t, 'difference', [idOf(t, '900亿美元'), idOf(t, '100亿美元'), idOf(t, '700亿美元')])?.verdict).toBe('inconsistent');
  });
});
