/**
 * The registry's listings as read models (over registry.ts): institutions, agreements, policy
 * documents, their measures, the official dated counts beside what the registry lists, and the
 * timeline of dated events. `lantern registry list <what>` and `lantern registry timeline` take
 * their flags from these descriptors and print, as JSON, the rows GET /api/v1/registry/… sends
 * (`rowsOnly`). Rows carry their kind and country names in English and Chinese (`labelled`). Beside
 * them, two answers that are not lists: a count as of a date (`registryCountModel`: `lantern registry
 * count`, /registry/count) and the event study (`registryEffectModel`: `lantern registry effect`,
 * /registry/effect, its events as the rows), the map layer of a home country (`registryMapModel`),
 * its exports to one partner and to all others (`registryTradeModel`) and one row with its history
 * (`registryRowModel`: `lantern registry show`, /registry/{collection}/{id}), and the audit log
 * (`registryAuditModel`: `lantern registry audit`, /registry/audit).
 *
 * @example
 *   await registryInstitutionsModel.open(store, { kind: 'cultural-centre', home: 'CHN' });
 */
import { z } from 'zod';
import type {
  ApiProvenance,
  RegistryAgreement,
  RegistryAsOfCount,
  RegistryCountRow,
  RegistryDetail,
  RegistryInstitution,
  RegistryMapData,
  RegistryTimelineRow,
  RegistryTradeData,
} from '../contract.ts';
import { parseParams } from '../indicators/index.ts';
import { countryName } from '../reference/index.ts';
import { LanternError } from '../errors.ts';
import { agreementKinds, type AuditEntry, type EntityName, getEntity, institutionKinds, isCountryCode, kindLabels, listAudit, parsePartialDate } from '../registry/index.ts';
import type { Store } from '../store/index.ts';
import { listOf } from './common.ts';
import { readModel } from './read-model.ts';
import { effectEventKinds, partnerTrade, type RegistryEffect, registryEffect } from './registry-effect.ts';
import { countAgreementPartners, countInstitutions, datedCounts, listAgreements, registryHomeCountries, registryMap, listDocuments, listInstitutions, listMeasures, type RegistryRow, timeline, timelineEvents } from './registry.ts';

/** A country of the registry: an ISO alpha-3 code in capitals. */
export const registryCountry = z
  .string()
  .regex(/^[A-Z]{3}$/, 'should be an ISO 3166 alpha-3 code in capitals, such as CHN')
  .refine(isCountryCode, { message: 'should be the ISO 3166 alpha-3 code of a country, such as CHN' });

/** The source pages of a list's rows, each once. */
export function registrySources(rows: readonly object[]): string[] {
  return [...new Set(rows.map((r) => (r as { source_url?: unknown }).source_url).filter((s): s is string => typeof s === 'string'))];
}

/** Labels the dashboard shows, in English and Chinese (derived; `name_zh` stays null when no source gives it). */
export function labelled<R extends Record<string, unknown>>(r: R): R & { kind_en: string; kind_zh: string; country_en: string | null; country_zh: string | null } {
  const kind = String(r.kind ?? '');
  const where = typeof r.country === 'string' ? r.country : typeof r.partner === 'string' ? r.partner : null;
  return {
    ...r,
    kind_en: kindLabels[kind]?.en ?? kind,
    kind_zh: kindLabels[kind]?.zh ?? kind,
    country_en: where ? countryName(where, 'en') : null,
    country_zh: where ? countryName(where, 'zh') : null,
  };
}

/** What every registry listing shares: sent as the API's rows, flat as they are, with their sources. */
function listing<R extends object>(note?: string) {
  return {
    rowsOnly: true as const,
    rows: (d: R[]) => d as unknown as Record<string, unknown>[],
    list: (d: R[]) => d,
    provenance: (d: R[]): ApiProvenance => ({ sources: registrySources(d), ...(note ? { note } : {}) }),
  };
}

export const registryInstitutionsParams = z.object({
  kind: z.enum(institutionKinds, { message: `should be one of ${institutionKinds.join(', ')}` }).optional().describe('institution kind'),
  country: registryCountry.optional().describe('home or host country'),
  home: registryCountry.optional().describe('home country (whose institution it is)'),
  host: registryCountry.optional().describe('host country (where it is)'),
});

