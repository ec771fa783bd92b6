import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBundledOfficialSeries } from '../reference/official-series.ts';
import { openStore, type Store } from '../store/db.ts';
import { duckdb } from '../store/dialect.ts';
import { render } from '../store/sql.ts';
import {
  findOfficialFigure,
  listOfficialSeries,
  type OfficialFigure,
  officialLines,
  officialSeriesQuery,
  publisherFamily,
  scopeLabel,
} from './official.ts';

const fig = (year: number, scope: string, value_usd: number, publisher = 'MOFCOM'): OfficialFigure => ({
  id: `${year}-${scope}`,
  country: 'CHN',
  year,
  scope,
  indicator: 'value',
  flow: 'export',
  value: value_usd / 1e9,
  unit: 'billion_usd',
  value_usd,
  yoy_pct: null,
  publisher,
  reported_by: null,
  source_url: `http://example.org/${year}`,
  note: null,
});

describe('officialLines', () => {
  it('never joins the figures of different countries (the world and its largest exporters)', () => {
    const { segments } = officialLines([
      { ...fig(2015, 'creative_goods', 509e9, 'UNCTAD'), country: 'WLD' },
      { ...fig(2020, 'creative_goods', 524e9, 'UNCTAD'), country: 'WLD' },
      { ...fig(2020, 'creative_goods', 169e9, 'UNCTAD'), country: 'CHN' },
    ]);
    expect(segments.map((s) => [s.country, s.points.map((p) => p.year), s.break, s.breakReason])).toEqual([
      ['WLD', [2015, 2020], false, null],
      ['CHN', [2020], true, 'country'],
    ]);
  });
  it('never joins different scopes: one segment per scope, a break where the scope changes', () => {
    const { segments } = officialLines([
      fig(2017, 'cultural_products', 88.19e9),
      fig(2013, 'cultural_goods_unesco', 60.1e9, 'UNESCO Institute for Statistics (2016 report)'),
      fig(2019, 'cultural_products', 99.89e9),
      fig(2018, 'cultural_products', 92.53e9),
    ]);
    expect(
      segments.map((s) => [s.scope, s.break, s.breakReason, s.points.map((p) => p.year), s.gaps]),
    ).toEqual([
      ['cultural_goods_unesco', false, null, [2013], []],
      ['cultural_products', true, 'scope', [2017, 2018, 2019], []],
    ]);
  });

  it('breaks where the publisher (and so the definition) changes under the same scope name, and lists gaps', () => {
    const { segments } = officialLines([
      fig(2011, 'cultural_products', 18.7e9, 'General Administration of Customs'),
      fig(2016, 'cultural_products', 78.66e9, 'MOFCOM'),
      fig(2019, 'cultural_products', 99.89e9, 'MOFCOM (spokesperson)'),
    ]);
    expect(segments.map((s) => [s.publisher, s.break, s.breakReason, s.gaps])).toEqual([
      ['General Administration of Customs', false, null, []],
      ['MOFCOM', true, 'publisher', [2017, 2018]],
    ]);
  });

  it('refuses rows of several indicators or flows (a bug in the caller)', () => {
    expect(() => officialLines([fig(2019, 'a', 1), { ...fig(2019, 'a', 1), flow: 'import' }])).toThrow(
      /one indicator and flow/,
    );
  });

  it('labels scopes in English and Chinese, sub-scopes as parent — part', () => {
    expect(scopeLabel('cultural_products', 'zh')).toBe('文化产品');
    expect(scopeLabel('cultural_products.belt_and_road', 'en')).toBe(
      'Cultural products (goods) — Belt and Road countries',
    );
    expect(scopeLabel('my_scope', 'zh')).toBe('my_scope');
  });

  it('normalises publishers', () => {
    expect(publisherFamily('MOFCOM (spokesperson Gao Feng 2018-02-08)')).toBe('MOFCOM');
    expect(publisherFamily(null)).toBe('unknown');
  });
});

describe('official series queries', () => {
  it('binds every filter value as a parameter', () => {
    const q = render(
      officialSeriesQuery({ year: 2019, scope: "x'; drop table y", includeSubScopes: true, flow: 'export' }),
      duckdb,
    );
    expect(q.text).not.toContain('drop table');
    // The sub-scope prefix is bound twice: its length and the comparison (store/sql.ts startsWith).
    expect(q.params).toEqual([2019, "x'; drop table y", "x'; drop table y.", "x'; drop table y.", 'export']);
  });

  let store: Store;
  beforeAll(async () => {
    store = await openStore();
    await ensureBundledOfficialSeries(store);
  });
  afterAll(async () => {
    await store.close();
  });

  it('lists figures with scope, unit and source, sub-scopes only when asked', async () => {
    const only = await listOfficialSeries(store, { scope: 'cultural_products', year: 2017 });
    expect(only.map((r) => `${r.indicator}/${r.flow}`).sort()).toEqual([
      'balance/surplus',
      'turnover/total',
      'value/export',
      'value/import',
    ]);
    const withSubs = await listOfficialSeries(store, {
      scope: 'cultural_products',
      year: 2017,
      includeSubScopes: true,
    });
    expect(withSubs.map((r) => r.scope).sort()).toEqual([
      'cultural_products',
      'cultural_products',
      'cultural_products',
      'cultural_products',
      'cultural_products.belt_and_road',
      'cultural_products.brics',
    ]);
    expect(withSubs.every((r) => r.source_url.startsWith('http') && r.unit)).toBe(true);
  });

  it('finds the figure of the asked scope first and shows the others of that year', async () => {
    const rows = await findOfficialFigure(store, {
      year: 2017,
      indicator: 'turnover',
      flow: 'total',
      scope: 'cultural_products',
    });
    expect(rows.map((r) => [r.scope, r.scope_match, r.value_usd])).toEqual([
      ['cultural_products', 'exact', 97120000000],
      ['cultural_products.belt_and_road', 'sub-scope', 17620000000],
      ['cultural_products.brics', 'sub-scope', 4300000000],
      ['cultural_products_and_services', 'other', 126510000000],
      ['cultural_services', 'other', 29390000000],
    ]);
  });
});
