/**
 * Spreadsheet workbooks — legacy Excel .xls (BIFF5/BIFF8 in an OLE2 container) and .xlsx (Office
 * Open XML) — read as rows of cell texts, and the UNSD correlation workbooks converted to the UNSD
 * CSV layout that `parseReferenceFile` reads ("HS 2022","HS 2017",Relationship[,ex_flag]).
 *
 * The cells are read with SheetJS Community Edition 0.20.3, installed as `@e965/xlsx` (a verbatim
 * npm republication of the SheetJS release: the npm package `xlsx` stopped at 0.18.5, which has two
 * published advisories — prototype pollution CVE-2023-30533, fixed in 0.19.3, and ReDoS
 * CVE-2024-22363, fixed in 0.20.2). It is the one maintained JavaScript library that reads BIFF;
 * exceljs and read-excel-file read .xlsx only. It has no dependencies and is loaded lazily (about a
 * megabyte of code), only when a workbook is read.
 *
 * Invariants: only files that start with a zip or OLE2 signature are handed to the library (SheetJS
 * would otherwise guess a format for any bytes, HTML and CSV included); no formula is evaluated
 * (cached values are read); every cell comes back as text, numbers without formatting, so a code
 * that Excel stored as the number 10121 reads "10121" and is zero-padded later by `cleanCode`.
 */
import { createRequire } from 'node:module';
import { LanternError } from '../errors.ts';
import { sha256 } from './data-files.ts';
import type { ReferenceFile } from './hs-load.ts';

type SheetJs = typeof import('@e965/xlsx');

let sheetJs: SheetJs | undefined;
/** The library, loaded on first use (synchronously, so folder reading stays synchronous). */
function xlsx(): SheetJs {
  sheetJs ??= createRequire(import.meta.url)('@e965/xlsx') as SheetJs;
  return sheetJs;
}

export interface Sheet {
  name: string;
  /** Rows of cell texts, row i being the sheet's row i + 1; missing cells are ''. */
  rows: string[][];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** 'xlsx' or 'xls' from the first bytes, or null when the bytes are neither. */
export function workbookKind(buf: Buffer): 'xlsx' | 'xls' | null {
  if (buf.subarray(0, 4).equals(ZIP)) return 'xlsx';
  if (buf.subarray(0, 8).equals(OLE2)) return 'xls';
  return null;
}

/** True for a name ending in .xls or .xlsx. */
export function isWorkbookName(name: string): boolean {
  return /\.xlsx?$/i.test(name);
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/**
 * Reads every worksheet of an .xls or .xlsx workbook as rows of cell texts.
 *
 * @example
 *   const sheets = readWorkbook(readFileSync('HS 2012 to HS 2007 Correlation and conversion tables.xls'), 'HS….xls');
 */
export function readWorkbook(buf: Buffer, file: string): Sheet[] {
  const kind = workbookKind(buf);
  if (!kind) {
    throw new LanternError('bad-file', `${file} is not an Excel workbook.`, [
      {
        file,
        message: 'the file starts with neither the .xlsx (zip) nor the .xls (OLE2) signature',
        expected: 'an .xls or .xlsx workbook',
        found: JSON.stringify(buf.subarray(0, 16).toString('latin1')),
        hint: 'check the download (an HTML error page saved as .xls?), or save the sheet as CSV',
      },
    ]);
  }
  const X = xlsx();
  let wb: ReturnType<SheetJs['read']>;
  try {
    wb = X.read(buf, {
      type: 'buffer',
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellDates: false,
      bookVBA: false,
      dense: true,
    });
  } catch (e) {
    throw new LanternError('bad-file', `${file} cannot be read as an .${kind} workbook.`, [
      {
        file,
        message: (e as Error).message,
        hint: 'the file may be truncated or password-protected: download it again, or save it as CSV',
      },
    ]);
  }
  return wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name];
    const ref = ws?.['!ref'];
    if (!ws || !ref) return { name, rows: [] };
    // From A1, so that row i of the result is the sheet's row i + 1 (line numbers in messages).
    const range = X.utils.decode_range(ref);
    range.s.r = 0;
    range.s.c = 0;
    const rows = X.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: '', blankrows: true, range });
    return { name, rows: rows.map((r) => r.map(cellText)) };
  });
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** An edition label as UNSD prints it in a header: "HS 2012", "HS2002", "HS-96", "From HS 2022". */
const EDITION_HEADER = /^\s*(?:from|to)?\s*HS\s*-?\s*(\d{2}|\d{4})\s*$/i;
const EX_MARK = /^ex\.?$/i;
/** What a code cell holds: digits, maybe with dots or spaces ("10121", "0101.21"). */
const CODE_LIKE = /^[\d.\s]*\d[\d.\s]*$/;

