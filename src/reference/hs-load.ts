/**
 * Loading the HS nomenclature (every edition) and the UNSD correlation tables into the store,
 * from a folder (`lantern reference load DIR`) or from downloaded files (`lantern fetch reference`).
 *
 * Files recognised (by name, anywhere up to three levels below the folder, or given directly):
 * - `hs2022_nomenclature.csv`     section,hscode,description,parent,level (HS2022, with sections)
 * - `hs_nomenclature_by_edition.csv` edition,code,level,description (all editions)
 * - `hsOLD_to_hsNEW.csv`          from_edition,from_code,to_edition,to_code,relationship[,…] (older → newer)
 * - any CSV in the UNSD layout: two columns headed with their editions ("HS 2022", "HS 2017") and
 *   optionally "Relationship" (UNSD's label, newer:older, which is flipped to older → newer)
 * - UNSD's own correlation workbooks, .xls or .xlsx (`HS2022toHS2017ConversionAndCorrelationTables.xlsx`,
 *   `HS 2012 to HS 2007 Correlation and conversion tables.xls` …, or any .xls/.xlsx given directly):
 *   the correlation sheet is converted to the UNSD CSV layout (workbook.ts)
 *
 * Invariants: every row is validated first and all problems are reported together with file and
 * line; then, in ONE transaction, the editions and edition pairs present in the files replace
 * what the store had, reference_loads records each file, and every basket is re-resolved. A
 * failure leaves the store as it was.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { csvObjects } from '../csv-in.ts';
import { LanternError, type Problem } from '../errors.ts';
import { type AppendKind, type AppendValue, insertRows, rowAppender, sql, type Store } from '../store/index.ts';
import { materialiseAllBaskets } from './baskets.ts';
import { sha256 } from './data-files.ts';
import { compareEditions, type HsEdition, normaliseEdition } from './hs.ts';
import { isWorkbookName, unsdWorkbookToFile, workbookKind } from './workbook.ts';

export interface ProductRow {
  edition: HsEdition;
  code: string;
  level: number;
  parent: string | null;
  description: string | null;
  section: string | null;
}

export interface CorrelationRow {
  fromEdition: HsEdition;
  fromCode: string;
  toEdition: HsEdition;
  toCode: string | null;
  relationship: string | null;
  relationshipPublished: string | null;
  exFlag: boolean | null;
}

export interface ReferenceFile {
  /** Base name (or a relative path) for messages and provenance; never a machine path in output. */
  name: string;
  text: string;
  /** Where it came from: a URL, or 'folder'. */
  source: string;
  /** For a workbook: the sheet the text was converted from (named in problems). */
  sheet?: string;
  /** For a workbook: the sheet row of each line of `text` (index 0 = line 1), for problems. */
  rowMap?: number[];
  /** sha256 of the original bytes when `text` was converted from them (else of `text`). */
  sha256?: string;
}

export type ParsedFile =
  | { kind: 'nomenclature'; file: ReferenceFile; rows: ProductRow[] }
  | { kind: 'correlation'; file: ReferenceFile; rows: CorrelationRow[] };

const HS_CODE = /^\d{2}(\d{2}([\dA-Z]{2})?)?$/;

function records(file: ReferenceFile): { line: number; record: Record<string, string> }[] {
  return csvObjects(file.text, file.name);
}

function headerOf(text: string): string[] {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return first.split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
}

const SIX = /^\d{6}$/;

/** Zero-pads a code that a spreadsheet turned into a number (10121 → 010121); strips dots. */
export function cleanCode(raw: string, width = 6): string {
  if (SIX.test(raw)) return raw; // the common case, first
  const s = raw.trim().replace(/[.\s]/g, '');
  return /^\d+$/.test(s) && s.length < width && s.length % 2 === 1 ? s.padStart(s.length + 1, '0') : s;
}

/** Flips a relationship label between orientations ('1:n' ↔ 'n:1'). */
export function flipRelationship(label: string): string {
  const m = /^\s*'?\s*(1|n|m)\s*(?::|to)\s*(1|n|m)\s*$/i.exec(label);
  if (!m) return label.trim();
  const norm = (x: string) => (x === '1' ? '1' : 'n');
  return `${norm((m[2] ?? '').toLowerCase())}:${norm((m[1] ?? '').toLowerCase())}`;
}

