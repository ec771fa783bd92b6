/**
 * From validated input to stored rows: derived ids, date columns (precision, year, period bounds),
 * duplicate keys and the JSON kept in the audit log. Pure: no I/O.
 */
import { createHash } from 'node:crypto';
import type { SqlValue } from '../store/index.ts';
import { partialDate } from './dates.ts';
import type {
  AgreementInput,
  CountInput,
  DocumentInput,
  EntityName,
  InstitutionInput,
  MeasureInput,
} from './schemas.ts';

export type StoredRow = Record<string, SqlValue>;

/** Table of each entity. */
export const tables: Record<EntityName, string> = {
  institution: 'registry_institutions',
  agreement: 'registry_agreements',
  document: 'registry_documents',
  measure: 'registry_measures',
  count: 'registry_counts',
};

export function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The date columns of one date field: text, precision, year, and the requested bounds. */
function dateColumns(name: string, text: string | null, bounds: ('start' | 'end')[] = []): StoredRow {
  const out: StoredRow = { [name]: text, [`${name}_precision`]: null, [`${name}_year`]: null };
  for (const b of bounds) out[`${name}_${b}`] = null;
  if (text === null) return out;
  const d = partialDate(text);
  out[`${name}_precision`] = d.precision;
  out[`${name}_year`] = d.year;
  for (const b of bounds) out[`${name}_${b}`] = d[b];
  return out;
}

function boundColumn(name: string, text: string | null): StoredRow {
  return { [name]: text, [`${name}_end`]: text === null ? null : partialDate(text).end };
}

export function institutionId(i: InstitutionInput): string {
  return i.id ?? `${i.kind}-${i.country.toLowerCase()}-${slugify(i.city ?? i.name_en)}`;
}

export function institutionRow(i: InstitutionInput): StoredRow {
  return {
    id: institutionId(i),
    kind: i.kind,
    name_en: i.name_en,
    name_zh: i.name_zh,
    home_country: i.home_country,
    country: i.country,
    region: i.region,
    city: i.city,
    lat: i.lat,
    lon: i.lon,
    programme: i.programme,
    batch: i.batch,
    ...dateColumns('opened', i.opened, ['end']),
    ...boundColumn('opened_by', i.opened_by),
    ...dateColumns('closed', i.closed, ['start']),
    source_url: i.source_url,
    source_note: i.source_note,
  };
}

export function agreementId(a: AgreementInput): string {
  return (
    a.id ??
    `${a.kind}-${a.home_country.toLowerCase()}-${a.partner ? a.partner.toLowerCase() : slugify(a.title)}`
  );
}

export function agreementRow(a: AgreementInput): StoredRow {
  return {
    id: agreementId(a),
    kind: a.kind,
    title: a.title,
    title_zh: a.title_zh,
    home_country: a.home_country,
    partner: a.partner,
    ...dateColumns('signed', a.signed, ['end']),
    ...boundColumn('signed_by', a.signed_by),
    ...dateColumns('in_force', a.in_force),
    source_url: a.source_url,
    source_note: a.source_note,
  };
}

export function documentRow(d: DocumentInput): StoredRow {
  return {
    id: d.id,
    title_en: d.title_en,
    title_zh: d.title_zh,
    country: d.country,
    doc_number: d.doc_number,
    ...dateColumns('issued', d.issued),
    agencies: JSON.stringify(d.agencies),
    agency_count: d.agency_count,
    measure_count: d.measure_count,
    source_url: d.source_url,
    source_note: d.source_note,
  };
}

export function measureId(m: MeasureInput): string {
  if (m.id) return m.id;
  const suffix =
    m.number !== null ? String(m.number) : createHash('sha256').update(m.summary).digest('hex').slice(0, 8);
  return `${m.document_id}#${suffix}`;
}

export function measureRow(m: MeasureInput): StoredRow {
  return {
    id: measureId(m),
    document_id: m.document_id,
    number: m.number,
    heading: m.heading,
    summary: m.summary,
    agencies: JSON.stringify(m.agencies),
    status: m.status,
    indicators: JSON.stringify(m.indicators),
    source_url: m.source_url,
    source_note: m.source_note,
  };
}

export function countId(c: CountInput): string {
  return c.id ?? `${c.country.toLowerCase()}:${c.subject}:${c.metric}:${c.as_of}`;
}

export function countRow(c: CountInput): StoredRow {
  const d = partialDate(c.as_of);
  return {
    id: countId(c),
    subject: c.subject,
    metric: c.metric,
    country: c.country,
    value: c.value,
    unit: c.unit,
    as_of: d.text,
    as_of_precision: d.precision,
    as_of_year: d.year,
    as_of_end: d.end,
    source_url: c.source_url,
    source_note: c.source_note,
  };
}

/**
 * The key two rows of an entity must not share besides their id ("duplicate names"), or null.
 * Institutions: the same kind, country and English name. Agreements: the same kind and title.
 * Documents: the same title. Measures: the same document and number.
 */
export function duplicateKey(entity: EntityName, row: Record<string, unknown>): string | null {
  const low = (v: unknown) =>
    String(v ?? '')
      .trim()
      .toLowerCase();
  switch (entity) {
    case 'institution':
      return `${row.kind}|${row.country}|${low(row.name_en)}`;
    case 'agreement':
      return `${row.kind}|${low(row.title)}`;
    case 'document':
      return low(row.title_en);
    case 'measure':
      return row.number === null || row.number === undefined ? null : `${row.document_id}|${row.number}`;
    case 'count':
      return null;
  }
}

/** What the duplicate key means, for error messages. */
export const duplicateKeyLabel: Record<EntityName, string> = {
  institution: 'kind, country and name_en',
  agreement: 'kind and title',
  document: 'title_en',
  measure: 'document_id and number',
  count: 'id',
};

export function toStoredRow(entity: EntityName, value: unknown): StoredRow {
  switch (entity) {
    case 'institution':
      return institutionRow(value as InstitutionInput);
    case 'agreement':
      return agreementRow(value as AgreementInput);
    case 'document':
      return documentRow(value as DocumentInput);
    case 'measure':
      return measureRow(value as MeasureInput);
    case 'count':
      return countRow(value as CountInput);
  }
}

/** The columns a user writes (the input fields), used to rebuild an input from a stored row for updates. */
export const inputFields: Record<EntityName, string[]> = {
  institution: [
    'id',
    'kind',
    'name_en',
    'name_zh',
    'home_country',
    'country',
    'region',
    'city',
    'lat',
    'lon',
    'programme',
    'batch',
    'opened',
    'opened_by',
    'closed',
    'source_url',
    'source_note',
  ],
  agreement: [
    'id',
    'kind',
    'title',
    'title_zh',
    'home_country',
    'partner',
    'parties',
    'signed',
    'signed_by',
    'in_force',
    'source_url',
    'source_note',
  ],
  document: [
    'id',
    'title_en',
    'title_zh',
    'country',
    'doc_number',
    'issued',
    'agencies',
    'agency_count',
    'measure_count',
    'source_url',
    'source_note',
  ],
  measure: [
    'id',
    'document_id',
    'number',
    'heading',
    'summary',
    'agencies',
    'status',
    'indicators',
    'source_url',
    'source_note',
  ],
  count: ['id', 'subject', 'metric', 'country', 'value', 'unit', 'as_of', 'source_url', 'source_note'],
};
