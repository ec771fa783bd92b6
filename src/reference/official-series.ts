/**
 * Official published series (e.g. MOFCOM's cultural-trade headline figures): one published figure a
 * row, each with its scope, unit as printed, value in US dollars and the URL it was read on.
 * The bundled file (`data/official/*.csv`) loads on first run and whenever it changes.
 *
 * Invariant: `scope` is kept exactly as the source defines it; series of different scope are never
 * merged here (see queries/official.ts for series that mark scope breaks).
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { type CsvRecord, readCsv } from '../csv-in.ts';
import { isLanternError, LanternError, type Problem } from '../errors.ts';
import { inList, insertRows, sql, type Store } from '../store/index.ts';
import { dataPath, sha256 } from './data-files.ts';
import { getCountry, suggestCountries } from './countries.ts';

/**
 * Multipliers from the units figures are printed in to the currency's base unit. Figures in US
 * dollars are also kept in `value_usd`; others (pounds) are kept as printed, never converted (no
 * exchange rate is published with them), and compared only with claims in the same currency.
 */
export const officialUnits: Record<string, number> = {
  usd: 1,
  thousand_usd: 1e3,
  million_usd: 1e6,
  hundred_million_usd: 1e8, // 亿美元
  billion_usd: 1e9,
  trillion_usd: 1e12,
  million_gbp: 1e6,
  billion_gbp: 1e9,
};

/** The currency of a printed unit: billion_gbp → GBP. */
export const officialCurrency = (unit: string): string => (unit.split('_').pop() ?? 'usd').toUpperCase();

const num = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : Number(v)))
  .refine((v) => v === null || Number.isFinite(v), { message: 'expected a number' });

export const officialRowSchema = z.object({
  country: z
    .string({ message: 'country is required (ISO 3166 alpha-3), as a column or with --country' })
    .trim()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 3166 alpha-3 code')
    .refine((c) => getCountry(c) !== undefined, { message: 'not a known country code' }),
  year: z.coerce.number().int().min(1900).max(2100),
  scope: z.string().trim().min(1, 'scope is required: it says what the figure covers'),
  indicator: z.enum(['turnover', 'value', 'balance']),
  flow: z.enum(['export', 'import', 'total', 'surplus', 'deficit']),
  value: z.coerce.number().refine(Number.isFinite, 'expected a number'),
  unit: z
    .string()
    .trim()
    .refine((u) => u in officialUnits, {
      message: `unit is one of ${Object.keys(officialUnits).join(', ')}`,
    }),
  value_usd: num.optional(),
  yoy_pct: num.optional(),
  publisher: z.string().trim().optional(),
  reported_by: z.string().trim().optional(),
  source_url: z
    .string()
    .trim()
    .regex(/^https?:\/\/\S+$/, 'every figure needs the http(s) URL it was read on'),
  note: z.string().trim().optional(),
});

export interface OfficialRow {
  id: string;
  country: string;
  year: number;
  scope: string;
  indicator: string;
  flow: string;
  value: number;
  unit: string;
  /** Null for figures printed in another currency (never converted). */
  valueUsd: number | null;
  yoyPct: number | null;
  publisher: string | null;
  reportedBy: string | null;
  sourceUrl: string;
  note: string | null;
}

/** What each column of an official-series CSV holds, for error messages. */
const OFFICIAL_EXPECTED: Record<string, string> = {
  country: 'an ISO 3166 alpha-3 code such as CHN (a column, or --country)',
  year: 'a year from 1900 to 2100',
  scope: 'what the figure covers, e.g. cultural_products',
  indicator: 'turnover | value | balance',
  flow: 'export | import | total | surplus | deficit',
  value: 'a number',
  unit: Object.keys(officialUnits).join(' | '),
  value_usd: 'US dollars, or empty (always empty for figures in another currency)',
  yoy_pct: 'a percentage, or empty',
  source_url: 'the http(s) URL the figure was read on',
};

/** A line the CSV reader cannot make a row of (an unclosed quote, a wrong number of fields). */
function unparsable(file: string, line: number | undefined, found: string): Problem {
  return {
    file,
    ...(line ? { line } : {}),
    message: 'the CSV cannot be parsed',
    expected: 'a CSV with a header row and the same number of fields on every line',
    found,
    hint: 'check the quoting and the number of commas on that line',
  };
}

/**
 * Parses an official-series CSV; all problems together with their line numbers.
 *
 * Kept whole: one pass over the rows with a check per column, every problem collected.
 */