/** Cleans a UNSD label ("'1:1", "n to n") without changing its orientation. */
export function cleanRelationship(label: string): string {
  return flipRelationship(flipRelationship(label));
}

/** Memoised: the same few edition names and labels repeat on every row of a table. */
function memo<T>(fn: (s: string) => T): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined && !cache.has(s)) {
      v = fn(s);
      cache.set(s, v);
    }
    return v as T;
  };
}
const editionOf = memo(normaliseEdition);
const cleanLabel = memo(cleanRelationship);

/**
 * Detects a file's layout from its header and parses it; problems are collected, not thrown.
 *
 * Kept whole: detects the layout and parses every row in one pass; each layout is one branch.
 */
export function parseReferenceFile(file: ReferenceFile): { parsed: ParsedFile | null; problems: Problem[] } {
  const header = headerOf(file.text);
  const lower = header.map((h) => h.toLowerCase());
  const problems: Problem[] = [];
  const where = file.sheet ? `${file.name} [${file.sheet}]` : file.name;
  const problem = (line: number, column: string, message: string, found?: string, expected?: string) =>
    problems.push({ file: where, line: file.rowMap?.[line - 1] ?? line, column, message, found, expected });

  if (lower.includes('hscode') && lower.includes('level')) {
    // HS2022 nomenclature (datasets/harmonized-system layout)
    const rows: ProductRow[] = [];
    for (const { record, line } of records(file)) {
      const code = (record.hscode ?? '').trim();
      const level = Number(record.level);
      if (code === 'TOTAL') continue; // the root row of the hierarchy, not a product
      if (!HS_CODE.test(code)) problem(line, 'hscode', 'not an HS code', code, '2, 4 or 6 digits');
      else if (level !== code.length)
        problem(
          line,
          'level',
          'level does not match the code length',
          record.level,
          String(code.length),
        );
      else
        rows.push({
          edition: 'HS2022',
          code,
          level,
          parent: record.parent?.trim() || null,
          description: record.description ?? null,
          section: record.section?.trim() || null,
        });
    }
    return { parsed: { kind: 'nomenclature', file, rows }, problems };
  }
  if (lower.includes('edition') && lower.includes('code') && lower.includes('level')) {
    const rows: ProductRow[] = [];
    for (const { record, line } of records(file)) {
      const edition = editionOf(record.edition ?? '');
      const code = (record.code ?? '').trim();
      const level = Number(record.level);
      if (code === 'TOTAL') continue;
      if (!edition) problem(line, 'edition', 'unknown HS edition', record.edition, 'HS1992 … HS2022');
      else if (!HS_CODE.test(code)) problem(line, 'code', 'not an HS code', code, '2, 4 or 6 digits');
      else if (level !== code.length)
        problem(
          line,
          'level',
          'level does not match the code length',
          record.level,
          String(code.length),
        );
      else {
        const parent = level === 2 ? 'TOTAL' : code.slice(0, level - 2);
        rows.push({ edition, code, level, parent, description: record.description ?? null, section: null });
      }
    }
    return { parsed: { kind: 'nomenclature', file, rows }, problems };
  }
  if (['from_edition', 'from_code', 'to_edition', 'to_code'].every((c) => lower.includes(c))) {
    const rows: CorrelationRow[] = [];
    for (const { record, line } of records(file)) {
      const fromEdition = editionOf(record.from_edition ?? '');
      const toEdition = editionOf(record.to_edition ?? '');
      const fromCode = cleanCode(record.from_code ?? '');
      const toRaw = cleanCode(record.to_code ?? '');
      const rel = (record.relationship ?? '').trim();
      if (!fromEdition)
        problem(line, 'from_edition', 'unknown HS edition', record.from_edition, 'HS1992 … HS2022');
      else if (!toEdition)
        problem(line, 'to_edition', 'unknown HS edition', record.to_edition, 'HS1992 … HS2022');
      else if (compareEditions(fromEdition, toEdition) >= 0)
        problem(
          line,
          'to_edition',
          'a correlation table runs from the older edition to the newer one',
          `${fromEdition} → ${toEdition}`,
          'older → newer (conversion tables, newer → older, are not correlation tables)',
        );
      else if (!/^\d{6}$/.test(fromCode))
        problem(line, 'from_code', 'not a 6-digit HS code', record.from_code, '6 digits');
      else if (toRaw !== '' && !/^\d{6}$/.test(toRaw))
        problem(line, 'to_code', 'not a 6-digit HS code', record.to_code, '6 digits, or empty for n/a');
      else
        rows.push({
          fromEdition,
          fromCode,
          toEdition,
          toCode: toRaw === '' ? null : toRaw,
          relationship: rel ? cleanLabel(rel) : null,
          relationshipPublished: record.relationship_published?.trim() || null,
          exFlag: record.ex_flag === undefined ? null : record.ex_flag.trim().toLowerCase() === 'ex',
        });
    }
    return { parsed: { kind: 'correlation', file, rows }, problems };
  }
  // UNSD layout: two columns headed by their editions, e.g. "HS 2022","HS 2017","Relationship".
  const editionCols = header
    .map((h, i) => ({
      h,
      i,
      edition: /^\s*HS\s*-?\s*(\d{2}|\d{4})\b/i.test(h)
        ? normaliseEdition(h.replace(/[^0-9]/g, ''))
        : undefined,
    }))
    .filter((c): c is { h: string; i: number; edition: HsEdition } => !!c.edition);
  if (
    editionCols.length === 2 &&
    editionCols[0] &&
    editionCols[1] &&
    editionCols[0].edition !== editionCols[1].edition
  ) {
    const [a, b] = editionCols;
    const [older, newer] = compareEditions(a.edition, b.edition) < 0 ? [a, b] : [b, a];
    const relCol = header.find((h) => /relationship/i.test(h));
    const exCol = header.find((h) => /^ex$|ex[_ ]?flag/i.test(h.trim()));
    const rows: CorrelationRow[] = [];
    for (const { record, line } of records(file)) {
      const fromCode = cleanCode(record[older.h] ?? '');
      const toCode = cleanCode(record[newer.h] ?? '');
      if (!/^\d{6}$/.test(fromCode))
        problem(line, older.h, 'not a 6-digit HS code', record[older.h], '6 digits');
      else if (toCode !== '' && !/^\d{6}$/.test(toCode) && !/^n\/?a$/i.test(toCode))
        problem(line, newer.h, 'not a 6-digit HS code', record[newer.h], '6 digits');
      else {
        const published = relCol ? (record[relCol] ?? '').trim() : '';
        rows.push({
          fromEdition: older.edition,
          fromCode,
          toEdition: newer.edition,
          toCode: /^\d{6}$/.test(toCode) ? toCode : null,
          // UNSD prints the label newer:older; stored older → newer.
          relationship: published ? flipRelationship(published) : null,
          relationshipPublished: published || null,
          exFlag: exCol ? /ex/i.test(record[exCol] ?? '') : null,
        });
      }
    }
    return { parsed: { kind: 'correlation', file, rows }, problems };
  }
  problems.push({
    file: where,
    line: file.rowMap?.[0] ?? 1,
    message: 'unrecognised reference file layout',
    found: header.join(','),
    expected:
      'edition,code,level,description | section,hscode,description,parent,level | from_edition,from_code,to_edition,to_code,relationship | "HS 2022","HS 2017",Relationship',
    hint: 'see `lantern reference load --help` for the layouts Lantern reads',
  });
  return { parsed: null, problems };
}

