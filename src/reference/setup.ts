/**
 * First-run setup of a store's reference data: the bundled datasets of this folder, as an ordered
 * list of loaders (countries first: distances, population and baskets name countries). Each loader
 * is idempotent and cheap once the store holds its version of the data. `src/setup.ts` adds the
 * loaders of other folders (the registry) after these.
 */
import type { Store } from '../store/index.ts';
import { ensureBundledBaskets } from './bundled-baskets.ts';
import { ensureBundledHs } from './bundled-hs.ts';
import { loadCountries } from './countries.ts';
import { ensureCountryDistances } from './distances.ts';
import { ensureBundledOfficialSeries } from './official-series.ts';
import { ensureBundledPopulation } from './population.ts';
import { ensureBundledEbops } from './services.ts';

/** A named first-run loader of bundled data. */
export interface StoreLoader {
  name: string;
  load: (store: Store) => Promise<unknown>;
}

/** The reference loaders, in the order they run. */
export const referenceLoaders: readonly StoreLoader[] = [
  { name: 'countries', load: loadCountries },
  { name: 'country distances', load: ensureCountryDistances },
  { name: 'population', load: (store) => ensureBundledPopulation(store) },
  // before the baskets: they resolve to every edition through these tables
  { name: 'HS names and correlation tables', load: (store) => ensureBundledHs(store) },
  // before the baskets: the services basket resolves to its items' sub-items through the tree
  { name: 'EBOPS 2010 services codes', load: (store) => ensureBundledEbops(store) },
  { name: 'cultural baskets', load: (store) => ensureBundledBaskets(store) },
  { name: 'official series', load: (store) => ensureBundledOfficialSeries(store) },
];

/** Runs `loaders` in order (default: the reference loaders). */
export async function runLoaders(store: Store, loaders: readonly StoreLoader[] = referenceLoaders): Promise<void> {
  for (const loader of loaders) await loader.load(store);
}

/** Loads the bundled reference data the store lacks. */
export async function ensureReferenceData(store: Store): Promise<void> {
  await runLoaders(store, referenceLoaders);
}
