/**
 * `/registry/…`: the registry of cultural-trade institutions, agreements, policy documents and
 * dated counts, with its timeline, the official counts next to the registry's own, the map layer,
 * the partner-trade series for detail pages and the descriptive event study (`/registry/effect`).
 *
 * Reads are public. Writes (POST/PUT/DELETE) need `Authorization: Bearer <token>` (a token from
 * `lantern token create`): no token → 401 `unauthorized`, a wrong or revoked one → 403 `forbidden`,
 * both in the API's error envelope. Every write lands in the audit log under the token's name.
 */
import type { Context } from 'hono';
import { writeActor } from '../guard.ts';
import { z } from 'zod';
import { LanternError } from '../../errors.ts';
import {
  countAgreementPartners,
  countInstitutions,
  datedCounts,
  effectEventKinds,
  listAgreements,
  listDocuments,
  listInstitutions,
  listMeasures,
  partnerTrade,
  registryEffect,
  registryMap,
  timeline,
  timelineEvents,
} from '../../queries/index.ts';
import { countryName } from '../../reference/index.ts';
import {
  agreementKinds,
  createEntities,
  deleteEntity,
  type EntityName,
  getEntity,
  institutionKinds,
  isCountryCode,
  kindLabels,
  listAudit,
  loadBundledRegistry,
  parsePartialDate,
  requireToken,
  updateEntity,
} from '../../registry/index.ts';
import type { ApiDeps, RouteModule, Row } from '../router.ts';

const iso3 = z
  .string()
  .regex(/^[A-Z]{3}$/, 'should be an ISO 3166 alpha-3 code in capitals, such as CHN')
  .refine(isCountryCode, { message: 'should be the ISO 3166 alpha-3 code of a country, such as CHN' });

const collections = {
  institutions: 'institution',
  agreements: 'agreement',
  documents: 'document',
  measures: 'measure',
  counts: 'count',
} as const satisfies Record<string, EntityName>;
const collectionNames = Object.keys(collections) as (keyof typeof collections)[];
const collection = z.enum(collectionNames as [keyof typeof collections, ...(keyof typeof collections)[]], {
  message: `should be one of ${collectionNames.join(', ')}`,
});

const writeBody = z.union([
  z.record(z.string(), z.unknown()),
  z.array(z.record(z.string(), z.unknown())).min(1).max(5000),
]);

function sources(rows: readonly Row[]): string[] {
  return [...new Set(rows.map((r) => r.source_url).filter((s): s is string => typeof s === 'string'))];
}

/** Labels the dashboard shows, in English and Chinese (derived; `name_zh` stays null when no source gives it). */
function labelled(r: Row): Row {
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

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : header.trim() || undefined;
}

