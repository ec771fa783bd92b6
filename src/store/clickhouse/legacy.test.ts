import { describe, expect, it } from 'vitest';
import { inlineCtes, PUSH_DOWN_MAX_READS, readDirectly } from './legacy.ts';

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

describe('readDirectly (predicate push-down per statement, ClickHouse before 20.x)', () => {
  const scan = (k: number) => `(select t.year as year, t.value_usd as v from trade_flows t where t.year = ${k})`;

  it('leaves a statement of few reads alone, push-down on', () => {
    const text = Array.from({ length: PUSH_DOWN_MAX_READS }, (_, k) => `select * from ${scan(k)} s${k}`).join(' union all ');
    expect(readDirectly(text, 'trade_flows', 'trade_flows_all')).toEqual({ text, pushDown: true });
  });

  it('turns push-down off for many reads, reading the Distributed table where no JOIN shares the SELECT', () => {
    const reads = Array.from({ length: PUSH_DOWN_MAX_READS + 1 }, (_, k) => `select * from ${scan(k)} s${k}`);
    const joined = 'select a.year from trade_flows a join basket_resolved b on b.code = a.product where a.year = 1';
    const joinedView = 'select b.code from basket_resolved b left join trade_flows t on t.product = b.code';
    const { text, pushDown } = readDirectly([...reads, joined, joinedView].join(' union all '), 'trade_flows', 'trade_flows_all');
    expect(pushDown).toBe(false);
    expect(text.match(/from trade_flows_all t where/g)).toHaveLength(PUSH_DOWN_MAX_READS + 1);
    // A read joined in its SELECT, before or after the join word, keeps the view; a UNION ends a SELECT.
    expect(text).toContain(joined);
    expect(text).toContain(joinedView);
    // Names that merely contain the view's name, and the view named in a string, are not reads.
    const other = readDirectly(`${[...reads].join(' union all ')} union all select 'from trade_flows x' from trade_flows_local`, 'trade_flows', 'trade_flows_all');
    expect(other.text).toContain("select 'from trade_flows x' from trade_flows_local");
  });
});