const KNOWN_NAMES = /^(hs2022_nomenclature|hs_nomenclature_by_edition|hs\d{4}_to_hs\d{4})\.csv$/i;
/** UNSD's workbook names: "HS2022toHS2017ConversionAndCorrelationTables.xlsx", "HS 2012 to HS 2007 …xls". */
const UNSD_WORKBOOK = /^HS ?\d{4} ?to ?HS ?\d{4}\D.*\.xlsx?$/i;

/**
 * The reference files in a folder (by known names, up to 3 levels down; conversion/ folders
 * skipped): the CSVs above and UNSD's correlation workbooks. Office lock files (~$…) are skipped.
 */
export function findReferenceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        if (depth < 3 && name !== 'conversion') walk(p, depth + 1, rel ? `${rel}/${name}` : name);
      } else if (KNOWN_NAMES.test(name) || (UNSD_WORKBOOK.test(name) && !name.startsWith('~$'))) {
        out.push(rel ? `${rel}/${name}` : name);
      }
    }
  };
  walk(dir, 0, '');
  return out;
}

/** One file: a workbook (by its first bytes, or its .xls/.xlsx name) is converted, text is read as is. */
export function readReferenceFile(path: string, name: string, source: string): ReferenceFile {
  const buf = readFileSync(path);
  if (workbookKind(buf) || isWorkbookName(name)) return unsdWorkbookToFile(buf, name, source);
  return { name, text: buf.toString('utf8'), source };
}

