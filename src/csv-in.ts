/**
 * The one CSV reader (the counterpart of csv-out.ts), under every folder: a small file's text, a
 * file on disk, or a stream of text (a trade file of tens of millions of rows) → records with the
 * line each starts on, and a header whose columns are found through the names the caller accepts.
 *
 * - Records: RFC 4180 (quoted fields, doubled quotes, CR/LF, newlines inside quotes), any one-
 *   character delimiter; a leading byte-order mark is dropped; empty lines are skipped; a record
 *   keeps the number of the line it starts on (1-based), for messages. A quote that is never
 *   closed is a 'bad-file' error at its line. Quotes inside an unquoted field are kept as text.
 * - Header aliases: the caller declares its columns and the names a file may give each
 *   (`{ value: ['value', 'v', 'trade_value_usd'] }`), compared after folding (trimmed, lower case
 *   unless the caller folds otherwise). Required columns that are missing are one
 *   'csv-missing-column' error naming the file, the header line, each missing column, the
 *   columns found, the ones expected and the fix.
 * - Bytes to text stay at the edge that opens the file: `readCsvFile` through `decodeDataFile`
 *   (text-encoding.ts) for small files; a trade reader hands in the text stream its source opened
 *   (sources/input.ts `openText`: gzip, UTF-8 checked or `--encoding`).
 *
 * Fast because it does one thing: a character loop with `indexOf` for quoted runs, records handed
 * out in arrays per chunk of text, so a reader of millions of rows pays one `await` per chunk.
 *
 * @example
 *   const { columns, rows } = csvTable(text, 'pop.csv', {
 *     columns: { country: ['country', 'iso3'], year: ['year'], population: ['population', 'pop'] },
 *     required: ['country', 'year', 'population'],
 *     expected: 'country,year,population',
 *     hint: 'one row per country and year',
 *   });
 *   for (const { line, fields } of rows) use(fields[columns.at.country], line);
 */
import { readFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { LanternError, type Problem } from './errors.ts';
import { decodeDataFile } from './text-encoding.ts';

/** One record: its cells, and the line it starts on (1-based; the first line of the file is 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvOptions {
  /** One character; ',' unless given. */
  delimiter?: string;
  /** Records whose first cell starts with this (e.g. '#') are comments, left out (small files only). */
  comment?: string;
}

/** The columns a caller reads, by the name it uses, and how a file that lacks one is told so. */
export interface HeaderSpec<K extends string> {
  /** Each column and the names a file may give it (compared after `fold`). */
  columns: Readonly<Record<K, readonly string[]>>;
  /** Columns a file must have; the others are -1 in `at` when absent. */
  required?: readonly K[];
  /** How header names (and the aliases) are compared; trimmed lower case unless given. */
  fold?: (name: string) => string;
  /** The header a file should have, for the message: one string, or per missing column. */
  expected?: string | ((column: K) => string);
  /** How to fix the file (or the command). */
  hint: string;
}

/** A header read through a spec: where each declared column is, and every column by its folded name. */
export interface CsvColumns<K extends string> {
  /** The header's cells, trimmed. */
  names: string[];
  /** The header's cells folded (as the spec compares them). */
  folded: string[];
  /** The line the header is on. */
  line: number;
  /** The index of each declared column, -1 when the file lacks an optional one. */
  at: Record<K, number>;
  /** The index of a column by a name (folded first), -1 when absent; the first of equal names. */
  indexOf(name: string): number;
}

const lowerTrim = (s: string) => s.trim().toLowerCase();

/** The longest record read (characters): a stream is not held in memory for an unclosed quote. */
export const MAX_RECORD_CHARS = 16 * 2 ** 20;

/**
 * The columns of a header record: each declared column at the first header cell that folds to one
 * of its names; a 'csv-missing-column' error naming every required column the header lacks.
 */
export function mapHeader<K extends string>(header: CsvRecord, file: string, spec: HeaderSpec<K>): CsvColumns<K> {
  const fold = spec.fold ?? lowerTrim;
  const names = header.fields.map((h) => h.trim());
  const folded = names.map(fold);
  const first = new Map<string, number>();
  folded.forEach((k, i) => {
    if (!first.has(k)) first.set(k, i);
  });
  const indexOf = (name: string) => first.get(fold(name)) ?? -1;
  const at = {} as Record<K, number>;
  for (const k of Object.keys(spec.columns) as K[]) {
    const hits = spec.columns[k].map(indexOf).filter((i) => i >= 0);
    at[k] = hits.length ? Math.min(...hits) : -1;
  }
  const missing = (spec.required ?? []).filter((k) => at[k] < 0);
  if (missing.length) throw missingColumns(missing, names, header.line, file, spec);
  return { names, folded, line: header.line, at, indexOf };
}

