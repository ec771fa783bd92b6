import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('difference.rate_gap: a gap in percentage points between two growth rates', () => {
  it('高出…个百分点', () => {
    const t = textsOf('2015年,我国文化产品出口增长10.5%。私营企业出口增长20.5%,高出总体增速10个百分点。');
    expect(relationOf(t, 'difference', [idOf(t, '20.5%'), idOf(t, '10.5%'), idOf(t, '10个百分点')])?.verdict).toBe('consistent');
    const w = textsOf('2015年,我国文化产品出口增长10.5%。私营企业出口增长20.5%,高出总体增速12个百分点。');
    expect(relationOf(w, 'difference', [idOf(w, '20.5%'), idOf(w, '10.5%'), idOf(w, '12个百分点')])?.verdict).toBe('inconsistent');
  });
  it('"percentage points below" in English', () => {
    const t = textsOf('In 2016, exports of cultural goods rose 8.0%. Exports of books rose 5.0%, 3 percentage points below the overall growth.');
    expect(relationOf(t, 'difference', [idOf(t, '5.0%'), idOf(t, '8.0%'), idOf(t, '3 percentage points')])?.verdict).toBe('consistent');
  });
});
