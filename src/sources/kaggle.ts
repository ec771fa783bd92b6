/**
 * Kaggle "Global Commodity Trade Statistics" (`commodity_trade_statistics_data.csv`, UN Comtrade
 * data for 1988–2016 redistributed by the UN on Kaggle; FORMATS.md §E):
 *
 *   country_or_area,year,comm_code,commodity,flow,trade_usd,weight_kg,quantity_name,quantity,category
 *   Afghanistan,2016,010410,"Sheep, live",Export,6088,2339,Number of items,51,01_live_animals
 *
 * One row per reporter, year, commodity and flow, against the World (no partner). The reporter is
 * given by its Comtrade NAME, resolved to ISO3 by kaggle-countries.ts; `comm_code` is 'TOTAL' or an
 * HS code (2, 4 or 6 digits, zero-padded here when a spreadsheet dropped the zero); values are US
 * dollars; `flow` is Export / Import / Re-Export / Re-Import.
 *
 * Classification: the file has one code list for every year and says nothing of the HS edition. It
 * is recorded as HS1992 unless --hs-edition says otherwise, because the set matches Comtrade's
 * HS1992 (H0) series: it starts in 1988, as H0 does (earlier years converted by UNSD), and has about
 * 5,000 commodities, the size of HS1992 (5,041 subheadings), under one list; the edition in force
 * each year would label one list with six editions. The assumption and its reason are recorded in
 * the run's options (`hs_edition`, `hs_edition_note`) and shown as a warning.
 *
 * Invariants: the header is checked before any row (every missing column in one error); every
 * problem names the file, the line, the column, what was expected and what was found; a name that
 * does not resolve is reported ONCE first (with suggestions), and its other rows after the whole file
 * is read, so the first problems of a failed import list every unknown name.
 */
import { CsvStream, fieldCountProblem, type HeaderSpec } from '../csv-in.ts';
import { LanternError } from '../errors.ts';
import { classificationFromCode, padHsCode } from './classifications.ts';
import { fold, qtyUnits } from './comtrade-record.ts';
import { openText, peek } from './input.ts';
import { resolveCountryName, suggestCountryNames } from './kaggle-countries.ts';
import type { FileHead, Flow, FlowRow, FormatEntry, ReadContext, RowProblem, RowReader } from './types.ts';

/** The format id this reader records in import_runs.format. */
export const KAGGLE_FORMAT = 'kaggle-commodity-csv' as const;

/** The HS edition recorded when --hs-edition is not given (see the module comment). */
export const KAGGLE_DEFAULT_EDITION = 'HS1992';

/** The header columns (folded): the ones a row cannot do without, and the rest. */
const REQUIRED = ['countryorarea', 'year', 'commcode', 'flow', 'tradeusd'] as const;
const NAMES: Record<string, string> = {
  countryorarea: 'country_or_area',
  year: 'year',
  commcode: 'comm_code',
  commodity: 'commodity',
  flow: 'flow',
  tradeusd: 'trade_usd',
  weightkg: 'weight_kg',
  quantityname: 'quantity_name',
  quantity: 'quantity',
  category: 'category',
};

/** True when a header (folded column names) is the Kaggle layout: format detection uses it. */
export function isKaggleHeader(folded: ReadonlySet<string>): boolean {
  return folded.has('countryorarea') && folded.has('commcode') && folded.has('tradeusd');
}

const FLOWS: Record<string, Flow> = { export: 'X', import: 'M', reexport: 'RX', reimport: 'RM' };

/** Comtrade's quantity names (the legacy site's qtyUnit descriptions) → its unit codes → abbreviations. */
const QUANTITY_NAMES: Record<string, string> = {
  noquantity: '1',
  areainsquaremetres: '2',
  electricalenergyinthousandsofkilowatthours: '3',
  lengthinmetres: '4',
  numberofitems: '5',
  numberofpairs: '6',
  volumeinlitres: '7',
  weightinkilograms: '8',
  thousandsofitems: '9',
  numberofpackages: '10',
  dozenofitems: '11',
  volumeincubicmeters: '12',
  volumeincubicmetres: '12',
  weightincarats: '13',
};

const units = new Map<string, string | null>();

/** A unit for a quantity name: Comtrade's abbreviation when known, else the name itself; null for none. */
export function quantityUnit(name: string): string | null {
  let unit = units.get(name);
  if (unit !== undefined) return unit;
  const n = name.trim();
  const code = QUANTITY_NAMES[fold(n)];
  unit = n === '' ? null : code === undefined ? n : (qtyUnits[code] ?? null);
  units.set(name, unit);
  return unit;
}

