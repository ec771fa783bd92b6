/**
 * A seeded synthetic world in BACI's format, for benchmarks, demos and tests that need volume.
 *
 * `writeSyntheticBaci` writes a real BACI-layout CSV (header `t,i,j,k,v,q`) that `lantern import`
 * reads like a CEPII release. The flows are INVENTED; only the economies' sizes are real figures.
 *
 * - Economies: the N largest (default 220) of the countries and territories Lantern knows, by GDP
 *   (`synthetic-sizes.ts`: World Bank NY.GDP.MKTP.CD 2023 for 185 economies, labelled rounded
 *   estimates for the others), under BACI's numeric codes (490 Taiwan, 251 France, 579 Norway,
 *   699 India, 757 Switzerland, 842 USA, ISO numeric for the others).
 * - Products: the basket's HS6 codes (UNESCO FCS 2009 by default), a few showcase codes (lamps,
 *   toys, games, furniture) and random subheadings of the edition (bundled data/hs names table,
 *   chapters 01–97), so every product has a name: `products` codes besides the basket's in all.
 * - Gravity. With S the GDP (billions of US$), D the great-circle distance between the economies'
 *   reference points (`world-countries` latlng; thousands of km, at least 0.3) and T the
 *   trade-balance tilts (`TRADE_TILTS`: China and Germany export more, the United States imports
 *   more than GDP alone predicts):
 *     pair total   V_ijt = 24 trillion US$ · T_i T_j S_i S_j / D_ij / Σ(T T S S / D) · G_ijt · e^(0.1 ε)
 *   the textbook gravity equation (elasticity 1 in both sizes, -1 in distance), scaled to about
 *   world merchandise trade; G_ijt is a year factor (each economy's own nominal growth, about 4 % a
 *   year, and a 10 % dip in 2020), ε a standard normal drawn anew each time.
 * - Rows: which flows exist. Exporter i gets rows ∝ S_i^0.75 (at most 60 % of its (j, k) cells in
 *   a year), spread over importers ∝ S_j^0.6 / D_ij^0.8 and over products ∝ w_k^0.3 · A_ik, where
 *   w_k is a heavy-tailed (Pareto-like) product weight and A_ik the comparative advantage below.
 *   Each pair draws its products from its own random stream, so the same products come back year
 *   after year (nested as the count varies) and series grow or shrink instead of jumping.
 * - Values: an exporter's pairs that have rows share its gravity total Σ_j V_ijt in proportion to
 *   V_ijt · n_ij^0.6 (n_ij the pair's rows), so a pair with few rows, hence few products, does not
 *   inflate them to carry all of V_ijt; a pair's total is then shared over its products
 *   ∝ w_k^0.3 · A_ik^0.5 · e^(0.5 η_ijk + 0.15 ε), η_ijk a normal fixed per pair and product.
 *   Each exporter's total is its gravity total (less the pairs that got no row) whatever the
 *   number of rows, so world shares and ranks read right in a small demo too.
 * - Comparative advantage A_ik: log-normal noise (σ 0.8) for every exporter × product, replaced by
 *   a fixed factor (with little noise) where the world has a well-known specialisation
 *   (`SPECIALISATIONS`): China for festive articles (950510 ×40, 950590), lamps (940540), toys
 *   (9503) and games (9504), moderately for printed matter (4909–4911); the United States, the
 *   United Kingdom and Germany for books and newspapers (4901, 4902) and recorded media (8523);
 *   the United States and the United Kingdom for films (3706); the United Kingdom, Switzerland,
 *   France and the United States for paintings (9701); Italy for furniture (9401, 9403) and
 *   jewellery (7113, 7114); Japan for games (9504).
 * - `v` in thousand USD with 3 decimals, `q` in tons (v / a log-normal unit value per product),
 *   blank for ~2 % of rows; `k` written without its leading zero as BACI does (`10121`);
 *   (t, i, j, k) unique, i ≠ j; exactly `rows` rows unless the world is too small to hold them.
 * The same options always give the same bytes (seeded with `seedrandom`; the per-pair streams are
 * mulberry32 generators seeded from it).
 *
 * Stable API (used by other engineers' benchmarks and `lantern demo`): do not change the meaning
 * of an option; add new ones with defaults.
 *
 * @example
 *   const info = await writeSyntheticBaci({ path: 'BACI_HS17_V000000.csv', rows: 1_000_000, seed: 42 });
 *   // then: lantern import BACI_HS17_V000000.csv
 */
import { existsSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import seedrandom from 'seedrandom';
import worldCountries from 'world-countries';
import { readCsvFile } from '../csv-in.ts';
import { decodeHsNames, HS_NAMES_FILE, listCountries, normaliseEdition } from '../reference/index.ts';
import { economySize } from './synthetic-sizes.ts';

export interface SyntheticBaciOptions {
  /** Where to write the CSV. Name it `BACI_HS17_V000000.csv` (or pass --hs-edition on import). */
  path: string;
  /** Number of data rows (default 100,000). */
  rows?: number;
  /** Seed of the random generator (default 1). */
  seed?: number | string;
  /** Years to spread the rows over (default [2019, 2020, 2021, 2022]). */
  years?: number[];
  /** HS edition of the codes: the random products are its subheadings ('HS17' by default). */
  edition?: string;
  /** Number of economies, the largest by GDP (default 220, at most what the country tables hold). */
  countries?: number;
  /** Number of HS6 codes besides the basket's (default 3000). */
  products?: number;
  /** Path of a basket CSV whose HS6 codes must appear (default data/baskets/unesco-fcs-2009.csv). */
  basketFile?: string;
  /** Share of rows with a blank quantity (default 0.02). */
  blankQuantityShare?: number;
}

export interface SyntheticBaciInfo {
  path: string;
  rows: number;
  years: number[];
  edition: string;
  /** BACI codes of the economies used. */
  countries: number[];
  /** HS6 codes used (zero-padded). */
  products: string[];
  /** Sum of v (thousand USD) as written, for checks. */
  totalValueThousandUsd: number;
}

/** A well-known specialisation: `exporter` gets comparative advantage `factor` on codes starting with `prefix`. */
export interface Specialisation {
  exporter: string;
  prefix: string;
  factor: number;
}

/**
 * Where the synthetic world gives an exporter a fixed comparative advantage (instead of noise).
 * Kept deliberately short: the famous cases of cultural trade, not a model of the world economy.
 */
export const SPECIALISATIONS: readonly Specialisation[] = [
  // China: festive articles (lanterns, decorations), lamps, toys, games; printed matter moderately.
  { exporter: 'CHN', prefix: '950510', factor: 40 },
  { exporter: 'CHN', prefix: '950590', factor: 25 },
  { exporter: 'CHN', prefix: '940540', factor: 25 },
  { exporter: 'CHN', prefix: '9503', factor: 20 },
  { exporter: 'CHN', prefix: '9504', factor: 10 },
  { exporter: 'CHN', prefix: '4909', factor: 3 },
  { exporter: 'CHN', prefix: '4910', factor: 3 },
  { exporter: 'CHN', prefix: '4911', factor: 3 },
  // Books and newspapers, recorded media, films.
  { exporter: 'USA', prefix: '4901', factor: 6 },
  { exporter: 'USA', prefix: '4902', factor: 3 },
  { exporter: 'USA', prefix: '8523', factor: 6 },
  { exporter: 'USA', prefix: '3706', factor: 10 },
  { exporter: 'GBR', prefix: '4901', factor: 8 },
  { exporter: 'GBR', prefix: '4902', factor: 3 },
  { exporter: 'GBR', prefix: '8523', factor: 3 },
  { exporter: 'GBR', prefix: '3706', factor: 5 },
  { exporter: 'DEU', prefix: '4901', factor: 6 },
  { exporter: 'DEU', prefix: '4902', factor: 4 },
  { exporter: 'DEU', prefix: '8523', factor: 3 },
  // Paintings and other works of art.
  { exporter: 'GBR', prefix: '9701', factor: 15 },
  { exporter: 'USA', prefix: '9701', factor: 10 },
  { exporter: 'FRA', prefix: '9701', factor: 12 },
  { exporter: 'CHE', prefix: '9701', factor: 15 },
  // Italy: furniture and jewellery. Japan: games.
  { exporter: 'ITA', prefix: '9401', factor: 8 },
  { exporter: 'ITA', prefix: '9403', factor: 8 },
  { exporter: 'ITA', prefix: '7113', factor: 10 },
  { exporter: 'ITA', prefix: '7114', factor: 5 },
  { exporter: 'JPN', prefix: '9504', factor: 10 },
];

/**
 * Trade-balance tilts: how much more (or less) an economy exports or imports than its GDP alone
 * predicts, for the few largest and best-known imbalances of the 2020s (China's and Germany's
 * surpluses, the United States' deficit). Multiplies the exporter's row count (square root) and
 * its flows' values, and the importer's flows' values. Invented round numbers, not estimates.
 */
export const TRADE_TILTS: Readonly<Record<string, { exports: number; imports: number }>> = {
  CHN: { exports: 1.5, imports: 1 },
  DEU: { exports: 1.3, imports: 1 },
  USA: { exports: 0.8, imports: 1.5 },
};

/** World trade per year before year factors, thousand USD: about 24 trillion US$, the order of world merchandise exports in 2022–2023. */
const WORLD_TRADE_THOUSAND_USD = 24e9;

/** Codes always in the product list (valid in HS 2007 and HS 2017), so the specialisations show. */
const SHOWCASE_CODES = ['940540', '950300', '950490', '940161', '940360', '950510', '950590'];

/** BACI's own numbers for economies whose BACI code is not their ISO numeric code. */
const BACI_NUMBER: Record<string, number> = { TWN: 490, FRA: 251, NOR: 579, IND: 699, CHE: 757, USA: 842 };

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The subheadings (HS6) of an edition in the bundled names table (data/hs), chapters 01–97: the
 * world's random products are drawn from them. An edition Lantern does not know reads as HS 2017.
 */
function editionSubheadings(edition: string): string[] {
  const table = decodeHsNames(gunzipSync(readFileSync(join(repoRoot, 'data', 'hs', HS_NAMES_FILE))).toString('utf8'));
  const rows = table.get(normaliseEdition(edition) ?? 'HS2017') ?? [];
  return rows.filter((r) => r.level === 6 && /^\d{6}$/.test(r.code) && r.code < '98').map((r) => r.code);
}

/** HS6 codes of a basket CSV (column `code`, `hs_code` or `hs6`). Empty when the file is absent. */
export function basketCodes(file = join(repoRoot, 'data', 'baskets', 'unesco-fcs-2009.csv')): string[] {
  if (!existsSync(file)) return [];
  const { columns, rows } = readCsvFile(file, basename(file), { columns: { code: ['code', 'hs_code', 'hs6'] }, hint: 'a basket CSV with a code column' });
  const out = new Set<string>();
  for (const { fields } of rows) {
    const c = (fields[columns.at.code] ?? '').trim();
    if (/^\d{6}$/.test(c)) out.add(c);
  }
  return [...out].sort();
}

export interface SyntheticEconomy {
  iso3: string;
  /** Code written in the file (BACI's numbering). */
  baciCode: number;
  /** GDP, billions of US$ (`synthetic-sizes.ts`). */
  gdp: number;
  gdpSource: 'world-bank-2023' | 'estimate' | 'minimal';
  lat: number;
  lng: number;
}

/**
 * The economies of the synthetic world: the `count` largest by GDP (ties by ISO3), in ISO3 order.
 * Exported so tests and documentation can rank economies the way the generator sizes them.
 */
export function syntheticEconomies(count = 220): SyntheticEconomy[] {
  const latlng = new Map(worldCountries.map((c) => [c.cca3, c.latlng] as const));
  const all = listCountries()
    .filter((c) => (c.kind === 'country' || c.kind === 'territory') && c.isoNumeric !== null && c.region !== null)
    .map((c): SyntheticEconomy => {
      const { gdp, source } = economySize(c.iso3);
      const [lat, lng] = latlng.get(c.iso3) ?? [0, 0];
      return { iso3: c.iso3, baciCode: BACI_NUMBER[c.iso3] ?? (c.isoNumeric as number), gdp, gdpSource: source, lat, lng };
    });
  all.sort((a, b) => b.gdp - a.gdp || (a.iso3 < b.iso3 ? -1 : 1));
  return all.slice(0, Math.max(2, count)).sort((a, b) => (a.iso3 < b.iso3 ? -1 : 1));
}

/** Great-circle distance in thousands of km (haversine, Earth radius 6371 km). */
function distanceMm(a: SyntheticEconomy, b: SyntheticEconomy): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return (2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)))) / 1000;
}

