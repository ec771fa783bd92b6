/**
 * The format registry: every format Lantern reads, each declared by its reader's module (id, the
 * names `--format` accepts, a sniff of the first bytes, the reader). Detection (ingest/detect.ts)
 * tries the entries in this order and takes the first that recognises the file; the import opens
 * the entry's reader. Adding a format is one entry in its reader's file plus one line here.
 *
 * The order matters where layouts overlap: a zip is only ever BACI; OTS JSON before Comtrade JSON
 * (an OTS answer has no reporterCode); a BACI header before the others (its one-letter columns);
 * Kaggle and Atlas before Comtrade's, whose "any one of these columns" test is the loosest; the
 * legacy site's columns before the current ones; bulk before Plus (bulk is the narrower test).
 */
import { atlasFormat } from './atlas.ts';
import { baciCsvFormat, baciZipFormat } from './baci.ts';
import { comtradeBulkFormat, comtradeLegacyFormat, comtradePlusFormat } from './comtrade-csv.ts';
import { comtradeJsonFormat } from './comtrade-json.ts';
import { fold } from './comtrade-record.ts';
import { isUtf8 } from './input.ts';
import { kaggleFormat } from './kaggle.ts';
import { otsFormat } from './ots.ts';
import { type FileHead, type FormatEntry, type FormatId, formatIds } from './types.ts';

/** Every format, in the order detection tries them. */
export const formats: readonly FormatEntry[] = [
  baciZipFormat,
  otsFormat,
  comtradeJsonFormat,
  baciCsvFormat,
  kaggleFormat,
  atlasFormat,
  comtradeLegacyFormat,
  comtradeBulkFormat,
  comtradePlusFormat,
];

/** The entry of a format id. */
export function formatEntry(id: FormatId): FormatEntry {
  const entry = formats.find((f) => f.id === id);
  if (!entry) throw new Error(`format ${id} has no registry entry`);
  return entry;
}

/** Every name `--format` accepts, format by format (in `formatIds` order), each once. */
export const formatNames: readonly string[] = [...new Set(formatIds.flatMap((id) => formatEntry(id).aliases))];

/** The formats a `--format` name stands for (`baci`: the CSV and the zip), in `formatIds` order; empty when none. */
export function formatsNamed(name: string): FormatEntry[] {
  const n = name.toLowerCase();
  return formatIds.map(formatEntry).filter((f) => f.aliases.includes(n));
}

function firstLine(text: string): string {
  const i = text.search(/\r?\n/);
  return (i < 0 ? text : text.slice(0, i)).replace(/^\uFEFF/, '');
}

/** Tab, else semicolon when the line has no comma, else comma. */
function delimiterOf(line: string): string {
  return line.includes('\t') ? '\t' : line.includes(';') && !line.includes(',') ? ';' : ',';
}

/** What detection sees of a file: its first bytes (`peek`) decoded, the first line's delimiter and folded columns. */
export function fileHead(head: Buffer, gzip: boolean, zip: boolean): FileHead {
  const text = (isUtf8(head) ? head.toString('utf8') : head.toString('latin1')).trimStart();
  const json = text.startsWith('{') || text.startsWith('[');
  const line = firstLine(text);
  const delimiter = delimiterOf(line);
  const columns = json || zip ? new Set<string>() : new Set(line.split(delimiter).map((c) => fold(c.trim().replace(/^"|"$/g, ''))));
  return { zip, gzip, text, json, delimiter, columns };
}

/** The first line of the file's text, as an error message shows it. */
export function firstLineOf(head: FileHead): string {
  return firstLine(head.text);
}
