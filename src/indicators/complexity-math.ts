/**
 * The matrix step of economic complexity (INDICATORS.md §3.8), in plain TypeScript: from a
 * country × product presence matrix M to diversity, ubiquity, ECI and PCI. Pure, no I/O.
 *
 * Eigenvector form (Hidalgo & Hausmann 2009; Atlas of Economic Complexity):
 *   M̃C = D⁻¹ M U⁻¹ Mᵀ (D = diag(diversity), U = diag(ubiquity)) is row-stochastic; ECI is its
 *   eigenvector of the second largest eigenvalue λ, z-scored, with the sign that makes it
 *   correlate positively with diversity.
 * It is computed on the symmetric S = D^-½ M U⁻¹ Mᵀ D^-½ (same eigenvalues; eigenvectors
 * v = D^-½ w), whose top eigenvector √d (λ = 1) is deflated exactly; the top eigenpair of the
 * rest is found by the cyclic Jacobi method (exact to rounding, whatever the eigen-gap).
 *
 * PCI is the matching eigenvector of M̃P = U⁻¹ Mᵀ D⁻¹ M (same λ): q = U⁻¹ Mᵀ v / λ, so that
 * D⁻¹ M q = v. It is standardised with ECI's mean and standard deviation, PCI = (q − mean v)/sd v,
 * so that ECI_c = (1/k_c) Σ_k M_ck PCI_k holds exactly. Standard deviations are population ones
 * (divide by n).
 *
 * Countries with diversity 0 and products with ubiquity 0 are outside the matrix (their ECI/PCI is
 * null). So are those outside the largest connected part of the country–product graph (countries
 * linked through the products they share with presence): when M splits into parts, λ = 1 is
 * repeated and the "second" eigenvector is just the indicator of a part (every country of the big
 * part at one value, the others at another), which ranks nothing. A connected M is untouched.
 * Fewer than two countries or products, or λ = 0 (nothing to rank), gives nulls.
 */

export interface ComplexityResult {
  diversity: number[];
  ubiquity: number[];
  eci: (number | null)[];
  pci: (number | null)[];
  /** λ, the second eigenvalue of M̃C (null when undefined). */
  eigenvalue: number | null;
  /** Countries and products inside the matrix (diversity > 0, ubiquity > 0, in its largest connected part). */
  countries: number;
  products: number;
  /** Countries and products with presence left out because they are outside the largest connected part (indices). */
  disconnected: { countries: number[]; products: number[] };
}

/**
 * The largest connected part of the bipartite country–product graph (an edge where M > 0), over
 * the countries `ci` and products `pk` given: the countries and products it holds, in order. Ties
 * go to the part with more products, then to the one met first.
 */
export function largestComponent(m: readonly (readonly number[])[], ci: readonly number[], pk: readonly number[]): { countries: number[]; products: number[] } {
  const parent = ci.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const productRoot = new Map<number, number>();
  for (const k of pk) {
    let first = -1;
    ci.forEach((c, i) => {
      if (!((m[c]![k] as number) > 0)) return;
      if (first < 0) first = i;
      else parent[find(i)] = find(first);
    });
    productRoot.set(k, first);
  }
  const size = new Map<number, { c: number; p: number }>();
  ci.forEach((_, i) => {
    const r = find(i);
    const e = size.get(r) ?? { c: 0, p: 0 };
    e.c++;
    size.set(r, e);
  });
  for (const first of productRoot.values()) if (first >= 0) (size.get(find(first)) as { p: number }).p++;
  let best = -1;
  for (const [r, e] of size) {
    const b = size.get(best);
    if (!b || e.c > b.c || (e.c === b.c && e.p > b.p)) best = r;
  }
  return {
    countries: ci.filter((_, i) => find(i) === best),
    products: pk.filter((k) => {
      const first = productRoot.get(k) as number;
      return first >= 0 && find(first) === best;
    }),
  };
}

/**
 * Symmetric eigen-decomposition by cyclic Jacobi rotations: values and unit vectors (columns).
 * Each rotation touches rows and columns p and q only (the classical update, Numerical Recipes
 * §11.1), on a flat Float64Array; sweeps stop when the off-diagonal mass is negligible.
 */