/** A 32-bit integer hash (murmur3's finaliser). */
function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** A small fast generator (mulberry32) for per-pair streams; uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A (nearly) standard normal that depends only on (seed, k): the persistent part of a flow's noise.
 * Irwin–Hall: four 16-bit uniforms from two hashes, summed, centred and scaled to variance 1.
 */
function hashNormal(seed: number, k: number): number {
  const a = mix32(seed ^ Math.imul(k + 1, 0x27d4eb2d));
  const b = mix32(a ^ 0x165667b1);
  const sum = (a & 0xffff) + (a >>> 16) + (b & 0xffff) + (b >>> 16);
  return (sum / 65536 - 2) * Math.sqrt(3);
}

/** n standard normals into out[0 … n), both values of each Box–Muller pair used (out.length ≥ n + 1). */
function fillNormals(rng: () => number, out: Float64Array, n: number): void {
  for (let x = 0; x < n; x += 2) {
    const r = Math.sqrt(-2 * Math.log(Math.max(rng(), 1e-12)));
    const a = 2 * Math.PI * rng();
    out[x] = r * Math.cos(a);
    out[x + 1] = r * Math.sin(a);
  }
}

/** Standard normal from two uniforms (Box–Muller). */
function normal(rng: () => number): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/**
 * Splits `total` into whole counts proportional to `weights[from … from+n)`, none above `cap`
 * (water-filling: what a capped entry cannot take goes to the others), rounding by systematic
 * sampling of the fractional parts, so the counts add up to `total` exactly unless every entry is
 * capped. Writes into `out[0 … n)`.
 */
