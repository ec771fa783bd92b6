import { describe, expect, it } from 'vitest';
import { describePeriod, findYears, isSubAnnual, periodText, periodType } from './periods.ts';

const periods = (s: string, docYear: number | null = 2024, contextYear: number | null = null) =>
  findYears(s).map((y) => periodText(y, docYear, contextYear));

describe('findYears', () => {
  it('reads single years, English and Chinese', () => {
    expect(periods('In 2018, sales rose.')).toEqual(['2018']);
    expect(periods('2018年出口增长')).toEqual(['2018']);
  });
  it('reads spans', () => {
    expect(periods('from 2005 to 2015')).toEqual(['2005..2015']);
    expect(periods('between 2005 and 2015')).toEqual(['2005..2015']);
    expect(periods('over 2005-2015')).toEqual(['2005..2015']);
  });
  it('opens a span at "since" and closes it at the document year', () => {
    expect(periods('Since its first tour abroad in 1995, the troupe has visited 40 countries')).toEqual([
      '1995..2024',
    ]);
  });
  it('resolves "last year" against the document date, not when it is the base of a comparison', () => {
    expect(periods('Last year exports rose.', 2023)).toEqual(['2022']);
    expect(periods('up 5% compared with last year', 2023)).toEqual([]);
  });
  it('skips years that are part of names', () => {
    expect(periods('the 2030 Agenda and Vision 2040')).toEqual([]);
    expect(periods('the 2016 Rio Summer Games drew crowds')).toEqual([]);
    expect(periods('the 13th Five-Year Plan (2016-2020)')).toEqual([]);
  });
});

describe('findYears: possessives', () => {
  it('keeps a year after a possessive ("Peru’s 2018 exports")', () => {
    expect(periods('Peru’s 2018 exports of books')).toEqual(['2018']);
  });
});

describe('findYears: sub-annual periods have their own form', () => {
  it.each([
    ['2019年上半年出口200.5亿美元', '2019H1'],
    ['2022 年下半年', '2022H2'],
    ['2021年1-6月,收入达84.68亿美元', '2021H1'],
    ['2023年1至10月', '2023M01..2023M10'],
    ['2019年前三季度', '2019M01..2019M09'],
    ['2020年一季度', '2020Q1'],
    ['2020年第四季度', '2020Q4'],
    ['2021年前两月', '2021M01..2021M02'],
    ['2011年前11个月份', '2011M01..2011M11'],
    ['2011年11月当月', '2011M11'],
    ['H1 2021 revenue', '2021H1'],
    ['in 2021 H2', '2021H2'],
    ['Q3 2020 sales', '2020Q3'],
    ['in the first half of 2018', '2018H1'],
    ['the third quarter of 2019', '2019Q3'],
    ['in the first nine months of 2022', '2022M01..2022M09'],
    ['from January to October 2023', '2023M01..2023M10'],
    ['Jan-Jun 2020', '2020H1'],
  ])('%s → %s', (text, period) => {
    expect(periods(text)).toEqual([period]);
    expect(isSubAnnual(period)).toBe(true);
  });
  it('takes the year of the context when none is written with it', () => {
    expect(periods('上半年收入1477亿元', null, 2022)).toEqual(['2022H1']);
    expect(periods('in the first half, sales rose', null, 2020)).toEqual(['2020H1']);
    expect(periods('11月当月出口22.8亿美元', null, 2011)).toEqual(['2011M11']);
  });
  it('counts "this year" and "last year" written with it from the publication date', () => {
    expect(periods('from January to October of this year', 2023)).toEqual(['2023M01..2023M10']);
    expect(periods('今年1-6月', 2022)).toEqual(['2022H1']);
    expect(periods('exports surpassed $3 billion as of October', null, 2023)).toEqual(['2023M01..2023M10']);
  });
  it('does not read dates, "since June" or a half as a period', () => {
    expect(periods('7月29日发布')).toEqual([]);
    expect(periods('6月以来出口加速')).toEqual([]);
    expect(periods('近半年来')).toEqual([]);
  });
  it('names period types for people', () => {
    expect(periodType('2021H1')).toBe('half');
    expect(periodType('2019')).toBe('year');
    expect(periodType('2010..2020')).toBe('span');
    expect(describePeriod('2021H1')).toBe('the first half of 2021');
    expect(describePeriod('2023M01..2023M10')).toBe('January–October 2023');
  });
});

describe('findYears: comparisons and relative years', () => {
  it('keeps base years of comparisons apart', () => {
    expect(findYears('up 12.8% from 2018').map((y) => !!y.base)).toEqual([true]);
    expect(findYears('19% more than in 2018').map((y) => !!y.base)).toEqual([true]);
    expect(findYears('rose from 2018 to 2020').map((y) => !!y.base)).toEqual([false]);
  });
  it('reads a year before a colon ("reached $40 billion in 2016: ministry")', () => {
    expect(periods('reached $40 billion in 2016: ministry')).toEqual(['2016']);
    expect(periods('at 10:2016 hours')).toEqual([]);
  });
  it('counts "the previous year" and "the next year" from the year in context', () => {
    expect(periods('topping 100 million in 2020 and 200 million the next year', 2024, 2020)).toEqual(['2020', '2021']);
    expect(periods('compared to the previous year, when income was $10bn', 2030, 2024)).toEqual(['2023']);
    expect(periods('up 5% on the previous year', 2030, 2024)).toEqual([]);
  });
});

describe('findYears: figures are not years', () => {
  it('does not read 2000亿元 or 2010 million as a year', () => {
    expect(findYears('游戏市场收入2000亿元').map((y) => y.year)).toEqual([]);
    expect(findYears('sales were 2010 million yen in 2021').map((y) => y.year)).toEqual([2021]);
  });
});
