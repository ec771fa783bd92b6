/**
 * Read models of the registry: listings, counts "as of" a date, official counts next to what the
 * registry lists, and the timeline of dated events. Each query is a pure builder returning `Sql`
 * (unit-testable without a database) with an async runner beside it.
 *
 * "As of" counting keeps gaps honest: a row counts as open by a date only when its opening (or a
 * bound the source gives, "listed as open by 2015") certainly falls on or before the end of that
 * date's period; rows with no date at all are reported as `undated`, not guessed in or out.
 *
 * @example
 *   await countInstitutions(store, { kind: 'cultural-centre', country: 'CHN', asOf: '2015-12-31' })
 *   // → { count: 25, undated: 1, total: 26, … }
 */
import type { RegistryCountRow, RegistryTimelineRow } from '../contract.ts';
import { countryPoint, partialDate } from '../registry/index.ts';
import { type Sql, sql, type Store } from '../store/index.ts';

/** The last day of an "as of" date's period, or a far-future day when no date is given. */
function asOfEnd(asOf: string | undefined): string {
  return asOf ? partialDate(asOf).end : '9999-12-31';
}

export interface InstitutionFilter {
  kind?: string;
  /** Home country or host country (either matches). */
  country?: string;
  home?: string;
  host?: string;
  programme?: string;
}

export function institutionsQuery(f: InstitutionFilter = {}): Sql {
  return sql`select id, kind, name_en, name_zh, home_country, country, region, city, lat, lon, programme, batch,
      opened, opened_precision, opened_year, opened_by, closed, closed_precision, source_url, source_note, origin
    from registry_institutions
    where (${f.kind ?? null}::varchar is null or kind = ${f.kind ?? null})
      and (${f.country ?? null}::varchar is null or home_country = ${f.country ?? null} or country = ${f.country ?? null})
      and (${f.home ?? null}::varchar is null or home_country = ${f.home ?? null})
      and (${f.host ?? null}::varchar is null or country = ${f.host ?? null})
      and (${f.programme ?? null}::varchar is null or programme = ${f.programme ?? null})
    order by kind, home_country, coalesce(opened, opened_by, '9999'), name_en`;
}

export interface AgreementFilter {
  kind?: string;
  /** A party (home country or partner). */
  country?: string;
}

export function agreementsQuery(f: AgreementFilter = {}): Sql {
  return sql`select a.id, a.kind, a.title, a.title_zh, a.home_country, a.partner,
      (select string_agg(p.country, ';' order by p.country) from registry_agreement_parties p where p.agreement_id = a.id) as parties,
      a.signed, a.signed_precision, a.signed_year, a.signed_by, a.in_force, a.source_url, a.source_note, a.origin
    from registry_agreements a
    where (${f.kind ?? null}::varchar is null or a.kind = ${f.kind ?? null})
      and (${f.country ?? null}::varchar is null
           or exists (select 1 from registry_agreement_parties p where p.agreement_id = a.id and p.country = ${f.country ?? null}))
    order by a.kind, coalesce(a.signed, a.signed_by, '9999'), a.partner, a.title`;
}

export function documentsQuery(f: { country?: string } = {}): Sql {
  return sql`select d.id, d.title_en, d.title_zh, d.country, d.doc_number, d.issued, d.issued_precision, d.agencies,
      d.agency_count, d.measure_count,
      (select count(*) from registry_measures m where m.document_id = d.id) as measures_recorded,
      d.source_url, d.source_note, d.origin
    from registry_documents d
    where (${f.country ?? null}::varchar is null or d.country = ${f.country ?? null})
    order by coalesce(d.issued, '9999'), d.id`;
}

