import { describe, expect, it } from 'vitest';
import { LanternError } from '../errors.ts';
import { describeLocation, isClusterLocation, parseStoreUrl } from './location.ts';

describe('store locations', () => {
  it('reads the servers, database and cluster of a clickhouse:// URL', () => {
    expect(parseStoreUrl('clickhouse://127.0.0.1:8123,ch2.example:8124/trade?cluster=lantern')).toEqual({
      urls: ['http://127.0.0.1:8123', 'http://ch2.example:8124'],
      database: 'trade',
      cluster: 'lantern',
    });
    expect(parseStoreUrl('clickhouse://localhost:8123')).toEqual({ urls: ['http://localhost:8123'], database: undefined, cluster: undefined });
  });

  it('refuses what it cannot read, saying the form expected, and never repeats credentials', () => {
    const cases: [string, RegExp][] = [
      ['postgres://x:1/db', /not a clickhouse:\/\/ URL/],
      ['clickhouse://nohost/db', /"nohost" is not HOST:PORT/],
      ['clickhouse://a:1/db?shards=2', /unknown parameter shards/],
      ['clickhouse://bob:s3cret@a:1/db', /credentials in the URL/],
    ];
    for (const [url, message] of cases) {
      const err = (() => {
        try {
          parseStoreUrl(url);
        } catch (e) {
          return e;
        }
      })();
      expect(err, url).toBeInstanceOf(LanternError);
      expect((err as LanternError).message, url).toMatch(message);
      expect((err as LanternError).problems[0]?.expected).toMatch(/^clickhouse:\/\/HOST:PORT/);
      expect(JSON.stringify((err as LanternError).problems)).not.toContain('s3cret');
    }
  });

  it('is the cluster only when a store URL is given', () => {
    expect(isClusterLocation({ db: 'x.duckdb' })).toBe(false);
    expect(isClusterLocation({ db: 'x.duckdb', store: '' })).toBe(false);
    expect(describeLocation({ db: 'x.duckdb', store: 'clickhouse://a:1/db' })).toBe('clickhouse://a:1/db');
    expect(describeLocation({ db: 'x.duckdb' })).toBe('x.duckdb');
  });
});
