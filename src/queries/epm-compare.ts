/**
 * Export potential next to ITC's Export Potential Map (EPM): the validation table INDICATORS.md §3.9
 * asks for. EPM publishes its figures only on its website, so the user copies the triples they want
 * to check into a CSV — exporter, HS6 product, market, EPM's potential export value (and, when
 * shown, EPM's actual exports, the data year and the EPM release) — and Lantern puts its own
 * export potential (`export-potential`, ITC-consistent, not ITC-identical) beside each.
 *
 * Per (exporter, product, year) it also gives the Spearman rank correlation of the markets'
 * potentials: EPM projects demand and includes tariffs, Lantern does not, so the levels differ by
 * construction and the order of markets is the fairer comparison.
 *
 * @example
 *   const triples = parseEpmCsv(readFileSync('epm.csv', 'utf8'), 'epm.csv');
 *   const table = await compareWithEpm(store, triples, { year: 2021 });
 */
import { sampleRankCorrelation } from 'simple-statistics';
import { z } from 'zod';
import { csvTable } from '../csv-in.ts';
import { LanternError, type Problem } from '../errors.ts';
import { parseParams } from '../indicators/index.ts';
import type { EpmComparison, EpmComparisonGroup, EpmComparisonRow } from '../contract.ts';
import type { Store } from '../store/index.ts';
import { dataShape, iso3Schema, listOf } from './common.ts';
import { runIndicator } from './indicator.ts';
import { readModel } from './read-model.ts';
import { defaultSpans } from './scope.ts';

export type { EpmComparison, EpmComparisonGroup, EpmComparisonRow };

/** One line of the user's EPM file. */
export interface EpmTriple {
  line: number;
  exporter: string;
  product: string;
  market: string;
  epmPotential: number;
  epmActual: number | null;
  /** The data year of the EPM figures, when the file gives it. */
  year: number | null;
  release: string | null;
}

const required = ['exporter', 'product', 'market', 'epm_potential'] as const;
const optional = ['epm_actual', 'year', 'epm_release'] as const;
type Column = (typeof required)[number] | (typeof optional)[number];

/**
 * Reads `exporter,product,market,epm_potential[,epm_actual][,year][,epm_release]` (US dollars;
 * thousands separators allowed; lines starting with # are comments). Every bad line is reported,
 * with its line and column, and nothing is returned when any is bad.
 */
export function parseEpmCsv(text: string, file: string): EpmTriple[] {
  const { columns, rows } = csvTable<Column>(text, file, {
    columns: Object.fromEntries([...required, ...optional].map((c) => [c, [c]])) as Record<Column, string[]>,
    required,
    comment: '#',
    expected: [...required, ...optional.map((o) => `[${o}]`)].join(','),
    hint: 'one line per exporter × HS6 product × market, values in US dollars as EPM shows them',
  });
  const problems: Problem[] = [];
  const triples: EpmTriple[] = [];
  const seen = new Map<string, number>();
  const money = (s: string) => Number(s.replace(/[,_\s$]/g, ''));
  for (const { line, fields } of rows) {
    const cell = (name: Column) => (fields[columns.at[name]] ?? '').trim();
    const bad = (column: string, expected: string, found: string) =>
      problems.push({ file, line, column, message: `bad ${column}`, expected, found, hint: 'fix the row (copy the figures from the EPM page again)' });
    const exporter = cell('exporter').toUpperCase();
    const market = cell('market').toUpperCase();
    const product = cell('product');
    const potText = cell('epm_potential');
    const actText = cell('epm_actual');
    const yearText = cell('year');
    if (!/^[A-Z]{3}$/.test(exporter)) bad('exporter', 'an ISO 3166 alpha-3 code such as CHN', exporter);
    if (!/^[A-Z]{3}$/.test(market)) bad('market', 'an ISO 3166 alpha-3 code such as USA', market);
    if (!/^\d{6}$/.test(product)) bad('product', 'an HS6 code of six digits such as 950510', product);
    const epmPotential = money(potText);
    if (potText === '' || !Number.isFinite(epmPotential) || epmPotential < 0)
      bad('epm_potential', 'US dollars, zero or more', potText);
    const epmActual = actText === '' ? null : money(actText);
    if (epmActual !== null && (!Number.isFinite(epmActual) || epmActual < 0))
      bad('epm_actual', 'US dollars, zero or more, or empty', actText);
    const year = yearText === '' ? null : Number(yearText);
    if (year !== null && (!Number.isInteger(year) || year < 1988 || year > 2100))
      bad('year', 'a year such as 2021, or empty', yearText);
    const key = `${exporter}|${product}|${market}|${yearText}`;
    if (seen.has(key))
      problems.push({
        file,
        line,
        message: `${exporter} × ${product} × ${market} is given twice (first on line ${seen.get(key)})`,
        hint: 'keep one line per triple and year',
      });
    seen.set(key, line);
    triples.push({
      line,
      exporter,
      product,
      market,
      epmPotential,
      epmActual,
      year,
      release: cell('epm_release') || null,
    });
  }
  if (problems.length > 0)
    throw new LanternError('bad-rows', `${file}: ${problems.length} problem(s) in the EPM figures.`, problems);
  if (triples.length === 0)
    throw new LanternError('bad-file', `${file} has no triples.`, [{ file, line: 2, message: 'a header but no rows' }]);
  return triples;
}

