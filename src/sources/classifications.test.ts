import { describe, expect, it } from 'vitest';
import { parseBaciName } from './baci.ts';
import { classificationFromCode, hsEditionFromBaci, hsEditionInForce, padHsCode } from './classifications.ts';
import { envelopeRecords } from './comtrade-json.ts';
import { fold } from './comtrade-record.ts';

describe('classifications', () => {
  it('Comtrade H0…H6 and EBOPS codes', () => {
    expect(['H0', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6'].map((c) => classificationFromCode(c))).toEqual([
      'HS1992',
      'HS1996',
      'HS2002',
      'HS2007',
      'HS2012',
      'HS2017',
      'HS2022',
    ]);
    expect(classificationFromCode('EB02')).toBe('EBOPS2002');
    expect(classificationFromCode('EB10')).toBe('EBOPS2010');
    expect(classificationFromCode('EB')).toBe('EBOPS2010');
    expect(classificationFromCode('XX')).toBeUndefined();
  });

  it('BACI HS92…HS22', () => {
    expect(hsEditionFromBaci('HS92')).toBe('HS1992');
    expect(hsEditionFromBaci('HS07')).toBe('HS2007');
    expect(hsEditionFromBaci('HS22')).toBe('HS2022');
    expect(hsEditionFromBaci('HS13')).toBeUndefined();
    expect(parseBaciName('BACI_HS17_Y2019_V202401.csv')).toEqual({
      edition: 'HS2017',
      year: 2019,
      release: 'V202401',
    });
    expect(parseBaciName('BACI_HS92_V202501.zip')).toEqual({
      edition: 'HS1992',
      year: undefined,
      release: 'V202501',
    });
  });

  it('the edition in force in a year', () => {
    expect([1995, 1996, 2006, 2007, 2016, 2017, 2021, 2022].map(hsEditionInForce)).toEqual([
      'HS1992',
      'HS1996',
      'HS2002',
      'HS2007',
      'HS2012',
      'HS2017',
      'HS2017',
      'HS2022',
    ]);
  });

  it('zero-pads HS codes read as numbers', () => {
    expect(padHsCode('10121')).toBe('010121');
    expect(padHsCode('010121')).toBe('010121');
    expect(padHsCode('101')).toBe('0101');
    expect(padHsCode('1')).toBe('01');
    expect(padHsCode('101', 6)).toBe('000101');
    expect(padHsCode('1234567')).toBeUndefined();
    expect(padHsCode('12a4')).toBeUndefined();
  });

  it('folds camelCase, snake_case and legacy spellings to one key', () => {
    expect(fold('reporterISO')).toBe(fold('reporter_iso'));
    expect(fold('Reporter ISO')).toBe('reporteriso');
    expect(fold('Trade Value (US$)')).toBe('tradevalueus');
    expect(fold('partner2Code')).toBe(fold('partner2code'));
  });

  it('an API answer of 100,000 rows is flagged as truncated', () => {
    const data = [{ cmdCode: 'TOTAL' }];
    expect(envelopeRecords({ count: 100000, data, error: '' }, 'a.json').truncated).toBe(true);
    expect(envelopeRecords({ count: 99999, data, error: '' }, 'a.json').truncated).toBe(false);
    expect(() =>
      envelopeRecords({ count: 0, data: [], error: 'Invalid subscription key' }, 'a.json'),
    ).toThrow(/reported an error/);
    expect(() => envelopeRecords({ statusCode: 401, message: 'Access denied' }, 'a.json')).toThrow(
      /not a Comtrade data answer/,
    );
  });
});
