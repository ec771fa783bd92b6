import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('bound.previous_total: a figure said in words to exceed last year’s total', () => {
  it('is consistent when the figure is larger than the stated total of the year before', () => {
    const t = textsOf(
      'Game exports reached $410 million from January to September this year. This has already surpassed last year’s total.\n\nIn 2023, game exports were $395 million.',
    );
    const r = relationOf(t, 'bound', [idOf(t, '$410 million'), idOf(t, '$395 million')]);
    expect(r?.verdict).toBe('consistent');
  });
  it('is inconsistent, naming the figure, when it is smaller', () => {
    const t = textsOf(
      'Game exports reached $380 million from January to September this year. This figure has already exceeded last year’s total exports.\n\nIn 2023, game exports were $395 million.',
    );
    const r = relationOf(t, 'bound', [idOf(t, '$380 million'), idOf(t, '$395 million')]);
    expect(r?.verdict).toBe('inconsistent');
    expect(r?.suspect).toBe(idOf(t, '$380 million'));
  });
  it('reads Chinese: 已超过去年全年', () => {
    const t = textsOf('2024年1-9月,动漫出口额达12.5亿元。已超过去年全年水平。\n\n2023年,动漫出口额为11.8亿元。');
    expect(relationOf(t, 'bound', [idOf(t, '12.5亿元'), idOf(t, '11.8亿元')])?.verdict).toBe('consistent');
  });
  it('says nothing when the sentence states a figure of its own', () => {
    const t = textsOf('Game exports reached $410 million this year. They exceeded last year’s total of $395 million by 4%.');
    expect(relationOf(t, 'bound', [idOf(t, '$410 million'), idOf(t, '$395 million')])?.note ?? '').not.toMatch(/exceed an earlier/);
  });
});