export const routes: RouteModule = (app, deps: ApiDeps) => {
  // The bundled facts are loaded on first run by `prepareStore` (src/setup.ts); a writable store opened some
  // other way gets them on the first registry request.
  let ready: Promise<unknown> | undefined;
  const ensure = () => {
    if (deps.readOnly) return Promise.resolve();
    ready ??= loadBundledRegistry(deps.store).catch((e) => {
      ready = undefined;
      throw e;
    });
    return ready;
  };
  const store = () => deps.store;
  // The API's write guard (guard.ts) has checked the token before the body was read.
  const actor = async (c: Context) => writeActor(c) ?? requireToken(store(), bearer(c.req.header('authorization')), deps.now());

  app.get(
    {
      path: '/registry/institutions',
      summary: 'Institutions of cultural trade: cultural centres abroad, export bases …',
      tags: ['registry'],
      query: z.object({
        kind: z
          .enum(institutionKinds, { message: `should be one of ${institutionKinds.join(', ')}` })
          .optional(),
        country: iso3.optional().describe('home or host country'),
        home: iso3.optional(),
        host: iso3.optional(),
      }),
      paginate: true,
      examples: {
        valid: [{ query: { kind: 'cultural-centre', home: 'CHN' } }, { query: { country: 'FRA' } }],
        invalid: [
          { query: { country: 'china' }, mentions: 'country' },
          { query: { kind: 'museum' }, mentions: 'kind' },
        ],
      },
    },
    async ({ query }) => {
      await ensure();
      const rows = (await listInstitutions(store(), query)).map(labelled);
      return { rows, meta: { provenance: { sources: sources(rows) } } };
    },
  );

  app.get(
    {
      path: '/registry/agreements',
      summary: 'Co-production treaties, cultural agreements and cooperation documents',
      tags: ['registry'],
      query: z.object({
        kind: z.enum(agreementKinds, { message: `should be one of ${agreementKinds.join(', ')}` }).optional(),
        country: iso3.optional().describe('a party'),
      }),
      paginate: true,
      examples: {
        valid: [{ query: { country: 'CHN' } }, { query: { kind: 'co-production-treaty' } }],
        invalid: [{ query: { kind: 'trade-deal' }, mentions: 'kind' }],
      },
    },
    async ({ query }) => {
      await ensure();
      const rows = (await listAgreements(store(), query)).map(labelled);
      return { rows, meta: { provenance: { sources: sources(rows) } } };
    },
  );

  app.get(
    {
      path: '/registry/documents',
      summary: 'Policy documents',
      tags: ['registry'],
      query: z.object({ country: iso3.optional() }),
      examples: {
        valid: [{ query: { country: 'CHN' } }],
        invalid: [{ query: { country: 'XX' }, mentions: 'country' }],
      },
    },
    async ({ query }) => {
      await ensure();
      const rows = await listDocuments(store(), query);
      return { rows, meta: { provenance: { sources: sources(rows) } } };
    },
  );

  app.get(
    {
      path: '/registry/measures',
      summary: 'Measures of policy documents (summaries in Lantern’s own words)',
      tags: ['registry'],
      query: z.object({ country: iso3.optional(), document: z.string().min(1).optional() }),
      examples: {
        valid: [{ query: { document: 'cn-2022-foreign-cultural-trade-opinions' } }],
        invalid: [{ query: { country: 'C' }, mentions: 'country' }],
      },
    },
    async ({ query }) => {
      await ensure();
      const rows = await listMeasures(store(), query);
      return { rows, meta: { provenance: { sources: sources(rows) } } };
    },
  );

  app.get(
    {
      path: '/registry/counts',
      summary: 'Official dated counts, with what the registry lists by the same date',
      tags: ['registry'],
      query: z.object({
        country: iso3.optional(),
        subject: z
          .string()
          .regex(/^[a-z0-9-]+$/, 'should be a subject such as cultural-centre')
          .optional(),
      }),
      examples: {
        valid: [{ query: { country: 'CHN', subject: 'cultural-centre' } }],
        invalid: [{ query: { subject: 'Cultural Centre' }, mentions: 'subject' }],
      },
    },
    async ({ query }) => {
      await ensure();
      const rows = await datedCounts(store(), query);
      return {
        rows,
        meta: {
          provenance: {
            sources: sources(rows as unknown as Row[]),
            note: 'value = official figure; registry_count = rows the registry lists as open/signed by the same date (null where not comparable)',
          },
        },
      };
    },
  );

  app.get(
    {
      path: '/registry/count',
      summary:
        'How many institutions of a kind (or agreement partners) a country has as of a date; undated rows counted apart',
      tags: ['registry'],
      query: z.object({
        kind: z.enum([...institutionKinds, ...agreementKinds] as [string, ...string[]], {
          message: `should be one of ${[...institutionKinds, ...agreementKinds].join(', ')}`,
        }),
        country: iso3,
        as_of: z
          .string()
          .refine((v) => parsePartialDate(v).ok, {
            message: 'should be a date as YYYY, YYYY-MM or YYYY-MM-DD',
          })
          .optional(),
      }),
      examples: {
        valid: [{ query: { kind: 'cultural-centre', country: 'CHN', as_of: '2017-09' } }],
        invalid: [
          { query: { kind: 'cultural-centre', country: 'CHN', as_of: '2017-13' }, mentions: 'as_of' },
        ],
      },
    },
    async ({ query }) => {
      await ensure();
      const p = { kind: query.kind, country: query.country, asOf: query.as_of };
      const data = (agreementKinds as readonly string[]).includes(query.kind)
        ? await countAgreementPartners(store(), p)
        : await countInstitutions(store(), p);
      return { data };
    },
  );

  app.get(
    {
      path: '/registry/timeline',
      summary: 'Dated registry events and official counts, oldest first',
      tags: ['registry'],
      query: z.object({
        country: iso3.optional(),
        from: z.number().int().min(1800).max(2100).optional(),
        to: z.number().int().min(1800).max(2100).optional(),
        events: z
          .array(z.enum(timelineEvents, { message: `should be among ${timelineEvents.join(', ')}` }))
          .optional(),
      }),
      examples: {
        valid: [
          { query: { country: 'CHN' } },
          { query: { events: 'centre-opening,treaty-signing', from: '2000' } },
        ],
        invalid: [{ query: { events: 'war' }, mentions: 'events' }],
      },
    },
    async ({ query }) => {
      await ensure();
      const rows = await timeline(store(), query);
      return { rows, meta: { provenance: { sources: sources(rows as unknown as Row[]) } } };
    },
  );

  app.get(
    {
      path: '/registry/map',
      summary: 'Map layer: a home country’s institutions and its treaty partners',
      tags: ['registry'],
      query: z.object({ country: iso3.default('CHN') }),
      examples: {
        valid: [{ query: { country: 'CHN' } }],
        invalid: [{ query: { country: 'ZZZ' }, mentions: 'country' }],
      },
    },
    async ({ query }) => {
      await ensure();
      const m = await registryMap(store(), { country: query.country });
      const institutions = m.institutions.map(labelled);
      const partners = m.partners.map((p) => ({
        ...p,
        country_en: countryName(p.country, 'en'),
        country_zh: countryName(p.country, 'zh'),
      }));
      return {
        data: { country: query.country, institutions, partners },
        rows: institutions,
        tables: { partners },
        meta: {
          provenance: {
            sources: sources(institutions),
            note: 'Institutions without coordinates in their source are placed at their country.',
          },
        },
      };
    },
  );

  app.get(
    {
      path: '/registry/trade',
      summary:
        'Yearly exports of a basket from the home country to one partner and to all others (detail pages)',
      tags: ['registry'],
      query: z.object({
        exporter: iso3,
        partner: iso3,
        basket: z.string().min(1).default('unesco-fcs-2009'),
        source: z.string().min(1).optional(),
      }),
      examples: {
        valid: [{ query: { exporter: 'CHN', partner: 'USA', basket: 'unesco-fcs-2009' } }],
        invalid: [{ query: { exporter: 'CHN' }, mentions: 'partner' }],
      },
    },
    async ({ query }) => {
      const r = await partnerTrade(store(), query);
      return {
        rows: r.series,
        meta: {
          source: r.source,
          provenance: {
            note: `exports reported for ${query.exporter} (flow X), goods, basket ${query.basket}; source ${r.source ?? 'none loaded'}`,
          },
        },
      };
    },
  );

  app.get(
    {
      path: '/registry/effect',
      summary:
        'Exports to partners before and after registry events vs all other partners (difference-in-differences; descriptive, not causal)',
      tags: ['registry'],
      query: z.object({
        event_kind: z.enum(effectEventKinds, { message: `should be one of ${effectEventKinds.join(', ')}` }),
        exporter: iso3,
        basket: z.string().min(1).default('unesco-fcs-2009'),
        window: z.number().int().min(1).max(10).default(3),
        bootstrap: z.number().int().min(0).max(20000).default(1000),
        seed: z.string().min(1).max(64).default('lantern'),
        source: z.string().min(1).optional(),
      }),
      examples: {
        valid: [{ query: { event_kind: 'centre-opening', exporter: 'CHN', basket: 'unesco-fcs-2009' } }],
        invalid: [{ query: { event_kind: 'base-designation', exporter: 'CHN' }, mentions: 'event_kind' }],
      },
    },
    async ({ query }) => {
      await ensure();
      const r = await registryEffect(store(), {
        eventKind: query.event_kind,
        exporter: query.exporter,
        basket: query.basket,
        window: query.window,
        bootstrap: query.bootstrap,
        seed: query.seed,
        source: query.source,
      });
      const { events, ...summary } = r;
      return { data: summary, rows: events, meta: { provenance: { note: r.method } } };
    },
  );

  app.get(
    {
      path: '/registry/audit',
      summary: 'The audit log of registry changes (who, when, before, after), newest first',
      tags: ['registry'],
      query: z.object({
        entity: z.enum(['institution', 'agreement', 'document', 'measure', 'count']).optional(),
        id: z.string().min(1).optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      }),
      cache: false,
      examples: {
        valid: [{ query: { entity: 'institution' } }],
        invalid: [{ query: { limit: '0' }, mentions: 'limit' }],
      },
    },
    async ({ query }) => {
      await ensure();
      return { rows: await listAudit(store(), query) };
    },
  );

  app.get(
    {
      path: '/registry/{collection}/{id}',
      summary: 'One registry row with its audit history',
      tags: ['registry'],
      params: z.object({ collection, id: z.string().min(1) }),
      examples: {
        valid: [{ params: { collection: 'institutions', id: 'cultural-centre-fra-paris' } }],
        invalid: [
          { params: { collection: 'institutions', id: 'no-such-centre' }, status: 404 },
          { params: { collection: 'museums', id: 'x' }, mentions: 'collection' },
        ],
      },
    },
    async ({ params }) => {
      await ensure();
      const entity = collections[params.collection];
      const row = await getEntity(store(), entity, params.id);
      if (!row)
        throw new LanternError('not-found', `No ${entity} "${params.id}".`, [
          { field: 'id', message: `no ${entity} with this id`, found: params.id },
        ]);
      const history = await listAudit(store(), { entity, id: params.id });
      return { data: { ...labelled(row), history }, meta: { provenance: { sources: sources([row]) } } };
    },
  );

  app.post(
    {
      path: '/registry/{collection}',
      summary: 'Add rows (one object or an array; atomic). Needs Authorization: Bearer <token>',
      tags: ['registry'],
      params: z.object({ collection }),
      body: writeBody,
      examples: {
        valid: [],
        invalid: [
          { params: { collection: 'agreements' }, body: { kind: 'cultural-agreement' }, status: 401 },
        ],
      },
    },
    async ({ params, body, c }) => {
      const who = await actor(c);
      await ensure();
      const entity = collections[params.collection];
      const items = Array.isArray(body) ? body : [body];
      const { ids } = await createEntities(
        store(),
        entity,
        items.map((value, i) => ({ value, ...(Array.isArray(body) ? { item: i } : {}) })),
        { actor: who, now: deps.now() },
      );
      return { data: { created: ids, entity, actor: who } };
    },
  );

  app.put(
    {
      path: '/registry/{collection}/{id}',
      summary: 'Change fields of one row. Needs Authorization: Bearer <token>',
      tags: ['registry'],
      params: z.object({ collection, id: z.string().min(1) }),
      body: z.record(z.string(), z.unknown()),
      examples: {
        valid: [],
        invalid: [
          {
            params: { collection: 'institutions', id: 'cultural-centre-fra-paris' },
            body: { city: 'Lyon' },
            status: 401,
          },
        ],
      },
    },
    async ({ params, body, c }) => {
      const who = await actor(c);
      await ensure();
      const entity = collections[params.collection];
      const after = await updateEntity(store(), entity, params.id, body, { actor: who, now: deps.now() });
      return { data: { updated: params.id, entity, actor: who, row: after } };
    },
  );

  app.delete(
    {
      path: '/registry/{collection}/{id}',
      summary: 'Delete one row (kept in the audit log). Needs Authorization: Bearer <token>',
      tags: ['registry'],
      params: z.object({ collection, id: z.string().min(1) }),
      examples: {
        valid: [],
        invalid: [{ params: { collection: 'institutions', id: 'cultural-centre-fra-paris' }, status: 401 }],
      },
    },
    async ({ params, c }) => {
      const who = await actor(c);
      await ensure();
      const entity = collections[params.collection];
      await deleteEntity(store(), entity, params.id, { actor: who, now: deps.now() });
      return { data: { deleted: params.id, entity, actor: who } };
    },
  );
};