function allocate(total: number, weights: Float64Array, from: number, n: number, cap: number, rng: () => number, out: Int32Array): void {
  const quota = new Float64Array(n);
  const capped = new Uint8Array(n);
  let remaining = total;
  for (;;) {
    let w = 0;
    for (let x = 0; x < n; x++) if (!capped[x]) w += weights[from + x] as number;
    if (w <= 0 || remaining <= 0) break;
    let changed = false;
    for (let x = 0; x < n; x++) {
      if (capped[x]) continue;
      if ((remaining * (weights[from + x] as number)) / w > cap) {
        capped[x] = 1;
        quota[x] = cap;
        changed = true;
      }
    }
    if (!changed) {
      for (let x = 0; x < n; x++) if (!capped[x]) quota[x] = (remaining * (weights[from + x] as number)) / w;
      break;
    }
    remaining = total;
    for (let x = 0; x < n; x++) if (capped[x]) remaining -= cap;
  }
  let floorSum = 0;
  for (let x = 0; x < n; x++) {
    const f = Math.floor(quota[x] as number);
    out[x] = f;
    floorSum += f;
  }
  let extra = Math.min(total, n * cap) - floorSum;
  let t = rng();
  let c = 0;
  for (let x = 0; x < n && extra > 0; x++) {
    c += (quota[x] as number) - (out[x] as number);
    if (c > t) {
      out[x] = (out[x] as number) + 1;
      t += 1;
      extra--;
    }
  }
  // Floating-point leftovers (at most a unit or two): to the first entries with room.
  for (let x = 0; x < n && extra > 0; x++) {
    if ((out[x] as number) < cap && (weights[from + x] as number) > 0) {
      out[x] = (out[x] as number) + 1;
      extra--;
    }
  }
}

