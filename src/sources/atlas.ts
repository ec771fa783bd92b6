/**
 * The Growth Lab's Atlas of Economic Complexity trade files ("International Trade Data (HS, 92)",
 * Harvard Dataverse, doi:10.7910/DVN/T4CHWJ), CSV or Dataverse .tab, plain or gzipped, in both
 * vintages of column names:
 *
 *   country × product × year:            location_code,hs_product_code,year,export_value[,import_value…]
 *                                        country_iso3_code,product_hs92_code,year,export_value[,…]
 *   country × partner × product × year:  location_code,partner_code,hs_product_code,year,export_value[,…]
 *                                        country_iso3_code,partner_iso3_code,product_hs92_code,year,export_value[,…]
 *
 * HS92 at 2, 4 or 6 digits (the code's length says which; `--hs-edition` for the HS12 files).
 * Values are US dollars. The Growth Lab reconciles exporter and importer reports, so the data is
 * stored as BACI is: reconciled, one export row per exporter (X), `import_value` (the mirror of the
 * partners' exports) not stored twice. A country × product file has no partner: its rows are
 * exports to the World ('WLD', partner kind 'world').
 *
 * Rows whose product is not an HS code (services such as `travel`, `unspecified`, `XXXX`) are left
 * out, counted in a warning; zero values are left out (a missing cell means 0 in these files).
 */
import { CsvStream, type HeaderSpec } from '../csv-in.ts';
import { LanternError } from '../errors.ts';
import { getCountry, partnerKind } from '../reference/index.ts';
import { classificationFromCode, padHsCode } from './classifications.ts';
import { openText, peek } from './input.ts';
import type { FileHead, FormatEntry, ReadContext, RowReader } from './types.ts';

export const ATLAS_FORMAT = 'atlas-csv' as const;

const fold = (s: string) => s.trim().toLowerCase().replace(/^\uFEFF/, '');

/** The column names of each field, in both vintages. */
const COLUMNS = {
  reporter: ['location_code', 'country_iso3_code'],
  partner: ['partner_code', 'partner_iso3_code'],
  product: ['hs_product_code', 'product_hs92_code', 'product_hs12_code', 'product_code'],
  year: ['year'],
  exports: ['export_value'],
} as const;

/** True when a header (names folded to letters and digits, as format detection does) is an Atlas trade file's. */
export function isAtlasHeader(cols: ReadonlySet<string>): boolean {
  const has = (names: readonly string[]) => names.some((n) => cols.has(n.replace(/[^a-z0-9]/g, '')));
  return has(COLUMNS.reporter) && has(COLUMNS.product) && has(COLUMNS.year) && has(COLUMNS.exports);
}

/** The header as the reader reads it: a partner column is optional (a country × product file has none). */
const HEADER: HeaderSpec<keyof typeof COLUMNS> = {
  columns: COLUMNS,
  required: ['reporter', 'product', 'year', 'exports'],
  fold,
  hint: 'is this an Atlas trade file (Growth Lab, Harvard Dataverse)? pass --format to name another format',
};

/**
 * Kept whole: a streaming reader: header, per-record normalisation, problems and progress in one
 * pass over the file.
 */
export function atlasReader(delimiter: string): RowReader {
  return {
    kind: 'rows',
    format: ATLAS_FORMAT,
    source: 'atlas',
    perspective: 'reconciled',
    async read(ctx: ReadContext) {
      const { gzip } = await peek(ctx.path, 4);
      const { stream } = openText(ctx.path, ctx.file, {
        gzip,
        onBytes: ctx.onBytes,
        encoding: ctx.options.encoding,
        limits: ctx.options.unpackLimits,
      });
      const csv = new CsvStream(stream, ctx.file, { delimiter });
      const { at: cols, names } = await csv.header(HEADER);
      const productCol = fold(names[cols.product] ?? '');
      const edition = ctx.options.hsEdition ?? (productCol === 'product_hs12_code' ? 'HS2012' : 'HS1992');
      const classification = classificationFromCode(edition) ?? '';
      if (!classification.startsWith('HS')) {
        throw new LanternError('invalid-argument', `Unknown HS edition "${edition}".`, [
          { field: 'hs-edition', message: 'unknown HS edition', expected: 'HS1992 … HS2022', found: edition },
        ]);
      }
      ctx.record('hs_edition', classification);
      ctx.record('partners', cols.partner >= 0 ? 'bilateral' : 'none: exports to the World');
      let notHs = 0;
      const notHsCodes = new Set<string>();
      for await (const batch of csv.batches()) for (const { line, fields: record } of batch) {
        const raw = record.join(delimiter);
        const code = (record[cols.product] ?? '').trim();
        const product = padHsCode(code);
        if (!product) {
          notHs++;
          if (notHsCodes.size < 10) notHsCodes.add(code);
          continue;
        }
        const reporter = (record[cols.reporter] ?? '').trim().toUpperCase();
        const partner = cols.partner >= 0 ? (record[cols.partner] ?? '').trim().toUpperCase() : 'WLD';
        const year = Number(record[cols.year]);
        const value = Number(record[cols.exports]);
        const bad = (column: string, message: string, expected: string, found: string) =>
          ctx.reject({ file: ctx.file, line, column, message, expected, found, raw });
        if (!getCountry(reporter)) bad('reporter', 'unknown country code', 'an ISO 3166 alpha-3 code', reporter);
        else if (partner !== 'WLD' && !getCountry(partner)) bad('partner', 'unknown country code', 'an ISO 3166 alpha-3 code', partner);
        else if (!Number.isInteger(year) || year < 1950 || year > 2100) bad('year', 'not a year', 'a year', String(record[cols.year]));
        else if (!Number.isFinite(value) || value < 0) bad('export_value', 'not a value ≥ 0', 'US dollars', String(record[cols.exports]));
        else if (value > 0)
          ctx.emit({
            year,
            month: null,
            typeCode: 'C',
            reporter,
            partner,
            partnerKind: partner === 'WLD' ? 'world' : partnerKind(partner),
            flow: 'X',
            classification,
            product,
            productLevel: product.length,
            valueUsd: value,
            quantity: null,
            quantityUnit: null,
            netWeightKg: null,
          });
      }
      if (notHs > 0)
        ctx.warn(`${notHs} rows whose product is not an HS code were left out (${[...notHsCodes].join(', ')}${notHs > notHsCodes.size ? ', …' : ''}: services or unspecified)`);
    },
  };
}

/** The Growth Lab's Atlas country × product (× partner) CSV: recognised by its country, product, year and export value columns. */
export const atlasFormat: FormatEntry = {
  id: ATLAS_FORMAT,
  aliases: ['atlas', 'atlas-csv'],
  layout: 'a Growth Lab Atlas header (location_code,…,hs_product_code,…,export_value)',
  sniff: (head: FileHead) => !head.json && isAtlasHeader(head.columns),
  open: (head) => atlasReader(head.delimiter ?? ','),
};