function missingColumns<K extends string>(missing: K[], names: string[], line: number, file: string, spec: HeaderSpec<K>): LanternError {
  const shown = names.filter((h) => h !== '');
  const found = shown.length ? shown.slice(0, 12).join(',') + (shown.length > 12 ? ',…' : '') : '(an empty header)';
  const expected = (k: K) =>
    typeof spec.expected === 'function' ? spec.expected(k) : (spec.expected ?? spec.columns[k].join(' or '));
  return new LanternError(
    'csv-missing-column',
    `${file} lacks the column(s) ${missing.join(', ')}.`,
    missing.map((k) => ({ file, line, column: k, message: `no ${k} column`, expected: expected(k), found, hint: spec.hint })),
  );
}

/**
 * Splits text into records, a chunk at a time: `push` returns the records the text completes and
 * keeps the unfinished one for the next chunk; `end` returns the last.
 */
export class CsvSplitter {
  private rest = '';
  private line = 1;
  private started = false;
  private readonly sep: number;

  constructor(
    private readonly file: string,
    delimiter = ',',
  ) {
    if (delimiter.length !== 1) throw new Error(`a CSV delimiter is one character, not "${delimiter}"`);
    this.sep = delimiter.charCodeAt(0);
  }

  /** A record no file Lantern reads has: most often a quote that is never closed. */
  private overlong(): LanternError {
    const size = `${MAX_RECORD_CHARS / 2 ** 20} M characters`;
    return new LanternError('bad-file', `${this.file}: the record on line ${this.line} runs past ${size}.`, [
      {
        file: this.file,
        line: this.line,
        message: `a record longer than ${size}`,
        expected: 'records of one line (or a few, inside quotes)',
        found: this.rest.slice(0, 60),
        hint: 'a quoted field is probably not closed: look for a lone " on that line',
      },
    ]);
  }

  push(text: string): CsvRecord[] {
    return this.scan(text, false);
  }

  end(): CsvRecord[] {
    return this.scan('', true);
  }

  /**
   * Kept whole: a CSV state machine (quoted fields, line ends, a record cut by the chunk's end) in
   * one loop, the hot path of every trade import.
   */
  private scan(text: string, final: boolean): CsvRecord[] {
    let s = this.rest + text;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const sep = this.sep;
    const out: CsvRecord[] = [];
    const n = s.length;
    let fields: string[] = [];
    let field = '';
    let i = 0;
    let line = this.line;
    let recordStart = 0;
    let recordLine = line;
    let atFieldStart = true;
    let cut = false; // the record runs past the end of this chunk
    while (i < n) {
      const c = s.charCodeAt(i);
      if (atFieldStart && c === 34 /* " */) {
        i++;
        let start = i;
        let value = '';
        for (;;) {
          const q = s.indexOf('"', i);
          if (q < 0 || (q + 1 === n && !final)) {
            if (!final) {
              cut = true;
              break;
            }
            throw new LanternError('bad-file', `${this.file}: a quoted field is not closed.`, [
              { file: this.file, line: recordLine, message: 'unterminated quoted field', hint: 'a field that starts with " must end with "' },
            ]);
          }
          value += s.slice(start, q);
          for (let k = i; k < q; k++) if (s.charCodeAt(k) === 10) line++;
          if (s.charCodeAt(q + 1) === 34) {
            value += '"';
            i = q + 2;
            start = i;
            continue;
          }
          i = q + 1;
          break;
        }
        if (cut) break;
        field = value;
        atFieldStart = false;
        continue;
      }
      if (c === sep) {
        fields.push(field);
        field = '';
        atFieldStart = true;
        i++;
        continue;
      }
      if (c === 10 || c === 13) {
        if (c === 13 && i + 1 === n && !final) {
          cut = true;
          break;
        }
        fields.push(field);
        if (!(fields.length === 1 && fields[0] === '')) out.push({ line: recordLine, fields });
        fields = [];
        field = '';
        atFieldStart = true;
        if (c === 13 && s.charCodeAt(i + 1) === 10) i++;
        i++;
        line++;
        recordLine = line;
        recordStart = i;
        continue;
      }
      let j = i;
      while (j < n) {
        const d = s.charCodeAt(j);
        if (d === sep || d === 10 || d === 13) break;
        j++;
      }
      field += s.slice(i, j);
      atFieldStart = false;
      i = j;
    }
    if (final) {
      if (!atFieldStart || field !== '' || fields.length > 0) {
        fields.push(field);
        if (!(fields.length === 1 && fields[0] === '')) out.push({ line: recordLine, fields });
      }
      this.rest = '';
    } else {
      // The record the chunk ends in (cut or not) waits for the next chunk.
      this.rest = s.slice(recordStart);
      this.line = recordLine;
      if (this.rest.length > MAX_RECORD_CHARS) throw this.overlong();
    }
    return out;
  }
}

/** Every record of a text (the header included). */
export function csvRecords(text: string, file: string, o: CsvOptions = {}): CsvRecord[] {
  const splitter = new CsvSplitter(file, o.delimiter);
  const records = splitter.push(text);
  for (const r of splitter.end()) records.push(r);
  const { comment } = o;
  return comment ? records.filter((r) => !(r.fields[0] ?? '').trimStart().startsWith(comment)) : records;
}