export function measuresQuery(f: { country?: string; document?: string; status?: string } = {}): Sql {
  return sql`select m.id, m.document_id, d.title_en as document, m.number, m.heading, m.summary, m.agencies, m.status,
      m.indicators, m.source_url, m.source_note, m.origin
    from registry_measures m join registry_documents d on d.id = m.document_id
    where (${f.country ?? null}::varchar is null or d.country = ${f.country ?? null})
      and (${f.document ?? null}::varchar is null or m.document_id = ${f.document ?? null})
      and (${f.status ?? null}::varchar is null or m.status = ${f.status ?? null})
    order by coalesce(d.issued, '9999'), m.document_id, m.number nulls last, m.id`;
}

export interface CountFilter {
  subject?: string;
  metric?: string;
  country?: string;
}

/**
 * Official dated counts with, where the registry can count the same thing, what it lists by that
 * date (`registry_count`): cultural centres / bases open by the date, treaty partners signed by it,
 * bases of a designation batch.
 */
export function countsQuery(f: CountFilter = {}): Sql {
  return sql`select c.id, c.subject, c.metric, c.country, c.value, c.unit, c.as_of, c.as_of_precision, c.as_of_year,
      case
        when c.metric in ('established', 'designated') and c.subject in ('cultural-centre', 'export-base', 'trade-base') then (
          select count(*) from registry_institutions i
          where i.kind = c.subject and i.home_country = c.country
            and (i.opened_end <= c.as_of_end or i.opened_by_end <= c.as_of_end)
            and (i.closed_start is null or i.closed_start > c.as_of_end))
        when c.metric like 'designated-batch-%' and c.subject in ('export-base', 'trade-base') then (
          select count(*) from registry_institutions i
          where i.kind = c.subject and i.home_country = c.country
            and i.batch = try_cast(replace(c.metric, 'designated-batch-', '') as integer))
        when c.metric = 'partner-countries' and c.subject in ('co-production-treaty', 'cultural-agreement', 'cooperation-document') then (
          select count(distinct a.partner) from registry_agreements a
          where a.kind = c.subject and a.home_country = c.country and a.partner is not null
            and (a.signed_end <= c.as_of_end or a.signed_by_end <= c.as_of_end))
      end as registry_count,
      c.source_url, c.source_note, c.origin
    from registry_counts c
    where (${f.subject ?? null}::varchar is null or c.subject = ${f.subject ?? null})
      and (${f.metric ?? null}::varchar is null or c.metric = ${f.metric ?? null})
      and (${f.country ?? null}::varchar is null or c.country = ${f.country ?? null})
    order by c.subject, c.metric, c.as_of_end`;
}

export interface InstitutionCount {
  kind: string;
  country: string;
  as_of: string | null;
  /** Rows certainly open by the end of the as-of period. */
  count: number;
  /** Rows with neither an opening date nor a bound: they may or may not have been open. */
  undated: number;
  /** Rows dated, but not certainly open by then (opened later, within the period, or closed). */
  not_yet: number;
  total: number;
}

export function countInstitutionsQuery(p: { kind: string; country: string; asOf?: string }): Sql {
  const end = asOfEnd(p.asOf);
  return sql`select
      count(*) filter (where (opened_end <= ${end}::date or opened_by_end <= ${end}::date)
                         and (closed_start is null or closed_start > ${end}::date)) as count,
      count(*) filter (where opened is null and opened_by is null) as undated,
      count(*) as total
    from registry_institutions
    where kind = ${p.kind} and home_country = ${p.country}`;
}

/**
 * How many institutions of a kind a country's programme has, as of a date. For the claims
 * checker: compare "31 cultural centres by September 2017" with `count` (and see `undated`).
 */
export async function countInstitutions(
  store: Store,
  p: { kind: string; country: string; asOf?: string },
): Promise<InstitutionCount> {
  const [r] = await store.query<{ count: number; undated: number; total: number }>(countInstitutionsQuery(p));
  const count = Number(r?.count ?? 0);
  const undated = Number(r?.undated ?? 0);
  const total = Number(r?.total ?? 0);
  return {
    kind: p.kind,
    country: p.country,
    as_of: p.asOf ?? null,
    count,
    undated,
    not_yet: total - count - undated,
    total,
  };
}

