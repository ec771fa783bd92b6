/**
 * `registry effect` end to end on a constructed store: registry events + trade rows where the true
 * effect is known (test/fixtures/registry/effect-fixture.ts) → the SQL panel → the estimator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectPanelQuery, partnerTrade, registryEffect } from '../../src/queries/registry-effect.ts';
import { createEntities } from '../../src/registry/index.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { duckdb } from '../../src/store/dialect.ts';
import { render } from '../../src/store/sql.ts';
import {
  BASKET,
  centres,
  EXPORTER,
  loadEffectFixture,
  TRUE_EFFECT,
  value,
} from '../fixtures/registry/effect-fixture.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore();
  await loadEffectFixture(store);
  await createEntities(
    store,
    'institution',
    centres.map((value) => ({ value })),
    { actor: 'fixture', now: new Date('2026-11-23T00:00:00Z') },
  );
});
afterAll(async () => {
  await store.close();
});

describe('registry effect on a fixture with a known effect', () => {
  it('recovers the true effect from the store, ignoring rows outside the basket, flow, source and latest run', async () => {
    const r = await registryEffect(store, {
      eventKind: 'centre-opening',
      exporter: EXPORTER,
      basket: BASKET,
      window: 2,
      bootstrap: 400,
      seed: 's',
    });
    expect(r.label).toBe('descriptive, not causal');
    expect(r.source).toBe('baci');
    expect(r.years).toEqual([2000, 2020]);
    expect(r.events_total).toBe(3);
    expect(r.events_used).toBe(3);
    expect(r.events_undated).toEqual([
      {
        id: 'cultural-centre-usa-korean-cultural-centre-usa',
        partner: 'USA',
        label: 'Korean Cultural Centre USA',
      },
    ]);
    expect(r.estimate).toBeCloseTo(TRUE_EFFECT, 10);
    // The treated exports come from the basket rows only: FRA 2003–2004 mean of 100·1.05^(y−2000).
    expect(r.events[0]).toMatchObject({ partner: 'FRA', year: 2005 });
    expect(r.events[0]!.treated_pre).toBeCloseTo((value('FRA', 2003) + value('FRA', 2004)) / 2, 6);
    expect(r.ci_low!).toBeLessThanOrEqual(r.estimate!);
    expect(r.ci_high!).toBeGreaterThanOrEqual(r.estimate!);
  });

  it('uses another source only when asked, and then gets another answer', async () => {
    const r = await registryEffect(store, {
      eventKind: 'centre-opening',
      exporter: EXPORTER,
      basket: BASKET,
      window: 2,
      bootstrap: 0,
      source: 'comtrade',
    });
    expect(r.source).toBe('comtrade');
    // Comtrade fixture rows are 1e5 + year for every partner: no jump, so each DiD is ~0.
    expect(Math.abs(r.estimate!)).toBeLessThan(1e-3);
  });

  it('reports an unknown basket and a source without data clearly', async () => {
    await expect(
      registryEffect(store, { eventKind: 'centre-opening', exporter: EXPORTER, basket: 'no-such-basket' }),
    ).rejects.toMatchObject({ code: 'unknown-basket' });
    await expect(
      registryEffect(store, {
        eventKind: 'centre-opening',
        exporter: EXPORTER,
        basket: BASKET,
        source: 'ots',
      }),
      // The store holds other sources' exports: the source is the mistake (400), named with those there are.
    ).rejects.toMatchObject({ code: 'invalid-argument', problems: [{ field: 'source', found: 'ots', expected: 'baci | comtrade' }] });
  });

  it('gives the partner-vs-others series for a detail page', async () => {
    const s = await partnerTrade(store, { exporter: EXPORTER, partner: 'FRA', basket: BASKET });
    expect(s.series).toHaveLength(21);
    const y2005 = s.series.find((r) => r.year === 2005)!;
    expect(y2005.partner).toBeCloseTo(value('FRA', 2005), 6);
    expect(y2005.others).toBeCloseTo(
      ['DEU', 'JPN', 'USA', 'GBR', 'ITA'].reduce((t, p) => t + value(p, 2005), 0),
      6,
    );
  });

  it('compiles to SQL with every value bound', () => {
    const { text, params } = render(
      effectPanelQuery({ exporter: 'KOR', basketId: BASKET, source: 'baci', fromYear: 2001 }),
      duckdb,
    );
    expect(text).not.toContain('KOR');
    expect(text).not.toContain(BASKET);
    expect(params).toEqual(expect.arrayContaining(['KOR', BASKET, 'baci', 2001]));
  });
});
