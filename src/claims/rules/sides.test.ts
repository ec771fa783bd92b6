import { describe, expect, it } from 'vitest';
import { COMPLEMENTS, sameSides, sideOf } from './sides.ts';
import { textsOf } from '../../../test/support/claims.ts';

const claim = (text: string, quote: string) => {
  const c = textsOf(text).claims.find((x) => x.quote === quote);
  expect(c, `no claim "${quote}"`).toBeDefined();
  return c as NonNullable<typeof c>;
};

describe('sides of a whole', () => {
  it('reads the side word nearest before a figure', () => {
    const c = claim('In 2023, overseas revenue was $5 billion and domestic revenue $7 billion.', '$7 billion');
    expect(sideOf(c, COMPLEMENTS[0] as [RegExp, RegExp])).toBe(1);
  });
  it('reads both sides named together as the whole', () => {
    const c = claim('In 2020, total trade in cultural goods and services reached $90 billion.', '$90 billion');
    expect(sideOf(c, COMPLEMENTS[1] as [RegExp, RegExp])).toBeNull();
    expect(sideOf(claim('2020年,文化产品和服务进出口总额900亿美元。', '900亿美元'), COMPLEMENTS[1] as [RegExp, RegExp])).toBeNull();
  });
  it('ignores "overseas" for exports, which are overseas sales by definition', () => {
    const a = claim('In 2023, comics sold $40 million overseas.', '$40 million');
    const b = claim('In 2023, comic exports were $40 million.', '$40 million');
    expect(sameSides(a, b)).toBe(true);
    const c = claim('In 2023, overseas comic revenue was $40 million.', '$40 million');
    const d = claim('In 2023, comic revenue was $130 million.', '$130 million');
    expect(sameSides(c, d)).toBe(false);
  });
});
