import { describe, expect, it } from 'vitest';
import { clickhouse, duckdb } from './dialect.ts';
import { ident, inList, join, raw, render, sql } from './sql.ts';

describe('sql tagged template', () => {
  it('turns every interpolated value into a bound parameter', () => {
    const evil = "x'; drop table trade_flows; --";
    const q = sql`select * from t where a = ${evil} and b = ${2021}`;
    expect(render(q, duckdb)).toEqual({ text: 'select * from t where a = $1 and b = $2', params: [evil, 2021] });
  });

  it('binds ClickHouse parameters as columns of the external table lantern_params', () => {
    const q = sql`select * from t where a = ${'CHN'} and b = ${2021} and c = ${1.5}`;
    expect(render(q, clickhouse)).toEqual({
      text: 'select * from t where a = identity((select p1 from lantern_params)) and b = identity((select p2 from lantern_params)) and c = identity((select p3 from lantern_params))',
      params: { p1: 'CHN', p2: 2021, p3: 1.5 },
    });
  });

  it('inlines nested fragments and numbers their parameters in order', () => {
    const where = sql`year = ${2020}`;
    const q = sql`select ${ident('my col')} from t where ${where} and p in ${inList(['01', '02'])}`;
    expect(render(q, duckdb)).toEqual({
      text: 'select "my col" from t where year = $1 and p in ($2, $3)',
      params: [2020, '01', '02'],
    });
  });

  it('renders an empty IN list as one that matches nothing', () => {
    expect(render(sql`x in ${inList([])}`, duckdb).text).toBe('x in (NULL)');
  });

  it('joins fragments and quotes identifiers per dialect', () => {
    const q = join([raw('a'), ident('b"c')], ' + ');
    expect(render(q, duckdb).text).toBe('a + "b""c"');
    expect(render(ident('b`c'), clickhouse).text).toBe('`b\\`c`');
  });
});
