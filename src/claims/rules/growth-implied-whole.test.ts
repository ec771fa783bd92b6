import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('growth.implied_whole: a whole stated only through its sides', () => {
  it('this year the sum of both sides, the year before one side / its share (English)', () => {
    const t = textsOf(
      'In 2024, the comics industry grew by 10.0% to hit record revenues. Overseas revenue was $6.60BN, while domestic revenue was $4.40BN. In 2023, domestic income came in at $4.00BN for a 40% share.',
    );
    const r = relationOf(t, 'growth', [idOf(t, '$4.00BN'), idOf(t, '40%'), idOf(t, '$6.60BN'), idOf(t, '$4.40BN'), idOf(t, '10.0%')]);
    expect(r?.verdict).toBe('consistent');
    expect(r?.arithmetic).toMatch(/\/ 40%\) − 1/);
  });
  it('a rate the implied wholes do not give is inconsistent (Chinese)', () => {
    const t = textsOf('2024年,动漫产业收入增长20.0%。海外收入66.0亿美元,国内收入44.0亿美元。2023年,国内收入为40.0亿美元,占比40%。');
    const r = relationOf(t, 'growth', [idOf(t, '40.0亿美元'), idOf(t, '40%'), idOf(t, '66.0亿美元'), idOf(t, '44.0亿美元'), idOf(t, '20.0%')]);
    expect(r?.verdict).toBe('inconsistent');
  });
  it('leaves the rate to growth.period when the whole of the year before is stated', () => {
    const t = textsOf(
      'In 2023, the comics industry earned $10.00BN; domestic income came in at $4.00BN for a 40% share. In 2024, the comics industry grew by 10.0%. Overseas revenue was $6.60BN, while domestic revenue was $4.40BN.',
    );
    expect(relationOf(t, 'growth', [idOf(t, '$4.00BN'), idOf(t, '40%'), idOf(t, '$6.60BN'), idOf(t, '$4.40BN'), idOf(t, '10.0%')])).toBeUndefined();
  });
});
