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

describe('bound.listed_partners: a category of the total is not the whole of the markets listed after it', () => {
  it('the markets are not set against a category stated between the total and them', () => {
    const t = textsOf('In 2023, Peru exported 2 billion dollars worth of textiles. Alpaca garments accounted for 600 million dollars. Exports to Chile were 450 million dollars and exports to Bolivia 300 million dollars.');
    expect(relationOf(t, 'bound', [idOf(t, '450 million dollars'), idOf(t, '300 million dollars'), idOf(t, '600 million dollars')])).toBeUndefined();
  });
});