const flows = new Map<string, Flow | null>();
function flowOf(text: string): Flow | null {
  let f = flows.get(text);
  if (f === undefined) {
    f = FLOWS[fold(text)] ?? null;
    flows.set(text, f);
  }
  return f;
}

const num = (s: string | undefined): number | null => {
  const t = (s ?? '').trim();
  if (t === '') return null;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : Number.NaN;
};

/** The header as the reader reads it: every column by its name, found by its folded name. */
const HEADER: HeaderSpec<string> = {
  columns: Object.fromEntries(Object.entries(NAMES).map(([k, name]) => [name, [k]])),
  required: REQUIRED.map((k) => NAMES[k] as string),
  fold,
  expected: 'country_or_area,year,comm_code,commodity,flow,trade_usd,weight_kg,quantity_name,quantity,category',
  hint: 'is this the Kaggle "Global Commodity Trade Statistics" file? pass --format to name another format',
};

export interface KaggleRowResult {
  row?: FlowRow;
  problems: RowProblem[];
  /** The reporter name when it is the reason (or one reason) the row failed. */
  unknownName?: string;
}

/**
 * Normalises one record (cells by folded column name) to a FlowRow, or says everything wrong with it.
 * Pure: no I/O, so the rules are unit-tested without files.
 *
 * Kept whole: one record's fields checked and converted in order, every problem collected; pure, so
 * each rule is unit-tested.
 */