/**
 * Writes the synthetic BACI file; resolves to what was written.
 *
 * Kept whole: one seeded pass: the order of the random draws is the file's content, so the steps
 * stay in one place.
 */
export async function writeSyntheticBaci(options: SyntheticBaciOptions): Promise<SyntheticBaciInfo> {
  const rows = options.rows ?? 100_000;
  const years = options.years ?? [2019, 2020, 2021, 2022];
  const edition = options.edition ?? 'HS17';
  const rng = seedrandom(String(options.seed ?? 1));
  const blankShare = options.blankQuantityShare ?? 0.02;

  const economies = syntheticEconomies(options.countries ?? 220);
  const E = economies.length;
  const codes = economies.map((e) => e.baciCode);
  const size = economies.map((e) => e.gdp);

  // Products: the basket's codes, the showcase codes, then random subheadings of the edition (so
  // every product has a name, as in a real release).
  const basket = basketCodes(options.basketFile);
  const productSet = new Set(basket);
  const pool = editionSubheadings(edition);
  const wanted = Math.min(basket.length + (options.products ?? 3000), new Set([...basket, ...SHOWCASE_CODES, ...pool]).size);
  for (const c of SHOWCASE_CODES) if (productSet.size < wanted) productSet.add(c);
  while (productSet.size < wanted) productSet.add(pool[Math.floor(rng() * pool.length)] as string);
  const products = [...productSet].sort();
  const P = products.length;
  const productText = products.map((p) => String(Number(p)));
  // Product weight w_k: Pareto-like (heavy tail); unit value per ton: log-normal.
  const weight = new Float64Array(P); // w_k^0.3
  const unitValue = new Float64Array(P);
  for (let k = 0; k < P; k++) weight[k] = ((1 - rng()) ** -1.2) ** 0.3;
  for (let k = 0; k < P; k++) unitValue[k] = Math.exp(1 + 1.5 * normal(rng)); // thousand USD per ton

  // Comparative advantage A_ik: log-normal noise, or the specialisation's factor (little noise).
  const special = new Map<string, Specialisation[]>();
  for (const s of SPECIALISATIONS) special.set(s.exporter, [...(special.get(s.exporter) ?? []), s]);
  const selK = new Float64Array(E * P); // cumulative P(product | exporter) weights, per exporter
  const valK = new Float64Array(E * P); // w_k^0.3 · A_ik^0.5
  for (let i = 0; i < E; i++) {
    const mine = special.get(economies[i]!.iso3) ?? [];
    let cum = 0;
    for (let k = 0; k < P; k++) {
      const s = mine.find((m) => products[k]!.startsWith(m.prefix));
      const a = s ? s.factor * Math.exp(0.3 * normal(rng)) : Math.exp(0.8 * normal(rng));
      cum += (weight[k] as number) * a;
      selK[i * P + k] = cum;
      valK[i * P + k] = (weight[k] as number) * Math.sqrt(a);
    }
  }

  // Pair weights: P(importer | exporter) and the pair's value factor.
  const exportTilt = economies.map((e) => TRADE_TILTS[e.iso3]?.exports ?? 1);
  const importTilt = economies.map((e) => TRADE_TILTS[e.iso3]?.imports ?? 1);
  const selJ = new Float64Array(E * E);
  const valJ = new Float64Array(E * E); // the pair's yearly total, thousand USD
  let gravitySum = 0;
  for (let i = 0; i < E; i++) {
    for (let j = 0; j < E; j++) {
      if (i === j) continue;
      const d = Math.max(0.3, distanceMm(economies[i]!, economies[j]!));
      selJ[i * E + j] = (size[j] as number) ** 0.6 / d ** 0.8;
      const g = (exportTilt[i]! * importTilt[j]! * (size[i] as number) * (size[j] as number)) / d;
      valJ[i * E + j] = g;
      gravitySum += g;
    }
  }
  for (let x = 0; x < E * E; x++) valJ[x] = ((valJ[x] as number) / gravitySum) * WORLD_TRADE_THOUSAND_USD;
  const growth = economies.map(() => 1.04 + 0.03 * normal(rng));
  const worldSeed = Math.floor(rng() * 0x100000000) | 0;
  const exporterWeight = new Float64Array(size.map((s, i) => s ** 0.75 * Math.sqrt(exportTilt[i]!)));

  const cells = (E - 1) * P;
  const perExporter = new Int32Array(E);
  const perImporter = new Int32Array(E);
  const picked = new Int32Array(P);
  const share = new Float64Array(P);
  const keys = new Float64Array(P);
  const eps = new Float64Array(P + 1);
  const scratch = new Float64Array(P);
  const mark = new Uint8Array(P);
  const yearWeight = new Float64Array(E);

  const fh = await open(options.path, 'w');
  let buf = 't,i,j,k,v,q\n';
  let total = 0;
  let written = 0;
  try {
    for (let y = 0; y < years.length; y++) {
      const year = years[y] as number;
      const target = Math.floor(rows / years.length) + (y < rows % years.length ? 1 : 0);
      const yf = economies.map((_, i) => (growth[i] as number) ** (year - 2023) * (year === 2020 ? 0.9 : 1));
      for (let i = 0; i < E; i++) yearWeight[i] = (exporterWeight[i] as number) * Math.exp(0.05 * normal(rng));
      allocate(target, yearWeight, 0, E, Math.floor(0.6 * cells), rng, perExporter);
      let short = target;
      for (let i = 0; i < E; i++) short -= perExporter[i] as number;
      if (short > 0) allocate(target, yearWeight, 0, E, cells, rng, perExporter);
      for (let i = 0; i < E; i++) {
        const want = perExporter[i] as number;
        if (!want) continue;
        allocate(want, selJ, i * E, E, P, rng, perImporter);
        // The exporter's pairs with rows share its gravity total ∝ V_ij · n_ij^0.6: a pair with few
        // rows (few products) keeps less, so its few products are not inflated to carry all of it.
        let sumV = 0;
        let sumVn = 0;
        for (let j = 0; j < E; j++) {
          const n = perImporter[j] as number;
          if (!n) continue;
          sumV += valJ[i * E + j] as number;
          sumVn += (valJ[i * E + j] as number) * n ** 0.6;
        }
        const lambda = sumV / sumVn;
        const cumBase = i * P;
        const totalSel = selK[cumBase + P - 1] as number;
        for (let j = 0; j < E; j++) {
          const n = perImporter[j] as number;
          if (!n) continue;
          const prefix = `${year},${codes[i]},${codes[j]},`;
          // The pair's own stream: the same products year after year (nested as the count varies).
          const pairSeed = mix32(worldSeed ^ Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(j + 1, 0x85ebca6b));
          const pairRng = mulberry32(pairSeed);
          // …and its own stream for this year's noise and blanks.
          const yearRng = mulberry32(mix32(pairSeed ^ Math.imul(year, 0x2c1b3c6d)));
          const pairValue = lambda * n ** 0.6 * (valJ[i * E + j] as number) * Math.sqrt((yf[i] as number) * (yf[j] as number)) * Math.exp(0.1 * normal(yearRng));
          let m = 0;
          if (n * 4 <= P) {
            // Sparse pair: draw products by weight, skipping repeats.
            while (m < n) {
              const x = pairRng() * totalSel;
              let lo = 0;
              let hi = P - 1;
              while (lo < hi) {
                const mid = (lo + hi) >> 1;
                if ((selK[cumBase + mid] as number) < x) lo = mid + 1;
                else hi = mid;
              }
              if (mark[lo]) continue;
              mark[lo] = 1;
              picked[m++] = lo;
            }
            for (let x = 0; x < m; x++) mark[picked[x] as number] = 0;
          } else {
            // Dense pair: the same weighted sampling by order keys, all products scanned once.
            m = densePick(n, selK, cumBase, P, pairSeed, picked, keys, scratch);
          }
          // The pair's total shared over its products ∝ w_k^0.5 · A_ik^0.5 · e^(0.7 ε).
          let shareSum = 0;
          fillNormals(yearRng, eps, m);
          for (let x = 0; x < m; x++) {
            const k = picked[x] as number;
            const s = (valK[cumBase + k] as number) * Math.exp(0.5 * hashNormal(pairSeed, k) + 0.15 * (eps[x] as number));
            share[x] = s;
            shareSum += s;
          }
          for (let x = 0; x < m; x++) {
            const k = picked[x] as number;
            const v = Math.max(0.001, Math.round(((pairValue * (share[x] as number)) / shareSum) * 1000) / 1000);
            total += v;
            const q = yearRng() < blankShare ? '' : String(Math.round((v / (unitValue[k] as number)) * 1000) / 1000);
            buf += `${prefix}${productText[k]},${v},${q}\n`;
          }
          written += m;
          if (buf.length > 1 << 22) {
            await fh.write(buf);
            buf = '';
          }
        }
      }
    }
    await fh.write(buf);
  } finally {
    await fh.close();
  }
  return {
    path: options.path,
    rows: written,
    years,
    edition,
    countries: codes,
    products,
    totalValueThousandUsd: total,
  };
}