export function jacobiEigen(matrix: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const n = matrix.length;
  const a = new Float64Array(n * n);
  const v = new Float64Array(n * n);
  let scale = 0;
  for (let i = 0; i < n; i++) {
    v[i * n + i] = 1;
    for (let j = 0; j < n; j++) {
      const x = matrix[i]![j] as number;
      a[i * n + j] = x;
      scale += x * x;
    }
  }
  scale = scale || 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] as number) ** 2;
    if (off <= 1e-30 * scale) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (apq === 0) continue;
        const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        const tau = sn / (1 + c);
        a[p * n + p] = (a[p * n + p] as number) - t * apq;
        a[q * n + q] = (a[q * n + q] as number) + t * apq;
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          if (k === p || k === q) continue;
          const g = a[k * n + p] as number;
          const h = a[k * n + q] as number;
          const kp = g - sn * (h + g * tau);
          const kq = h + sn * (g - h * tau);
          a[k * n + p] = kp;
          a[p * n + k] = kp;
          a[k * n + q] = kq;
          a[q * n + k] = kq;
        }
        for (let k = 0; k < n; k++) {
          const g = v[k * n + p] as number;
          const h = v[k * n + q] as number;
          v[k * n + p] = g - sn * (h + g * tau);
          v[k * n + q] = h + sn * (g - h * tau);
        }
      }
    }
  }
  const values = Array.from({ length: n }, (_, i) => a[i * n + i] as number);
  const vectors = values.map((_, j) => Array.from({ length: n }, (__, k) => v[k * n + j] as number));
  return { values, vectors };
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: readonly number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
};

/** Pearson correlation (0 when either side is constant). */
export function correlation(x: readonly number[], y: readonly number[]): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    const dx = xi - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  });
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** ECI and PCI of a presence matrix (rows: countries, columns: products; entries ≥ 0). */
export function economicComplexity(m: readonly (readonly number[])[]): ComplexityResult {
  const nc = m.length;
  const np = m[0]?.length ?? 0;
  const diversity = m.map((r) => r.reduce((s, x) => s + x, 0));
  const ubiquity = Array.from({ length: np }, (_, k) => m.reduce((s, r) => s + (r[k] as number), 0));
  const positive = {
    countries: diversity.flatMap((d, c) => (d > 0 ? [c] : [])),
    products: ubiquity.flatMap((u, k) => (u > 0 ? [k] : [])),
  };
  const { countries: ci, products: pk } = largestComponent(m, positive.countries, positive.products);
  const keptC = new Set(ci);
  const keptP = new Set(pk);
  const disconnected = { countries: positive.countries.filter((c) => !keptC.has(c)), products: positive.products.filter((k) => !keptP.has(k)) };
  const none: ComplexityResult = {
    diversity,
    ubiquity,
    eci: diversity.map(() => null),
    pci: ubiquity.map(() => null),
    eigenvalue: null,
    countries: ci.length,
    products: pk.length,
    disconnected,
  };
  if (ci.length < 2 || pk.length < 2) return none;
  const d = ci.map((c) => diversity[c] as number);
  const sqd = d.map(Math.sqrt);
  const norm = Math.sqrt(d.reduce((s, x) => s + x, 0));
  const u1 = sqd.map((x) => x / norm);
  // S − u1 u1ᵀ: the trivial eigenpair (λ = 1, √d) removed, so the largest eigenvalue left is λ₂.
  // Accumulated product by product over the countries present (M is sparse).
  const s = ci.map((_, i) => ci.map((__, j) => -(u1[i] as number) * (u1[j] as number)));
  for (const k of pk) {
    const present = ci.flatMap((c, i) => ((m[c]![k] as number) > 0 ? [[i, m[c]![k] as number] as const] : []));
    const uk = ubiquity[k] as number;
    for (const [i, mi] of present)
      for (const [j, mj] of present) s[i]![j] = (s[i]![j] as number) + (mi * mj) / (uk * (sqd[i] as number) * (sqd[j] as number));
  }
  const { values, vectors } = jacobiEigen(s);
  let best = 0;
  values.forEach((x, i) => {
    if (x > (values[best] as number)) best = i;
  });
  const lambda = values[best] as number;
  if (!(lambda > 1e-12)) return { ...none, eigenvalue: lambda };
  const w = vectors[best] as number[];
  let v = w.map((x, i) => x / (sqd[i] as number));
  if (correlation(v, d) < 0) v = v.map((x) => -x);
  const mu = mean(v);
  const sigma = sd(v);
  if (!(sigma > 0)) return { ...none, eigenvalue: lambda };
  const eci: (number | null)[] = diversity.map(() => null);
  ci.forEach((c, i) => {
    eci[c] = ((v[i] as number) - mu) / sigma;
  });
  const pci: (number | null)[] = ubiquity.map(() => null);
  for (const k of pk) {
    let acc = 0;
    ci.forEach((c, i) => {
      acc += (m[c]![k] as number) * (v[i] as number);
    });
    const q = acc / (ubiquity[k] as number) / lambda;
    pci[k] = (q - mu) / sigma;
  }
  return { diversity, ubiquity, eci, pci, eigenvalue: lambda, countries: ci.length, products: pk.length, disconnected };
}
