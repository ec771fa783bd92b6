/**
 * Comtrade delimited files: the Plus CSV (web download and API `format=csv`, camelCase headers, or
 * comtradr's snake_case), the bulk files (tab-separated `.txt.gz`, codes only, booleans 0/1; also
 * their CSV rendering with `dataset_code`), and the legacy CSV (22 and 35 columns). One streaming
 * reader; the layouts differ only in their column names, which are folded (comtrade-record.ts).
 *
 * Invariants: the header is checked before any row is read (a missing column is one error naming all
 * the missing ones); every later problem carries its line number; a file that is not UTF-8 is
 * refused at its line unless its encoding is named (`--encoding latin1`).
 */
import { pipeline } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import { LanternError } from '../errors.ts';
import { EBOPS2002_WARNING, fold, type Getter, legacyAliases, normaliseComtrade } from './comtrade-record.ts';
import { openText } from './input.ts';
import type { FileHead, FormatEntry, FormatId, ReadContext, RowReader } from './types.ts';

/** Column groups a Comtrade file must have: one name of each group. */
const REQUIRED: { what: string; any: string[]; names: string }[] = [
  { what: 'year', any: ['refyear', 'period'], names: 'refYear or period (legacy: Year)' },
  { what: 'reporter', any: ['reportercode', 'reporteriso'], names: 'reporterCode or reporterISO' },
  { what: 'partner', any: ['partnercode', 'partneriso'], names: 'partnerCode or partnerISO' },
  {
    what: 'flow',
    any: ['flowcode', 'flowdesc', 'legacyflow'],
    names: 'flowCode or flowDesc (legacy: Trade Flow Code)',
  },
  { what: 'product', any: ['cmdcode'], names: 'cmdCode (legacy: Commodity Code)' },
  { what: 'value', any: ['primaryvalue'], names: 'primaryValue (legacy: Trade Value (US$))' },
];

export interface DelimitedLayout {
  format: FormatId;
  delimiter: string;
  legacy: boolean;
}

/** Checks a header; returns the folded keys or throws 'csv-missing-column' naming every missing one. */
export function checkComtradeHeader(header: string[], file: string, legacy: boolean): string[] {
  const keys = header.map((h) => {
    const k = fold(h);
    return legacy ? (legacyAliases[k] ?? k) : k;
  });
  const have = new Set(keys);
  const missing = REQUIRED.filter((g) => !g.any.some((k) => have.has(k)));
  if (missing.length) {
    const found =
      header
        .filter((h) => h !== '')
        .slice(0, 12)
        .join(',') + (header.length > 12 ? ',…' : '');
    throw new LanternError(
      'csv-missing-column',
      `${file}: ${missing.length} required column${missing.length > 1 ? 's are' : ' is'} missing from the header.`,
      missing.map((g) => ({
        file,
        line: 1,
        column: g.what,
        message: `no ${g.what} column`,
        expected: g.names,
        found,
        hint: 'is this a Comtrade file? pass --format to name the format, or export it again with all columns',
      })),
    );
  }
  return keys;
}

/**
 * Kept whole: a streaming reader: header, per-record normalisation, problems and progress in one
 * pass over the file.
 */
