/** The eigenvector step of economic complexity on matrices small enough to check by hand. */
import { describe, expect, it } from 'vitest';
import { correlation, economicComplexity, jacobiEigen, largestComponent } from './complexity-math.ts';

describe('jacobiEigen', () => {
  it('diagonalises [[2, 1], [1, 2]]: eigenvalues 1 and 3, vectors (1, −1)/√2 and (1, 1)/√2', () => {
    const { values, vectors } = jacobiEigen([
      [2, 1],
      [1, 2],
    ]);
    const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
    expect(order[0]![0]).toBeCloseTo(1, 14);
    expect(order[1]![0]).toBeCloseTo(3, 14);
    const v3 = vectors[order[1]![1]]!;
    expect(Math.abs(v3[0]!)).toBeCloseTo(Math.SQRT1_2, 14);
    expect(v3[0]! * v3[1]!).toBeGreaterThan(0);
  });

  it('A·v = λ·v for every pair of a 3×3 symmetric matrix', () => {
    const a = [
      [4, 1, 2],
      [1, 3, 0],
      [2, 0, 5],
    ];
    const { values, vectors } = jacobiEigen(a);
    // trace 12 = Σλ
    expect(values.reduce((s, x) => s + x, 0)).toBeCloseTo(12, 12);
    values.forEach((lam, j) => {
      const v = vectors[j]!;
      for (let i = 0; i < 3; i++) {
        const av = a[i]!.reduce((s, x, k) => s + x * v[k]!, 0);
        expect(av).toBeCloseTo(lam * v[i]!, 12);
      }
    });
  });
});

describe('economicComplexity', () => {
  it('nested matrix: the most diversified country is the most complex, the rarest product too', () => {
    // c0 has all three products, c1 two, c2 one: a perfectly nested matrix.
    const r = economicComplexity([
      [1, 1, 1],
      [1, 1, 0],
      [1, 0, 0],
    ]);
    expect(r.diversity).toEqual([3, 2, 1]);
    expect(r.ubiquity).toEqual([3, 2, 1]);
    const [e0, e1, e2] = r.eci as number[];
    expect(e0).toBeGreaterThan(e1!);
    expect(e1).toBeGreaterThan(e2!);
    const [p0, p1, p2] = r.pci as number[];
    expect(p2).toBeGreaterThan(p1!);
    expect(p1).toBeGreaterThan(p0!);
    // z-scores; ECI = mean PCI of the products present
    expect((e0! + e1! + e2!) / 3).toBeCloseTo(0, 14);
    expect((e0! ** 2 + e1! ** 2 + e2! ** 2) / 3).toBeCloseTo(1, 12);
    expect(e1).toBeCloseTo((p0! + p1!) / 2, 12);
  });

  it('rows and columns without presence are outside the matrix (null); too small a matrix gives nulls', () => {
    const r = economicComplexity([
      [1, 0, 1, 0],
      [0, 0, 0, 0],
      [1, 1, 1, 0],
      [0, 1, 0, 0],
    ]);
    expect(r.countries).toBe(3);
    expect(r.products).toBe(3);
    expect(r.eci[1]).toBeNull();
    expect(r.pci[3]).toBeNull();
    expect(r.eci.filter((x) => x !== null)).toHaveLength(3);
    // By hand, over c0 {p0, p2}, c2 {p0, p1, p2}, c3 {p1} (ubiquities 2, 2, 2): M̃C rows
    // c0 (1/2, 1/2, 0), c2 (1/3, 1/2, 1/6), c3 (0, 1/2, 1/2); trace 3/2, det 0 → λ = 1, 1/2, 0.
    // For λ = 1/2: row c0 gives b = 0, row c2 gives c = −2a → v = (1, 0, −2) (signed by diversity
    // 2, 3, 1). Mean −1/3, sd √(((4/3)² + (1/3)² + (5/3)²)/3) = √14/3 → ECI 4/√14, 1/√14, −5/√14:
    // c0, with only the products it shares with c2, ranks above the more diverse c2.
    expect(r.eigenvalue).toBeCloseTo(0.5, 14);
    expect(r.eci[0]).toBeCloseTo(4 / Math.sqrt(14), 13);
    expect(r.eci[2]).toBeCloseTo(1 / Math.sqrt(14), 13);
    expect(r.eci[3]).toBeCloseTo(-5 / Math.sqrt(14), 13);
    const one = economicComplexity([[1, 1, 0]]);
    expect(one.eci).toEqual([null]);
    expect(one.eigenvalue).toBeNull();
  });

  it('a part of the matrix not connected to the rest is left out (listed), and the rest ranks as on its own', () => {
    // c0..c2: the nested matrix above; c3 and c4 share p3 and p4, which nobody else has: M splits in
    // two parts, λ = 1 is repeated and, over all five, the "second" eigenvector only tells the parts
    // apart (c0..c2 at one value). The largest part is ranked alone, the other part is named.
    const m = [
      [1, 1, 1, 0, 0],
      [1, 1, 0, 0, 0],
      [1, 0, 0, 0, 0],
      [0, 0, 0, 1, 1],
      [0, 0, 0, 1, 0],
    ];
    const r = economicComplexity(m);
    const alone = economicComplexity(m.slice(0, 3).map((row) => row.slice(0, 3)));
    expect(r.disconnected).toEqual({ countries: [3, 4], products: [3, 4] });
    expect(r.countries).toBe(3);
    expect(r.products).toBe(3);
    expect(r.eci.slice(3)).toEqual([null, null]);
    expect(r.pci.slice(3)).toEqual([null, null]);
    expect(r.eigenvalue).toBeCloseTo(alone.eigenvalue as number, 14);
    expect(r.eigenvalue).toBeLessThan(0.99);
    r.eci.slice(0, 3).forEach((e, i) => expect(e).toBeCloseTo(alone.eci[i] as number, 13));
    r.pci.slice(0, 3).forEach((p, i) => expect(p).toBeCloseTo(alone.pci[i] as number, 13));
    const kept = r.eci.slice(0, 3) as number[];
    expect(Math.sqrt(kept.reduce((s, x) => s + x * x, 0) / 3)).toBeCloseTo(1, 12);
    expect(alone.disconnected).toEqual({ countries: [], products: [] });
  });

  it('largestComponent joins countries through shared products', () => {
    const m = [
      [1, 0, 0],
      [1, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    expect(largestComponent(m, [0, 1, 2, 3], [0, 1, 2])).toEqual({ countries: [0, 1, 2], products: [0, 1] });
  });

  it('correlation is 0 for a constant series', () => {
    expect(correlation([1, 1, 1], [1, 2, 3])).toBe(0);
    expect(correlation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 14);
  });
});