/**
 * Picks exactly `n` distinct products (n ≤ P) for one pair: weighted sampling without replacement
 * by order keys (Efraimidis–Spirakis: key = ln(u_k) / w_k, the n largest win), u_k fixed per pair
 * and product, so a larger n keeps every product a smaller n took. Writes product indexes in
 * ascending order into `out`; `keys` and `scratch` are work arrays of length ≥ P.
 */
function densePick(n: number, cum: Float64Array, base: number, P: number, pairSeed: number, out: Int32Array, keys: Float64Array, scratch: Float64Array): number {
  let prev = 0;
  for (let k = 0; k < P; k++) {
    const c = cum[base + k] as number;
    const w = c - prev;
    prev = c;
    const u = ((mix32(pairSeed ^ Math.imul(k + 1, 0x5bd1e995)) >>> 0) + 1) / 4294967297;
    keys[k] = w > 0 ? Math.log(u) / w : -Infinity;
    scratch[k] = keys[k] as number;
  }
  // The n-th largest key (quickselect on the copy), then every product at or above it.
  const cut = nthLargest(scratch, P, n);
  let count = 0;
  for (let k = 0; k < P && count < n; k++) if ((keys[k] as number) > cut) out[count++] = k;
  for (let k = 0; k < P && count < n; k++) if ((keys[k] as number) === cut) out[count++] = k;
  if (count > 1 && (out[count - 1] as number) < (out[count - 2] as number)) out.subarray(0, count).sort();
  return count;
}

/** The n-th largest of a[0 … len) (1-based n), reordering `a` (Hoare's quickselect). */
function nthLargest(a: Float64Array, len: number, n: number): number {
  let lo = 0;
  let hi = len - 1;
  const target = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) > pivot) i++;
      while ((a[j] as number) < pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target] as number;
}