export function countAgreementPartnersQuery(p: { kind: string; country: string; asOf?: string }): Sql {
  const end = asOfEnd(p.asOf);
  return sql`select
      count(distinct partner) filter (where signed_end <= ${end}::date or signed_by_end <= ${end}::date) as count,
      count(distinct partner) filter (where signed is null and signed_by is null) as undated,
      count(distinct partner) as total
    from registry_agreements
    where kind = ${p.kind} and home_country = ${p.country} and partner is not null`;
}

/** How many partner countries a country has agreements of a kind with, as of a date. */
export async function countAgreementPartners(
  store: Store,
  p: { kind: string; country: string; asOf?: string },
): Promise<{
  kind: string;
  country: string;
  as_of: string | null;
  count: number;
  undated: number;
  total: number;
}> {
  const [r] = await store.query<{ count: number; undated: number; total: number }>(
    countAgreementPartnersQuery(p),
  );
  return {
    kind: p.kind,
    country: p.country,
    as_of: p.asOf ?? null,
    count: Number(r?.count ?? 0),
    undated: Number(r?.undated ?? 0),
    total: Number(r?.total ?? 0),
  };
}

/** Official dated counts (with the registry's own count beside them where comparable). */
export async function datedCounts(store: Store, f: CountFilter = {}): Promise<RegistryCountRow[]> {
  return store.query<RegistryCountRow>(countsQuery(f));
}

/** The event types on a timeline. */
export const timelineEvents = [
  'centre-opening',
  'base-designation',
  'institution-opening',
  'institution-closing',
  'treaty-signing',
  'agreement-signing',
  'agreement-in-force',
  'document-issued',
  'official-count',
] as const;

export interface TimelineFilter {
  country?: string;
  from?: number;
  to?: number;
  events?: readonly string[];
}

/**
 * Dated events of the registry, oldest first: openings, designations, signings, documents and the
 * official counts. Items without a date are not on the timeline (see `undatedQuery`).
 */
export function timelineQuery(f: TimelineFilter = {}): Sql {
  const c = f.country ?? null;
  const events = f.events?.length ? f.events.join(',') : null;
  return sql`with ev as (
      select opened as date, opened_precision as precision, opened_year as year,
        case kind when 'cultural-centre' then 'centre-opening' when 'export-base' then 'base-designation'
                  when 'trade-base' then 'base-designation' else 'institution-opening' end as event,
        'institution' as entity, id, name_en as label, name_zh as label_zh, home_country,
        case when country <> home_country then country end as partner,
        null::double as value, source_url
      from registry_institutions where opened is not null
      union all
      select closed, closed_precision, closed_year, 'institution-closing', 'institution', id, name_en, name_zh, home_country,
        case when country <> home_country then country end, null, source_url
      from registry_institutions where closed is not null
      union all
      select signed, signed_precision, signed_year,
        case kind when 'co-production-treaty' then 'treaty-signing' else 'agreement-signing' end,
        'agreement', id, title, title_zh, home_country, partner, null, source_url
      from registry_agreements where signed is not null
      union all
      select in_force, in_force_precision, in_force_year, 'agreement-in-force', 'agreement', id, title, title_zh, home_country, partner, null, source_url
      from registry_agreements where in_force is not null
      union all
      select issued, issued_precision, issued_year, 'document-issued', 'document', id, title_en, title_zh, country, null, null, source_url
      from registry_documents where issued is not null
      union all
      select as_of, as_of_precision, as_of_year, 'official-count', 'count', id, subject || ' ' || metric, null, country, null, value, source_url
      from registry_counts
    )
    select date, precision, year, event, entity, id, label, label_zh, home_country, partner, value, source_url from ev
    where (${c}::varchar is null or home_country = ${c} or partner = ${c})
      and (${f.from ?? null}::integer is null or year >= ${f.from ?? null})
      and (${f.to ?? null}::integer is null or year <= ${f.to ?? null})
      and (${events}::varchar is null or list_contains(string_split(${events}, ','), event))
    order by date, event, id`;
}

