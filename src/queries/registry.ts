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
import { inList, raw, type Sql, sql, type Store, whereAll } from '../store/index.ts';

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
    ${whereAll([
      f.kind !== undefined && sql`kind = ${f.kind}`,
      f.country !== undefined && sql`(home_country = ${f.country} or country = ${f.country})`,
      f.home !== undefined && sql`home_country = ${f.home}`,
      f.host !== undefined && sql`country = ${f.host}`,
      f.programme !== undefined && sql`programme = ${f.programme}`,
    ])}
    order by kind, home_country, coalesce(opened, opened_by, '9999'), name_en`;
}

export interface AgreementFilter {
  kind?: string;
  /** A party (home country or partner). */
  country?: string;
}

/** Agreements (their parties are read apart: `agreementPartiesQuery`). */
export function agreementsQuery(f: AgreementFilter = {}): Sql {
  return sql`select a.id, a.kind, a.title, a.title_zh, a.home_country, a.partner,
      a.signed, a.signed_precision, a.signed_year, a.signed_by, a.in_force, a.source_url, a.source_note, a.origin
    from registry_agreements a
    ${whereAll([
      f.kind !== undefined && sql`a.kind = ${f.kind}`,
      f.country !== undefined && sql`a.id in (select agreement_id from registry_agreement_parties where country = ${f.country})`,
    ])}
    order by a.kind, coalesce(a.signed, a.signed_by, '9999'), a.partner, a.title`;
}

/** The parties of some agreements, in country order. */
export function agreementPartiesQuery(ids: readonly string[]): Sql {
  return sql`select agreement_id, country from registry_agreement_parties where agreement_id in ${inList(ids)} order by agreement_id, country`;
}

export function documentsQuery(f: { country?: string } = {}): Sql {
  return sql`select d.id, d.title_en, d.title_zh, d.country, d.doc_number, d.issued, d.issued_precision, d.agencies,
      d.agency_count, d.measure_count,
      coalesce(m.n, 0) as measures_recorded,
      d.source_url, d.source_note, d.origin
    from registry_documents d
    left join (select document_id, count(*) as n from registry_measures group by document_id) m on m.document_id = d.id
    ${whereAll([f.country !== undefined && sql`d.country = ${f.country}`])}
    order by coalesce(d.issued, '9999'), d.id`;
}

export function measuresQuery(f: { country?: string; document?: string; status?: string } = {}): Sql {
  return sql`select m.id, m.document_id, d.title_en as document, m.number, m.heading, m.summary, m.agencies, m.status,
      m.indicators, m.source_url, m.source_note, m.origin
    from registry_measures m join registry_documents d on d.id = m.document_id
    ${whereAll([
      f.country !== undefined && sql`d.country = ${f.country}`,
      f.document !== undefined && sql`m.document_id = ${f.document}`,
      f.status !== undefined && sql`m.status = ${f.status}`,
    ])}
    order by coalesce(d.issued, '9999'), m.document_id, m.number nulls last, m.id`;
}

export interface CountFilter {
  subject?: string;
  metric?: string;
  country?: string;
}

/** Official dated counts as stored (`datedCounts` adds what the registry lists by each date). */
export function countsQuery(f: CountFilter = {}): Sql {
  return sql`select c.id, c.subject, c.metric, c.country, c.value, c.unit, c.as_of, c.as_of_precision, c.as_of_year,
      c.source_url, c.source_note, c.origin
    from registry_counts c
    ${whereAll([
      f.subject !== undefined && sql`c.subject = ${f.subject}`,
      f.metric !== undefined && sql`c.metric = ${f.metric}`,
      f.country !== undefined && sql`c.country = ${f.country}`,
    ])}
    order by c.subject, c.metric, c.as_of_end`;
}

/**
 * What the registry lists by the date of each official count it can compare with (`registry_count`
 * of `datedCounts`), one query per kind of comparison, each keyed by the count's id. Joins on
 * equal keys with the date test after them, rather than a subquery per row: ClickHouse has no
 * correlated subqueries.
 */
export function registryCountsQueries(): { open: Sql; batches: Sql; partners: Sql } {
  return {
    // Centres and bases open by the end of the count's period.
    open: sql`select c.id as id, count(*) as n
      from registry_counts c join registry_institutions i on i.kind = c.subject and i.home_country = c.country
      where (i.opened_end <= c.as_of_end or i.opened_by_end <= c.as_of_end)
        and (i.closed_start is null or i.closed_start > c.as_of_end)
      group by c.id`,
    // Bases of each designation batch.
    batches: sql`select kind, home_country, batch, count(*) as n from registry_institutions where batch is not null group by kind, home_country, batch`,
    // Treaty (or agreement) partners signed by the end of the count's period.
    partners: sql`select c.id as id, count(distinct a.partner) as n
      from registry_counts c join registry_agreements a on a.kind = c.subject and a.home_country = c.country
      where a.partner is not null and (a.signed_end <= c.as_of_end or a.signed_by_end <= c.as_of_end)
      group by c.id`,
  };
}

/** Which registry count, if any, an official count can be compared with. */
function comparableAs(c: { subject: string; metric: string }): 'open' | 'batch' | 'partners' | undefined {
  if (['established', 'designated'].includes(c.metric) && ['cultural-centre', 'export-base', 'trade-base'].includes(c.subject)) return 'open';
  if (c.metric.startsWith('designated-batch-') && ['export-base', 'trade-base'].includes(c.subject)) return 'batch';
  if (c.metric === 'partner-countries' && ['co-production-treaty', 'cultural-agreement', 'cooperation-document'].includes(c.subject))
    return 'partners';
  return undefined;
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
      count(case when (opened_end <= cast(${end} as date) or opened_by_end <= cast(${end} as date))
                      and (closed_start is null or closed_start > cast(${end} as date)) then 1 end) as count,
      count(case when opened is null and opened_by is null then 1 end) as undated,
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
      count(distinct case when signed_end <= cast(${end} as date) or signed_by_end <= cast(${end} as date) then partner end) as count,
      count(distinct case when signed is null and signed_by is null then partner end) as undated,
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

/**
 * Official dated counts with, where the registry can count the same thing, what it lists by that
 * date (`registry_count`): cultural centres / bases open by the date, treaty partners signed by it,
 * bases of a designation batch. NULL where nothing comparable is kept.
 */
export async function datedCounts(store: Store, f: CountFilter = {}): Promise<RegistryCountRow[]> {
  const q = registryCountsQueries();
  const [rows, open, batches, partners] = await Promise.all([
    store.query<{ id: string; subject: string; metric: string; country: string; source_url: string; source_note: string | null; origin: unknown }>(countsQuery(f)),
    store.query<{ id: string; n: number }>(q.open),
    store.query<{ kind: string; home_country: string; batch: number; n: number }>(q.batches),
    store.query<{ id: string; n: number }>(q.partners),
  ]);
  const byId = (list: { id: string; n: number }[]) => new Map(list.map((r) => [r.id, Number(r.n)]));
  const [openBy, partnersBy] = [byId(open), byId(partners)];
  const inBatch = (c: { subject: string; country: string; metric: string }) => {
    const batch = c.metric.slice('designated-batch-'.length);
    if (!/^\d+$/.test(batch)) return 0;
    const hit = batches.find((b) => b.kind === c.subject && b.home_country === c.country && Number(b.batch) === Number(batch));
    return hit ? Number(hit.n) : 0;
  };
  return rows.map(({ source_url, source_note, origin, ...c }) => {
    const as = comparableAs(c);
    const registry_count =
      as === 'open' ? (openBy.get(c.id) ?? 0) : as === 'partners' ? (partnersBy.get(c.id) ?? 0) : as === 'batch' ? inBatch(c) : null;
    return { ...c, registry_count, source_url, source_note, origin } as unknown as RegistryCountRow;
  });
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
 * official counts. Items without a date are not on the timeline (see `undatedQuery`). One query per
 * kind of event, each returning the same columns (`value` only on counts), merged by `timeline`:
 * a UNION of differently typed NULLs is DuckDB's, not ClickHouse 18.16's.
 */
export function timelineQueries(f: TimelineFilter = {}): Sql[] {
  const c = f.country;
  const filters = (home: Sql, partner: Sql, year: Sql): Sql[] => [
    ...(c !== undefined ? [sql`(${home} = ${c} or ${partner} = ${c})`] : []),
    ...(f.from !== undefined ? [sql`${year} >= ${f.from}`] : []),
    ...(f.to !== undefined ? [sql`${year} <= ${f.to}`] : []),
  ];
  const partnerOf = sql`case when country <> home_country then country end`;
  const institution = (date: string, event: Sql, kinds: readonly string[]) =>
    sql`select ${raw(date)} as date, ${raw(`${date}_precision`)} as precision, ${raw(`${date}_year`)} as year, ${event} as event,
          'institution' as entity, id, name_en as label, name_zh as label_zh, home_country, ${partnerOf} as partner, source_url
        from registry_institutions
        ${whereAll([sql`${raw(date)} is not null`, ...filters(raw('home_country'), partnerOf, raw(`${date}_year`)), kinds.length > 0 && sql`${event} in ${inList(kinds)}`])}`;
  const opening = sql`case kind when 'cultural-centre' then 'centre-opening' when 'export-base' then 'base-designation'
                  when 'trade-base' then 'base-designation' else 'institution-opening' end`;
  const signing = sql`case kind when 'co-production-treaty' then 'treaty-signing' else 'agreement-signing' end`;
  const agreement = (date: string, event: Sql) =>
    sql`select ${raw(date)} as date, ${raw(`${date}_precision`)} as precision, ${raw(`${date}_year`)} as year, ${event} as event,
          'agreement' as entity, id, title as label, title_zh as label_zh, home_country, partner, source_url
        from registry_agreements
        ${whereAll([sql`${raw(date)} is not null`, ...filters(raw('home_country'), raw('partner'), raw(`${date}_year`)), Boolean(f.events?.length) && sql`${event} in ${inList(f.events ?? [])}`])}`;
  const wanted = (event: string) => !f.events?.length || f.events.includes(event);
  const out: Sql[] = [];
  if (['centre-opening', 'base-designation', 'institution-opening'].some(wanted))
    out.push(institution('opened', opening, f.events ?? []));
  if (wanted('institution-closing')) out.push(institution('closed', sql`'institution-closing'`, []));
  if (wanted('treaty-signing') || wanted('agreement-signing')) out.push(agreement('signed', signing));
  if (wanted('agreement-in-force')) out.push(agreement('in_force', sql`'agreement-in-force'`));
  if (wanted('document-issued'))
    out.push(sql`select issued as date, issued_precision as precision, issued_year as year, 'document-issued' as event,
        'document' as entity, id, title_en as label, title_zh as label_zh, country as home_country, source_url
      from registry_documents
      ${whereAll([sql`issued is not null`, ...filters(raw('country'), raw('country'), raw('issued_year'))])}`);
  if (wanted('official-count'))
    out.push(sql`select as_of as date, as_of_precision as precision, as_of_year as year, 'official-count' as event,
        'count' as entity, id, subject || ' ' || metric as label, country as home_country, value, source_url
      from registry_counts
      ${whereAll(filters(raw('country'), raw('country'), raw('as_of_year')))}`);
  return out;
}

/** The timeline: every kind's events, in one list ordered by date, event and id. */
export async function timeline(store: Store, f: TimelineFilter = {}): Promise<RegistryTimelineRow[]> {
  const parts = await Promise.all(timelineQueries(f).map((q) => store.query<Record<string, unknown>>(q)));
  const key = (r: RegistryTimelineRow) => [r.date ?? '\uffff', r.event, r.id] as string[];
  return parts
    .flat()
    .map(
      (r) =>
        ({
          date: r.date,
          precision: r.precision,
          year: r.year,
          event: r.event,
          entity: r.entity,
          id: r.id,
          label: r.label,
          label_zh: r.label_zh ?? null,
          home_country: r.home_country,
          partner: r.partner ?? null,
          value: r.value ?? null,
          source_url: r.source_url,
        }) as RegistryTimelineRow,
    )
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as string) < (kb[i] as string) ? -1 : 1;
      return 0;
    });
}

/** Rows the timeline leaves out because their sources give no date (gaps, kept as gaps). */
export function undatedQueries(f: { country?: string } = {}): Sql[] {
  const c = f.country;
  return [
    sql`select 'institution' as entity, id, name_en as label, opened_by as known_by from registry_institutions
        ${whereAll([sql`opened is null`, c !== undefined && sql`(home_country = ${c} or country = ${c})`])}`,
    sql`select 'agreement' as entity, id, title as label, signed_by as known_by from registry_agreements
        ${whereAll([sql`signed is null`, c !== undefined && sql`(home_country = ${c} or partner = ${c})`])}`,
    sql`select 'document' as entity, id, title_en as label from registry_documents
        ${whereAll([sql`issued is null`, c !== undefined && sql`country = ${c}`])}`,
  ];
}

/** The undated rows, by entity and id. */
export async function undated(store: Store, f: { country?: string } = {}): Promise<{ entity: string; id: string; label: string; known_by: string | null }[]> {
  const parts = await Promise.all(undatedQueries(f).map((q) => store.query<Record<string, unknown>>(q)));
  return parts
    .flat()
    .map((r) => ({ entity: String(r.entity), id: String(r.id), label: String(r.label), known_by: (r.known_by as string | null) ?? null }))
    .sort((a, b) => (a.entity === b.entity ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.entity < b.entity ? -1 : 1));
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
  const parties = await store.query<{ agreement_id: string; country: string }>(agreementPartiesQuery(rows.map((r) => String(r.id))));
  return rows.map(({ id, kind, title, title_zh, home_country, partner, ...rest }) => ({
    id,
    kind,
    title,
    title_zh,
    home_country,
    partner,
    parties: parties.filter((p) => p.agreement_id === id).map((p) => p.country),
    ...rest,
  }));
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

/** The home countries the registry holds institutions or agreements of, in code order. */
export async function registryHomeCountries(store: Store): Promise<string[]> {
  const rows = await store.query<{ home_country: string }>(
    sql`select distinct home_country from registry_institutions union all select distinct home_country from registry_agreements`,
  );
  return [...new Set(rows.map((r) => r.home_country).filter(Boolean))].sort();
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
