import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { type EffectEvent, estimateEffect, type Panel, percentile } from './effect.ts';

/**
 * A panel where every partner's exports grow 5% a year and each treated partner's exports jump by
 * a known factor from its event year on. The control ratio over any window is then the common
 * growth, so each event's DiD is exactly ln(factor).
 */
function knownPanel(
  jumps: Record<string, { year: number; factor: number }>,
  bases: Record<string, number>,
): Panel {
  const panel: Panel = new Map();
  for (const [p, base] of Object.entries(bases)) {
    const years = new Map<number, number>();
    for (let y = 2000; y <= 2020; y++) {
      const jump = jumps[p] && y >= jumps[p].year ? jumps[p].factor : 1;
      years.set(y, base * 1.05 ** (y - 2000) * jump);
    }
    panel.set(p, years);
  }
  return panel;
}

describe('estimateEffect (difference-in-differences over events)', () => {
  const jumps = {
    AAA: { year: 2005, factor: 1.5 },
    BBB: { year: 2010, factor: 1.2 },
    CCC: { year: 2015, factor: 2 },
  };
  const panel = knownPanel(jumps, { AAA: 100, BBB: 50, CCC: 200, DDD: 80, EEE: 120, FFF: 30 });
  const events: EffectEvent[] = Object.entries(jumps).map(([p, j]) => ({ id: p, partner: p, year: j.year }));

  it('recovers the known effect of each event and their mean', () => {
    const r = estimateEffect(panel, events, { window: 2, bootstrap: 500, seed: 'fixture' });
    expect(r.label).toBe('descriptive, not causal');
    expect(r.events_total).toBe(3);
    expect(r.events_used).toBe(3);
    expect(r.events.map((e) => e.did)).toEqual([
      expect.closeTo(Math.log(1.5), 12),
      expect.closeTo(Math.log(1.2), 12),
      expect.closeTo(Math.log(2), 12),
    ]);
    // mean of ln 1.5, ln 1.2, ln 2 = ln(3.6) / 3 = 0.426984…; as a percentage 3.6^(1/3) − 1 = 53.26 %
    expect(r.estimate).toBeCloseTo(Math.log(3.6) / 3, 12);
    expect(r.estimate_percent).toBeCloseTo((3.6 ** (1 / 3) - 1) * 100, 9);
    // Treated exports: pre mean over 2003–2004 and post over 2006–2007 of 100·1.05^(y−2000) (post ×1.5).
    const a = r.events[0]!;
    expect(a.treated_pre).toBeCloseTo((100 * 1.05 ** 3 + 100 * 1.05 ** 4) / 2, 9);
    expect(a.treated_post).toBeCloseTo((1.5 * (100 * 1.05 ** 6 + 100 * 1.05 ** 7)) / 2, 9);
    expect(a.control_partners).toBe(5);
  });

  it('gives a seeded bootstrap interval that brackets the estimate within the events’ range', () => {
    const r1 = estimateEffect(panel, events, { window: 2, bootstrap: 500, seed: 'fixture' });
    const r2 = estimateEffect(panel, events, { window: 2, bootstrap: 500, seed: 'fixture' });
    expect([r2.ci_low, r2.ci_high]).toEqual([r1.ci_low, r1.ci_high]);
    expect(r1.ci_low!).toBeLessThanOrEqual(r1.estimate!);
    expect(r1.ci_high!).toBeGreaterThanOrEqual(r1.estimate!);
    expect(r1.ci_low!).toBeGreaterThanOrEqual(Math.log(1.2) - 1e-12);
    expect(r1.ci_high!).toBeLessThanOrEqual(Math.log(2) + 1e-12);
    expect(r1.ci_high! - r1.ci_low!).toBeGreaterThan(0);
  });

  it('keeps partners with their own event in the window out of the control', () => {
    const close = estimateEffect(panel, [...events, { id: 'DDD', partner: 'DDD', year: 2006 }], {
      window: 2,
      bootstrap: 0,
    });
    // For AAA (2005): DDD's event in 2006 lies within 2003–2007, so the controls are BBB, CCC, EEE, FFF.
    expect(close.events[0]!.control_partners).toBe(4);
    // DDD has no real jump, so its DiD is ~0 and the estimate is the mean of four: (ln1.5 + ln1.2 + ln2 + 0) / 4.
    expect(close.events[3]!.did).toBeCloseTo(0, 12);
    expect(close.estimate).toBeCloseTo(Math.log(3.6) / 4, 12);
  });

  it('says why an event is left out and never guesses', () => {
    const sparse: Panel = new Map([
      [
        'AAA',
        new Map([
          [2001, 0],
          [2002, 0],
          [2004, 10],
          [2005, 10],
        ]),
      ],
      [
        'BBB',
        new Map([
          [2001, 5],
          [2002, 5],
          [2004, 5],
          [2005, 5],
        ]),
      ],
    ]);
    const r = estimateEffect(
      sparse,
      [
        { id: 'early', partner: 'BBB', year: 1990 },
        { id: 'zero-before', partner: 'AAA', year: 2003 },
      ],
      { window: 2 },
    );
    expect(r.events_used).toBe(0);
    expect(r.estimate).toBeNull();
    expect(r.ci_low).toBeNull();
    expect(r.events[0]!.skipped).toMatch(/outside the data years 2001–2005/);
    expect(r.events[1]!.skipped).toMatch(/no exports to AAA before/);
  });

  it('gives no interval for a single event', () => {
    const r = estimateEffect(panel, [events[0]!], { window: 2 });
    expect(r.estimate).toBeCloseTo(Math.log(1.5), 12);
    expect(r.ci_low).toBeNull();
  });

  it('recovers a known average effect from noisy data with many events, inside the interval', () => {
    // 30 treated partners with events spread over 2004–2016, 30 never-treated; true effect 0.3 log points
    // plus event-level noise (sd 0.1) and year-level noise (sd 0.02), all from a seeded generator.
    const rng = seedrandom('noisy-fixture');
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const panel: Panel = new Map();
    const evs: EffectEvent[] = [];
    for (let i = 0; i < 60; i++) {
      const p = `P${String(i).padStart(2, '0')}`;
      const treated = i < 30;
      const year = 2004 + (i % 13);
      const effect = treated ? 0.3 + 0.1 * normal() : 0;
      const base = 50 + 100 * rng();
      const years = new Map<number, number>();
      for (let y = 2000; y <= 2020; y++)
        years.set(
          y,
          base * Math.exp(0.04 * (y - 2000) + (treated && y >= year ? effect : 0) + 0.02 * normal()),
        );
      panel.set(p, years);
      if (treated) evs.push({ id: p, partner: p, year });
    }
    const r = estimateEffect(panel, evs, { window: 3, bootstrap: 1000, seed: 'noisy' });
    expect(r.events_used).toBe(30);
    expect(r.estimate!).toBeGreaterThan(0.24);
    expect(r.estimate!).toBeLessThan(0.36);
    expect(r.ci_low!).toBeLessThan(0.3);
    expect(r.ci_high!).toBeGreaterThan(0.3);
  });

  it('interpolates percentiles between order statistics', () => {
    // positions: (4 − 1) × 0.5 = 1.5 → halfway between 2 and 3
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
    expect(percentile([1, 2, 3, 4], 1)).toBe(4);
  });
});