/** A text's header (trimmed) and the records after it. */
export function readCsv(text: string, file: string, o: CsvOptions = {}): { header: string[]; rows: CsvRecord[] } {
  const rows = csvRecords(text, file, o);
  const head = rows.shift();
  return { header: (head?.fields ?? []).map((h) => h.trim()), rows };
}

/**
 * A text's records as objects keyed by the header's names (trimmed; `fold` them otherwise), with
 * their line; a cell the record lacks is absent from its object; `trim` trims every cell.
 */
export function csvObjects(
  text: string,
  file: string,
  o: CsvOptions & { fold?: (name: string) => string; trim?: boolean } = {},
): { line: number; record: Record<string, string> }[] {
  const { header, rows } = readCsv(text, file, o);
  const keys = o.fold ? header.map(o.fold) : header;
  return rows.map(({ line, fields }) => {
    const record: Record<string, string> = {};
    for (let k = 0; k < keys.length; k++) {
      const v = fields[k];
      if (v !== undefined) record[keys[k] as string] = o.trim ? v.trim() : v;
    }
    return { line, record };
  });
}

/**
 * The problem of a record with another number of fields than the header's `width` (the caller
 * decides which records are wrong: some sources allow a short row or empty trailing cells).
 */
export function fieldCountProblem(file: string, line: number, found: number, width: number, hint: string): Problem & { file: string; line: number } {
  return {
    file,
    line,
    message: 'row has the wrong number of fields',
    expected: `${width} fields, as in the header`,
    found: `${found} fields`,
    hint,
  };
}

/** The refusal of a file with no header line. */
export function emptyCsvError(file: string): LanternError {
  return new LanternError('bad-file', `${file} is empty.`, [
    { file, line: 1, message: 'no header line', expected: 'a header line and rows', found: 'nothing' },
  ]);
}

/**
 * A small file's text: its header read through `spec` (missing columns refused) and the records
 * after it. A text with no line at all is refused as empty.
 */
export function csvTable<K extends string>(
  text: string,
  file: string,
  spec: HeaderSpec<K> & CsvOptions,
): { columns: CsvColumns<K>; rows: CsvRecord[] } {
  const rows = csvRecords(text, file, spec);
  const head = rows.shift();
  if (!head) throw emptyCsvError(file);
  return { columns: mapHeader(head, file, spec), rows };
}

/**
 * A small file on disk, decoded as every data file is (`decodeDataFile`: BOMs, UTF-16, UTF-8, else
 * GB18030 when it decodes cleanly into Chinese, else refused where it stops being UTF-8), then read
 * as `csvTable` does. `label` names the file in messages.
 */
export function readCsvFile<K extends string>(
  path: string,
  label: string,
  spec: HeaderSpec<K> & CsvOptions,
): { columns: CsvColumns<K>; rows: CsvRecord[] } {
  return csvTable(decodeDataFile(readFileSync(path), label).text, label, spec);
}

/**
 * A stream of text (or bytes, read as UTF-8) as CSV: `header(spec)` reads the first record through
 * the spec, then `batches()` yields the records after it, an array per chunk of text.
 *
 * @example
 *   const csv = new CsvStream(stream, file, { delimiter: '\t' });
 *   const columns = await csv.header({ columns: { value: ['primaryvalue'] }, required: ['value'], hint: '…' });
 *   for await (const batch of csv.batches()) for (const { line, fields } of batch) use(fields[columns.at.value], line);
 */
export class CsvStream {
  private readonly splitter: CsvSplitter;
  private readonly chunks: AsyncIterator<string | Buffer>;
  private readonly decoder = new StringDecoder('utf8');
  private pending: CsvRecord[] = [];
  private done = false;

  constructor(
    source: AsyncIterable<string | Buffer>,
    private readonly file: string,
    o: CsvOptions = {},
  ) {
    this.splitter = new CsvSplitter(file, o.delimiter);
    this.chunks = source[Symbol.asyncIterator]();
  }

  /** The next records (at least one), or undefined at the end of the stream. */
  private async next(): Promise<CsvRecord[] | undefined> {
    while (this.pending.length === 0 && !this.done) {
      const chunk = await this.chunks.next();
      if (chunk.done) {
        this.done = true;
        this.pending = this.splitter.push(this.decoder.end());
        for (const r of this.splitter.end()) this.pending.push(r);
      } else {
        const value = chunk.value;
        this.pending = this.splitter.push(typeof value === 'string' ? value : this.decoder.write(value));
      }
    }
    if (this.pending.length === 0) return undefined;
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** The first record read through `spec`; a stream with no record is refused as empty. */
  async header<K extends string>(spec: HeaderSpec<K>): Promise<CsvColumns<K>> {
    const first = await this.next();
    const head = first?.shift();
    if (!first || !head) throw emptyCsvError(this.file);
    this.pending = first;
    return mapHeader(head, this.file, spec);
  }

  /** The records left, an array at a time. */
  async *batches(): AsyncGenerator<CsvRecord[]> {
    for (let b = await this.next(); b; b = await this.next()) yield b;
  }
}
