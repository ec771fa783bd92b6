import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('bound.part: a part (其中, "of which") is at most its whole', () => {
  it('其中 mobile users', () => {
    const t = textsOf('2022年,游戏用户规模6.6亿人,其中移动游戏用户规模6.5亿人。');
    expect(relationOf(t, 'bound', [idOf(t, '6.6亿'), idOf(t, '6.5亿')])?.verdict).toBe('consistent');
  });
  it('a part larger than its whole is inconsistent', () => {
    const t = textsOf('In 2022, game revenue was $40 billion, of which mobile game revenue was $45 billion.');
    expect(relationOf(t, 'bound', [idOf(t, '$40 billion'), idOf(t, '$45 billion')])?.verdict).toBe('inconsistent');
  });
});

describe('bound.part: siblings are not wholes', () => {
  it('a list of partner markets after 其中 is bounded by the total, never by the market listed before it', () => {
    const t = textsOf('2023年,韩国游戏出口29亿美元。其中,对日本出口4亿美元,对中国出口5亿美元,对美国出口9亿美元。');
    expect(relationOf(t, 'bound', [idOf(t, '4亿美元'), idOf(t, '5亿美元')])).toBeUndefined();
    expect(relationOf(t, 'bound', [idOf(t, '5亿美元'), idOf(t, '9亿美元')])).toBeUndefined();
    expect(relationOf(t, 'bound', [idOf(t, '29亿美元'), idOf(t, '4亿美元')])?.verdict).toBe('consistent');
  });
});

describe('bound.part: parts listed after 其中 are siblings, not wholes of each other', () => {
  it('a larger part listed after a smaller one is no contradiction', () => {
    const t = textsOf('2023年，全国乐器行业出口额为50.0亿美元。其中，吉他出口12.0亿美元；钢琴出口20.0亿美元。');
    expect(relationOf(t, 'bound', [idOf(t, '12.0亿美元'), idOf(t, '20.0亿美元')])).toBeUndefined();
    expect(relationOf(t, 'bound', [idOf(t, '50.0亿美元'), idOf(t, '20.0亿美元')])?.verdict).toBe('consistent');
  });
});
