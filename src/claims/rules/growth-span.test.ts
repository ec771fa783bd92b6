import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('growth.span: a rate over a span from the levels at its ends', () => {
  it('"grown 50 percent over the past three years"', () => {
    const t = textsOf('Game exports have grown 50 percent over the past three years; they were $2 billion in 2020 and $3 billion in 2023.');
    expect(t.claims.find((c) => c.quote === '50 percent')?.period).toBe('2020..2023');
    expect(relationOf(t, 'growth', [idOf(t, '$2 billion'), idOf(t, '$3 billion'), idOf(t, '50 percent')])?.verdict).toBe('consistent');
  });
  it('a span rate that the ends do not give is inconsistent', () => {
    const t = textsOf('Game exports have grown 80 percent over the past three years; they were $2.0 billion in 2020 and $3.0 billion in 2023.');
    expect(relationOf(t, 'growth', [idOf(t, '$2.0 billion'), idOf(t, '$3.0 billion'), idOf(t, '80 percent')])?.verdict).toBe('inconsistent');
  });
});