export function comtradeDelimitedReader(layout: DelimitedLayout): RowReader {
  return {
    kind: 'rows',
    format: layout.format,
    source: 'comtrade',
    perspective: 'reported',
    async read(ctx: ReadContext) {
      const { stream } = openText(ctx.path, ctx.file, {
        gzip: ctx.path.toLowerCase().endsWith('.gz') || (await isGzip(ctx.path)),
        onBytes: ctx.onBytes,
        encoding: ctx.options.encoding,
        limits: ctx.options.unpackLimits,
      });
      const parser = parse({
        delimiter: layout.delimiter,
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
        info: true,
      });
      // pipeline (not pipe): a read or gunzip error destroys the parser, so the loop below throws it.
      pipeline(stream, parser, () => {});
      let keys: string[] | undefined;
      let index = new Map<string, number>();
      let assumed = false;
      let ebops2002 = false;
      try {
        for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
          const { record, info } = item;
          if (!keys) {
            keys = checkComtradeHeader(record, ctx.file, layout.legacy);
            index = new Map(keys.map((k, i) => [k, i]));
            continue;
          }
          const line = info.lines;
          const width = keys.filter((k) => k !== '').length;
          const extra = record.slice(keys.length).some((v) => v !== '');
          if (record.length < width || extra) {
            ctx.reject({
              file: ctx.file,
              line,
              message: 'row has the wrong number of fields',
              expected: `${keys.length} fields, as in the header`,
              found: `${record.length} fields`,
              hint: 'the file may be cut short or have an unquoted delimiter in a description',
              raw: record.join(layout.delimiter),
            });
            continue;
          }
          const get: Getter = (k) => {
            const i = index.get(k);
            return i === undefined ? undefined : record[i];
          };
          const { row, problems } = normaliseComtrade(get, {
            file: ctx.file,
            line,
            hsEdition: ctx.options.hsEdition,
            assumed: (what) => {
              if (assumed) return;
              assumed = true;
              ctx.warn(`assumed the ${what}; pass --hs-edition to set it`);
              ctx.record('hs_edition', 'in force each year');
            },
          });
          if (row?.classification === 'EBOPS2002' && !ebops2002) {
            ebops2002 = true;
            ctx.warn(EBOPS2002_WARNING);
          }
          if (row) ctx.emit(row);
          else for (const p of problems) ctx.reject({ ...p, raw: record.join(layout.delimiter) });
        }
      } catch (e) {
        if (e instanceof LanternError) throw e;
        const ce = e as CsvError & { lines?: number };
        throw new LanternError('bad-file', `${ctx.file} is not valid delimited text: ${ce.message}`, [
          {
            file: ctx.file,
            line: ce.lines,
            message: ce.message,
            expected: `${layout.delimiter === '\t' ? 'tab' : 'comma'}-separated text with balanced quotes`,
            found: ce.code ?? 'a parse error',
            hint: 'check the file is complete and not hand-edited; pass --format if it was detected wrongly',
          },
        ]);
      }
      if (!keys) {
        throw new LanternError('bad-file', `${ctx.file} is empty.`, [
          {
            file: ctx.file,
            line: 1,
            message: 'no header line',
            expected: 'a header line and rows',
            found: 'nothing',
          },
        ]);
      }
    },
  };
}

async function isGzip(path: string): Promise<boolean> {
  const { peek } = await import('./input.ts');
  return (await peek(path, 4)).gzip;
}

/** Columns only Comtrade's current files have (folded); one is enough to call a file Comtrade's. */
const COMTRADE_COLUMNS = ['primaryvalue', 'cmdcode', 'reportercode', 'reporteriso', 'flowcode', 'refyear', 'refperiodid'];

const comtradeish = (head: FileHead) => !head.json && COMTRADE_COLUMNS.some((c) => head.columns.has(c));

/** Bulk files carry codes only: a datasetCode column, or tab-separated with no ISO or description columns. */
const bulk = (head: FileHead) =>
  head.columns.has('datasetcode') || (head.delimiter === '\t' && !head.columns.has('reporteriso') && !head.columns.has('reporterdesc'));

/** The legacy Comtrade site's CSV (Trade Flow Code, Commodity Code, Trade Value (US$) …). */
export const comtradeLegacyFormat: FormatEntry = {
  id: 'comtrade-legacy-csv',
  aliases: ['comtrade-legacy', 'comtrade-legacy-csv'],
  sniff: (head) => !head.json && ['tradeflowcode', 'tradevalueus', 'commoditycode'].some((c) => head.columns.has(c)),
  open: (head) => comtradeDelimitedReader({ format: 'comtrade-legacy-csv', delimiter: head.delimiter ?? ',', legacy: true }),
};

/** Comtrade's bulk files (codes only, often tab-separated). */
export const comtradeBulkFormat: FormatEntry = {
  id: 'comtrade-bulk',
  aliases: ['comtrade-bulk'],
  sniff: (head) => comtradeish(head) && bulk(head),
  open: (head) => comtradeDelimitedReader({ format: 'comtrade-bulk', delimiter: head.delimiter ?? '\t', legacy: false }),
};

/** Comtrade Plus CSV exports (with ISO codes and descriptions). */
export const comtradePlusFormat: FormatEntry = {
  id: 'comtrade-plus-csv',
  aliases: ['comtrade', 'comtrade-csv', 'comtrade-plus-csv'],
  sniff: (head) => comtradeish(head) && !bulk(head),
  open: (head) => comtradeDelimitedReader({ format: 'comtrade-plus-csv', delimiter: head.delimiter ?? ',', legacy: false }),
};
