import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/db.ts';
import { sql } from '../store/sql.ts';
import { dataPath } from './data-files.ts';
import { bundledOfficialFiles, ensureBundledOfficialSeries, loadOfficialSeries, parseOfficialCsv } from './official-series.ts';

/** The rows of the bundled files, read here with csv-parse (not the loader), by country. */
const bundledRows = bundledOfficialFiles.flatMap(
  (f) => parse(readFileSync(dataPath('official', f), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[],
);
const bundledBy = (country: string) => bundledRows.filter((r) => r.country === country).length;

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
    expect(first).toBe(bundledRows.length); // every row of every file in data/official
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
    // the bundled rows untouched + 2 KOR rows (the second KOR row gets its own id, -2)
    const counts = await store.query<{ country: string; n: number }>(sql`select country, count(*) as n from official_series group by 1 order by 1`);
    expect(Object.fromEntries(counts.map((c) => [c.country, Number(c.n)]))).toMatchObject({ CHN: bundledBy('CHN'), KOR: bundledBy('KOR') + 2, WLD: bundledBy('WLD'), GBR: bundledBy('GBR') });
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

describe('official series in another currency', () => {
  it('keeps pounds as printed, never converted, and refuses a US-dollar value for them', () => {
    const ok = parseOfficialCsv([header, '2016,creative_industries_services,value,export,27,billion_gbp,,27.4,DCMS,,http://example.org/uk,'].join('\n'), 'uk.csv', { country: 'GBR' });
    expect(ok.problems).toEqual([]);
    expect(ok.rows[0]).toMatchObject({ value: 27, unit: 'billion_gbp', valueUsd: null });
    const bad = parseOfficialCsv([header, '2016,creative_industries_services,value,export,27,billion_gbp,35000000000,,DCMS,,http://example.org/uk,'].join('\n'), 'uk.csv', { country: 'GBR' });
    expect(bad.problems).toMatchObject([{ line: 2, column: 'value_usd', expected: 'empty', found: '35000000000' }]);
  });
  it('every bundled figure names its scope, unit and the URL it was read on', () => {
    for (const f of bundledOfficialFiles) {
      const { rows, problems } = parseOfficialCsv(readFileSync(dataPath('official', f), 'utf8'), f);
      expect(problems, f).toEqual([]);
      expect(rows.every((r) => r.scope && r.unit && /^https?:\/\//.test(r.sourceUrl) && r.publisher)).toBe(true);
    }
  });
});
