import { describe, expect, it } from 'vitest';
import { agreementInput, countInput, institutionInput, measureInput } from './schemas.ts';

describe('registry input schemas', () => {
  it('turns CSV blanks into nulls and keeps dates at their precision', () => {
    const r = institutionInput.parse({
      kind: 'cultural-centre',
      name_en: ' X ',
      country: 'fra',
      opened: '2002-11',
      closed: '',
      lat: '',
      lon: '',
      source_url: 'https://example.org/a',
    });
    expect(r).toMatchObject({
      name_en: 'X',
      country: 'FRA',
      home_country: 'CHN',
      opened: '2002-11',
      closed: null,
      lat: null,
      batch: null,
    });
  });

  it('names each bad field with a message that says how to fix it', () => {
    const r = institutionInput.safeParse({
      kind: 'museum',
      name_en: '',
      country: 'ZZZ',
      opened: '2015-13',
      lat: '91',
      lon: '2',
      source_url: 'example.org',
    });
    expect(r.success).toBe(false);
    const byField = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byField).toMatchObject({
      kind: expect.stringMatching(/one of cultural-centre, export-base/),
      name_en: 'should not be empty',
      country: expect.stringMatching(/ISO 3166 alpha-3/),
      opened: 'month 13 does not exist (01–12)',
      lat: 'latitude is from -90 to 90',
      source_url: expect.stringMatching(/http\(s\) URL/),
    });
  });

  it('adds the home country and the partner to the parties of an agreement', () => {
    expect(
      agreementInput.parse({
        kind: 'co-production-treaty',
        title: 't',
        partner: 'ind',
        parties: 'FRA; IND',
        source_url: 'https://example.org',
      }).parties,
    ).toEqual(['CHN', 'FRA', 'IND']);
    const same = agreementInput.safeParse({
      kind: 'cultural-agreement',
      title: 't',
      partner: 'CHN',
      source_url: 'https://example.org',
    });
    expect(same.success).toBe(false);
    const early = agreementInput.safeParse({
      kind: 'cultural-agreement',
      title: 't',
      partner: 'PER',
      signed: '2010-05',
      in_force: '2010-04-30',
      source_url: 'https://example.org',
    });
    expect(early.error?.issues[0]).toMatchObject({
      path: ['in_force'],
      message: 'in_force (2010-04-30) is before signed (2010-05)',
    });
  });

  it('reads measures and counts from CSV text', () => {
    expect(
      measureInput.parse({
        document_id: 'cn-2022-x',
        number: '7',
        summary: 's',
        agencies: 'A;B',
        indicators: 'exports:unesco-fcs-2009',
        source_url: 'https://example.org',
      }),
    ).toMatchObject({
      number: 7,
      agencies: ['A', 'B'],
      status: 'unknown',
      indicators: ['exports:unesco-fcs-2009'],
    });
    expect(
      countInput.parse({
        subject: 'cultural-centre',
        metric: 'established',
        value: '31',
        as_of: '2017-09',
        source_url: 'https://example.org',
      }),
    ).toMatchObject({ value: 31, unit: 'count', country: 'CHN' });
    expect(
      countInput.safeParse({
        subject: 'cultural-centre',
        metric: 'established',
        value: 'thirty',
        as_of: '2017-09',
        source_url: 'https://example.org',
      }).success,
    ).toBe(false);
  });
});
