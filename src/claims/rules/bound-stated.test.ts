import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('bound.stated: "more than", "topped", "nearly" against a stated figure of the same thing', () => {
  it('"topped X" holds when the stated figure is above X', () => {
    const t = textsOf('Film revenue topped 2 trillion yen in 2023. Revenue stood at about 2.2 trillion yen in 2023.');
    expect(relationOf(t, 'bound', [idOf(t, '2.2 trillion yen'), idOf(t, '2 trillion yen')])?.verdict).toBe('consistent');
  });
  it('超过 X fails when the stated figure is below X', () => {
    const t = textsOf('2023年,动漫出口超过50亿元。2023年,动漫出口为46亿元。');
    expect(relationOf(t, 'bound', [idOf(t, '46亿元'), idOf(t, '50亿元')])?.verdict).toBe('inconsistent');
  });
});
