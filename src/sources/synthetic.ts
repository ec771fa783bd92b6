/**
 * A seeded synthetic world in BACI's format, for benchmarks, demos and tests that need volume.
 *
 * `writeSyntheticBaci` writes a real BACI-layout CSV (header `t,i,j,k,v,q`) that `lantern import`
 * reads like a CEPII release:
 * - exporters/importers: ~220 economies under BACI's numeric codes (490 Taiwan, 251 France,
 *   579 Norway, 699 India, 757 Switzerland, 842 USA, ISO numeric for the others);
 * - products: a few thousand HS6 codes across chapters 01–97, always including every code of the
 *   UNESCO FCS 2009 basket (`data/baskets/unesco-fcs-2009.csv`) when that file exists;
 * - values: gravity-like — exporter mass × importer mass × product weight / distance, with
 *   log-normal noise, so a few flows are huge and most are small (heavy-tailed, like real trade);
 *   `v` in thousand USD with 3 decimals, `q` in tons, blank for ~2% of rows; `k` written without its
 *   leading zero as BACI does (`10121` for 010121);
 * - (t, i, j, k) is unique, i ≠ j.
 * The same options always give the same bytes (seeded with `seedrandom`).
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
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import seedrandom from 'seedrandom';
import { listCountries } from '../reference/countries.ts';

export interface SyntheticBaciOptions {
  /** Where to write the CSV. Name it `BACI_HS17_V000000.csv` (or pass --hs-edition on import). */
  path: string;
  /** Number of data rows (default 100,000). */
  rows?: number;
  /** Seed of the random generator (default 1). */
  seed?: number | string;
  /** Years to spread the rows over (default [2019, 2020, 2021, 2022]). */
  years?: number[];
  /** HS edition of the codes, for the record only ('HS17' by default). */
  edition?: string;
  /** Number of economies (default 220, at most what the country tables hold). */
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

/** BACI's own numbers for economies whose BACI code is not their ISO numeric code. */
const BACI_NUMBER: Record<string, number> = { TWN: 490, FRA: 251, NOR: 579, IND: 699, CHE: 757, USA: 842 };

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** HS6 codes of a basket CSV (column `code`, `hs_code` or `hs6`). Empty when the file is absent. */
export function basketCodes(file = join(repoRoot, 'data', 'baskets', 'unesco-fcs-2009.csv')): string[] {
  if (!existsSync(file)) return [];
  const rows = parse(readFileSync(file), { columns: true, bom: true }) as Record<string, string>[];
  const out = new Set<string>();
  for (const r of rows) {
    const c = (r.code ?? r.hs_code ?? r.hs6 ?? '').trim();
    if (/^\d{6}$/.test(c)) out.add(c);
  }
  return [...out].sort();
}

/** Standard normal from two uniforms (Box–Muller). */
function normal(rng: () => number): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Picks an index with probability proportional to `cum` (a cumulative weight array). */
function pick(cum: Float64Array, rng: () => number): number {
  const x = rng() * (cum[cum.length - 1] as number);
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function cumulative(w: number[]): Float64Array {
  const c = new Float64Array(w.length);
  let s = 0;
  w.forEach((x, i) => {
    s += x;
    c[i] = s;
  });
  return c;
}

/** Writes the synthetic BACI file; resolves to what was written. */
export async function writeSyntheticBaci(options: SyntheticBaciOptions): Promise<SyntheticBaciInfo> {
  const rows = options.rows ?? 100_000;
  const years = options.years ?? [2019, 2020, 2021, 2022];
  const edition = options.edition ?? 'HS17';
  const rng = seedrandom(String(options.seed ?? 1));
  const blankShare = options.blankQuantityShare ?? 0.02;

  // Economies: countries and territories with a region, in key order, then the first N.
  const economies = listCountries()
    .filter(
      (c) => (c.kind === 'country' || c.kind === 'territory') && c.isoNumeric !== null && c.region !== null,
    )
    .slice(0, options.countries ?? 220);
  const codes = economies.map((c) => BACI_NUMBER[c.iso3] ?? (c.isoNumeric as number));
  // Economic mass: log-normal (a few giants, many small economies); position for a distance.
  const mass = economies.map(() => Math.exp(1.6 * normal(rng)));
  const pos = economies.map(() => [rng() * 20, rng() * 10] as const);

  // Products: the basket's codes plus random ones over chapters 01–97 (no 77), unique, sorted.
  const basket = basketCodes(options.basketFile);
  const productSet = new Set(basket);
  const wanted = basket.length + (options.products ?? 3000);
  while (productSet.size < wanted) {
    let ch = 1 + Math.floor(rng() * 97);
    if (ch === 77) ch = 76;
    const heading = 1 + Math.floor(rng() * 30);
    const sub = [10, 11, 19, 20, 21, 29, 30, 90, 91, 99][Math.floor(rng() * 10)] as number;
    productSet.add(
      `${String(ch).padStart(2, '0')}${String(heading).padStart(2, '0')}${String(sub).padStart(2, '0')}`,
    );
  }
  const products = [...productSet].sort();
  // Product weight: Pareto-like (heavy tail); unit value per ton: log-normal.
  const pWeight = products.map(() => (1 - rng()) ** -1.2);
  const unitValue = products.map(() => Math.exp(1 + 1.5 * normal(rng))); // thousand USD per ton
  const exporterCum = cumulative(mass.map((m) => m ** 0.9));
  const importerCum = cumulative(mass.map((m) => m ** 0.8));
  const productCum = cumulative(pWeight);

  const fh = await open(options.path, 'w');
  let buf = 't,i,j,k,v,q\n';
  let total = 0;
  let written = 0;
  try {
    for (let y = 0; y < years.length; y++) {
      const year = years[y] as number;
      const target = Math.floor(rows / years.length) + (y < rows % years.length ? 1 : 0);
      // Rows per exporter proportional to its weight; duplicates avoided per exporter.
      const perExporter = new Array<number>(economies.length).fill(0);
      for (let n = 0; n < target; n++) {
        const e = pick(exporterCum, rng);
        perExporter[e] = (perExporter[e] as number) + 1;
      }
      for (let i = 0; i < economies.length; i++) {
        const want = perExporter[i] as number;
        if (!want) continue;
        const seen = new Set<number>();
        const cap = Math.min(want, (economies.length - 1) * products.length);
        let made = 0;
        let tries = 0;
        while (made < cap && tries < cap * 20) {
          tries++;
          const j = pick(importerCum, rng);
          if (j === i) continue;
          const k = pick(productCum, rng);
          const key = j * products.length + k;
          if (seen.has(key)) continue;
          seen.add(key);
          made++;
          const [xi, yi] = pos[i] as readonly [number, number];
          const [xj, yj] = pos[j] as readonly [number, number];
          const dist = 1 + Math.hypot(xi - xj, yi - yj);
          const gravity = ((mass[i] as number) * (mass[j] as number)) / dist;
          const v = Math.max(0.001, Math.round(gravity * Math.exp(2 * normal(rng)) * 10_000) / 1000);
          total += v;
          const q =
            rng() < blankShare ? '' : String(Math.round((v / (unitValue[k] as number)) * 1000) / 1000);
          buf += `${year},${codes[i]},${codes[j]},${Number(products[k])},${v},${q}\n`;
          written++;
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
