/**
 * Economic complexity: ECI (countries) and PCI (products), with diversity and ubiquity.
 * INDICATORS.md §3.8; Hidalgo & Hausmann (2009); the Atlas of Economic Complexity.
 *
 * Two steps, as the catalog's shape allows: `build` is SQL for the presence matrix (the complete
 * RCA matrix of rca.ts over every country of the data, zero rows included), `finish` the pure
 * TypeScript eigenvector step (complexity-math.ts) per year. Presence is binary, M = 1[RCA ≥ 1]
 * (the Atlas's rule before 2026), or with `presence=continuous` the Atlas 2026 form
 * M = RCA/(1 + RCA).
 *
 * Only entries that make M positive leave SQL, so countries with diversity 0 and products with
 * ubiquity 0 are not listed. Countries and products outside the largest connected part of M
 * (complexity-math.ts: a country whose RCA ≥ 1 products nobody of the main part shares) are
 * listed with a null value and `left_out` saying why. The matrix is always the whole data: `country` filters the rows
 * shown, never the matrix. Its
 * product axis is the scope's (all products at the level, or a basket's, or an HS chapter's) and
 * its grouping (`by`, product by default): an ECI over a basket's products measures complexity
 * within that basket only. ECI and PCI are re-standardised every year: compare ranks, not levels,
 * across years.
 */
import { z } from 'zod';
import { type Dialect, raw, type Sql, sql, typedNull } from '../store/index.ts';
import { enterRanking, type EntryThresholds, hasEntryThresholds, latestPopulation, type LeftOutWhy, rcaAmong } from './complexity-entry.ts';
import { economicComplexity } from './complexity-math.ts';
import { bySchema, type Scope, withScope } from './params.ts';
import { rcaMatrix } from './rca.ts';
import { defineIndicator, type Labels } from './types.ts';

const presenceSchema = z
  .enum(['binary', 'continuous'])
  .default('binary')
  .describe('presence from RCA: binary 1[RCA ≥ 1] (Atlas before 2026) or continuous RCA/(1 + RCA) (Atlas 2026)');

const threshold = (what: string) => z.coerce.number().min(0, 'should be 0 or more').default(0).describe(what);

export const complexityParams = withScope({
  by: bySchema.default('product').describe('group products: product (default) | domain'),
  presence: presenceSchema,
  // Entry thresholds (complexity-entry.ts): who enters the ranking, never how it is computed.
  minExports: threshold('entry threshold: a country enters with exports of all products of at least this (US$; the Atlas/OEC: 1e9; 0 = off)'),
  minPopulation: threshold('entry threshold: a country enters with a population of at least this (the latest figure in the store; the Atlas/OEC: 1e6; 0 = off)'),
  minProductTrade: threshold('entry threshold: a product enters with world trade (of the countries that enter) of at least this (US$; the OEC: 5e8; 0 = off)'),
}).superRefine((p, ctx) => {
  if (p.by === 'total')
    ctx.addIssue({
      code: 'custom',
      path: ['by'],
      message: 'economic complexity needs several product groups: by=product (default) or by=domain',
    });
});
type ComplexityParams = Scope & EntryThresholds & { presence: 'binary' | 'continuous' };

/** (year, country, product, rca): the entries of the RCA matrix (every country of the data) that make M positive. */
function presenceMatrix(p: ComplexityParams, d: Dialect): Sql {
  const whole: Scope = { ...p, country: undefined };
  // Only the entries that count: an entry of 0 adds nothing to M. Binary presence needs only
  // RCA ≥ 1; the continuous form every positive entry. The rows cross into JavaScript, which is
  // what costs at full size (a BACI-shaped year: ~0.5 million positive pairs; bench/RESULTS.md).
  const rca = raw(d.fn.safeDiv(d.fn.safeDiv('x_ik', 'x_i'), d.fn.safeDiv('x_wk', 'x_w')));
  const keep = p.presence === 'binary' ? raw('rca >= 1') : raw('rca > 0');
  return sql`select year, country, product, rca from (select year, country, product, ${rca} as rca from (${rcaMatrix(whole, d)}) m where x_ik > 0) r where ${keep} order by year, country, product`;
}

