/**
 * A small, fast CSV reader (RFC 4180: quoted fields, doubled quotes, CR/LF, newlines inside
 * quotes) for the reference tables, which run to hundreds of thousands of rows: several times
 * faster than a general parser with per-record info, and it keeps each record's line number for
 * error messages.
 */
import { LanternError } from '../errors.ts';

export interface CsvRecords {
  header: string[];
  /** Records after the header, each with the line it starts on (1-based; the header is line 1). */
  rows: { line: number; fields: string[] }[];
}

/**
 * Kept whole: a CSV state machine (quoted fields, line ends) in one loop.
 */
export function readCsv(text: string, file: string): CsvRecords {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  let recordLine = 1;
  const n = s.length;
  let atFieldStart = true;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (atFieldStart && c === 34 /* " */) {
      // quoted field
      i++;
      let start = i;
      let value = '';
      for (;;) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          throw new LanternError('bad-file', `${file}: a quoted field is not closed.`, [
            {
              file,
              line: recordLine,
              message: 'unterminated quoted field',
              hint: 'a field that starts with " must end with "',
            },
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
      field = value;
      atFieldStart = false;
      continue;
    }
    if (c === 44 /* , */) {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === 10 || c === 13) {
      fields.push(field);
      if (!(fields.length === 1 && fields[0] === '')) out.push({ line: recordLine, fields });
      fields = [];
      field = '';
      atFieldStart = true;
      if (c === 13 && s.charCodeAt(i + 1) === 10) i++;
      i++;
      line++;
      recordLine = line;
      continue;
    }
    // unquoted run up to the next delimiter
    let j = i;
    while (j < n) {
      const d = s.charCodeAt(j);
      if (d === 44 || d === 10 || d === 13) break;
      j++;
    }
    field += s.slice(i, j);
    atFieldStart = false;
    i = j;
  }
  if (!atFieldStart || field !== '' || fields.length > 0) {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) out.push({ line: recordLine, fields });
  }
  const head = out.shift();
  return { header: (head?.fields ?? []).map((h) => h.trim()), rows: out };
}

/** Records as objects keyed by header name (missing cells are undefined). */
export function csvObjects(
  text: string,
  file: string,
): { record: Record<string, string>; info: { lines: number } }[] {
  const { header, rows } = readCsv(text, file);
  return rows.map(({ line, fields }) => {
    const record: Record<string, string> = {};
    for (let k = 0; k < header.length; k++) {
      const v = fields[k];
      if (v !== undefined) record[header[k] as string] = v;
    }
    return { record, info: { lines: line } };
  });
}

/**
 * The column lookup of a user's CSV header (names compared in lower case), after checking that every
 * required column is there: else one 'csv-missing-column' error naming each missing column, with
 * the header expected and a hint.
 *
 * @example
 *   const col = requireColumns(header, ['country', 'year'], 'pop.csv', { expected: 'country,year,population', hint: '…' });
 *   const year = row[col('year')];
 */
export function requireColumns(
  header: readonly string[],
  required: readonly string[],
  file: string,
  o: { expected: string; hint: string; line?: number },
): (name: string) => number {
  const names = header.map((h) => h.trim().toLowerCase());
  const col = (name: string) => names.indexOf(name);
  const missing = required.filter((c) => col(c) < 0);
  if (missing.length > 0) {
    throw new LanternError(
      'csv-missing-column',
      `${file} lacks the column(s) ${missing.join(', ')}.`,
      missing.map((c) => ({
        file,
        line: o.line ?? 1,
        column: c,
        message: 'missing column',
        expected: o.expected,
        found: names.join(','),
        hint: o.hint,
      })),
    );
  }
  return col;
}
