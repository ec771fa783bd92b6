import { describe, expect, it } from 'vitest';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('bound.listed_partners: the listed partner markets add up to at most the total', () => {
  it('top markets within the total', () => {
    const t = textsOf('In 2023, South Korea’s toy exports were $290 million. Exports to Japan were $90 million, exports to China $50 million and exports to the United States $40 million.');
    expect(relationOf(t, 'bound', [idOf(t, '$90 million'), idOf(t, '$50 million'), idOf(t, '$40 million'), idOf(t, '$290 million')])?.verdict).toBe('consistent');
  });
  it('markets that add up to more than the total are inconsistent', () => {
    const t = textsOf('In 2023, South Korea’s toy exports were $150 million. Exports to Japan were $90 million, exports to China $50 million and exports to the United States $40 million.');
    expect(relationOf(t, 'bound', [idOf(t, '$90 million'), idOf(t, '$50 million'), idOf(t, '$40 million'), idOf(t, '$150 million')])?.verdict).toBe('inconsistent');
  });
});