/**
 * Converts a UNSD correlation workbook (.xls or .xlsx) to a `ReferenceFile` in the UNSD CSV layout.
 *
 * The layouts drift across vintages and this is what is handled: the sheet is the one whose name
 * says "correlation" (conversion sheets are not correlation tables); the header row is the first
 * with two edition labels (row 1 in the .xlsx, row 2 or row 7 under a title block in the .xls);
 * an empty indentation column is skipped; the "ex" marker column the .xls put beside the older code
 * becomes `ex_flag`; rows with no code in either code cell (notes, padding, a repeated header) are
 * skipped, any other row is kept and validated by `parseReferenceFile`. Line numbers in problems are
 * the sheet's own row numbers.
 */
export function unsdWorkbookToFile(buf: Buffer, name: string, source: string): ReferenceFile {
  const sheets = readWorkbook(buf, name);
  const sheet =
    sheets.find((s) => /correlation/i.test(s.name)) ??
    (sheets.length === 1 ? sheets[0] : sheets.find((s) => !/conversion/i.test(s.name)));
  if (!sheet) {
    throw new LanternError('bad-file', `${name} has no correlation sheet.`, [
      {
        file: name,
        message: 'no sheet whose name says "correlation"',
        found: sheets.map((s) => s.name).join(', '),
        expected: 'a sheet like "HS2022-HS2017 Correlations" or "Correlation Table"',
        hint: 'a UNSD "conversion" table is not a correlation table; save the correlation sheet as CSV',
      },
    ]);
  }
  const where = `${name} [${sheet.name}]`;
  const headerIndex = sheet.rows.findIndex((r) => r.filter((c) => EDITION_HEADER.test(c)).length >= 2);
  if (headerIndex < 0) {
    throw new LanternError('bad-file', `${where}: no header row with two "HS yyyy" labels.`, [
      {
        file: where,
        message: 'header row not found',
        expected: 'a row like "HS 2022 | HS 2017 | Relationship"',
        found: (sheet.rows.find((r) => r.some((c) => c.trim())) ?? []).join(' | ').slice(0, 120) || '(empty sheet)',
      },
    ]);
  }
  const header = sheet.rows[headerIndex] as string[];
  const body = sheet.rows.slice(headerIndex + 1);
  const editionCols = header.flatMap((c, i) => {
    const m = EDITION_HEADER.exec(c);
    return m?.[1] ? [{ i, label: `HS ${m[1]}` }] : [];
  });
  if (editionCols.length !== 2) {
    throw new LanternError('bad-file', `${where}: ${editionCols.length} edition columns in the header.`, [
      {
        file: where,
        line: headerIndex + 1,
        message: 'a correlation table has exactly two edition columns',
        found: header.join(' | '),
        expected: 'two, e.g. "HS 2012 | HS 2007"',
      },
    ]);
  }
  const [a, b] = editionCols as [{ i: number; label: string }, { i: number; label: string }];
  const rel = header.findIndex((c) => /relationship/i.test(c));
  // The "ex" column: headed "ex", or unheaded with nothing but "ex" marks in it.
  const isExColumn = (i: number) => {
    if (i === a.i || i === b.i || i === rel) return false;
    const h = (header[i] ?? '').trim();
    if (EX_MARK.test(h)) return true;
    if (h !== '') return false;
    const marks = body.map((r) => (r[i] ?? '').trim()).filter((v) => v !== '');
    return marks.length > 0 && marks.every((v) => EX_MARK.test(v));
  };
  const width = Math.max(header.length, ...body.slice(0, 200).map((r) => r.length));
  const exCols = Array.from({ length: width }, (_, i) => i).filter(isExColumn);
  // Several ex columns: the one nearest the older edition's column (the part that is "ex").
  const older = Number(a.label.slice(3)) < Number(b.label.slice(3)) ? a : b;
  const ex = exCols.sort((x, y) => Math.abs(x - older.i) - Math.abs(y - older.i))[0];

  const lines = [
    [a.label, b.label, ...(rel >= 0 ? ['Relationship'] : []), ...(ex !== undefined ? ['ex_flag'] : [])].join(','),
  ];
  const rowMap = [headerIndex + 1];
  body.forEach((row, k) => {
    const x = (row[a.i] ?? '').trim();
    const y = (row[b.i] ?? '').trim();
    // Notes, padding and repeated headers have no code in either code cell; "n/a" beside a code stays.
    if (!CODE_LIKE.test(x) && !CODE_LIKE.test(y)) return;
    const fields = [x, y];
    if (rel >= 0) fields.push((row[rel] ?? '').trim());
    if (ex !== undefined) fields.push(EX_MARK.test((row[ex] ?? '').trim()) ? 'ex' : '');
    lines.push(fields.map(csvField).join(','));
    rowMap.push(headerIndex + 2 + k);
  });
  return { name, text: lines.join('\n'), source, sheet: sheet.name, rowMap, sha256: sha256(buf) };
}
