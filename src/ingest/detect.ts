/**
 * Format detection from the file name and its first bytes: gzip and zip by magic bytes, JSON by its
 * first character and keys, delimited text by its header columns.
 */
import { basename } from 'node:path';
import { LanternError } from '../errors.ts';
import { assertReadableText, fold, formatAliases, type FormatId, isAtlasHeader, isKaggleHeader, isUtf8, peek } from '../sources/index.ts';

export interface Detected {
  format: FormatId;
  gzip: boolean;
  zip: boolean;
  delimiter?: string;
}

function firstLine(text: string): string {
  const i = text.search(/\r?\n/);
  return (i < 0 ? text : text.slice(0, i)).replace(/^\uFEFF/, '');
}

function splitHeader(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, ''));
}

/** Detects the format of a file; `hint` (from --format) wins when given. */
export async function detectFormat(path: string, hint?: string): Promise<Detected> {
  const file = basename(path);
  const { head, gzip, zip } = await peek(path);
  let wanted: FormatId | 'baci' | undefined;
  if (hint !== undefined) {
    wanted = formatAliases[hint.toLowerCase()];
    if (!wanted) {
      throw new LanternError('unknown-format', `Unknown format "${hint}".`, [
        {
          field: '--format',
          message: 'unknown input format',
          expected: Object.keys(formatAliases).join(' | '),
          found: hint,
          hint: 'leave --format out to detect the format, or use one of the names listed',
        },
      ]);
    }
  }
  if (zip) {
    if (wanted && wanted !== 'baci' && wanted !== 'baci-zip') {
      throw new LanternError(
        'unknown-format',
        `${file} is a zip archive; only BACI release zips are read as zips.`,
        [
          {
            file,
            message: 'zip archive',
            expected: wanted,
            found: 'zip',
            hint: 'unzip it and import the files inside',
          },
        ],
      );
    }
    return { format: 'baci-zip', gzip, zip };
  }
  // Empty, UTF-16 and binary files are refused here, in words, for every format.
  if (!(gzip && head.length === 0)) assertReadableText(head, file);
  const text = (isUtf8(head) ? head.toString('utf8') : head.toString('latin1')).trimStart();
  if (wanted === 'baci') wanted = 'baci-csv';
  if (wanted) {
    const line = firstLine(text);
    return {
      format: wanted,
      gzip,
      zip,
      delimiter: line.includes('\t') ? '\t' : line.includes(';') && !line.includes(',') ? ';' : ',',
    };
  }
  if (text.startsWith('{') || text.startsWith('[')) {
    if (
      /"(reporter_iso|trade_value_usd_exp|trade_value_usd_imp)"/.test(text) &&
      !/"reporterCode"/.test(text)
    ) {
      return { format: 'ots-json', gzip, zip };
    }
    if (/"(data|count|elapsedTime)"\s*:/.test(text) || /"(reporterCode|primaryValue|cmdCode)"/.test(text)) {
      return { format: 'comtrade-api-json', gzip, zip };
    }
    if (text === '[]' || /^\[\s*\]$/.test(text)) return { format: 'ots-json', gzip, zip };
  } else if (text.length) {
    const line = firstLine(text);
    const delimiter = line.includes('\t') ? '\t' : line.includes(';') && !line.includes(',') ? ';' : ',';
    const cols = new Set(splitHeader(line, delimiter).map(fold));
    if (['t', 'i', 'j', 'k', 'v'].every((c) => cols.has(c)))
      return { format: 'baci-csv', gzip, zip, delimiter };
    if (isKaggleHeader(cols)) return { format: 'kaggle-commodity-csv', gzip, zip, delimiter };
    if (isAtlasHeader(cols)) return { format: 'atlas-csv', gzip, zip, delimiter };
    if (cols.has('tradeflowcode') || cols.has('tradevalueus') || cols.has('commoditycode')) {
      return { format: 'comtrade-legacy-csv', gzip, zip, delimiter };
    }
    const comtradeish = [
      'primaryvalue',
      'cmdcode',
      'reportercode',
      'reporteriso',
      'flowcode',
      'refyear',
      'refperiodid',
    ];
    if (comtradeish.some((c) => cols.has(c))) {
      // Bulk files carry codes only: no ISO or description columns (and the tab-separated ones).
      const bulk =
        cols.has('datasetcode') ||
        (delimiter === '\t' && !cols.has('reporteriso') && !cols.has('reporterdesc'));
      return { format: bulk ? 'comtrade-bulk' : 'comtrade-plus-csv', gzip, zip, delimiter };
    }
  }
  const shown = firstLine(text).slice(0, 120);
  throw new LanternError('unknown-format', `Cannot tell the format of ${file}.`, [
    {
      file,
      line: 1,
      message: 'the first line matches no known layout',
      expected:
        'a BACI header (t,i,j,k,v,q), a Comtrade header (…cmdCode…primaryValue), a legacy Comtrade header, the Kaggle commodity-statistics header (country_or_area,…,trade_usd), Comtrade API JSON or OTS JSON',
      found: shown || '(empty file)',
      hint: 'pass --format baci | comtrade-csv | comtrade-json | comtrade-bulk | comtrade-legacy | ots | kaggle',
    },
  ]);
}
