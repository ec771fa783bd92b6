/**
 * Comtrade delimited files: the Plus CSV (web download and API `format=csv`, camelCase headers, or
 * comtradr's snake_case), the bulk files (tab-separated `.txt.gz`, codes only, booleans 0/1; also
 * their CSV rendering with `dataset_code`), and the legacy CSV (22 and 35 columns). One streaming
 * reader; the layouts differ only in their column names, which are folded (comtrade-record.ts).
 *
 * Invariants: the header is checked before any row is read (csv-in.ts: a missing column is one error
 * naming all the missing ones); every later problem carries its line number; a file that is not UTF-8 is
 * refused at its line unless its encoding is named (`--encoding latin1`).
 */
import { CsvStream, fieldCountProblem, type HeaderSpec } from '../csv-in.ts';
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

/** The header as the reader reads it: the groups by what they are, every column by its folded name (legacy names aliased). */
function comtradeHeader(legacy: boolean): HeaderSpec<string> {
  return {
    columns: Object.fromEntries(REQUIRED.map((g) => [g.what, g.any])),
    required: REQUIRED.map((g) => g.what),
    fold: legacy ? (h) => legacyAliases[fold(h)] ?? fold(h) : fold,
    expected: (what) => REQUIRED.find((g) => g.what === what)?.names ?? what,
    hint: 'is this a Comtrade file? pass --format to name the format, or export it again with all columns',
  };
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
      const csv = new CsvStream(stream, ctx.file, { delimiter: layout.delimiter });
      const keys = (await csv.header(comtradeHeader(layout.legacy))).folded;
      const index = new Map(keys.map((k, i) => [k, i]));
      const width = keys.filter((k) => k !== '').length;
      let assumed = false;
      let ebops2002 = false;
      for await (const batch of csv.batches()) {
        for (const { line, fields: record } of batch) {
          const extra = record.slice(keys.length).some((v) => v !== '');
          if (record.length < width || extra) {
            ctx.reject({
              ...fieldCountProblem(ctx.file, line, record.length, keys.length, 'the file may be cut short or have an unquoted delimiter in a description'),
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
  layout: 'a legacy Comtrade header (…Trade Flow Code…Commodity Code…Trade Value (US$))',
  sniff: (head) => !head.json && ['tradeflowcode', 'tradevalueus', 'commoditycode'].some((c) => head.columns.has(c)),
  open: (head) => comtradeDelimitedReader({ format: 'comtrade-legacy-csv', delimiter: head.delimiter ?? ',', legacy: true }),
};

/** Comtrade's bulk files (codes only, often tab-separated). */
export const comtradeBulkFormat: FormatEntry = {
  id: 'comtrade-bulk',
  aliases: ['comtrade-bulk'],
  layout: 'a Comtrade bulk-file header (…cmdCode…primaryValue, codes only)',
  sniff: (head) => comtradeish(head) && bulk(head),
  open: (head) => comtradeDelimitedReader({ format: 'comtrade-bulk', delimiter: head.delimiter ?? '\t', legacy: false }),
};

/** Comtrade Plus CSV exports (with ISO codes and descriptions). */
export const comtradePlusFormat: FormatEntry = {
  id: 'comtrade-plus-csv',
  aliases: ['comtrade', 'comtrade-csv', 'comtrade-plus-csv'],
  layout: 'a Comtrade header (…cmdCode…primaryValue)',
  sniff: (head) => comtradeish(head) && !bulk(head),
  open: (head) => comtradeDelimitedReader({ format: 'comtrade-plus-csv', delimiter: head.delimiter ?? ',', legacy: false }),
};
