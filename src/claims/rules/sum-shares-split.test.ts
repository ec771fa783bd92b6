import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('sum.shares_split: the shares of the two sides of one whole add up to 100%', () => {
  it('58% overseas + 42% domestic', () => {
    const t = textsOf('In 2024, overseas sales accounted for 58% of the total, while domestic sales accounted for 42%.');
    expect(relationOf(t, 'sum', [idOf(t, '58%'), idOf(t, '42%')])?.verdict).toBe('consistent');
  });
  it('shares that leave a few points over are inconsistent', () => {
    const t = textsOf('2024年,海外销售额占比58%,国内销售额占比47%。');
    expect(relationOf(t, 'sum', [idOf(t, '58%'), idOf(t, '47%')])?.verdict).toBe('inconsistent');
  });
});
