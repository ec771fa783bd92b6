/**
 * The market finder's ranks and competitors where ties matter, on the tiny world of
 * test/support/world.ts plus one product with tied suppliers (the parity test
 * test/integration/clickhouse-indicators.test.ts runs the same world on ClickHouse 18.16):
 *
 *   2021, HS 711319, imports of USA from: DEU 80, ITA 80, KOR 80, CHN 50, FRA 10   (total 300)
 *                    imports of DEU from: CHN 30
 *
 * CHN in USA: three suppliers sold more → rank 1 + 3 = 4 (rank() semantics); its competitors are
 * the top 3 others by value, ties broken by country code: DEU, ITA, KOR (FRA is fourth).
 * CHN in DEU: the only supplier → rank 1, no competitors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFlows, loadFixture, openTestStore, tiedSupplierRows } from '../../test/support/world.ts';
import type { Store } from '../store/db.ts';
import { clickhouse, duckdb } from '../store/dialect.ts';
import { render } from '../store/sql.ts';
import { marketFinder, marketFinderSql } from './market-finder.ts';

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
  await loadFixture(store, { reported: false });
  await insertFlows(store, 1, tiedSupplierRows);
});
afterAll(async () => {
  await store.close();
});

describe('market finder: ranks and competitors with ties', () => {
  it('ranks as rank() does and breaks competitor ties by country code', async () => {
    const r = await marketFinder(store, {
      exporter: 'CHN',
      product: '711319',
      year: 2021,
      perspective: 'reconciled',
      sort: 'market',
      order: 'asc',
    });
    const [deu, usa] = r.markets;
    expect(usa).toMatchObject({ market: 'USA', imports: 300, exporter_value: 50, rank: 4, suppliers: 5 });
    expect(usa!.exporter_share).toBeCloseTo(50 / 300, 12);
    // HHI: (3·80² + 50² + 10²) / 300² = (19200 + 2500 + 100) / 90000
    expect(usa!.hhi).toBeCloseTo(21800 / 90000, 12);
    expect(usa!.competitors.map((c) => [c.country, c.value])).toEqual([
      ['DEU', 80],
      ['ITA', 80],
      ['KOR', 80],
    ]);
    expect(usa!.competitors[0]!.share).toBeCloseTo(80 / 300, 12);
    expect(deu).toMatchObject({ market: 'DEU', imports: 30, exporter_value: 30, rank: 1, suppliers: 1, hhi: 1 });
    expect(deu!.competitors).toEqual([]);
  });

  it('an exporter absent from a market has value 0 and no rank', async () => {
    const r = await marketFinder(store, { exporter: 'FRA', product: '711319', year: 2021, perspective: 'reconciled' });
    const deu = r.markets.find((m) => m.market === 'DEU');
    expect(deu).toMatchObject({ exporter_value: 0, rank: null, exporter_share: 0, suppliers: 1 });
    expect(deu!.competitors.map((c) => c.country)).toEqual(['CHN']);
    expect(r.markets.find((m) => m.market === 'USA')).toMatchObject({ exporter_value: 10, rank: 5 });
  });

  // That the ClickHouse SQL runs on 18.16 (one join per SELECT, only equalities in ON) is what the
  // parity test checks on the server itself; here only the absence of windows is checked.
  it('has no window function in the ClickHouse SQL', () => {
    const scope = {
      from: 2016,
      to: 2021,
      side: 'export' as const,
      by: 'total' as const,
      level: 6 as const,
      perspective: 'reconciled' as const,
      view: 'reporter' as const,
      filterRuns: true,
      goodsOnly: true,
      product: '711319',
    };
    const q = marketFinderSql(scope, 'CHN', 2021, clickhouse);
    expect(q.competitors).toBeDefined();
    for (const part of [q.markets, q.competitors!]) {
      const { text } = render(part, clickhouse);
      expect(text).not.toMatch(/\bover\s*\(/i);
    }
    // DuckDB reads the year's suppliers once: the competitors are ordered lists in the markets statement.
    const duck = marketFinderSql(scope, 'CHN', 2021, duckdb);
    expect(duck.competitors).toBeUndefined();
    expect(render(duck.markets, duckdb).text).toMatch(/list\(s order by v desc, s\)\[1:3\] as top_s/);
  });
});