/**
 * Reads the reference files of a folder, or one file (any name, e.g. a user's UNSD-layout table as
 * CSV, .xls or .xlsx).
 */
export function readReferencePath(path: string, extra: readonly string[] = []): ReferenceFile[] {
  const st = statSync(path);
  const files: ReferenceFile[] = [];
  if (st.isDirectory()) {
    for (const rel of findReferenceFiles(path)) files.push(readReferenceFile(join(path, rel), rel, 'folder'));
  } else {
    files.push(readReferenceFile(path, basename(path), 'file'));
  }
  for (const p of extra) files.push(readReferenceFile(p, basename(p), 'file'));
  return files;
}

export interface LoadSummaryRow {
  kind: 'hs-nomenclature' | 'hs-correlation';
  subject: string;
  file: string;
  rows: number;
}

export interface LoadSummary {
  files: LoadSummaryRow[];
  editions: string[];
  pairs: string[];
  baskets: number;
}

/** Appends rows to one of the HS tables through store/'s appender, each row as `values` gives it. */
async function appendAll<R>(
  store: Store,
  table: string,
  columns: readonly { name: string; kind: AppendKind }[],
  rows: readonly R[],
  values: (r: R) => AppendValue[],
): Promise<void> {
  const app = await rowAppender(store, table, columns);
  for (const r of rows) app.add(values(r));
  await app.close();
}

const PRODUCT_COLUMNS = [
  { name: 'edition', kind: 'varchar' },
  { name: 'code', kind: 'varchar' },
  { name: 'level', kind: 'tinyint' },
  { name: 'parent', kind: 'varchar' },
  { name: 'description', kind: 'varchar' },
  { name: 'section', kind: 'varchar' },
] as const;

const CORRELATION_COLUMNS = [
  { name: 'from_edition', kind: 'varchar' },
  { name: 'from_code', kind: 'varchar' },
  { name: 'to_edition', kind: 'varchar' },
  { name: 'to_code', kind: 'varchar' },
  { name: 'relationship', kind: 'varchar' },
  { name: 'relationship_published', kind: 'varchar' },
  { name: 'ex_flag', kind: 'boolean' },
] as const;

/** The tables of a set of reference files, by edition and by edition pair, checked: what a load writes. */
export interface ReferenceTables {
  byEdition: Map<HsEdition, { rows: ProductRow[]; file: ReferenceFile }>;
  byPair: Map<string, { rows: CorrelationRow[]; file: ReferenceFile }>;
}

/**
 * Parses and checks reference files without writing anything: a dedicated HS2022 file wins over
 * the HS2022 rows of the all-editions file; an edition pair given twice, or a code or link given
 * twice, is a problem. Throws once with every problem found.
 *
 * Kept whole: parses every file, then checks the tables across files (editions given twice, codes
 * and links given twice) before anything is written, all problems together.
 */
