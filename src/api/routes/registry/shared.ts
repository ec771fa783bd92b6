/**
 * What the registry's route modules share: the country parameter, the collections of the row
 * routes, the provenance of a list, the labels the dashboard shows, and `RegistryRoutes` (the
 * store, the bundled rows loaded on first use, the write token's holder).
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { countryName } from '../../../reference/index.ts';
import { type EntityName, isCountryCode, kindLabels, loadBundledRegistry, requireToken } from '../../../registry/index.ts';
import type { Store } from '../../../store/index.ts';
import { writeActor } from '../../guard.ts';
import type { ApiDeps, Row } from '../../router.ts';

export const iso3 = z
  .string()
  .regex(/^[A-Z]{3}$/, 'should be an ISO 3166 alpha-3 code in capitals, such as CHN')
  .refine(isCountryCode, { message: 'should be the ISO 3166 alpha-3 code of a country, such as CHN' });

/** The collections of `/registry/{collection}/…` and the entity each holds. */
export const collections = {
  institutions: 'institution',
  agreements: 'agreement',
  documents: 'document',
  measures: 'measure',
  counts: 'count',
} as const satisfies Record<string, EntityName>;
const collectionNames = Object.keys(collections) as (keyof typeof collections)[];
export const collection = z.enum(collectionNames as [keyof typeof collections, ...(keyof typeof collections)[]], {
  message: `should be one of ${collectionNames.join(', ')}`,
});

/** The source pages of a list's rows, each once. */
export function sources(rows: readonly Row[]): string[] {
  return [...new Set(rows.map((r) => r.source_url).filter((s): s is string => typeof s === 'string'))];
}

/** Labels the dashboard shows, in English and Chinese (derived; `name_zh` stays null when no source gives it). */
export function labelled(r: Row): Row {
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

/** What every registry route module gets besides the app. */
export interface RegistryRoutes {
  deps: ApiDeps;
  store(): Store;
  /** Loads the bundled rows into a writable store opened without `prepareStore`, once. */
  ensure(): Promise<unknown>;
  /** The write token's holder (the API's write guard has checked the token before the body was read). */
  actor(c: Context): Promise<string>;
}

export function registryRoutes(deps: ApiDeps): RegistryRoutes {
  // The bundled facts are loaded on first run by `prepareStore` (src/setup.ts); a writable store opened some
  // other way gets them on the first registry request.
  let ready: Promise<unknown> | undefined;
  const store = () => deps.store;
  return {
    deps,
    store,
    ensure() {
      if (deps.readOnly) return Promise.resolve();
      ready ??= loadBundledRegistry(deps.store).catch((e) => {
        ready = undefined;
        throw e;
      });
      return ready;
    },
    actor: async (c) => writeActor(c) ?? requireToken(store(), bearer(c.req.header('authorization')), deps.now()),
  };
}