/**
 * With entry thresholds: (year, country, product, x_ik, x_i, pop) for every positive entry of the
 * export matrix, and one row per country with product NULL (its exports of all products, x_i, even
 * when it has none in the scope), with the country's latest population figure in the store.
 */
function entryMatrix(p: ComplexityParams, d: Dialect): Sql {
  const whole: Scope = { ...p, country: undefined };
  const pop = latestPopulation();
  const withPop = sql`select m.year as year, m.country as country, m.product as product, m.x_ik as x_ik, m.x_i as x_i, pl.pv as pop from (${rcaMatrix(whole, d)}) m left join (${pop}) pl on pl.pc = m.country`;
  return sql`select year, country, product, x_ik, x_i, pop from (${withPop}) a where x_ik > 0 union all select distinct year, country, ${typedNull('varchar')} as product, 0 as x_ik, x_i, pop from (${withPop}) b order by year, country, product`;
}

/** The rows the finish step reads: the presence entries, or with entry thresholds the export matrix. */
function complexityMatrix(p: ComplexityParams, d: Dialect): Sql {
  return hasEntryThresholds(p) ? entryMatrix(p, d) : presenceMatrix(p, d);
}

type Row = Record<string, unknown>;

/** Who was left out of a year by the entry thresholds: country or product → why. */
interface LeftOut {
  countries: Map<string, LeftOutWhy>;
  products: Map<string, LeftOutWhy>;
}

/**
 * The presence rows (year, country, product, rca) the eigenvector step reads: as SQL gave them, or,
 * with entry thresholds, the RCA of the countries and products that enter, recomputed among them;
 * and per year who was left out.
 */
function presenceRows(rows: Row[], p: ComplexityParams): { rows: Row[]; out: Map<number, LeftOut> } {
  const out = new Map<number, LeftOut>();
  if (!hasEntryThresholds(p)) return { rows, out };
  const byYear = new Map<number, Row[]>();
  for (const r of rows) byYear.set(Number(r.year), [...(byYear.get(Number(r.year)) ?? []), r]);
  const kept: Row[] = [];
  for (const [year, rs] of byYear) {
    const totals = new Map(rs.map((r) => [String(r.country), Number(r.x_i)] as const));
    const population = new Map(rs.filter((r) => r.pop !== null && r.pop !== undefined).map((r) => [String(r.country), Number(r.pop)] as const));
    const entries = rs.filter((r) => r.product !== null && r.product !== undefined).map((r) => ({ country: String(r.country), product: String(r.product), x_ik: Number(r.x_ik), x_i: Number(r.x_i) }));
    const e = enterRanking(entries, p, population, totals);
    out.set(year, { countries: e.countries, products: e.products });
    const keep = p.presence === 'binary' ? (x: number) => x >= 1 : (x: number) => x > 0;
    for (const r of rcaAmong(e.rows, e.totals)) if (keep(r.rca)) kept.push({ year, country: r.country, product: r.product, rca: r.rca });
  }
  return { rows: kept, out };
}

interface YearResult {
  year: number;
  countries: string[];
  products: string[];
  r: ReturnType<typeof economicComplexity>;
}

/** Per year: the presence matrix from the RCA rows, then the eigenvector step. */
function solve(rows: Row[], p: ComplexityParams): YearResult[] {
  const byYear = new Map<number, Row[]>();
  for (const r of rows) {
    const y = Number(r.year);
    const list = byYear.get(y);
    if (list) list.push(r);
    else byYear.set(y, [r]);
  }
  return [...byYear.keys()]
    .sort((a, b) => a - b)
    .map((year) => {
      const rs = byYear.get(year) as Row[];
      const countries = [...new Set(rs.map((r) => String(r.country)))].sort();
      const products = [...new Set(rs.map((r) => String(r.product)))].sort();
      const ci = new Map(countries.map((c, i) => [c, i]));
      const pk = new Map(products.map((k, i) => [k, i]));
      const m = countries.map(() => products.map(() => 0));
      for (const r of rs) {
        const rca = r.rca === null || r.rca === undefined ? null : Number(r.rca);
        if (rca === null || !Number.isFinite(rca)) continue;
        const x = p.presence === 'continuous' ? rca / (1 + rca) : rca >= 1 ? 1 : 0;
        m[ci.get(String(r.country)) as number]![pk.get(String(r.product)) as number] = x;
      }
      return { year, countries, products, r: economicComplexity(m) };
    });
}

