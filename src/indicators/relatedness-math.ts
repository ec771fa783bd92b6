/**
 * Relatedness on a country × product presence matrix M (binary, M_cp = 1[RCA_cp ≥ 1]): product
 * proximity, density, complexity outlook (COI, COG), and a deterministic product-space layout.
 * Pure TypeScript next to complexity-math.ts (which gives ECI and PCI from the same M). No I/O.
 *
 * Definitions, as the Growth Lab computes them (Hidalgo, Klinger, Barabási & Hausmann 2007;
 * Hausmann et al., The Atlas of Economic Complexity 2014; cid-harvard/py-ecomplexity):
 *   proximity   φ_ij = Σ_c M_ci M_cj / max(k_i, k_j)        (k = ubiquity; φ_ii = 0; 0 when both k are 0)
 *   density     d_cp = Σ_j M_cj φ_jp / Σ_j φ_jp             (0 for a product with no link)
 *   COI         COI_c = Σ_p d_cp (1 − M_cp) PCI_p
 *   COG         COG_cp = (1 − M_cp) Σ_j (φ_pj / Σ_k φ_jk) (1 − M_cj) PCI_j
 * PCI is the caller's (complexity-math.ts: standardised with ECI's mean and sd); a null PCI (a
 * product outside the complexity matrix) counts as 0. φ is held as one flat Float64Array
 * (row-major, n × n), so a 1,240-heading space takes 12 MB.
 */
import { forceCenter, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';

/** A square matrix of n × n, row-major. */
export interface SquareMatrix {
  n: number;
  data: Float64Array;
}

/** φ_ij, read from the flat matrix. */
export function at(m: SquareMatrix, i: number, j: number): number {
  return m.data[i * m.n + j] as number;
}

/** For each country, the products it has (M_cp > 0). */
function presentLists(m: readonly (readonly number[])[]): number[][] {
  return m.map((row) => row.flatMap((x, p) => (x > 0 ? [p] : [])));
}

/** Ubiquity k_p = Σ_c M_cp (M binary). */
export function ubiquities(m: readonly (readonly number[])[], np: number): number[] {
  const k = new Array<number>(np).fill(0);
  for (const row of m) row.forEach((x, p) => (k[p] = (k[p] as number) + (x > 0 ? 1 : 0)));
  return k;
}

/** Product proximity φ_ij = co-exporters / max(k_i, k_j), zero diagonal. */
export function proximity(m: readonly (readonly number[])[], np = m[0]?.length ?? 0): SquareMatrix {
  const co = new Float64Array(np * np);
  for (const present of presentLists(m)) {
    for (const i of present) {
      const base = i * np;
      for (const j of present) co[base + j] = (co[base + j] as number) + 1;
    }
  }
  const k = ubiquities(m, np);
  for (let i = 0; i < np; i++) {
    for (let j = 0; j < np; j++) {
      const idx = i * np + j;
      const top = Math.max(k[i] as number, k[j] as number);
      co[idx] = i === j || top === 0 ? 0 : (co[idx] as number) / top;
    }
  }
  return { n: np, data: co };
}

/** Σ_j φ_jp for every p (φ is symmetric, so also the row sums). */
export function linkSums(phi: SquareMatrix): Float64Array {
  const s = new Float64Array(phi.n);
  for (let j = 0; j < phi.n; j++) {
    let acc = 0;
    for (let p = 0; p < phi.n; p++) acc += phi.data[j * phi.n + p] as number;
    s[j] = acc;
  }
  return s;
}

/** Density of every product for one country, given the products it has. */
export function densityRow(present: readonly number[], phi: SquareMatrix, sums = linkSums(phi)): number[] {
  const num = new Float64Array(phi.n);
  for (const j of present) {
    const base = j * phi.n;
    for (let p = 0; p < phi.n; p++) num[p] = (num[p] as number) + (phi.data[base + p] as number);
  }
  return Array.from(num, (x, p) => ((sums[p] as number) > 0 ? x / (sums[p] as number) : 0));
}

/** Density d_cp for every country (rows) and product (columns). */
export function density(m: readonly (readonly number[])[], phi: SquareMatrix): number[][] {
  const sums = linkSums(phi);
  return presentLists(m).map((present) => densityRow(present, phi, sums));
}

/**
 * The weights of the outlook: w_jp = φ_pj / Σ_k φ_jk · PCI_j and their column totals Σ_j w_jp.
 * Computed once per matrix; each country then subtracts the rows of the products it has.
 */
export interface OutlookWeights {
  w: SquareMatrix;
  total: Float64Array;
  pci: number[];
}

export function outlookWeights(phi: SquareMatrix, pci: readonly (number | null)[]): OutlookWeights {
  const n = phi.n;
  const sums = linkSums(phi);
  const w = new Float64Array(n * n);
  const total = new Float64Array(n);
  const pc = Array.from({ length: n }, (_, j) => pci[j] ?? 0);
  for (let j = 0; j < n; j++) {
    const sj = sums[j] as number;
    if (!(sj > 0)) continue;
    const f = (pc[j] as number) / sj;
    for (let p = 0; p < n; p++) {
      const x = (phi.data[j * n + p] as number) * f;
      w[j * n + p] = x;
      total[p] = (total[p] as number) + x;
    }
  }
  return { w: { n, data: w }, total, pci: pc };
}

/** COI and COG for one country (its present products), with its density row. */
export function outlookRow(
  present: readonly number[],
  densityOfCountry: readonly number[],
  ow: OutlookWeights,
): { coi: number; cog: number[] } {
  const n = ow.w.n;
  const has = new Uint8Array(n);
  for (const p of present) has[p] = 1;
  const acc = Float64Array.from(ow.total);
  for (const j of present) {
    const base = j * n;
    for (let p = 0; p < n; p++) acc[p] = (acc[p] as number) - (ow.w.data[base + p] as number);
  }
  const cog = Array.from(acc, (x, p) => (has[p] ? 0 : x));
  let coi = 0;
  for (let p = 0; p < n; p++) if (!has[p]) coi += (densityOfCountry[p] as number) * (ow.pci[p] as number);
  return { coi, cog };
}

/** COI per country and COG per country × product. */
export function complexityOutlook(
  m: readonly (readonly number[])[],
  phi: SquareMatrix,
  pci: readonly (number | null)[],
): { coi: number[]; cog: number[][] } {
  const ow = outlookWeights(phi, pci);
  const d = density(m, phi);
  const rows = presentLists(m).map((present, c) => outlookRow(present, d[c] as number[], ow));
  return { coi: rows.map((r) => r.coi), cog: rows.map((r) => r.cog) };
}

export interface SpaceEdge {
  a: number;
  b: number;
  proximity: number;
  /** True for the links of the maximum spanning tree (the backbone). */
  tree: boolean;
}

/**
 * The product space's links: the maximum spanning tree of φ (Prim, ties to the lower index; one
 * tree per connected component) plus the strongest other links, `extra` per product on average
 * (Hidalgo et al. 2007 add the links with φ ≥ 0.55; a count keeps small worlds readable too).
 */
export function spaceEdges(phi: SquareMatrix, extra = 1.5): SpaceEdge[] {
  const n = phi.n;
  const inTree = new Uint8Array(n);
  const best = new Float64Array(n).fill(-1);
  const from = new Int32Array(n).fill(-1);
  const edges: SpaceEdge[] = [];
  const key = new Set<number>();
  for (let start = 0; start < n; start++) {
    if (inTree[start]) continue;
    best[start] = 0;
    for (;;) {
      let u = -1;
      for (let i = 0; i < n; i++) if (!inTree[i] && best[i]! >= 0 && (u < 0 || best[i]! > best[u]!)) u = i;
      if (u < 0) break;
      inTree[u] = 1;
      if (from[u]! >= 0 && best[u]! > 0) {
        edges.push({ a: Math.min(u, from[u]!), b: Math.max(u, from[u]!), proximity: best[u]!, tree: true });
        key.add(Math.min(u, from[u]!) * n + Math.max(u, from[u]!));
      }
      for (let v = 0; v < n; v++) {
        const w = at(phi, u, v);
        if (!inTree[v] && w > 0 && w > best[v]!) {
          best[v] = w;
          from[v] = u;
        }
      }
    }
  }
  // The strongest other links: the weight of the k-th strongest sets the bar, then only those pass.
  const want = Math.round(extra * n);
  const weights: number[] = [];
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      const w = at(phi, a, b);
      if (w > 0 && !key.has(a * n + b)) weights.push(w);
    }
  const bar = want > 0 && weights.length > 0 ? (Float64Array.from(weights).sort().reverse()[Math.min(want, weights.length) - 1] as number) : Infinity;
  const others: SpaceEdge[] = [];
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      const w = at(phi, a, b);
      if (w >= bar && !key.has(a * n + b)) others.push({ a, b, proximity: w, tree: false });
    }
  others.sort((x, y) => y.proximity - x.proximity || x.a - y.a || x.b - y.b);
  return [...edges, ...others.slice(0, want)];
}

