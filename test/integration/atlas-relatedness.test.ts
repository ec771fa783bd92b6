/**
 * Relatedness on the real Growth Lab sample (../shared/data/atlas_samples: every country × HS92
 * heading, 2016): proximity, density and COG for China from relatedness-math.ts equal a second,
 * independent computation written here from the definitions, on the matrix read straight from the
 * file. PCI for COG is computed here too (power iteration on the deflated country matrix), not
 * taken from complexity-math.ts, and checked against it.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { economicComplexity } from '../../src/indicators/complexity-math.ts';
import { at, complexityOutlook, density, proximity, spaceEdges, spaceLayout } from '../../src/indicators/relatedness-math.ts';
import { hasShared, sharedPath } from '../shared.ts';

const FILE = ['data', 'atlas_samples', 'hs92_country_product_year_4_2016.csv.gz'];

interface World {
  countries: string[];
  products: string[];
  m: number[][];
}

/** RCA ≥ 1 presence from the file: RCA_cp = (x_cp / x_c) / (x_p / x_w). */
function readWorld(): World {
  const lines = gunzipSync(readFileSync(sharedPath(...FILE))).toString('utf8').trim().split('\n');
  expect(lines[0]).toBe('location_code,hs_product_code,year,export_value');
  const cells = lines.slice(1).map((l) => {
    const [c, p, , v] = l.split(',');
    return { c: c as string, p: p as string, v: Number(v) };
  });
  const countries = [...new Set(cells.map((x) => x.c))].sort();
  const products = [...new Set(cells.map((x) => x.p))].sort();
  const ci = new Map(countries.map((c, i) => [c, i]));
  const pi = new Map(products.map((p, i) => [p, i]));
  const xc = new Array<number>(countries.length).fill(0);
  const xp = new Array<number>(products.length).fill(0);
  let xw = 0;
  for (const { c, p, v } of cells) {
    xc[ci.get(c)!]! += v;
    xp[pi.get(p)!]! += v;
    xw += v;
  }
  const m = countries.map(() => new Array<number>(products.length).fill(0));
  for (const { c, p, v } of cells) {
    const i = ci.get(c)!;
    const k = pi.get(p)!;
    if (v / xc[i]! / (xp[k]! / xw) >= 1) m[i]![k] = 1;
  }
  return { countries, products, m };
}

