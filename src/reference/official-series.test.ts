import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/db.ts';
import { sql } from '../store/sql.ts';
import { ensureBundledOfficialSeries, loadOfficialSeries, parseOfficialCsv } from './official-series.ts';

const header = 'year,scope,indicator,flow,value,unit,value_usd,yoy_pct,publisher,reported_by,source_url,note';

describe('parseOfficialCsv', () => {
  it('normalises to US dollars and keeps scope, unit as printed and source per row', () => {
    const { rows, problems } = parseOfficialCsv(
      [
        header,
        '2019,cultural_products,value,export,99.89,billion_usd,,7.9,MOFCOM,Xinhua,http://example.org/a,',
        '2017,cultural_services,value,import,232.2,hundred_million_usd,23220000000,20.5,MOFCOM,Xinhua,http://example.org/b,',
      ].join('\n'),
      'f.csv',
      { country: 'CHN' },
    );
    expect(problems).toEqual([]);
    // 99.89 billion = 99.89 × 1e9; 232.2 亿 = 232.2 × 1e8 = 23,220,000,000
    expect(rows.map((r) => [r.id, r.scope, r.unit, r.valueUsd, r.sourceUrl])).toEqual([
      [
        'CHN-2019-cultural_products-value-export',
        'cultural_products',
        'billion_usd',
        99.89e9,
        'http://example.org/a',
      ],
      [
        'CHN-2017-cultural_services-value-import',
        'cultural_services',
        'hundred_million_usd',
        23220000000,
        'http://example.org/b',
      ],
    ]);
  });

  it('reports a missing source, an unknown unit and a value_usd that disagrees, with lines', () => {
    const { problems } = parseOfficialCsv(
      [
        header,
        '2019,cultural_products,value,export,99.89,billion_usd,,,MOFCOM,,,',
        '2019,cultural_products,value,import,11.57,bn,,,MOFCOM,,http://e.org,',
        '2018,cultural_products,value,export,92.53,billion_usd,9253000000,,MOFCOM,,http://e.org,',
      ].join('\n'),
      'f.csv',
      { country: 'CHN' },
    );
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'source_url'],
      [3, 'unit'],
      [4, 'value_usd'], // 92.53 billion is 92,530,000,000, not 9,253,000,000
    ]);
    const noCountry = parseOfficialCsv(
      [header, '2019,cultural_products,value,export,1,billion_usd,,,M,,http://e.org,'].join('\n'),
      'g.csv',
    );
    expect(noCountry.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [2, 'country', 'country is required (ISO 3166 alpha-3), as a column or with --country'],
    ]);
  });
});

describe('bundled official series', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it('loads once per version of the file; a figure with the same id replaces the stored one, others are added', async () => {
    const first = await ensureBundledOfficialSeries(store);
    expect(first).toBe(36); // rows in data/official/china_cultural_trade_official.csv
    expect(await ensureBundledOfficialSeries(store)).toBe(0);
    await loadOfficialSeries(
      store,
      [
        header,
        '2019,cultural_products,value,export,99.9,billion_usd,,7.9,MOFCOM,Xinhua,http://example.org/a,',
        '2019,cultural_products,value,export,5.1,billion_usd,,,Ministry,,http://example.org/b,',
      ].join('\n'),
      'x.csv',
      'v2',
      { country: 'KOR' },
    );
    // 36 bundled CHN rows untouched + 1 KOR row (the second KOR row gets its own id, -2)
    expect(
      await store.query(sql`select country, count(*) as n from official_series group by 1 order by 1`),
    ).toEqual([
      { country: 'CHN', n: 36 },
      { country: 'KOR', n: 2 },
    ]);
    await loadOfficialSeries(
      store,
      [header, '2019,cultural_products,value,export,100,billion_usd,,,MOFCOM,,http://example.org/c,'].join(
        '\n',
      ),
      'y.csv',
      'v3',
      { country: 'CHN' },
    );
    const chn = await store.query(
      sql`select value, source_url from official_series where id = 'CHN-2019-cultural_products-value-export'`,
    );
    expect(chn).toEqual([{ value: 100, source_url: 'http://example.org/c' }]);
  });

  it('every bundled figure has a source URL and a scope', async () => {
    await ensureBundledOfficialSeries(store);
    const bad = await store.query(
      sql`select id from official_series where source_url not like 'http%' or scope = ''`,
    );
    expect(bad).toEqual([]);
  });
});
