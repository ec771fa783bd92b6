import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('magnitude.conversion: conversions in one text imply one exchange rate', () => {
  it('a conversion off by 1000 from the text’s other conversions is a unit slip', () => {
    const t = textsOf(
      'The industry grew to 2.4 trillion yen (about US$22.1 million) in 2019. Films earned 60 billion yen (about US$552 million) and music 30 billion yen (about US$276 million).',
    );
    const slip = relationOf(t, 'conversion', [idOf(t, '2.4 trillion yen'), idOf(t, 'US$22.1 million')]);
    expect(slip?.verdict).toBe('inconsistent');
    expect(slip?.suspect).toBe(idOf(t, 'US$22.1 million'));
    expect(relationOf(t, 'conversion', [idOf(t, '60 billion yen'), idOf(t, 'US$552 million')])?.verdict).toBe('consistent');
  });
});
