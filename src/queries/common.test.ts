import { describe, expect, it } from 'vitest';
import { scopeSchema } from '../indicators/params.ts';
import { parseProductSelector, yearsSchema } from './common.ts';

describe('years and product selectors', () => {
  it('reads a year, a span and a number; refuses reversed spans and junk', () => {
    expect(yearsSchema.parse('2021')).toEqual({ from: 2021, to: 2021 });
    expect(yearsSchema.parse('2015-2023')).toEqual({ from: 2015, to: 2023 });
    expect(yearsSchema.parse('2015–2023')).toEqual({ from: 2015, to: 2023 });
    expect(yearsSchema.parse(2020)).toEqual({ from: 2020, to: 2020 });
    expect(yearsSchema.safeParse('2023-2015').success).toBe(false);
    expect(yearsSchema.safeParse('last year').success).toBe(false);
  });

  it('tells HS codes from baskets', () => {
    expect(parseProductSelector('950510')).toEqual({ product: '950510' });
    expect(parseProductSelector('49')).toEqual({ product: '49' });
    expect(parseProductSelector('basket:unesco-fcs-2009:books')).toEqual({
      basket: 'unesco-fcs-2009',
      domain: 'books',
    });
    expect(parseProductSelector('unesco-fcs-2009')).toEqual({ basket: 'unesco-fcs-2009' });
    expect(parseProductSelector(undefined)).toEqual({});
    expect(() => parseProductSelector('49011')).toThrow(/2, 4 or 6 digits/);
  });
});

describe('scope parameters', () => {
  it('coerces query-string values and upper-cases country codes', () => {
    const p = scopeSchema.parse({ country: 'chn,kor', from: '2021', level: '4', runs: '1,2' });
    expect(p).toMatchObject({
      country: ['CHN', 'KOR'],
      from: 2021,
      level: 4,
      runs: [1, 2],
      side: 'export',
      view: 'trade-map',
    });
  });

  it('collects every cross-field problem with a fix', () => {
    const r = scopeSchema.safeParse({
      from: 2021,
      to: 2019,
      by: 'domain',
      domain: 'books',
      product: '490199',
      level: 4,
    });
    expect(r.success).toBe(false);
    const msgs = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(msgs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^to: should not be before/),
        expect.stringMatching(/^domain: needs a basket/),
        expect.stringMatching(/^by: by=domain needs a basket/),
        expect.stringMatching(/^product: product 490199 is finer than level 4/),
      ]),
    );
  });
});
