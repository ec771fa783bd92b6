import { describe, expect, it } from 'vitest';
import { inlineCtes, keepsPushDown, PUSH_DOWN_MAX_READS } from './legacy.ts';

describe('inlineCtes (ClickHouse before 20.x)', () => {
  it('inlines a CTE where it is read as a table, keeping or adding the alias', () => {
    expect(inlineCtes('with a as (select 1 as x) select x from a')).toBe(
      'select x from (select 1 as x) as a',
    );
    expect(
      inlineCtes('with yv as (select y, v from t) select c.v from yv c left join yv pv on pv.y = c.y - 1'),
    ).toBe('select c.v from (select y, v from t) c left join (select y, v from t) pv on pv.y = c.y - 1');
  });

  it('lets a later CTE read an earlier one, and nested subqueries read outer CTEs', () => {
    const q =
      'with a as (select 1 as x), b as (select x from a) select * from (select x from b where x > 0) s join a on a.x = s.x';
    expect(inlineCtes(q)).toBe(
      'select * from (select x from (select x from (select 1 as x) as a) as b where x > 0) s join (select 1 as x) as a on a.x = s.x',
    );
  });

  it('handles WITH inside a subquery, and leaves names that are not table uses alone', () => {
    expect(
      inlineCtes("select * from (with g as (select 'with a as (' as s) select s, g_count from g) q"),
    ).toBe("select * from (select s, g_count from (select 'with a as (' as s) as g) q");
    expect(inlineCtes('with a as (select 1 as a) select a from a where a = 1')).toBe(
      'select a from (select 1 as a) as a where a = 1',
    );
  });

  it("leaves ClickHouse's own WITH expression aliases and CTE-free text unchanged", () => {
    expect(inlineCtes('with 2 as k select k * x from t')).toBe('with 2 as k select k * x from t');
    expect(inlineCtes('select x from t where y = (select p1 from lantern_params)')).toBe(
      'select x from t where y = (select p1 from lantern_params)',
    );
  });
});

describe('keepsPushDown (predicate push-down per statement, ClickHouse before 20.x)', () => {
  const scan = (k: number) => `(select t.year as year, t.value_usd as v from trade_flows t where t.year = ${k})`;
  const reads = (n: number) => Array.from({ length: n }, (_, k) => `select * from ${scan(k)} s${k}`).join(' union all ');

  it('keeps push-down for a statement of few reads', () => {
    expect(keepsPushDown(reads(PUSH_DOWN_MAX_READS), 'trade_flows')).toBe(true);
  });

  it('turns it off for many reads, counting joined reads too', () => {
    expect(keepsPushDown(reads(PUSH_DOWN_MAX_READS + 1), 'trade_flows')).toBe(false);
    const joined = 'select a.year from basket_resolved b join trade_flows a on b.code = a.product';
    expect(keepsPushDown(`${reads(PUSH_DOWN_MAX_READS)} union all ${joined}`, 'trade_flows')).toBe(false);
  });

  it('does not count names that merely contain the view, nor the view named in a string', () => {
    const other = `${reads(PUSH_DOWN_MAX_READS)} union all select 'from trade_flows x' from trade_flows_local`;
    expect(keepsPushDown(other, 'trade_flows')).toBe(true);
  });
});
