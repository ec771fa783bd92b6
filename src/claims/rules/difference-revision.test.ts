import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('difference.revised_part: two estimates of a whole and of its part', () => {
  it('the rest of the whole is the same when only the part was revised (English)', () => {
    const t = textsOf(
      'Design exports could be as high as £30bn - compared to the previous official figure of £25bn. In particular, digital design exports could be £12bn, rather than the £7bn estimated by the ministry.',
    );
    const r = relationOf(t, 'difference', [idOf(t, '£30bn'), idOf(t, '£12bn'), idOf(t, '£25bn'), idOf(t, '£7bn')]);
    expect(r?.verdict).toBe('consistent');
    expect(r?.arithmetic).toMatch(/the same in both estimates/);
  });
  it('rests that differ are said, never called inconsistent (Chinese)', () => {
    const t = textsOf('新测算显示,设计出口可达300亿元,而非此前官方数据的250亿元。其中,数字设计出口可达150亿元,而非此前估计的70亿元。');
    const r = relationOf(t, 'difference', [idOf(t, '300亿元'), idOf(t, '150亿元'), idOf(t, '250亿元'), idOf(t, '70亿元')]);
    expect(r?.verdict).toBe('not_comparable');
  });
  it('needs the part introduced as a part', () => {
    const t = textsOf(
      'Design exports could be as high as £30bn - compared to the previous official figure of £25bn. Music exports could be £12bn, rather than the £7bn estimated by the ministry.',
    );
    expect(relationOf(t, 'difference', [idOf(t, '£30bn'), idOf(t, '£12bn'), idOf(t, '£25bn'), idOf(t, '£7bn')])).toBeUndefined();
  });
});
