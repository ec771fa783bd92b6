/**
 * Preparing a store for use: the one place that lists every bundled dataset a store needs from its
 * first run, in the order they load (the reference data first — countries, distances, population,
 * baskets, official series — then the registry, which validates its countries against them).
 * Entry points (CLI, server) call `prepareStore`. Adding a bundled dataset is one loader function
 * plus one line here. Then the trade summaries a store made by an older version lacks are built,
 * once (queries/flow-totals.ts).
 */
import type { OnProgress } from './ingest/index.ts';
import { ensureFlowSummaries } from './store/index.ts';
import { referenceLoaders, runLoaders, type StoreLoader } from './reference/index.ts';
import { loadBundledRegistry } from './registry/index.ts';
import type { Store } from './store/index.ts';

/** Every first-run loader, in the order they run. */
export const storeLoaders: readonly StoreLoader[] = [
  ...referenceLoaders,
  { name: 'registry', load: (store) => loadBundledRegistry(store) },
];

/**
 * Loads whatever bundled data the store lacks and builds the trade summaries it lacks (once;
 * `onProgress` draws it). A no-op on a read-only store, and on a ClickHouse store, whose reference
 * tables come whole from the DuckDB store by `lantern cluster push`.
 */
export async function prepareStore(store: Store, opts: { onProgress?: OnProgress } = {}): Promise<void> {
  if (store.readOnly || store.dialect.name !== 'duckdb') return;
  await runLoaders(store, storeLoaders);
  await ensureFlowSummaries(store, opts);
}
