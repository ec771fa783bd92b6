import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('growth.components: the growth of a total implied by its components', () => {
  it('(E + I) / (E / (1 + gE) + I / (1 + gI)) − 1', () => {
    // 2019: exports 100, imports 50 (150); 2020: exports 110 (+10%), imports 60 (+20%): 170, +13.3%.
    const t = textsOf('2020年,我国文化产品出口110亿美元,增长10%;进口60亿美元,增长20%;进出口总额170亿美元,增长13.3%。');
    expect(relationOf(t, 'growth', [idOf(t, '110亿美元'), idOf(t, '10%'), idOf(t, '60亿美元'), idOf(t, '20%'), idOf(t, '13.3%')])?.verdict).toBe('consistent');
  });
  it('a total rate that is the plain mean of the components’ rates is inconsistent', () => {
    const t = textsOf('In 2020, exports were $110 billion, up 10%, imports were $60 billion, up 20%, and total trade was $170 billion, up 15%.');
    expect(relationOf(t, 'growth', [idOf(t, '$110 billion'), idOf(t, '10%'), idOf(t, '$60 billion'), idOf(t, '20%'), idOf(t, '15%')])?.verdict).toBe('inconsistent');
  });
});