interface LayoutNode extends SimulationNodeDatum {
  index: number;
}

/**
 * Positions in [0, 1]² for the product space: a force layout (d3-force: links pull with their
 * proximity, nodes repel) run a fixed number of ticks from d3's deterministic start (phyllotaxis)
 * with a seeded random source, so the same φ always gives the same picture.
 */
export function spaceLayout(n: number, edges: readonly SpaceEdge[], ticks = 100): { x: number; y: number }[] {
  if (n === 0) return [];
  const nodes: LayoutNode[] = Array.from({ length: n }, (_, index) => ({ index }));
  let seed = 1;
  const random = () => {
    // LCG of Numerical Recipes (as d3's own), seeded: jiggle and many-body ties stay repeatable.
    seed = (1664525 * seed + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
  const links = edges.map((e) => ({ source: e.a, target: e.b, w: e.proximity, tree: e.tree }));
  const sim = forceSimulation(nodes)
    .randomSource(random)
    .alphaDecay(1 - 0.001 ** (1 / ticks))
    .force('link', forceLink(links).distance((l) => (l.tree ? 12 : 18)).strength((l) => (l.tree ? 0.9 : 0.3 * l.w)))
    .force('charge', forceManyBody().strength(-18).theta(1.2).distanceMax(120))
    .force('x', forceX(0).strength(0.04))
    .force('y', forceY(0).strength(0.06))
    .force('center', forceCenter(0, 0))
    .stop();
  sim.tick(ticks);
  const xs = nodes.map((d) => d.x ?? 0);
  const ys = nodes.map((d) => d.y ?? 0);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(x1 - x0, y1 - y0) || 1;
  return nodes.map((d) => ({
    x: Math.round((((d.x ?? 0) - x0) / span) * 1e6) / 1e6,
    y: Math.round((((d.y ?? 0) - y0) / span) * 1e6) / 1e6,
  }));
}