/** Why a country or product with presence has no ECI/PCI: it is outside the matrix's largest connected part. */
function leftOut(r: ReturnType<typeof economicComplexity>): string {
  return `outside the largest connected part of the country–product matrix (${r.countries} countries, ${r.products} products): it shares no product with RCA ≥ 1 with it, so no complexity can be compared`;
}

/** 1 + the number of values above: ties share a rank; null values have none. */
function ranks(values: (number | null)[]): (number | null)[] {
  return values.map((v) => (v === null ? null : 1 + values.filter((w) => w !== null && w > v).length));
}

const caveat: Labels = {
  en: 'ECI and PCI are re-standardised every year (mean 0, standard deviation 1 across the countries of that year): levels are not comparable across years — compare ranks. They describe the product space of the selected data (its products, level and grouping), not the Atlas’s.',
  zh: 'ECI 与 PCI 每年重新标准化（当年各国均值为 0、标准差为 1）：不同年份的数值不可直接比较，应比较排名。其结果取决于所选数据的产品范围、HS 层级与分组，而非 Atlas 的产品空间。',
};

const formulaEci =
  '\\tilde M^{C}_{cc\'} = \\sum_k \\frac{M_{ck} M_{c\'k}}{k_{c,0}\\, k_{k,0}};\\; ECI = z(\\vec v_2(\\tilde M^{C})),\\; \\operatorname{corr}(ECI, k_{c,0}) > 0;\\; M_{ck} = \\mathbb{1}[RCA_{ck} \\ge 1]';

export const eci = defineIndicator({
  id: 'eci',
  world: true,
  label: { en: 'Economic Complexity Index (ECI)', zh: '经济复杂度指数（ECI）' },
  unit: 'index',
  description: {
    en: 'How diverse and sophisticated a country’s export basket is: the z-scored eigenvector of the second largest eigenvalue of the country–country matrix built from where countries have RCA ≥ 1; with diversity (products with RCA ≥ 1).',
    zh: '一国出口结构的多样性与复杂程度：由各国显性比较优势（RCA ≥ 1）构成的国家—国家矩阵第二大特征值对应特征向量的标准化值；同时给出多样性（RCA ≥ 1 的产品数）。',
  },
  formula: formulaEci,
  source: 'docs/indicators/eci.md',
  params: complexityParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'country'],
  columns: [
    { key: 'value', unit: 'index', description: 'ECI (z-score across the countries of the year)' },
    { key: 'diversity', unit: 'count', description: 'k_c,0 = Σ_k M_ck (products with RCA ≥ 1; continuous: Σ RCA/(1+RCA))' },
    { key: 'rank', unit: 'count', description: 'rank by ECI (1 = most complex)' },
    { key: 'countries', unit: 'count', description: 'countries in the matrix (diversity > 0)' },
    { key: 'products', unit: 'count', description: 'products in the matrix (ubiquity > 0)' },
    { key: 'eigenvalue', unit: 'index', description: 'λ, the second largest eigenvalue of M̃C' },
    { key: 'left_out', description: 'why the country has no ECI (below an entry threshold, or outside the largest connected part of the matrix), else null' },
  ],
  example: { country: ['CHN', 'USA', 'DEU'], from: 2021 },
  note: caveat,
  build: complexityMatrix,
  finish(rows, p) {
    const want = p.country && p.country.length > 0 ? new Set(p.country) : null;
    const entered = presenceRows(rows, p);
    return solve(entered.rows, p).flatMap(({ year, countries, r }) => {
      const rk = ranks(r.eci);
      const out = new Set(r.disconnected.countries);
      const ranked = countries.map((country, i) => ({
        year,
        country,
        value: r.eci[i] ?? null,
        diversity: r.diversity[i] as number,
        rank: rk[i] ?? null,
        countries: r.countries,
        products: r.products,
        eigenvalue: r.eigenvalue,
        left_out: out.has(i) ? leftOut(r) : null,
      }));
      // Countries the entry thresholds left out: listed, with no ECI and the reason.
      const below = [...(entered.out.get(year)?.countries ?? [])].map(([country, why]) => ({
        year,
        country,
        value: null,
        diversity: null,
        rank: null,
        countries: r.countries,
        products: r.products,
        eigenvalue: r.eigenvalue,
        left_out: `left out by the entry thresholds: ${why.reason}`,
      }));
      return [...ranked, ...below].filter((x) => !want || want.has(x.country)).sort((a, b) => a.country.localeCompare(b.country));
    });
  },
});