export function collectReferenceTables(
  files: readonly ReferenceFile[],
  onProgress?: (done: number, total: number, label: string) => void,
): ReferenceTables {
  const problems: Problem[] = [];
  const parsed: ParsedFile[] = [];
  files.forEach((f, i) => {
    onProgress?.(i, files.length, `reading ${f.name}`);
    const r = parseReferenceFile(f);
    problems.push(...r.problems);
    if (r.parsed) parsed.push(r.parsed);
  });
  // Products: a dedicated HS2022 file wins over the HS2022 rows of the all-editions file.
  const byEdition = new Map<HsEdition, { rows: ProductRow[]; file: ReferenceFile }>();
  for (const p of parsed.filter((x) => x.kind === 'nomenclature')) {
    const groups = new Map<HsEdition, ProductRow[]>();
    for (const r of p.rows) {
      const list = groups.get(r.edition) ?? [];
      list.push(r);
      groups.set(r.edition, list);
    }
    const dedicated = p.rows.length > 0 && groups.size === 1;
    for (const [ed, rows] of groups) {
      const prev = byEdition.get(ed);
      if (!prev || dedicated) byEdition.set(ed, { rows, file: p.file });
    }
  }
  const byPair = new Map<string, { rows: CorrelationRow[]; file: ReferenceFile }>();
  for (const p of parsed.filter((x) => x.kind === 'correlation')) {
    const groups = new Map<string, CorrelationRow[]>();
    for (const r of p.rows) {
      const key = `${r.fromEdition}>${r.toEdition}`;
      const list = groups.get(key) ?? [];
      list.push(r);
      groups.set(key, list);
    }
    for (const [pair, rows] of groups) {
      if (byPair.has(pair))
        problems.push({
          file: p.file.name,
          message: `the ${pair} table is given twice (also in ${byPair.get(pair)?.file.name})`,
          hint: 'give each edition pair once',
        });
      else byPair.set(pair, { rows, file: p.file });
    }
  }
  // Duplicates inside a table or an edition.
  for (const [ed, { rows, file }] of byEdition) {
    const seen = new Set<string>();
    for (const r of rows) {
      if (seen.has(r.code))
        problems.push({
          file: file.name,
          column: 'code',
          message: `${ed} code ${r.code} appears twice`,
          found: r.code,
        });
      seen.add(r.code);
    }
  }
  for (const [pair, { rows, file }] of byPair) {
    const seen = new Set<string>();
    for (const r of rows) {
      const k = `${r.fromCode}>${r.toCode}`;
      if (seen.has(k))
        problems.push({
          file: file.name,
          message: `${pair} pair ${r.fromCode} → ${r.toCode ?? 'n/a'} appears twice`,
          found: k,
        });
      seen.add(k);
    }
  }
  if (problems.length > 0) {
    throw new LanternError(
      'bad-rows',
      `Reference data not loaded: ${problems.length} problem${problems.length > 1 ? 's' : ''} (nothing was changed).`,
      problems,
    );
  }
  return { byEdition, byPair };
}

/**
 * Replaces, edition by edition and pair by pair, what the store holds with `tables`, recording each
 * in reference_loads (with `version` when the data is bundled). Run it inside a transaction; the
 * caller re-resolves the baskets afterwards.
 */
