import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('sum.exports_imports: exports + imports = total trade', () => {
  it('English, within rounding', () => {
    const t = textsOf('In 2021, Peru’s trade in cultural goods totalled US$3.50 billion: exports were US$1.25 billion and imports were US$2.25 billion.');
    expect(relationOf(t, 'sum', [idOf(t, 'US$1.25 billion'), idOf(t, 'US$2.25 billion'), idOf(t, 'US$3.50 billion')])?.verdict).toBe('consistent');
  });
  it('Chinese 进出口总额, off by more than rounding', () => {
    const t = textsOf('2019年,我国文化产品进出口总额1200亿美元,其中出口1000亿美元,进口150亿美元。');
    expect(relationOf(t, 'sum', [idOf(t, '1000亿美元'), idOf(t, '150亿美元'), idOf(t, '1200亿美元')])?.verdict).toBe('inconsistent');
  });
});
