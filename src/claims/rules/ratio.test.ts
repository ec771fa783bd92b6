import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('ratio: a multiple about one year beside a level of another', () => {
  it('"X in 2010, so the 2020 figure is almost double" joins the two years’ levels', () => {
    const t = textsOf('The toy market reached 9.7 billion euros in 2020. It stood at 5.1 billion euros in 2010, so the 2020 figure is almost double.');
    const r = relationOf(t, 'ratio', [idOf(t, '9.7 billion euros'), idOf(t, '5.1 billion euros'), idOf(t, 'double')]);
    expect(r?.verdict).toBe('consistent');
  });
  it('"almost double" is wrong when the larger is more than twice the smaller', () => {
    const t = textsOf('The toy market reached 11.3 billion euros in 2020. It stood at 5.1 billion euros in 2010, so the 2020 figure is almost double.');
    const r = relationOf(t, 'ratio', [idOf(t, '11.3 billion euros'), idOf(t, '5.1 billion euros'), idOf(t, 'double')]);
    expect(r?.verdict).toBe('inconsistent');
  });
});

describe('ratio and multiples', () => {
  it('"more than double" between two figures of one sentence', () => {
    const t = textsOf('In 2023, exports to Japan were $50 million, more than double the exports to France, which were $20 million.');
    expect(t.claims.find((c) => c.quote === 'double')?.kind).toBe('ratio');
    expect(relationOf(t, 'ratio', [idOf(t, '$50 million'), idOf(t, '$20 million'), idOf(t, 'double')])?.verdict).toBe('consistent');
  });
  it('tripled, 翻了一番', () => {
    expect(textsOf('Sales tripled to $3 billion in 2020.').claims.find((c) => c.kind === 'ratio')?.value).toBe(3);
    expect(textsOf('2020年出口额翻了一番。').claims.find((c) => c.kind === 'ratio')?.value).toBe(2);
  });
});
