import { describe, expect, it } from 'vitest';
import { findNoise, maskNoise } from './noise.ts';
import { scanQuantities } from './quantities.ts';

const kinds = (s: string) => findNoise(s).map((n) => [n.kind, s.slice(n.start, n.end)]);
const survivors = (s: string) => scanQuantities(maskNoise(s)).map((q) => s.slice(q.start, q.end));

describe('noise', () => {
  it('masks dates, times and timestamps', () => {
    expect(survivors('Posted 2023/04/0109:15:02 and on March 3, 2020 at 10:30 a.m. (2021-11-05)')).toEqual(
      [],
    );
    expect(kinds('On 12 May 2019')).toContainEqual(['month-day', '12 May 2019']);
  });
  it('masks ordinals and plan names but keeps the figures around them', () => {
    expect(
      survivors('At the 20th congress, under the 13th Five-Year Plan (2016-2020), 45 museums opened.'),
    ).toEqual(['45']);
    expect(survivors('“十四五”期间建成第3批基地12个')).toEqual(['12个'.slice(0, 2)]);
  });
  it('masks URLs, ids, page references and codes glued to letters', () => {
    expect(
      survivors('See https://example.org/news/2020/123456 and #4521, page 12, G20, COVID-19, HS 9701.'),
    ).toEqual([]);
  });
  it('keeps currency codes glued to digits', () => {
    expect(survivors('worth USD75 billion')).toEqual(['USD75 billion']);
  });
  it('keeps offsets: the masked text has the same length', () => {
    const s = 'On June 5, 2022, 12 films';
    expect(maskNoise(s)).toHaveLength(s.length);
  });
});

describe('noise: page chrome', () => {
  it('masks "Page 1 of 3", record numbers, time zones and day ranges', () => {
    expect(
      survivors(
        'Page 1 of 3. ICP备05070218号, 京公网安备11010502030470号, GMT+8, from 5 to 9 May, ISBN 978-7-5063-1234-5',
      ),
    ).toEqual([]);
  });
  it('keeps decimals below one', () => {
    expect(survivors('up 0.5%')).toEqual(['0.5%']);
  });
  it('masks Chinese page chrome: section numbers, list markers, rankings, short dates', () => {
    expect(survivors('2.1 文化产品出口情况\n(2)出口结构\n三、服务贸易\n1. 总体情况')).toEqual([]);
    expect(survivors('（二）重点企业：入选前100名的企业')).toEqual([]);
    expect(survivors('发布时间：25-01-20 来源：商务部')).toEqual([]);
    // The figures in the same lines survive.
    expect(survivors('2.1 2020年出口文化产品1200亿美元')).toEqual(['1200亿美元']);
    expect(survivors('前两月出口增长5.2%')).toEqual(['5.2%']);
    expect(survivors('the top 10 markets bought $5 billion')).toEqual(['$5 billion']);
    expect(survivors('the top-5 and TOP20 lists; sales top 2 billion yen')).toEqual(['2 billion yen']);
  });
});
