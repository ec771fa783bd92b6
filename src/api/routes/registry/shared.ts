/**
 * What the registry's route modules share: the country parameter, the collections of the row
 * routes, the provenance of a list, the labels the dashboard shows, and `RegistryRoutes` (the
 * store, the bundled rows loaded on first use, the write token's holder).
 */
import type { Context } from 'hono';
import { registryCollections, registryRowModel } from '../../../queries/index.ts';
import { loadBundledRegistry, requireToken } from '../../../registry/index.ts';
import type { Store } from '../../../store/index.ts';
import { writeActor } from '../../guard.ts';
import type { ApiDeps } from '../../router.ts';

/** The registry's country parameter, its sources and labels: queries/registry-lists.ts, shared with the CLI. */
export { labelled, registryCountry as iso3, registrySources as sources } from '../../../queries/index.ts';

/** The collections of `/registry/{collection}/…` and the entity each holds (queries/registry-lists.ts). */
export const collections = registryCollections;
export const collection = registryRowModel.params.shape.collection;

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
