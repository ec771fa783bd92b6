import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('growth.estimates: a rate between two estimates of one quantity', () => {
  it('"25 per cent higher … £5bn, compared to the official figure of £4bn"', () => {
    const t = textsOf('Music exports could be 25 per cent higher than estimated. The new estimate is £5bn, compared to the official figure of £4bn.');
    expect(relationOf(t, 'growth', [idOf(t, '£4bn'), idOf(t, '£5bn'), idOf(t, '25 per cent')])?.verdict).toBe('consistent');
  });
  it('a rate the two estimates do not give is inconsistent', () => {
    const t = textsOf('Music exports could be 32 per cent higher than estimated. The new estimate is £5.0bn, compared to the official figure of £4.0bn.');
    expect(relationOf(t, 'growth', [idOf(t, '£4.0bn'), idOf(t, '£5.0bn'), idOf(t, '32 per cent')])?.verdict).toBe('inconsistent');
  });
});