describe.skipIf(!hasShared(...FILE))('relatedness on the Growth Lab 2016 HS92 sample', () => {
  let w: World;
  let chn: number;
  let phiRef: number[][];
  let pciRef: number[];
  beforeAll(() => {
    w = readWorld();
    chn = w.countries.indexOf('CHN');
    // Independent proximity: the set of countries with RCA ≥ 1 per product, intersected pairwise.
    const holders = w.products.map((_, k) => new Set(w.countries.flatMap((_, c) => (w.m[c]![k] ? [c] : []))));
    phiRef = w.products.map((_, i) =>
      w.products.map((_, j) => {
        if (i === j) return 0;
        const a = holders[i]!;
        const b = holders[j]!;
        let both = 0;
        for (const c of a) if (b.has(c)) both++;
        return both === 0 ? 0 : both / Math.max(a.size, b.size);
      }),
    );
    // Independent PCI: λ₂ and its eigenvector of M̃C = D⁻¹ M U⁻¹ Mᵀ by power iteration after
    // removing the trivial pair (1, π ∝ diversity); sign by diversity; PCI = (U⁻¹Mᵀv/λ − v̄)/sd(v).
    const nc = w.countries.length;
    const np = w.products.length;
    const kc = w.m.map((r) => r.reduce((s, x) => s + x, 0));
    const kp = w.products.map((_, k) => w.m.reduce((s, r) => s + r[k]!, 0));
    const mc = w.m.map((rc, c) => w.m.map((rd) => rc.reduce((s, x, k) => s + (x && rd[k] ? 1 / kp[k]! : 0), 0) / kc[c]!));
    const total = kc.reduce((s, x) => s + x, 0);
    const pi = kc.map((x) => x / total);
    let v = kc.map((_, c) => Math.sin(c + 1));
    let lambda = 0;
    for (let it = 0; it < 3000; it++) {
      const proj = v.reduce((s, x, c) => s + pi[c]! * x, 0);
      const next = mc.map((row) => row.reduce((s, x, d) => s + x * v[d]!, 0) - proj);
      const norm = Math.hypot(...next);
      lambda = norm / Math.hypot(...v);
      v = next.map((x) => x / norm);
    }
    const mean = v.reduce((s, x) => s + x, 0) / nc;
    const cov = v.reduce((s, x, c) => s + (x - mean) * kc[c]!, 0);
    if (cov < 0) v = v.map((x) => -x);
    const mu = v.reduce((s, x) => s + x, 0) / nc;
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - mu) ** 2, 0) / nc);
    pciRef = Array.from({ length: np }, (_, k) => {
      const q = w.m.reduce((s, r, c) => s + r[k]! * v[c]!, 0) / kp[k]! / lambda;
      return (q - mu) / sd;
    });
  });

  it('the file gives the documented shape: 234 countries, 1,239 headings, China present', () => {
    expect(w.countries).toHaveLength(234);
    expect(w.products).toHaveLength(1239);
    expect(chn).toBeGreaterThanOrEqual(0);
    // China has RCA ≥ 1 in toys (9503) and festive articles (9505), not in aircraft (8802).
    const has = (code: string) => w.m[chn]![w.products.indexOf(code)];
    expect([has('9503'), has('9505'), has('8802')]).toEqual([1, 1, 0]);
  });

  it('proximity equals the pairwise count of co-exporters over the larger ubiquity', () => {
    const phi = proximity(w.m);
    let worst = 0;
    for (let i = 0; i < phi.n; i++) for (let j = 0; j < phi.n; j++) worst = Math.max(worst, Math.abs(at(phi, i, j) - phiRef[i]![j]!));
    expect(worst).toBeLessThan(1e-12);
  });

  it('density for China equals Σ_j M_j φ_jp / Σ_j φ_jp computed here', () => {
    const d = density([w.m[chn]!], proximity(w.m))[0]!;
    const ref = w.products.map((_, p) => {
      let num = 0;
      let den = 0;
      w.products.forEach((__, j) => {
        num += w.m[chn]![j]! * phiRef[j]![p]!;
        den += phiRef[j]![p]!;
      });
      return den > 0 ? num / den : 0;
    });
    d.forEach((x, p) => expect(x).toBeCloseTo(ref[p]!, 12));
    // China's own products are denser around it than the ones it lacks.
    const meanOf = (has: number) => {
      const xs = d.filter((_, p) => w.m[chn]![p] === has);
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    expect(meanOf(1)).toBeGreaterThan(meanOf(0));
  });

  it('PCI from complexity-math matches the power iteration here; COG for China equals the formula', () => {
    const cx = economicComplexity(w.m);
    cx.pci.forEach((x, k) => expect(x).toBeCloseTo(pciRef[k]!, 6));
    const { cog, coi } = complexityOutlook(w.m, proximity(w.m), cx.pci);
    const sums = phiRef.map((row) => row.reduce((s, x) => s + x, 0));
    const mine = w.m[chn]!;
    const ref = w.products.map((_, p) => {
      if (mine[p]) return 0;
      let g = 0;
      w.products.forEach((__, j) => {
        if (!mine[j] && sums[j]! > 0) g += (phiRef[p]![j]! / sums[j]!) * pciRef[j]!;
      });
      return g;
    });
    cog[chn]!.forEach((x, p) => expect(x).toBeCloseTo(ref[p]!, 5));
    expect(cog[chn]!.some((x) => x > 0)).toBe(true);
    expect(Number.isFinite(coi[chn])).toBe(true);
  });

  it('the product-space layout of the 1,239 headings is repeatable and covers the unit square', () => {
    const phi = proximity(w.m);
    const edges = spaceEdges(phi);
    expect(edges.filter((e) => e.tree)).toHaveLength(1239 - 1);
    const a = spaceLayout(phi.n, edges, 60);
    const b = spaceLayout(phi.n, edges, 60);
    expect(b).toEqual(a);
    expect(Math.max(...a.map((p) => Math.max(p.x, p.y)))).toBeCloseTo(1, 6);
  });
});