export const epmCompareParams = z.object({
  year: z.coerce.number().int().optional().describe('the data year of the figures that give none'),
  window: z.coerce.number().int().min(1).max(10).default(5).describe('years averaged for actual exports'),
  easeFloor: z.coerce.number().min(0).default(0).describe('ease given to markets the exporter does not reach yet'),
  distanceElasticity: z.coerce
    .number()
    .min(0)
    .max(5)
    .default(1)
    .describe('θ in the distance factor τ = (d/d̄)^(−θ); 0 switches distance off'),
  ...dataShape,
});
export type EpmCompareParams = z.input<typeof epmCompareParams>;

/** NaN (all values equal on one side: no order to compare) becomes null. */
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Ranks, 1 = largest; ties share the best rank (as in a league table). */
function leagueRanks(values: number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w > v).length);
}

/**
 * Lantern's export potential for each triple of the file, beside EPM's. Each (exporter, product,
 * year) runs export potential once over every market; a market Lantern finds no potential for (it
 * imports none of the product, or the exporter is the market) keeps a note instead of a figure.
 *
 * Kept whole: one pass over the groups of triples (potential, ranks, rows, rho); each step reads
 * the group's list and the indicator's rows of the one before.
 */
export async function compareWithEpm(
  store: Store,
  triples: readonly EpmTriple[],
  input: EpmCompareParams = {},
): Promise<EpmComparison> {
  const q = parseParams(epmCompareParams, input, 'EPM comparison');
  const yearOf = (t: EpmTriple): number => {
    const y = t.year ?? q.year;
    if (y === undefined)
      throw new LanternError('invalid-argument', `Line ${t.line} has no year, and no --year was given.`, [
        { line: t.line, column: 'year', message: 'no data year', hint: 'add a year column to the file or pass --year' },
      ]);
    return y;
  };
  const groups = new Map<string, EpmTriple[]>();
  for (const t of triples) {
    const key = `${t.exporter}|${t.product}|${yearOf(t)}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const rows: EpmComparisonRow[] = [];
  const summary: EpmComparisonGroup[] = [];
  for (const [key, list] of groups) {
    const [exporter, product, yearText] = key.split('|') as [string, string, string];
    const year = Number(yearText);
    const r = await runIndicator(store, 'export-potential', {
      country: [exporter],
      product,
      from: year,
      by: 'product',
      window: q.window,
      easeFloor: q.easeFloor,
      distanceElasticity: q.distanceElasticity,
      runs: q.runs,
      source: q.source,
      perspective: q.perspective,
      view: q.view,
      flow: q.flow,
    });
    const byMarket = new Map(r.rows.map((x) => [x.partner as string, x]));
    const epmRanks = leagueRanks(list.map((t) => t.epmPotential));
    const lanternValues = list.map((t) => byMarket.get(t.market)?.value as number | undefined);
    const known = lanternValues.filter((v): v is number => typeof v === 'number');
    list.forEach((t, i) => {
      const x = byMarket.get(t.market);
      const value = typeof x?.value === 'number' ? x.value : null;
      rows.push({
        line: t.line,
        exporter,
        product,
        market: t.market,
        year,
        epm_potential: t.epmPotential,
        lantern_potential: value,
        ratio: value !== null && t.epmPotential > 0 ? value / t.epmPotential : null,
        epm_actual: t.epmActual,
        lantern_actual: typeof x?.actual === 'number' ? x.actual : null,
        epm_rank: epmRanks[i] as number,
        lantern_rank: value === null ? null : 1 + known.filter((w) => w > value).length,
        epm_release: t.release,
        note:
          value !== null
            ? null
            : t.market === exporter
              ? 'the market is the exporter'
              : `no potential in Lantern: ${t.market} imports no ${product} in ${year} in the data`,
      });
    });
    const both = list.flatMap((t, i) => {
      const v = lanternValues[i];
      return typeof v === 'number' ? [[t.epmPotential, v] as const] : [];
    });
    const epmSum = both.reduce((s, [e]) => s + e, 0);
    summary.push({
      exporter,
      product,
      year,
      markets: both.length,
      spearman: both.length >= 3 ? finite(sampleRankCorrelation(both.map(([e]) => e), both.map(([, l]) => l))) : null,
      level_ratio: epmSum > 0 ? both.reduce((s, [, l]) => s + l, 0) / epmSum : null,
      runs: (r.provenance.runs ?? []).map((x) => x.id),
    });
  }
  return {
    rows: rows.sort((a, b) => a.line - b.line),
    groups: summary,
    notes: [
      'Lantern export potential is ITC-consistent, not ITC-identical: no demand projections and no tariffs, distance between country centroids. Compare the order of markets (spearman) before dollar levels (ratio).',
    ],
  };
}

const marketFigure = z
  .string()
  .regex(/^[A-Za-z]{3}:\d+(\.\d+)?(:\d+(\.\d+)?)?$/, 'should be MARKET:POTENTIAL or MARKET:POTENTIAL:ACTUAL, e.g. USA:500000 (US$)');

/** The figures as a query string gives them, for one exporter × product (the CLI reads them from its FILE instead). */
const figureFields = {
  exporter: iso3Schema.optional().describe('the exporting country'),
  product: z.string().regex(/^\d{6}$/, 'should be an HS6 code such as 970110').optional().describe('the HS6 product'),
  epm: listOf(marketFigure)
    .refine((l) => l.length > 0, 'give at least one market, e.g. USA:500000')
    .optional()
    .describe("EPM's figures per market, comma-separated: MARKET:POTENTIAL[:ACTUAL] in US$ (e.g. USA:500000,DEU:900000)"),
  release: z.string().max(40).optional().describe('the EPM release the figures come from (recorded in the rows)'),
};

/** The fields that carry the figures themselves: the API's query, the CLI's FILE. */
export const epmFigureFields = Object.keys(figureFields);

const epmQuestion = epmCompareParams.extend(figureFields);
type EpmQuestion = z.input<typeof epmQuestion>;

const missingFigure = (field: string, expected: string) =>
  new LanternError('invalid-argument', `The EPM comparison needs ${field}.`, [
    { field, message: `no ${field}`, expected, hint: 'give exporter, product and epm=MARKET:POTENTIAL,… (or, at the CLI, a FILE of triples)' },
  ]);

/**
 * The triples of a question that gives its figures as fields (exporter, product, `epm=` markets):
 * one line per market, `line` its position in `epm` (1 = first). A market given twice is refused.
 */
export function epmFigureTriples(q: EpmQuestion): EpmTriple[] {
  if (!q.exporter) throw missingFigure('exporter', 'an ISO 3166 alpha-3 code such as CHN');
  if (!q.product) throw missingFigure('product', 'an HS6 code such as 970110');
  const given: unknown = q.epm;
  const list: string[] = typeof given === 'string' ? given.split(',') : Array.isArray(given) ? given.map(String) : [];
  const figures = list.map((f) => f.trim()).filter(Boolean);
  if (figures.length === 0) throw missingFigure('epm', 'MARKET:POTENTIAL[:ACTUAL], comma-separated, e.g. USA:500000');
  const seen = new Set<string>();
  return figures.map((figure, i) => {
    const [market, potential, actual] = figure.split(':') as [string, string, string | undefined];
    const code = market.toUpperCase();
    if (seen.has(code))
      throw new LanternError('invalid-argument', `Market ${code} is given twice in epm.`, [
        { field: 'epm', message: 'a market appears twice', found: code, hint: 'give each market once' },
      ]);
    seen.add(code);
    return {
      line: i + 1,
      exporter: String(q.exporter).toUpperCase(),
      product: String(q.product),
      market: code,
      epmPotential: Number(potential),
      epmActual: actual === undefined ? null : Number(actual),
      year: q.year === undefined ? null : Number(q.year),
      release: q.release ?? null,
    };
  });
}

/**
 * The EPM comparison as one question at both edges: EPM's figures, as triples read from the CLI's
 * FILE (`extra`) or given in the query (`exporter`, `product`, `epm=`), with the year of the figures
 * that give none (default: the store's last year) and the export-potential parameters.
 */
export const epmCompareModel = readModel({
  id: 'epm-compare',
  summary: "Export potential beside ITC Export Potential Map figures: per market Lantern's potential, ratio and ranks; Spearman ρ",
  params: epmQuestion,
  years: { span: defaultSpans.markets, field: 'year' },
  run: (store: Store, q: EpmQuestion, file?: readonly EpmTriple[]) => {
    const { exporter: _e, product: _p, epm: _m, release: _r, ...params } = q;
    return compareWithEpm(store, file ?? epmFigureTriples(q), params);
  },
  rows: (r) => r.rows as unknown as Record<string, unknown>[],
  list: (r) => r.rows,
  tables: (r) => ({ groups: r.groups }),
  provenance: (r) => ({ runs: [...new Set(r.groups.flatMap((g) => g.runs))], note: r.notes.join(' ') }),
});