export const pci = defineIndicator({
  id: 'pci',
  world: true,
  label: { en: 'Product Complexity Index (PCI)', zh: '产品复杂度指数（PCI）' },
  unit: 'index',
  description: {
    en: 'How sophisticated a product is, judged by the complexity of the countries that export it with RCA ≥ 1: the matching eigenvector of the product–product matrix, standardised with ECI’s mean and standard deviation; with ubiquity (countries with RCA ≥ 1).',
    zh: '产品的复杂程度，依据以 RCA ≥ 1 出口该产品的国家的复杂度判断：产品—产品矩阵的对应特征向量，用 ECI 的均值与标准差标准化；同时给出普遍性（RCA ≥ 1 的国家数）。',
  },
  formula:
    '\\tilde M^{P}_{kk\'} = \\sum_c \\frac{M_{ck} M_{ck\'}}{k_{k,0}\\, k_{c,0}};\\; PCI = \\frac{q - \\overline{v}}{\\operatorname{sd}(v)},\\; q = \\frac{U^{-1} M^{\\top} v}{\\lambda};\\; ECI_c = \\frac{1}{k_{c,0}} \\sum_k M_{ck} PCI_k',
  source: 'docs/indicators/pci.md',
  params: complexityParams,
  perspectives: ['reconciled', 'reported'],
  keys: ['year', 'product'],
  columns: [
    { key: 'value', unit: 'index', description: 'PCI (standardised with the mean and sd of ECI’s eigenvector)' },
    { key: 'ubiquity', unit: 'count', description: 'k_k,0 = Σ_c M_ck (countries with RCA ≥ 1; continuous: Σ RCA/(1+RCA))' },
    { key: 'rank', unit: 'count', description: 'rank by PCI (1 = most complex)' },
    { key: 'countries', unit: 'count', description: 'countries in the matrix (diversity > 0)' },
    { key: 'products', unit: 'count', description: 'products in the matrix (ubiquity > 0)' },
    { key: 'eigenvalue', unit: 'index', description: 'λ, the second largest eigenvalue (shared with ECI)' },
    { key: 'left_out', description: 'why the product has no PCI (below an entry threshold, or outside the largest connected part of the matrix), else null' },
  ],
  example: { from: 2021 },
  note: caveat,
  build: complexityMatrix,
  finish(rows, p) {
    const entered = presenceRows(rows, p);
    return solve(entered.rows, p).flatMap(({ year, products, r }) => {
      const rk = ranks(r.pci);
      const out = new Set(r.disconnected.products);
      const ranked = products.map((product, k) => ({
        year,
        product,
        value: r.pci[k] ?? null,
        ubiquity: r.ubiquity[k] as number,
        rank: rk[k] ?? null,
        countries: r.countries,
        products: r.products,
        eigenvalue: r.eigenvalue,
        left_out: out.has(k) ? leftOut(r) : null,
      }));
      const below = [...(entered.out.get(year)?.products ?? [])].map(([product, why]) => ({
        year,
        product,
        value: null,
        ubiquity: null,
        rank: null,
        countries: r.countries,
        products: r.products,
        eigenvalue: r.eigenvalue,
        left_out: `left out by the entry thresholds: ${why.reason}`,
      }));
      return [...ranked, ...below].sort((a, b) => a.product.localeCompare(b.product));
    });
  },
});
