/**
 * Comtrade API JSON: the envelope `{elapsedTime, count, data: [...], error}` (FORMATS.md C), or a
 * bare array of the same camelCase records. `count == 100000` is the API's row cap: the answer is
 * truncated, which the import says (it still loads what it got).
 */
import { LanternError } from '../errors.ts';
import { EBOPS2002_WARNING, fold, type Getter, normaliseComtrade } from './comtrade-record.ts';
import { readJsonFile } from './json-file.ts';
import type { FileHead, FormatEntry, ReadContext, RowReader } from './types.ts';

/** The Comtrade API's cap on rows per answer. */
export const COMTRADE_ROW_CAP = 100_000;

export interface ComtradeEnvelope {
  elapsedTime?: string;
  count?: number;
  data?: Record<string, unknown>[];
  error?: string;
}

/** Checks an API answer; returns its records. Throws 'bad-file' when it is an error or not data. */
export function envelopeRecords(
  doc: unknown,
  file: string,
): { records: Record<string, unknown>[]; truncated: boolean } {
  if (Array.isArray(doc))
    return { records: doc as Record<string, unknown>[], truncated: doc.length >= COMTRADE_ROW_CAP };
  const env = doc as ComtradeEnvelope;
  if (!env || typeof env !== 'object' || !Array.isArray(env.data)) {
    const err =
      env && typeof env === 'object'
        ? ((env as Record<string, unknown>).error ?? (env as Record<string, unknown>).message)
        : undefined;
    throw new LanternError('bad-file', `${file} is not a Comtrade data answer.`, [
      {
        file,
        message: err ? `the API answered with an error: ${String(err)}` : 'no "data" array',
        expected: '{"count": N, "data": [...]}',
        found: JSON.stringify(doc).slice(0, 120),
        hint: err ? 'check the query and your subscription key' : 'pass --format if this is another format',
      },
    ]);
  }
  if (env.error) {
    throw new LanternError('bad-file', `${file}: the Comtrade API reported an error.`, [
      {
        file,
        message: env.error,
        expected: 'an empty "error"',
        found: env.error,
        hint: 'check the query and your subscription key',
      },
    ]);
  }
  const first = env.data[0];
  if (first && 'fileUrl' in first) {
    throw new LanternError('bad-file', `${file} is a bulk-file listing, not trade data.`, [
      {
        file,
        message: 'records have fileUrl',
        expected: 'trade records',
        found: 'a bulk-file listing',
        hint: 'download the listed files and import those',
      },
    ]);
  }
  return { records: env.data, truncated: (env.count ?? env.data.length) >= COMTRADE_ROW_CAP };
}

/** Normalises API records (shared by the file reader and `lantern fetch comtrade`). */
export function readComtradeRecords(records: Record<string, unknown>[], ctx: ReadContext): void {
  let assumed = false;
  let ebops2002 = false;
  records.forEach((rec, i) => {
    const folded = new Map(Object.entries(rec).map(([k, v]) => [fold(k), v]));
    const get: Getter = (k) => folded.get(k);
    const { row, problems } = normaliseComtrade(get, {
      file: ctx.file,
      // JSON has no useful line numbers: report the record's position (1-based) instead.
      line: i + 1,
      hsEdition: ctx.options.hsEdition,
      assumed: (what) => {
        if (!assumed) ctx.warn(`assumed the ${what}`);
        assumed = true;
      },
    });
    if (row?.classification === 'EBOPS2002' && !ebops2002) {
      ebops2002 = true;
      ctx.warn(EBOPS2002_WARNING);
    }
    if (row) ctx.emit(row);
    else for (const p of problems) ctx.reject({ ...p, raw: JSON.stringify(rec) });
  });
}

export const comtradeJsonReader: RowReader = {
  kind: 'rows',
  format: 'comtrade-api-json',
  source: 'comtrade',
  perspective: 'reported',
  async read(ctx) {
    const doc = await readJsonFile(ctx.path, ctx.file, ctx.onBytes, ctx.options.encoding, ctx.options.unpackLimits);
    const { records, truncated } = envelopeRecords(doc, ctx.file);
    if (truncated) {
      ctx.warn(
        `the answer holds ${COMTRADE_ROW_CAP.toLocaleString('en-US')} rows, the API's cap: it is probably truncated — split the query (by year, reporter or product)`,
      );
      ctx.record('truncated', 'true');
    }
    readComtradeRecords(records, ctx);
  },
};

/** Comtrade's API JSON (`{ data: [...] }` or its rows): recognised by its envelope or its reporterCode / primaryValue / cmdCode keys. */
export const comtradeJsonFormat: FormatEntry = {
  id: 'comtrade-api-json',
  aliases: ['comtrade-json', 'comtrade-api-json'],
  layout: 'Comtrade API JSON ({"data":[…]})',
  sniff: (head: FileHead) =>
    head.json && (/"(data|count|elapsedTime)"\s*:/.test(head.text) || /"(reporterCode|primaryValue|cmdCode)"/.test(head.text)),
  open: () => comtradeJsonReader,
};