export const registryInstitutionsModel = readModel({
  id: 'registry-institutions',
  summary: 'Institutions of cultural trade: cultural centres abroad, export bases …',
  params: registryInstitutionsParams,
  async run(store, input: z.input<typeof registryInstitutionsParams>): Promise<RegistryInstitution[]> {
    const p = parseParams(registryInstitutionsParams, input, 'registry institutions');
    return (await listInstitutions(store, p)).map(labelled) as RegistryInstitution[];
  },
  ...listing<RegistryInstitution>(),
});

export const registryAgreementsParams = z.object({
  kind: z.enum(agreementKinds, { message: `should be one of ${agreementKinds.join(', ')}` }).optional().describe('agreement kind'),
  country: registryCountry.optional().describe('a party'),
});

export const registryAgreementsModel = readModel({
  id: 'registry-agreements',
  summary: 'Co-production treaties, cultural agreements and cooperation documents',
  params: registryAgreementsParams,
  async run(store, input: z.input<typeof registryAgreementsParams>): Promise<RegistryAgreement[]> {
    const p = parseParams(registryAgreementsParams, input, 'registry agreements');
    return (await listAgreements(store, p)).map(labelled) as unknown as RegistryAgreement[];
  },
  ...listing<RegistryAgreement>(),
});

export const registryDocumentsParams = z.object({ country: registryCountry.optional().describe('the issuing country') });

export const registryDocumentsModel = readModel({
  id: 'registry-documents',
  summary: 'Policy documents',
  params: registryDocumentsParams,
  async run(store, input: z.input<typeof registryDocumentsParams>): Promise<RegistryRow[]> {
    return listDocuments(store, parseParams(registryDocumentsParams, input, 'registry documents'));
  },
  ...listing<RegistryRow>(),
});

export const registryMeasuresParams = z.object({
  country: registryCountry.optional().describe('the issuing country'),
  document: z.string().min(1).meta({ placeholder: 'id' }).optional().describe('measures of one policy document'),
});

export const registryMeasuresModel = readModel({
  id: 'registry-measures',
  summary: 'Measures of policy documents (summaries in Lantern’s own words)',
  params: registryMeasuresParams,
  async run(store, input: z.input<typeof registryMeasuresParams>): Promise<RegistryRow[]> {
    return listMeasures(store, parseParams(registryMeasuresParams, input, 'registry measures'));
  },
  ...listing<RegistryRow>(),
});

export const registryCountsParams = z.object({
  country: registryCountry.optional(),
  subject: z.string().regex(/^[a-z0-9-]+$/, 'should be a subject such as cultural-centre').optional().describe('counts of one subject, e.g. cultural-centre'),
});

export const registryCountsModel = readModel({
  id: 'registry-counts',
  summary: 'Official dated counts, with what the registry lists by the same date',
  params: registryCountsParams,
  async run(store, input: z.input<typeof registryCountsParams>): Promise<RegistryCountRow[]> {
    return datedCounts(store, parseParams(registryCountsParams, input, 'registry counts'));
  },
  ...listing<RegistryCountRow>('value = official figure; registry_count = rows the registry lists as open/signed by the same date (null where not comparable)'),
});

const timelineYear = z.coerce.number().int().min(1800).max(2100);

export const registryTimelineParams = z.object({
  country: registryCountry.optional().describe('home or partner country'),
  from: timelineYear.optional().describe('first year'),
  to: timelineYear.optional().describe('last year'),
  events: listOf(z.enum(timelineEvents, { message: `should be among ${timelineEvents.join(', ')}` }))
    .optional()
    .describe(`event types, comma-separated: ${timelineEvents.join(', ')}`),
});

export const registryTimelineModel = readModel({
  id: 'registry-timeline',
  summary: 'Dated registry events and official counts, oldest first',
  params: registryTimelineParams,
  async run(store, input: z.input<typeof registryTimelineParams>): Promise<RegistryTimelineRow[]> {
    return timeline(store, parseParams(registryTimelineParams, input, 'registry timeline'));
  },
  ...listing<RegistryTimelineRow>(),
});

const countKinds = [...institutionKinds, ...agreementKinds] as const;