export function parseOfficialCsv(
  text: string,
  file: string,
  defaults: { country?: string } = {},
): { rows: OfficialRow[]; problems: Problem[] } {
  let table: { header: string[]; rows: CsvRecord[] };
  try {
    table = readCsv(text, file);
  } catch (e) {
    if (!isLanternError(e)) throw e;
    return { rows: [], problems: [unparsable(file, e.problems[0]?.line, e.problems[0]?.message ?? e.message)] };
  }
  const { header } = table;

  const problems: Problem[] = [];
  const rows: OfficialRow[] = [];
  const ids = new Map<string, number>();
  for (const { line, fields } of table.rows) {
    if (fields.length !== header.length) {
      problems.push(unparsable(file, line, `${fields.length} fields where the header has ${header.length}`));
      continue;
    }
    const record: Record<string, string> = Object.fromEntries(header.map((h, i) => [h, fields[i] as string]));
    const r = officialRowSchema.safeParse(
      record.country || !defaults.country ? record : { ...record, country: defaults.country },
    );
    if (!r.success) {
      for (const issue of r.error.issues) {
        const column = String(issue.path[0] ?? '');
        const found = column === 'country' && !record.country ? defaults.country : record[column];
        const near = column === 'country' && found ? suggestCountries(found) : [];
        problems.push({
          file,
          line,
          column,
          message: /received NaN/.test(issue.message) ? 'not a number' : issue.message,
          expected: OFFICIAL_EXPECTED[column] ?? 'a value',
          found: found ?? '',
          hint: near.length ? `did you mean ${near.join(', ')}?` : 'fix the row and load the file again (nothing was loaded)',
        });
      }
      continue;
    }
    const v = r.data;
    const computed = v.value * (officialUnits[v.unit] ?? 1);
    if (officialCurrency(v.unit) !== 'USD' && v.value_usd !== undefined && v.value_usd !== null) {
      problems.push({
        file,
        line,
        column: 'value_usd',
        message: `a figure in ${officialCurrency(v.unit)} has no US-dollar value (figures are never converted)`,
        expected: 'empty',
        found: String(v.value_usd),
        hint: 'leave value_usd empty for figures printed in another currency',
      });
      continue;
    }
    const valueUsd = officialCurrency(v.unit) === 'USD' ? (v.value_usd ?? computed) : null;
    // value_usd must agree with value × unit (it is a normalisation, not a second figure).
    if (valueUsd !== null && Math.abs(valueUsd - computed) > Math.max(1, Math.abs(computed) * 1e-9)) {
      problems.push({
        file,
        line,
        column: 'value_usd',
        message: 'value_usd does not equal value × unit',
        expected: String(computed),
        found: String(valueUsd),
      });
    }
    const base = `${v.country}-${v.year}-${v.scope}-${v.indicator}-${v.flow}`;
    const n = (ids.get(base) ?? 0) + 1;
    ids.set(base, n);
    rows.push({
      id: n === 1 ? base : `${base}-${n}`,
      country: v.country,
      year: v.year,
      scope: v.scope,
      indicator: v.indicator,
      flow: v.flow,
      value: v.value,
      unit: v.unit,
      valueUsd,
      yoyPct: v.yoy_pct ?? null,
      publisher: v.publisher || null,
      reportedBy: v.reported_by || null,
      sourceUrl: v.source_url,
      note: v.note || null,
    });
  }
  return { rows, problems };
}

/**
 * Loads official figures from a CSV, in one transaction: a figure with the same id (country, year,
 * scope, indicator, flow) replaces the stored one; others are added. All problems are reported
 * together with their lines, and nothing is written if there is any.
 */
export async function loadOfficialSeries(
  store: Store,
  text: string,
  file: string,
  version: string,
  defaults: { country?: string } = {},
): Promise<number> {
  const { rows, problems } = parseOfficialCsv(text, file, defaults);
  if (problems.length > 0)
    throw new LanternError(
      'bad-rows',
      `${file}: ${problems.length} problem(s) in official figures (nothing was loaded).`,
      problems,
    );
  if (rows.length === 0)
    throw new LanternError('bad-file', `${file} has no figures.`, [
      { file, line: 2, message: 'a header but no rows', expected: 'at least one figure', found: 'no data rows', hint: 'add the figures below the header, one a line' },
    ]);
  const countries = [...new Set(rows.map((r) => r.country))];
  await store.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await tx.run(
        sql`delete from official_series where id in ${inList(rows.slice(i, i + 500).map((r) => r.id))}`,
      );
    }
    await insertRows(
      tx,
      'official_series',
      [
        'id',
        'country',
        'year',
        'scope',
        'indicator',
        'flow',
        'value',
        'unit',
        'value_usd',
        'yoy_pct',
        'publisher',
        'reported_by',
        'source_url',
        'note',
      ],
      rows.map((r) => [
        r.id,
        r.country,
        r.year,
        r.scope,
        r.indicator,
        r.flow,
        r.value,
        r.unit,
        r.valueUsd,
        r.yoyPct,
        r.publisher,
        r.reportedBy,
        r.sourceUrl,
        r.note,
      ]),
    );
    await insertRows(
      tx,
      'reference_loads',
      ['kind', 'subject', 'source', 'file_name', 'sha256', 'rows', 'version'],
      [
        [
          'official-series',
          countries.join(','),
          'see source_url per row',
          file,
          sha256(text),
          rows.length,
          version,
        ],
      ],
    );
  });
  return rows.length;
}

export const bundledOfficialFiles = [
  'china_cultural_trade_official.csv',
  'unctad_creative_economy.csv',
  'korea_content_exports.csv',
  'uk_creative_industries_exports.csv',
] as const;

/** Loads the bundled official series that are new or changed. */
export async function ensureBundledOfficialSeries(store: Store, dir = dataPath('official')): Promise<number> {
  let loaded = 0;
  for (const f of bundledOfficialFiles) {
    const path = `${dir}/${f}`;
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    const version = sha256(text).slice(0, 12);
    const done = await store.query<{ n: number }>(
      sql`select count(*) as n from reference_loads where kind = 'official-series' and file_name = ${`data/official/${f}`} and version = ${version}`,
    );
    if ((done[0]?.n ?? 0) > 0) continue;
    loaded += await loadOfficialSeries(store, text, `data/official/${f}`, version);
  }
  return loaded;
}
