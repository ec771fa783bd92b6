/**
 * Proximity, density, COI/COG and the product-space layout on a world small enough to check by
 * hand. The real Atlas sample is checked in test/integration/atlas-relatedness.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  at,
  complexityOutlook,
  density,
  proximity,
  spaceEdges,
  spaceLayout,
} from './relatedness-math.ts';

// Four countries, four products (rows: c0..c3; columns: p0..p3), M = 1[RCA ≥ 1]:
//   c0 {p0, p1}   c1 {p0, p1, p2}   c2 {p1, p2, p3}   c3 {p2, p3}
// Ubiquity k = (2, 3, 3, 2). Co-exporters: p0p1 2, p0p2 1, p0p3 0, p1p2 2, p1p3 1, p2p3 2.
// φ = co / max(k_i, k_j):
//   p0 (0, 2/3, 1/3, 0)     Σ 1
//   p1 (2/3, 0, 2/3, 1/3)   Σ 5/3
//   p2 (1/3, 2/3, 0, 2/3)   Σ 5/3
//   p3 (0, 1/3, 2/3, 0)     Σ 1
const M = [
  [1, 1, 0, 0],
  [1, 1, 1, 0],
  [0, 1, 1, 1],
  [0, 0, 1, 1],
];
const PHI = [
  [0, 2 / 3, 1 / 3, 0],
  [2 / 3, 0, 2 / 3, 1 / 3],
  [1 / 3, 2 / 3, 0, 2 / 3],
  [0, 1 / 3, 2 / 3, 0],
];

describe('proximity (Hidalgo et al. 2007; the Atlas)', () => {
  it('is co-export over the larger ubiquity, symmetric, with a zero diagonal', () => {
    const phi = proximity(M);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(at(phi, i, j)).toBeCloseTo(PHI[i]![j]!, 14);
  });

  it('a product nobody has is linked to nothing', () => {
    const phi = proximity([
      [1, 0, 1],
      [1, 0, 0],
    ]);
    expect([at(phi, 0, 1), at(phi, 1, 2), at(phi, 1, 1)]).toEqual([0, 0, 0]);
    expect(at(phi, 0, 2)).toBeCloseTo(1 / 2, 14);
  });
});

describe('density', () => {
  it('is the share of a product’s links that lead to products the country has', () => {
    const d = density(M, proximity(M));
    // c0 has p0, p1: p0 (0 + 2/3)/1, p1 (2/3 + 0)/(5/3), p2 (1/3 + 2/3)/(5/3), p3 (0 + 1/3)/1
    [2 / 3, 2 / 5, 3 / 5, 1 / 3].forEach((x, p) => expect(d[0]![p]).toBeCloseTo(x, 14));
    // c3 has p2, p3: p0 (1/3 + 0)/1, p1 (2/3 + 1/3)/(5/3), p2 (0 + 2/3)/(5/3), p3 (2/3 + 0)/1
    [1 / 3, 3 / 5, 2 / 5, 2 / 3].forEach((x, p) => expect(d[3]![p]).toBeCloseTo(x, 14));
  });
});

describe('complexity outlook (COI, COG)', () => {
  // PCI chosen by hand (the formulas take any PCI): p0 −1, p1 0, p2 1, p3 2.
  const pci = [-1, 0, 1, 2];
  const { coi, cog } = complexityOutlook(M, proximity(M), pci);

  it('COG: what the new product brings closer, weighted by the complexity of what is still missing', () => {
    // c0 misses p2, p3. COG(p2) = φ_23/Σφ_3·PCI_3 = (2/3)/1·2 = 4/3 (p2 itself has φ_22 = 0);
    // COG(p3) = φ_32/Σφ_2·PCI_2 = (2/3)/(5/3)·1 = 2/5; products it has gain nothing.
    [0, 0, 4 / 3, 2 / 5].forEach((x, p) => expect(cog[0]![p]).toBeCloseTo(x, 14));
    // c3 misses p0, p1: COG(p0) = φ_01/Σφ_1·PCI_1 = 0; COG(p1) = φ_10/Σφ_0·PCI_0 = (2/3)·(−1).
    [0, -2 / 3, 0, 0].forEach((x, p) => expect(cog[3]![p]).toBeCloseTo(x, 14));
  });

  it('COI: density-weighted complexity of the products a country does not have', () => {
    // c0: d(p2)·1 + d(p3)·2 = 3/5 + 2/3 = 19/15; c3: d(p0)·(−1) + d(p1)·0 = −1/3.
    expect(coi[0]).toBeCloseTo(19 / 15, 14);
    expect(coi[3]).toBeCloseTo(-1 / 3, 14);
    // c1 misses only p3: d(p3) = (0 + 1/3 + 2/3)/1 = 1, PCI 2.
    expect(coi[1]).toBeCloseTo(2, 14);
  });

  it('a null PCI (product outside the complexity matrix) counts as 0', () => {
    const r = complexityOutlook(M, proximity(M), [null, 0, 1, 2]);
    expect(r.cog[3]![1]).toBeCloseTo(0, 14);
  });
});

describe('product space', () => {
  it('the backbone is the maximum spanning tree; extra links are the strongest others', () => {
    const edges = spaceEdges(proximity(M), 0.5);
    const tree = edges.filter((e) => e.tree).map((e) => [e.a, e.b, e.proximity]);
    // Prim from p0: p1 (2/3), then p2 (2/3 via p1), then p3 (2/3 via p2): weight 2, the maximum.
    expect(tree).toEqual([
      [0, 1, 2 / 3],
      [1, 2, 2 / 3],
      [2, 3, 2 / 3],
    ]);
    // 0.5 × 4 = 2 extra links, strongest first: p0p2 (1/3) and p1p3 (1/3), ties by index.
    expect(edges.filter((e) => !e.tree).map((e) => [e.a, e.b])).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('the layout is deterministic, inside [0, 1]², and places linked products nearer than unlinked ones', () => {
    const edges = spaceEdges(proximity(M), 0);
    const a = spaceLayout(4, edges);
    expect(spaceLayout(4, edges)).toEqual(a);
    for (const p of a) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(1);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(1);
    }
    const dist = (i: number, j: number) => Math.hypot(a[i]!.x - a[j]!.x, a[i]!.y - a[j]!.y);
    // A chain p0–p1–p2–p3: the ends are farther apart than neighbours.
    expect(dist(0, 3)).toBeGreaterThan(dist(0, 1));
    expect(dist(0, 3)).toBeGreaterThan(dist(2, 3));
  });
});
