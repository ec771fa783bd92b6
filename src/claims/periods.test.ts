import { describe, expect, it } from 'vitest';
import { findYears, periodText } from './periods.ts';

const periods = (s: string, docYear: number | null = 2024) => findYears(s).map((y) => periodText(y, docYear));

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