export const registryCountParams = z.object({
  kind: z.enum(countKinds, { message: `should be one of ${countKinds.join(', ')}` }).describe('an institution kind, or an agreement kind (counts partner countries)'),
  country: registryCountry.describe('home country of the programme, e.g. CHN'),
  as_of: z
    .string()
    .superRefine((v, ctx) => {
      const d = parsePartialDate(v);
      if (!d.ok) ctx.addIssue({ code: 'custom', message: `should be a date as YYYY, YYYY-MM or YYYY-MM-DD: ${d.message}` });
    })
    .meta({ placeholder: 'date' })
    .optional()
    .describe('YYYY, YYYY-MM or YYYY-MM-DD (default: everything listed)'),
});

export const registryCountModel = readModel({
  id: 'registry-count',
  summary: 'How many institutions of a kind (or agreement partners) a country has as of a date; undated rows counted apart',
  params: registryCountParams,
  async run(store, input: z.input<typeof registryCountParams>): Promise<RegistryAsOfCount> {
    const p = parseParams(registryCountParams, input, 'registry count');
    const q = { kind: p.kind, country: p.country, asOf: p.as_of };
    return (agreementKinds as readonly string[]).includes(p.kind)
      ? { ...(await countAgreementPartners(store, q)), counted: 'partner countries' }
      : { ...(await countInstitutions(store, q)), counted: 'institutions' };
  },
  rows: (d) => [d as unknown as Record<string, unknown>],
  provenance: () => ({}),
});

export const registryEffectParams = z.object({
  event_kind: z.enum(effectEventKinds, { message: `should be one of ${effectEventKinds.join(', ')}` }).describe('the events studied'),
  exporter: registryCountry.describe('exporting country (the home country of the events)'),
  basket: z.string().min(1).default('unesco-fcs-2009').describe('basket or basket:domain, e.g. unesco-fcs-2009:books'),
  window: z.coerce.number().int().min(1).max(10).default(3).describe('years before and after each event'),
  bootstrap: z.coerce.number().int().min(0).max(20000).default(1000).describe('bootstrap resamples (0 for none)'),
  seed: z.string().min(1).max(64).default('lantern').describe('seed of the bootstrap'),
  source: z.string().min(1).optional().describe('trade source to use (default: BACI if loaded, else the reported source with most rows)'),
});

export const registryEffectModel = readModel({
  id: 'registry-effect',
  summary: 'Exports to partners before and after registry events vs all other partners (difference-in-differences; descriptive, not causal)',
  params: registryEffectParams,
  async run(store, input: z.input<typeof registryEffectParams>): Promise<RegistryEffect> {
    const p = parseParams(registryEffectParams, input, 'registry effect');
    return registryEffect(store, { eventKind: p.event_kind, exporter: p.exporter, basket: p.basket, window: p.window, bootstrap: p.bootstrap, seed: p.seed, source: p.source });
  },
  /** One row per event with the estimate beside it (CSV, NDJSON). */
  rows: (d) => d.events.map((e) => ({ ...e, estimate: d.estimate, ci_low: d.ci_low, ci_high: d.ci_high, label_note: d.label })),
  list: (d) => d.events,
  provenance: (d) => ({ note: d.method }),
});

export const registryMapParams = z.object({ country: registryCountry.optional().describe('home country (required), e.g. CHN') });

/**
 * The map is one home country's: asked without one, a 400 that lists the registry's home countries
 * and how to ask (no country is picked for the user).
 */
async function mapCountry(store: Store, country: string | undefined): Promise<string> {
  if (country) return country;
  const homes = await registryHomeCountries(store);
  throw new LanternError('invalid-argument', 'The registry map shows one home country: say which.', [
    {
      field: 'country',
      message: 'no home country given',
      expected: homes.length ? `one of the registry's home countries: ${homes.join(' | ')}` : 'an ISO alpha-3 code (the registry holds no institutions yet)',
      hint: `e.g. --country ${homes[0] ?? 'CHN'} (CLI) or ?country=${homes[0] ?? 'CHN'} (API)`,
    },
  ]);
}

