import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('sum.listed_shares: shares listed after the share of a whole add up to it', () => {
  it('其中 lists the parts of the share', () => {
    const t = textsOf('2022年,亚洲市场约占全球市场的60%。其中,东南亚约占35%,东亚约占25%。');
    expect(relationOf(t, 'sum', [idOf(t, '35%'), idOf(t, '25%'), idOf(t, '60%')])?.verdict).toBe('consistent');
  });
  it('"of which" in English, and a list that overshoots is inconsistent', () => {
    const t = textsOf('In 2022, Asia took 60% of global sales, of which Southeast Asia took 41% and East Asia 25%.');
    expect(relationOf(t, 'sum', [idOf(t, '41%'), idOf(t, '25%'), idOf(t, '60%')])?.verdict).toBe('inconsistent');
  });
});