export function normaliseKaggle(
  get: (key: string) => string | undefined,
  where: { file: string; line: number },
  hsEdition: string,
): KaggleRowResult {
  const problems: RowProblem[] = [];
  const bad = (key: string, message: string, expected: string, found: string, hint?: string) =>
    problems.push({ file: where.file, line: where.line, column: NAMES[key] ?? key, message, expected, found, hint });

  const name = (get('countryorarea') ?? '').trim();
  let reporter: string | undefined;
  let unknownName: string | undefined;
  if (name === '') bad('countryorarea', 'country or area is blank', 'a UN Comtrade country name', '');
  else {
    reporter = resolveCountryName(name);
    if (!reporter) {
      unknownName = name;
      const near = suggestCountryNames(name);
      bad(
        'countryorarea',
        'unknown country or area name',
        'a UN Comtrade country or area name (e.g. "Rep. of Korea", "USA", "EU-28")',
        name,
        `${near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}? ` : ''}` +
          '`lantern countries` lists the entities; if this is a real Comtrade name, it needs adding to src/sources/kaggle-countries.ts',
      );
    }
  }

  const yearText = (get('year') ?? '').trim();
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
  if (!(year >= 1900 && year <= 2100)) bad('year', 'not a year', 'a four-digit year (1988–2016 in the Kaggle file)', yearText);

  const codeText = (get('commcode') ?? '').trim().toUpperCase();
  let product: string | undefined;
  if (codeText === 'TOTAL') product = 'TOTAL';
  else if (/^\d{4}[A-Z]{2}$/.test(codeText)) product = codeText; // Comtrade's "9999AA": commodities not specified
  else {
    product = padHsCode(codeText);
    if (!product) bad('commcode', 'not an HS code', 'TOTAL or an HS code of 2, 4 or 6 digits', codeText);
  }

  const flowText = get('flow') ?? '';
  const flow = flowOf(flowText);
  if (!flow) bad('flow', 'unknown flow', 'Export, Import, Re-Export or Re-Import', flowText.trim());

  const valueText = get('tradeusd') ?? '';
  const value = num(valueText);
  if (value === null) bad('tradeusd', 'trade value is blank', 'a value in US dollars', '');
  else if (Number.isNaN(value)) bad('tradeusd', 'trade value is not a number', 'a number (US dollars)', valueText.trim());
  else if (value < 0) bad('tradeusd', 'trade value is negative', 'a value ≥ 0', valueText.trim());

  const weightText = get('weightkg') ?? '';
  const weight = num(weightText);
  if (weight !== null && (Number.isNaN(weight) || weight < 0))
    bad('weightkg', 'net weight is not a number ≥ 0', 'kilograms, or blank', weightText.trim());

  const qtyText = get('quantity') ?? '';
  const qty = num(qtyText);
  if (qty !== null && (Number.isNaN(qty) || qty < 0))
    bad('quantity', 'quantity is not a number ≥ 0', 'a number, or blank', qtyText.trim());
  const unit = quantityUnit(get('quantityname') ?? '');

  if (problems.length) return { problems, unknownName };
  return {
    problems,
    row: {
      year,
      month: null,
      typeCode: 'C',
      reporter: reporter as string,
      partner: 'WLD',
      partnerKind: 'world',
      flow: flow as Flow,
      classification: hsEdition,
      product: product as string,
      productLevel: product === 'TOTAL' ? 0 : (product as string).length,
      valueUsd: value as number,
      quantity: unit === null || qty === null ? null : qty,
      quantityUnit: unit === null || qty === null ? null : unit,
      netWeightKg: weight,
    },
  };
}

/**
 * The reader (`lantern import … --format kaggle`, or detected from the header).
 *
 * Kept whole: a streaming reader: header, per-record normalisation, problems and progress in one
 * pass over the file.
 */
export const kaggleReader: RowReader = {
  kind: 'rows',
  format: KAGGLE_FORMAT,
  source: 'kaggle',
  perspective: 'reported',
  async read(ctx: ReadContext) {
    let hsEdition = KAGGLE_DEFAULT_EDITION;
    if (ctx.options.hsEdition) {
      const given = classificationFromCode(ctx.options.hsEdition);
      if (!given?.startsWith('HS')) {
        throw new LanternError('invalid-argument', `Unknown HS edition "${ctx.options.hsEdition}".`, [
          { field: 'hs-edition', message: 'not an HS edition', expected: 'HS1992 … HS2022 (or H0 … H6)', found: ctx.options.hsEdition },
        ]);
      }
      hsEdition = given;
      ctx.record('hs_edition', hsEdition);
    } else {
      ctx.record('hs_edition', hsEdition);
      ctx.record(
        'hs_edition_note',
        'assumed: the Kaggle file names no HS edition; one code list for 1988-2016 as in Comtrade\'s HS1992 (H0) series',
      );
      ctx.warn(`classification recorded as ${hsEdition} (the file names no HS edition); pass --hs-edition to set it`);
    }
    ctx.record('reporter_names', 'Comtrade names resolved to ISO3');

    const { gzip } = await peek(ctx.path, 4);
    const { stream } = openText(ctx.path, ctx.file, { gzip, onBytes: ctx.onBytes, encoding: ctx.options.encoding, limits: ctx.options.unpackLimits });
    const csv = new CsvStream(stream, ctx.file);
    const columns = await csv.header(HEADER);
    const width = columns.names.length;
    const at = new Map(Object.entries(NAMES).map(([k, name]) => [k, columns.at[name] as number]));
    const get = (fields: string[]) => (k: string) => {
      const i = at.get(k) ?? -1;
      return i < 0 ? undefined : fields[i];
    };
    // Unknown names: the first row of each is rejected at once, the others after the file is read.
    const unknown = new Map<string, number>();
    const deferred: RowProblem[][] = [];
    for await (const batch of csv.batches()) {
      for (const { line, fields: record } of batch) {
        // Short rows read their missing trailing cells as blank; extra cells must be empty (a trailing comma).
        if (record.length < REQUIRED.length || record.slice(width).some((v) => v.trim() !== '')) {
          ctx.reject({
            ...fieldCountProblem(ctx.file, line, record.length, width, 'the file may be cut short, or a commodity description has an unquoted comma'),
            raw: record.join(','),
          });
          continue;
        }
        const r = normaliseKaggle(get(record), { file: ctx.file, line }, hsEdition);
        if (r.row) {
          ctx.emit(r.row);
          continue;
        }
        if (r.unknownName !== undefined) {
          const seen = unknown.get(r.unknownName) ?? 0;
          unknown.set(r.unknownName, seen + 1);
          if (seen > 0) {
            // Later rows of a name already reported: their problems wait, without the row text.
            deferred.push(r.problems);
            continue;
          }
        }
        const raw = record.join(',');
        for (const p of r.problems) ctx.reject({ ...p, raw });
      }
    }
    for (const problems of deferred) for (const p of problems) ctx.reject(p);
    if (unknown.size) {
      ctx.warn(
        `unknown country or area names: ${[...unknown].map(([n, c]) => `"${n}" (${c.toLocaleString('en-US')} row${c > 1 ? 's' : ''})`).join(', ')}`,
      );
    }
  },
};

/** The Kaggle "Global Commodity Trade Statistics" CSV: recognised by its country_or_area, comm_code and trade_usd columns. */
export const kaggleFormat: FormatEntry = {
  id: 'kaggle-commodity-csv',
  aliases: ['kaggle', 'kaggle-csv', 'kaggle-commodity-csv'],
  layout: 'the Kaggle commodity-statistics header (country_or_area,…,trade_usd)',
  sniff: (head: FileHead) => !head.json && isKaggleHeader(head.columns),
  open: () => kaggleReader,
};