export async function writeReferenceTables(
  tx: Store,
  tables: ReferenceTables,
  options: { onProgress?: (done: number, total: number, label: string) => void; version?: string } = {},
): Promise<LoadSummaryRow[]> {
  const files: LoadSummaryRow[] = [];
  const total = tables.byEdition.size + tables.byPair.size + 1;
  let step = 0;
  const record = (kind: LoadSummaryRow['kind'], subject: string, file: ReferenceFile, rows: number) =>
    insertRows(
      tx,
      'reference_loads',
      ['kind', 'subject', 'source', 'file_name', 'sha256', 'rows', 'version'],
      [[kind, subject, file.source, file.name, file.sha256 ?? sha256(file.text), rows, options.version ?? null]],
    );
  for (const [ed, { rows, file }] of tables.byEdition) {
    options.onProgress?.(step++, total, `nomenclature ${ed}`);
    await tx.run(sql`delete from hs_products where edition = ${ed}`);
    await appendAll(tx, 'hs_products', PRODUCT_COLUMNS, rows, (r) => [r.edition, r.code, r.level, r.parent, r.description, r.section]);
    await record('hs-nomenclature', ed, file, rows.length);
    files.push({ kind: 'hs-nomenclature', subject: ed, file: file.name, rows: rows.length });
  }
  for (const [pair, { rows, file }] of tables.byPair) {
    options.onProgress?.(step++, total, `correlation ${pair}`);
    const [from, to] = pair.split('>');
    await tx.run(sql`delete from hs_correlations where from_edition = ${from ?? ''} and to_edition = ${to ?? ''}`);
    await appendAll(tx, 'hs_correlations', CORRELATION_COLUMNS, rows, (r) => [r.fromEdition, r.fromCode, r.toEdition, r.toCode, r.relationship, r.relationshipPublished, r.exFlag]);
    await record('hs-correlation', pair, file, rows.length);
    files.push({ kind: 'hs-correlation', subject: pair, file: file.name, rows: rows.length });
  }
  return files;
}

/**
 * Validates reference files and loads them atomically; throws once with every problem found.
 *
 * @example
 *   const summary = await loadReferenceFiles(store, readReferencePath('../shared/data'));
 */
export async function loadReferenceFiles(
  store: Store,
  files: readonly ReferenceFile[],
  options: { onProgress?: (done: number, total: number, label: string) => void } = {},
): Promise<LoadSummary> {
  if (files.length === 0) {
    throw new LanternError('not-found', 'No reference files found.', [
      {
        message: 'no HS nomenclature or correlation files',
        expected:
          'classifications/hs2022_nomenclature.csv, hs_concordance/hs_nomenclature_by_edition.csv, hs_concordance/correlation/hsOLD_to_hsNEW.csv',
        hint: 'point at a folder in the layout of ../shared/data, or run `lantern fetch reference`',
      },
    ]);
  }
  const { byEdition, byPair } = collectReferenceTables(files, options.onProgress);
  const summary: LoadSummary = {
    files: [],
    editions: [...byEdition.keys()].sort(),
    pairs: [...byPair.keys()].sort(),
    baskets: 0,
  };
  await store.transaction(async (tx) => {
    summary.files = await writeReferenceTables(tx, { byEdition, byPair }, options);
    options.onProgress?.(byEdition.size + byPair.size, byEdition.size + byPair.size + 1, 'resolving baskets');
    await materialiseAllBaskets(tx);
    // Goods baskets only: services baskets (EBOPS) do not depend on HS tables.
    summary.baskets = (await tx.query<{ n: number }>(sql`select count(*) as n from baskets where hs_edition like 'HS%'`))[0]?.n ?? 0;
  });
  options.onProgress?.(1, 1, 'done');
  return summary;
}

/** What reference data the store holds: editions with row counts, correlation pairs with row counts. */
export async function referenceStatus(store: Store): Promise<
  {
    kind: string;
    subject: string;
    rows: number;
    subheadings: number | null;
    loaded_at: string | null;
    file: string | null;
  }[]
> {
  return store.query(
    sql`select 'hs-nomenclature' as kind, p.edition as subject, count(*) as rows, count(*) filter (where p.level = 6) as subheadings,
               (select max(loaded_at) from reference_loads l where l.kind = 'hs-nomenclature' and l.subject = p.edition)::varchar as loaded_at,
               (select max(file_name) from reference_loads l where l.kind = 'hs-nomenclature' and l.subject = p.edition) as file
        from hs_products p group by p.edition
        union all
        select 'hs-correlation', c.from_edition || '>' || c.to_edition, count(*), null,
               (select max(loaded_at) from reference_loads l where l.kind = 'hs-correlation' and l.subject = c.from_edition || '>' || c.to_edition)::varchar,
               (select max(file_name) from reference_loads l where l.kind = 'hs-correlation' and l.subject = c.from_edition || '>' || c.to_edition)
        from hs_correlations c group by c.from_edition, c.to_edition
        order by 1, 2`,
  );
}
