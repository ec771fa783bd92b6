/**
 * First-run setup of a store: loads the reference data and bundled official figures that every
 * store needs, once per version of the bundled data. Called by the CLI and the server after a
 * store is opened for writing.
 */
import type { Store } from '../store/db.ts';

const loaders: ((store: Store) => Promise<void>)[] = [];

/** Registers a loader run by `ensureReferenceData`. Each loader must be idempotent and cheap when up to date. */
export function registerReferenceLoader(loader: (store: Store) => Promise<void>): void {
  loaders.push(loader);
}

export async function ensureReferenceData(store: Store): Promise<void> {
  for (const load of loaders) await load(store);
}
