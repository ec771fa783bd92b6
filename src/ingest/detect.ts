/**
 * Format detection: a loop over the format registry (sources/formats.ts) on the file's first
 * bytes (gzip and zip by their magic bytes, the text's start, the first line's columns). A
 * `--format` name wins when given; it must name a format that can read the file (a zip is only
 * ever a BACI release).
 */
import { basename } from 'node:path';
import { LanternError } from '../errors.ts';
import {
  assertReadableText,
  type FileHead,
  type FormatEntry,
  type FormatId,
  fileHead,
  firstLineOf,
  formatNames,
  formats,
  formatsNamed,
  peek,
} from '../sources/index.ts';

export interface Detected {
  format: FormatId;
  gzip: boolean;
  zip: boolean;
  delimiter?: string;
}

/** The formats `hint` names, or a clear refusal listing the names known. */
function named(hint: string): FormatEntry[] {
  const found = formatsNamed(hint);
  if (found.length) return found;
  throw new LanternError('unknown-format', `Unknown format "${hint}".`, [
    {
      field: '--format',
      message: 'unknown input format',
      expected: formatNames.join(' | '),
      found: hint,
      hint: 'leave --format out to detect the format, or use one of the names listed',
    },
  ]);
}

/** A format asked for by name: the zip entry for a zip, else the first the name stands for. */
function asked(wanted: FormatEntry[], head: FileHead, file: string): Detected {
  const { gzip, zip, delimiter } = head;
  if (zip) {
    const zipped = wanted.find((f) => f.zip);
    if (!zipped) {
      throw new LanternError('unknown-format', `${file} is a zip archive; only BACI release zips are read as zips.`, [
        { file, message: 'zip archive', expected: wanted[0]!.id, found: 'zip', hint: 'unzip it and import the files inside' },
      ]);
    }
    return { format: zipped.id, gzip, zip };
  }
  const plain = wanted.find((f) => !f.zip) ?? wanted[0]!;
  return { format: plain.id, gzip, zip, delimiter };
}

/** Detects the format of a file; `hint` (from --format) wins when given. */
export async function detectFormat(path: string, hint?: string): Promise<Detected> {
  const file = basename(path);
  const { head: bytes, gzip, zip } = await peek(path);
  const wanted = hint === undefined ? undefined : named(hint);
  // Empty, UTF-16 and binary files are refused here, in words, for every format.
  if (!zip && !(gzip && bytes.length === 0)) assertReadableText(bytes, file);
  const head = fileHead(bytes, gzip, zip);
  if (wanted) return asked(wanted, head, file);
  const found = formats.find((f) => f.sniff(head));
  if (found) return { format: found.id, gzip, zip, ...(head.json || zip ? {} : { delimiter: head.delimiter }) };
  const other = otherLanternFile(head);
  throw new LanternError('unknown-format', `Cannot tell the format of ${file}${other ? `: it looks like ${other.what}, not trade data` : ''}.`, [
    {
      file,
      line: 1,
      message: 'the first line matches no known layout',
      expected: layoutsRead(),
      found: firstLineOf(head).slice(0, 120) || '(empty file)',
      hint: other
        ? `${other.command}`
        : `pass --format ${[...new Set(formats.filter((f) => !f.zip).map((f) => f.aliases[0]))].join(' | ')}`,
    },
  ]);
}

/** The layouts detection recognises, from the registry (a zip is always a BACI release). */
function layoutsRead(): string {
  const list = formats.filter((f) => !f.zip).map((f) => f.layout);
  return `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;
}

/**
 * Files Lantern reads with another command, recognised by their columns so `import` can say which:
 * official figures (`lantern official load`), population figures (`lantern population load`),
 * Export Potential Map figures (`lantern epm compare`).
 */
function otherLanternFile(head: FileHead): { what: string; command: string } | null {
  if (head.json) return null;
  const has = (...cols: string[]) => cols.every((c) => head.columns.has(c));
  if (has('scope', 'indicator', 'value', 'unit'))
    return { what: 'official published figures', command: 'load official figures with `lantern official load FILE --country ISO3` (see `lantern official --help`)' };
  if (has('country', 'year', 'population'))
    return { what: 'population figures', command: 'load them with `lantern population load FILE --source "…"`' };
  if (has('exporter', 'product', 'market', 'epmpotential'))
    return { what: 'Export Potential Map figures', command: 'compare them with `lantern epm compare FILE`' };
  return null;
}
