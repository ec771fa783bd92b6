import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from './testing.ts';

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
