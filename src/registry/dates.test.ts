import { describe, expect, it } from 'vitest';
import { endsBy, parsePartialDate } from './dates.ts';

describe('partial dates', () => {
  it('keeps the precision of the source and the bounds of its period', () => {
    expect(parsePartialDate('2002')).toEqual({
      ok: true,
      value: { text: '2002', precision: 'year', year: 2002, start: '2002-01-01', end: '2002-12-31' },
    });
    expect(parsePartialDate('2024-02')).toMatchObject({
      ok: true,
      value: { precision: 'month', start: '2024-02-01', end: '2024-02-29' },
    });
    expect(parsePartialDate('2015-11-07')).toMatchObject({
      ok: true,
      value: { precision: 'day', start: '2015-11-07', end: '2015-11-07' },
    });
  });

  it('rejects text, impossible months and days, and far-off years with a reason', () => {
    expect(parsePartialDate('(Nov 23)')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/YYYY, YYYY-MM or YYYY-MM-DD/),
    });
    expect(parsePartialDate('2015-13')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/month 13/),
    });
    expect(parsePartialDate('2023-02-29')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/day 29 .* 28 days/),
    });
    expect(parsePartialDate('0215')).toMatchObject({ ok: false, message: expect.stringMatching(/between/) });
  });

  it('orders periods by their end: a year is only known to be over at its last day', () => {
    expect(endsBy('2015', '2015-12-31')).toBe(true);
    expect(endsBy('2015', '2015-02')).toBe(false);
    expect(endsBy('2015-02-10', '2015-02')).toBe(true);
  });
});
