/**
 * Bulk import of registry rows from CSV: every row validated, every bad row reported with its line,
 * and nothing written unless every row is good (one transaction, see repo.ts).
 *
 * `--kind` names what the file holds. Shortcuts fill in the row kind: `centre` (cultural centres),
 * `base` (export bases), `treaty` (co-production treaties). Column names follow the model; a few
 * common aliases are accepted (`name` → name_en, `country_iso3` → country, `note` → source_note …),
 * so a file like ../shared/data/registry/china_cultural_centers.csv imports as it is.
 */
import { basename } from 'node:path';
import { fieldCountProblem, readCsv } from '../csv-in.ts';
import { LanternError } from '../errors.ts';
import type { Store } from '../store/index.ts';
import { inputFields } from './model.ts';
import { createEntities, type InputRow, type WriteContext } from './repo.ts';
import type { EntityName } from './schemas.ts';

export const importKinds = [
  'centre',
  'base',
  'institution',
  'treaty',
  'agreement',
  'document',
  'measure',
  'count',
] as const;
export type ImportKind = (typeof importKinds)[number];

const kindTarget: Record<ImportKind, { entity: EntityName; defaults: Record<string, string> }> = {
  centre: { entity: 'institution', defaults: { kind: 'cultural-centre' } },
  base: { entity: 'institution', defaults: { kind: 'export-base' } },
  institution: { entity: 'institution', defaults: {} },
  treaty: { entity: 'agreement', defaults: { kind: 'co-production-treaty' } },
  agreement: { entity: 'agreement', defaults: {} },
  document: { entity: 'document', defaults: {} },
  measure: { entity: 'measure', defaults: {} },
  count: { entity: 'count', defaults: {} },
};

/** Accepted alternative column names → model field. */
const aliases: Record<string, string> = {
  name: 'name_en',
  country_iso3: 'country',
  partner_country_iso3: 'partner',
  note: 'source_note',
  status_as_of: 'opened_by',
  signed_date: 'signed',
  signed_year_known_by: 'signed_by',
  province: 'region',
  announced: 'opened',
  latitude: 'lat',
  longitude: 'lon',
  date: 'as_of',
};

/** Columns that carry no model field and are ignored on purpose (named, so that a typo is not silently ignored). */
const ignored = new Set(['partner_country', 'institution_type']);

/** Folds `opened_year` / `opened_date` style pairs into one date: the more precise one when it is a date. */
function foldDates(rec: Record<string, string>): Record<string, string> {
  const out = { ...rec };
  if ('opened_year' in out || 'opened_date' in out) {
    const date = out.opened_date ?? '';
    const year = out.opened_year ?? '';
    out.opened = date !== '' ? date : year;
    if (date !== '' && year !== '' && !date.startsWith(year)) out.opened = date; // validation reports it
    delete out.opened_year;
    delete out.opened_date;
  }
  return out;
}

export interface ParsedCsv {
  rows: InputRow[];
  unknownColumns: string[];
}

/** Parses registry CSV text into input rows with their line numbers (the header is line 1). */
export function parseRegistryCsv(text: string, kind: ImportKind, fields: readonly string[], file = 'the CSV'): ParsedCsv {
  const { header, rows: lines } = readCsv(text, file);
  const keys = header.map((h) => {
    const k = h.toLowerCase();
    return aliases[k] ?? k;
  });
  const records = lines.map(({ line, fields: cells }) => {
    if (cells.length !== keys.length) {
      throw new LanternError('bad-file', `The CSV cannot be parsed: line ${line} has ${cells.length} fields, the header ${keys.length}.`, [
        fieldCountProblem(file, line, cells.length, keys.length, 'check quoting: a cell with a comma or a quote must be in double quotes'),
      ]);
    }
    return { line, record: Object.fromEntries(keys.map((k, i) => [k, (cells[i] as string).trim()])) };
  });
  const known = new Set([...fields, 'opened_year', 'opened_date']);
  const unknownColumns = records[0]
    ? Object.keys(records[0].record).filter((c) => !known.has(c) && !ignored.has(c))
    : [];
  const defaults = kindTarget[kind].defaults;
  const rows = records.map(({ record, line }) => {
    const value: Record<string, string> = { ...defaults };
    for (const [k, v] of Object.entries(foldDates(record))) if (!ignored.has(k)) value[k] = v;
    return { value, line };
  });
  return { rows, unknownColumns };
}

/**
 * Imports a CSV file's text as registry rows of one kind; atomic.
 *
 * @example
 *   await importRegistryCsv(store, text, { kind: 'centre', file: 'centres.csv' }, { actor: 'alice', now: new Date() });
 */
export async function importRegistryCsv(
  store: Store,
  text: string,
  opts: { kind: ImportKind; file: string },
  ctx: Omit<WriteContext, 'file'>,
): Promise<{ entity: EntityName; ids: string[] }> {
  const target = kindTarget[opts.kind];
  const file = basename(opts.file);
  const parsed = parseRegistryCsv(text, opts.kind, inputFields[target.entity], file);
  if (parsed.unknownColumns.length > 0) {
    throw new LanternError(
      'bad-file',
      `${file} has columns the registry does not know: ${parsed.unknownColumns.join(', ')}.`,
      parsed.unknownColumns.map((c) => ({
        file,
        line: 1,
        column: c,
        message: 'unknown column',
        expected: inputFields[target.entity].join(', '),
        found: c,
        hint: 'rename it to a model field or remove it',
      })),
    );
  }
  if (parsed.rows.length === 0) {
    throw new LanternError('bad-file', `${file} has no rows to import.`, [
      { file, message: 'no data rows after the header' },
    ]);
  }
  const { ids } = await createEntities(store, target.entity, parsed.rows, { ...ctx, file });
  return { entity: target.entity, ids };
}
