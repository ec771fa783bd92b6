/**
 * Preparing a store for use: the one place that knows every bundled dataset a store needs from
 * its first run (countries, cultural baskets, official series, registry facts). Entry points (CLI,
 * server) call `prepareStore` instead of relying on which modules happen to have been imported.
 *
 * The imports below register each dataset's loader, in dependency order (countries first: the
 * registry validates its countries against them). Each loader is idempotent and cheap once the
 * store holds its version of the data.
 */
import './reference/countries.ts';
import './reference/distances.ts';
import './reference/index.ts';
import './reference/population.ts';
import './registry/index.ts';
import { ensureReferenceData } from './reference/setup.ts';
import type { Store } from './store/db.ts';

/** Loads whatever bundled data the store lacks (no-op on a read-only store). */
export async function prepareStore(store: Store): Promise<void> {
  if (!store.readOnly) await ensureReferenceData(store);
}