export async function timeline(store: Store, f: TimelineFilter = {}): Promise<RegistryTimelineRow[]> {
  return store.query<RegistryTimelineRow>(timelineQuery(f));
}

/** Rows the timeline leaves out because their sources give no date (gaps, kept as gaps). */
export function undatedQuery(f: { country?: string } = {}): Sql {
  const c = f.country ?? null;
  return sql`select 'institution' as entity, id, name_en as label, opened_by as known_by from registry_institutions
      where opened is null and (${c}::varchar is null or home_country = ${c} or country = ${c})
    union all
    select 'agreement', id, title, signed_by from registry_agreements
      where signed is null and (${c}::varchar is null or home_country = ${c} or partner = ${c})
    union all
    select 'document', id, title_en, null from registry_documents
      where issued is null and (${c}::varchar is null or country = ${c})
    order by 1, 2`;
}

/** Parses the JSON list columns of documents and measures. */
function parseLists<T extends Record<string, unknown>>(rows: T[], keys: string[]): T[] {
  return rows.map((r) => {
    const out: Record<string, unknown> = { ...r };
    for (const k of keys) if (typeof out[k] === 'string') out[k] = JSON.parse(out[k] as string);
    return out as T;
  });
}

export type RegistryRow = Record<string, unknown>;

export async function listInstitutions(store: Store, f: InstitutionFilter = {}): Promise<RegistryRow[]> {
  return store.query(institutionsQuery(f));
}

export async function listAgreements(store: Store, f: AgreementFilter = {}): Promise<RegistryRow[]> {
  const rows = await store.query(agreementsQuery(f));
  return rows.map((r) => ({ ...r, parties: typeof r.parties === 'string' ? r.parties.split(';') : [] }));
}

export async function listDocuments(store: Store, f: { country?: string } = {}): Promise<RegistryRow[]> {
  return parseLists(await store.query(documentsQuery(f)), ['agencies']);
}

export async function listMeasures(
  store: Store,
  f: { country?: string; document?: string; status?: string } = {},
): Promise<RegistryRow[]> {
  return parseLists(await store.query(measuresQuery(f)), ['agencies', 'indicators']);
}

/**
 * What the registry map draws for a home country: its institutions (with coordinates when the
 * source gives them; the map places the others at their country), and the treaty partners to shade.
 */
export async function registryMap(
  store: Store,
  p: { country: string },
): Promise<{
  institutions: RegistryRow[];
  partners: { country: string; kinds: string[]; agreements: number; first_signed: string | null }[];
}> {
  const institutions = (await listInstitutions(store, { home: p.country })).map((r) => {
    const pt = countryPoint(String(r.country));
    return { ...r, country_lat: pt?.[0] ?? null, country_lon: pt?.[1] ?? null };
  });
  const agreements = await listAgreements(store, { country: p.country });
  const byPartner = new Map<string, { kinds: Set<string>; n: number; first: string | null }>();
  for (const a of agreements) {
    const partner = a.partner as string | null;
    if (!partner || a.home_country !== p.country) continue;
    const e = byPartner.get(partner) ?? { kinds: new Set<string>(), n: 0, first: null };
    e.kinds.add(String(a.kind));
    e.n++;
    const d = (a.signed as string | null) ?? null;
    if (d && (e.first === null || d < e.first)) e.first = d;
    byPartner.set(partner, e);
  }
  const partners = [...byPartner.entries()]
    .map(([country, e]) => ({ country, kinds: [...e.kinds].sort(), agreements: e.n, first_signed: e.first }))
    .sort((a, b) => a.country.localeCompare(b.country));
  return { institutions, partners };
}
