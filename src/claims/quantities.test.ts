import { describe, expect, it } from 'vitest';
import { codeTypos, scanQuantities } from './quantities.ts';

const one = (s: string) => {
  const q = scanQuantities(s);
  expect(q).toHaveLength(1);
  return { ...(q[0] as NonNullable<(typeof q)[0]>), quote: s.slice(q[0]?.start, q[0]?.end) };
};

describe('scanQuantities: money', () => {
  it('reads a currency symbol and a scale word (US$2.35 billion = 2.35 × 1e9)', () => {
    const q = one('Book exports reached US$2.35 billion last year.');
    expect(q).toMatchObject({ value: 2.35e9, unit: 'USD', quote: 'US$2.35 billion', precision: 0.01e9 });
  });
  it('reads an ISO code glued to digits (USD450 million)', () => {
    expect(one('Sales topped USD450 million.')).toMatchObject({ value: 450e6, unit: 'USD', qualifier: 'gt' });
  });
  it('reads bn / tn / m suffixes', () => {
    expect(one('a deficit of $3.5bn')).toMatchObject({ value: 3.5e9, unit: 'USD' });
    expect(one('worth €1.2tn')).toMatchObject({ value: 1.2e12, unit: 'EUR' });
    expect(one('a £40m fund')).toMatchObject({ value: 40e6, unit: 'GBP' });
  });
  it('reads a currency word after the number', () => {
    expect(one('revenue of 8.6 billion yuan')).toMatchObject({ value: 8.6e9, unit: 'CNY' });
    expect(one('12 million US dollars')).toMatchObject({ value: 12e6, unit: 'USD' });
  });
  it('reads 亿 and 万 with 美元 / 元 (3,456.7亿美元 = 345,670,000,000)', () => {
    expect(one('出口3456.7亿美元')).toMatchObject({ value: 345.67e9, unit: 'USD' });
    expect(one('营收12万元')).toMatchObject({ value: 120000, unit: 'CNY' });
  });
  it('reads full-width digits once normalised (the caller normalises; here ASCII)', () => {
    expect(one('进口15.5亿美元')).toMatchObject({ value: 1.55e9, unit: 'USD' });
  });
  it('reads Chinese numerals through the recogniser (三千亿元 = 3e11)', () => {
    expect(one('市场规模约三千亿元')).toMatchObject({ value: 3e11, unit: 'CNY', qualifier: 'approx' });
  });
});

describe('scanQuantities: percentages and counts', () => {
  it('reads % and "per cent" and "percentage points"', () => {
    expect(one('a rise of 4.5 per cent')).toMatchObject({ value: 4.5, unit: 'percent' });
    expect(one('up 1.2 percentage points')).toMatchObject({ value: 1.2, unit: 'pp' });
    expect(one('提高2.3个百分点')).toMatchObject({ value: 2.3, unit: 'pp' });
  });
  it('reads 成 as tenths in Chinese (两成 = 20%)', () => {
    expect(one('增长两成')).toMatchObject({ value: 20, unit: 'percent' });
  });
  it('reads counts with their qualifier', () => {
    expect(one('more than 1,200 publishers')).toMatchObject({ value: 1200, unit: 'count', qualifier: 'gt' });
    expect(one('about 40 galleries')).toMatchObject({ value: 40, unit: 'count', qualifier: 'approx' });
    expect(one('at least 12 studios')).toMatchObject({ qualifier: 'gte' });
    expect(one('nearly 90 theatres')).toMatchObject({ qualifier: 'lt' });
    expect(one('300多家企业')).toMatchObject({ value: 300, qualifier: 'gt' });
  });
  it('reads spelled-out numbers through the recogniser', () => {
    expect(one('The festival drew two hundred artists.')).toMatchObject({
      value: 200,
      unit: 'count',
      source: 'words',
    });
  });
  it('reads durations as years, not counts', () => {
    expect(one('a tradition of 600 years')).toMatchObject({ value: 600, unit: 'years' });
  });
});

describe('scanQuantities: what is not a quantity', () => {
  it('skips bare years', () => {
    expect(scanQuantities('In 2018 the fair moved.')).toHaveLength(0);
  });
  it('skips "one of", hyphenated compounds, and number words in names', () => {
    expect(scanQuantities('It is one of the largest fairs.')).toHaveLength(0);
    expect(scanQuantities('a three-dimensional display and a one-time grant')).toHaveLength(0);
    expect(scanQuantities('visitors saw the Seven Wonders Gallery')).toHaveLength(0);
  });
  it('skips number words inside a short quoted title', () => {
    expect(scanQuantities('They staged "Three Kingdoms of the Sea" in Paris.')).toHaveLength(0);
  });
  it('skips 一 in words and Chinese ordinals', () => {
    expect(scanQuantities('推动一带一路合作，第三届博览会')).toHaveLength(0);
  });
});

describe('scanQuantities: ranges and multiples', () => {
  it('gives the first end of a range the unit and scale written after the second', () => {
    const q = scanQuantities('growth of 10-15% and revenue of $3-4bn');
    expect(q.map((x) => [x.value, x.unit])).toEqual([
      [10, 'percent'],
      [15, 'percent'],
      [3e9, 'USD'],
      [4e9, 'USD'],
    ]);
  });
  it('reads "rose 2.5 times" and "3-fold" as multiples, "played 9 million times" as a count', () => {
    expect(scanQuantities('Sales rose 2.5 times.')[0]?.unit).toBe('times');
    expect(scanQuantities('a 3 fold rise')[0]?.unit).toBe('times');
    expect(scanQuantities('The clip was played 9 million times.')[0]?.unit).toBe('count');
  });
});

describe('scanQuantities: not a range', () => {
  it('keeps "fell 3.2% to US$1.9 billion" as a change and a level', () => {
    expect(scanQuantities('imports fell 3.2% to US$1.9 billion').map((x) => [x.value, x.unit])).toEqual([
      [3.2, 'percent'],
      [1.9e9, 'USD'],
    ]);
  });
  it('reads a decimal point spelled out ("233-point-11 million dollars")', () => {
    expect(scanQuantities('exported 233-point-11 million U.S. dollars’-worth of albums')[0]).toMatchObject({
      value: 233.11e6,
      unit: 'USD',
    });
  });
});

describe('codeTypos', () => {
  it('reads a currency code one letter off as the code the text uses, keeping offsets', () => {
    const t = 'Sales were $9.1BN (JPY1.36TR) abroad and $4.2BN (JPT0.63TR) at home.';
    expect(codeTypos(t)).toBe(t.replace('JPT', 'JPY'));
    expect(codeTypos(t)).toHaveLength(t.length);
  });
  it('leaves unknown codes alone when the text uses no code near them', () => {
    expect(codeTypos('Model ABC123 and G20, with JPT1.5TR')).toBe('Model ABC123 and G20, with JPT1.5TR');
  });
});

describe('decimal comma', () => {
  it('reads a comma that cannot group thousands before a scale word as a decimal comma', () => {
    const q = (s: string) => scanQuantities(s).map((x) => [s.slice(x.start, x.end), x.value]);
    expect(q('sales of 1,2075 trillion yen')).toEqual([['1,2075 trillion yen', 1.2075e12]]);
    expect(q('sales of 2,5 billion euros')).toEqual([['2,5 billion euros', 2.5e9]]);
    expect(q('sales of 1,234,567 dollars and 12,345 copies')).toEqual([
      ['1,234,567 dollars', 1234567],
      ['12,345', 12345],
    ]);
  });
});
