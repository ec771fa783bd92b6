/**
 * The arithmetic of the soft-power composite (queries/soft-power.ts), pure and unit-tested:
 * normalisation of each component across countries, the weighted mean, ranks, the rank range over
 * random weights (seeded), and Spearman's ρ against a published index.
 *
 * Invariants:
 * - A country missing a component is scored on the components it has, with their weights
 *   renormalised (never a 0 put in for an unknown value); `coverage` says how many it had.
 * - A component with fewer than two countries, or with every value equal, cannot be normalised:
 *   it is dropped, and the caller says so.
 * - Ranks: 1 = highest score; ties share the best rank (1, 1, 3).
 */
import { sampleRankCorrelation } from 'simple-statistics';
import seedrandom from 'seedrandom';

export const normalisations = ['minmax', 'zscore', 'rank'] as const;
export type Normalisation = (typeof normalisations)[number];

/** component id → country → raw value. */
export type ComponentValues = Map<string, Map<string, number>>;

/**
 * Normalises one component across countries:
 * - minmax: (x − min) / (max − min), 0…1;
 * - zscore: (x − mean) / sd (population sd);
 * - rank: (n − rank) / (n − 1), 1 for the top country, 0 for the last (ties share the best rank).
 * Returns undefined when it cannot (fewer than two countries, or no spread).
 */
export function normalise(values: Map<string, number>, how: Normalisation): Map<string, number> | undefined {
  const entries = [...values.entries()].filter(([, v]) => Number.isFinite(v));
  if (entries.length < 2) return undefined;
  const xs = entries.map(([, v]) => v);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  if (max === min) return undefined;
  if (how === 'minmax') return new Map(entries.map(([k, v]) => [k, (v - min) / (max - min)]));
  if (how === 'zscore') {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    return new Map(entries.map(([k, v]) => [k, (v - mean) / sd]));
  }
  const r = ranks(new Map(entries));
  const n = entries.length;
  return new Map(entries.map(([k]) => [k, (n - (r.get(k) as number)) / (n - 1)]));
}

/** Ranks, 1 = highest; ties share the best rank. */
export function ranks(scores: Map<string, number>): Map<string, number> {
  const sorted = [...scores.values()].sort((a, b) => b - a);
  return new Map([...scores.entries()].map(([k, v]) => [k, sorted.indexOf(v) + 1]));
}

/** Σ w_c · n_c / Σ w_c over the components a country has (weights > 0 only). */
export function composite(
  normalised: Map<string, Map<string, number>>,
  weights: Record<string, number>,
  countries: readonly string[],
): Map<string, { score: number; coverage: number }> {
  const out = new Map<string, { score: number; coverage: number }>();
  for (const c of countries) {
    let num = 0;
    let den = 0;
    let coverage = 0;
    for (const [id, vals] of normalised) {
      const w = weights[id] ?? 0;
      const v = vals.get(c);
      if (w <= 0 || v === undefined) continue;
      num += w * v;
      den += w;
      coverage++;
    }
    if (den > 0) out.set(c, { score: num / den, coverage });
  }
  return out;
}

export interface RankRange {
  min: number;
  max: number;
  /** 5th and 95th percentiles of the rank over the draws. */
  p5: number;
  p95: number;
}

/**
 * Rank ranges over `draws` random weight vectors, flat Dirichlet (uniform on the simplex) over the
 * components with a weight > 0, drawn with a seeded generator: the same seed gives the same ranges.
 */
export function rankSensitivity(
  normalised: Map<string, Map<string, number>>,
  weights: Record<string, number>,
  countries: readonly string[],
  opts: { draws: number; seed: string },
): Map<string, RankRange> {
  const ids = [...normalised.keys()].filter((id) => (weights[id] ?? 0) > 0);
  const rng = seedrandom(opts.seed);
  const seen = new Map<string, number[]>(countries.map((c) => [c, []]));
  for (let d = 0; d < opts.draws; d++) {
    const e = ids.map(() => -Math.log(1 - rng()));
    const sum = e.reduce((s, x) => s + x, 0);
    const w = Object.fromEntries(ids.map((id, i) => [id, (e[i] as number) / sum]));
    const r = ranks(new Map([...composite(normalised, w, countries)].map(([k, v]) => [k, v.score])));
    for (const [k, v] of r) seen.get(k)?.push(v);
  }
  const out = new Map<string, RankRange>();
  for (const [k, rs] of seen) {
    if (!rs.length) continue;
    const s = [...rs].sort((a, b) => a - b);
    const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))] as number;
    out.set(k, { min: s[0] as number, max: s.at(-1) as number, p5: q(0.05), p95: q(0.95) });
  }
  return out;
}

/** Spearman's ρ between our ranks and a published index's ranks, over the countries in both (null below 3). */
export function spearman(ours: Map<string, number>, theirs: Map<string, number>): { rho: number | null; n: number } {
  const common = [...ours.keys()].filter((k) => theirs.has(k));
  if (common.length < 3) return { rho: null, n: common.length };
  return {
    rho: sampleRankCorrelation(
      common.map((k) => ours.get(k) as number),
      common.map((k) => theirs.get(k) as number),
    ),
    n: common.length,
  };
}
