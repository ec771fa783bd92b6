/**
 * A descriptive event study: did an exporter's exports to a partner change after a registry event
 * (a cultural centre opening, a treaty signed), compared with its exports to the other partners?
 *
 * For each event e with partner p in year t and a window of k years:
 *
 *   T_pre  = mean exports to p over t-k … t-1       T_post = mean over t+1 … t+k
 *   C_pre  = mean of yearly exports to the control partners over the same years, likewise C_post
 *   DiD_e  = ln(T_post / T_pre) − ln(C_post / C_pre)
 *
 * The control is every other partner, except partners that had an event of their own within
 * t-k … t+k (their exports would carry that event). The event year itself is left out of both
 * windows (it is partly before and partly after). The estimate is the mean of DiD_e over events,
 * reported in log points and as a percentage (exp(estimate) − 1), with a percentile bootstrap
 * interval from resampling events with a seeded generator.
 *
 * This is DESCRIPTIVE, NOT CAUSAL: events are not assigned at random, partners differ in ways the
 * control does not absorb, and the interval reflects only the variation across events.
 *
 * Pure: no I/O; the panel comes from queries/registry-effect.ts.
 */
import seedrandom from 'seedrandom';
import type { RegistryEffectEvent as EventResult, RegistryEffectSummary } from '../contract.ts';

export interface EffectEvent {
  id: string;
  partner: string;
  year: number;
  label?: string;
}

/** Exports by partner and year: panel.get(partner)?.get(year) = value (absent = no recorded trade). */
export type Panel = Map<string, Map<number, number>>;

/** The estimate over events: the summary as sent (contract.ts) without what the read model adds, and the events. */
export type EffectEstimate = Omit<RegistryEffectSummary, 'event_kind' | 'exporter' | 'basket' | 'source' | 'events_undated' | 'method'> & {
  events: EventResult[];
};

export interface EffectOptions {
  window?: number;
  bootstrap?: number;
  seed?: string;
  level?: number;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let y = a; y <= b; y++) out.push(y);
  return out;
}

/** Percentile of sorted values, with linear interpolation between order statistics. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('percentile of an empty list');
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Estimates the difference-in-differences over events.
 *
 * @example
 *   estimateEffect(panel, [{ id: 'c1', partner: 'FRA', year: 2002 }], { window: 3, bootstrap: 1000, seed: 'lantern' })
 *
 * Kept whole: the estimator's steps in order (events, treated and control years, differences,
 * bootstrap), as its documentation gives them.
 */
export function estimateEffect(
  panel: Panel,
  events: readonly EffectEvent[],
  opts: EffectOptions = {},
): EffectEstimate {
  const k = opts.window ?? 3;
  const B = opts.bootstrap ?? 1000;
  const seed = opts.seed ?? 'lantern';
  const level = opts.level ?? 0.95;
  if (!Number.isInteger(k) || k < 1) throw new Error('window must be a positive integer');

  let minYear = Infinity;
  let maxYear = -Infinity;
  for (const years of panel.values()) {
    for (const y of years.keys()) {
      if (y < minYear) minYear = y;
      if (y > maxYear) maxYear = y;
    }
  }
  const hasData = Number.isFinite(minYear);
  const partners = [...panel.keys()];
  const value = (p: string, y: number) => panel.get(p)?.get(y) ?? 0;

  const results: EventResult[] = events.map((e) => {
    const base = { id: e.id, partner: e.partner, year: e.year, ...(e.label ? { label: e.label } : {}) };
    if (!hasData) return { ...base, used: false, skipped: 'no trade data for the exporter and basket' };
    if (e.year - k < minYear || e.year + k > maxYear) {
      return {
        ...base,
        used: false,
        skipped: `window ${e.year - k}–${e.year + k} is outside the data years ${minYear}–${maxYear}`,
      };
    }
    const pre = range(e.year - k, e.year - 1);
    const post = range(e.year + 1, e.year + k);
    const exposed = new Set(events.filter((o) => Math.abs(o.year - e.year) <= k).map((o) => o.partner));
    const controls = partners.filter((p) => p !== e.partner && !exposed.has(p));
    const tPre = mean(pre.map((y) => value(e.partner, y)));
    const tPost = mean(post.map((y) => value(e.partner, y)));
    const cYear = (y: number) => controls.reduce((s, p) => s + value(p, y), 0);
    const cPre = mean(pre.map(cYear));
    const cPost = mean(post.map(cYear));
    const numbers = {
      treated_pre: tPre,
      treated_post: tPost,
      control_pre: cPre,
      control_post: cPost,
      control_partners: controls.length,
    };
    if (controls.length === 0)
      return {
        ...base,
        used: false,
        skipped: 'no control partners without an event in the window',
        ...numbers,
      };
    if (!(tPre > 0) || !(tPost > 0))
      return {
        ...base,
        used: false,
        skipped: `no exports to ${e.partner} ${tPre > 0 ? 'after' : 'before'} the event: the log change is undefined`,
        ...numbers,
      };
    if (!(cPre > 0) || !(cPost > 0))
      return { ...base, used: false, skipped: 'no exports to the control partners in a window', ...numbers };
    const did = Math.log(tPost / tPre) - Math.log(cPost / cPre);
    return { ...base, used: true, ...numbers, did };
  });

  const dids = results.filter((r) => r.used).map((r) => r.did!);
  const estimate = dids.length ? mean(dids) : null;
  let ciLow: number | null = null;
  let ciHigh: number | null = null;
  if (dids.length >= 2 && B > 0) {
    const rng = seedrandom(seed);
    const stats: number[] = [];
    for (let b = 0; b < B; b++) {
      let s = 0;
      for (let i = 0; i < dids.length; i++) s += dids[Math.floor(rng() * dids.length)]!;
      stats.push(s / dids.length);
    }
    stats.sort((a, b) => a - b);
    ciLow = percentile(stats, (1 - level) / 2);
    ciHigh = percentile(stats, 1 - (1 - level) / 2);
  }
  return {
    label: 'descriptive, not causal',
    window: k,
    events_total: events.length,
    events_used: dids.length,
    estimate,
    estimate_percent: estimate === null ? null : (Math.exp(estimate) - 1) * 100,
    ci_low: ciLow,
    ci_high: ciHigh,
    ci_level: level,
    bootstrap: B,
    seed,
    years: hasData ? [minYear, maxYear] : null,
    events: results,
  };
}