export const registryMapModel = readModel({
  id: 'registry-map',
  summary: 'Map layer: a home country’s institutions and its treaty partners',
  params: registryMapParams,
  async run(store, input: z.input<typeof registryMapParams>): Promise<RegistryMapData> {
    const p = parseParams(registryMapParams, input, 'registry map');
    const country = await mapCountry(store, p.country);
    const m = await registryMap(store, { country });
    return {
      country,
      institutions: m.institutions.map(labelled) as RegistryInstitution[],
      partners: m.partners.map((x) => ({ ...x, country_en: countryName(x.country, 'en'), country_zh: countryName(x.country, 'zh') })),
    };
  },
  rows: (d) => d.institutions,
  list: (d) => d.institutions,
  tables: (d) => ({ partners: d.partners }),
  provenance: (d) => ({ sources: registrySources(d.institutions), note: 'Institutions without coordinates in their source are placed at their country.' }),
});

export const registryTradeParams = z.object({
  exporter: registryCountry.describe('the home country'),
  partner: registryCountry.describe('the partner country'),
  basket: z.string().min(1).default('unesco-fcs-2009').describe('basket or basket:domain'),
  source: z.string().min(1).optional().describe('trade source to use (default: BACI if loaded, else the reported source with most rows)'),
});

export const registryTradeModel = readModel({
  id: 'registry-trade',
  summary: 'Yearly exports of a basket from the home country to one partner and to all others (detail pages)',
  params: registryTradeParams,
  async run(store, input: z.input<typeof registryTradeParams>): Promise<RegistryTradeData> {
    const p = parseParams(registryTradeParams, input, 'registry trade');
    const t = await partnerTrade(store, p);
    return { exporter: p.exporter, partner: p.partner, basket: p.basket, source: t.source, series: t.series };
  },
  rows: (d) => d.series,
  list: (d) => d.series,
  provenance: (d) => ({ note: `exports reported for ${d.exporter} (flow X), goods, basket ${d.basket}; source ${d.source ?? 'none loaded'}` }),
});

/** The collections of `/registry/{collection}/…` and the entity each holds. */
export const registryCollections = {
  institutions: 'institution',
  agreements: 'agreement',
  documents: 'document',
  measures: 'measure',
  counts: 'count',
} as const satisfies Record<string, EntityName>;
const collectionNames = Object.keys(registryCollections) as (keyof typeof registryCollections)[];

export const registryRowParams = z.object({
  collection: z.enum(collectionNames as [keyof typeof registryCollections, ...(keyof typeof registryCollections)[]], {
    message: `should be one of ${collectionNames.join(', ')}`,
  }),
  id: z.string().min(1).describe('the row’s id'),
});

export const registryRowModel = readModel({
  id: 'registry-row',
  summary: 'One registry row with its audit history',
  params: registryRowParams,
  async run(store, input: z.input<typeof registryRowParams>): Promise<RegistryDetail> {
    const p = parseParams(registryRowParams, input, 'registry row');
    const entity = registryCollections[p.collection];
    const row = await getEntity(store, entity, p.id);
    if (!row) {
      throw new LanternError('not-found', `No ${entity} "${p.id}".`, [
        { field: 'id', message: `no ${entity} with this id`, found: p.id, hint: 'see `lantern registry list`' },
      ]);
    }
    return { ...labelled(row as Record<string, unknown>), id: p.id, history: (await listAudit(store, { entity, id: p.id })) as unknown as RegistryDetail['history'] };
  },
  rows: (d) => [d as Record<string, unknown>],
  provenance: (d) => ({ sources: registrySources([d]) }),
});

export const registryAuditParams = z.object({
  entity: z.enum(['institution', 'agreement', 'document', 'measure', 'count']).optional().describe('changes of one kind of row'),
  id: z.string().min(1).optional().describe('changes of one row'),
  actor: z.string().min(1).meta({ placeholder: 'name' }).optional().describe('changes made with one token'),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('how many entries'),
});

export const registryAuditModel = readModel({
  id: 'registry-audit',
  summary: 'The audit log of registry changes (who, when, before, after), newest first',
  params: registryAuditParams,
  async run(store, input: z.input<typeof registryAuditParams>): Promise<AuditEntry[]> {
    return listAudit(store, parseParams(registryAuditParams, input, 'registry audit'));
  },
  rowsOnly: true,
  rows: (d) => d as unknown as Record<string, unknown>[],
  list: (d) => d,
  provenance: () => ({}),
});
