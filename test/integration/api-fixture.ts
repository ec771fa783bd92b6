/**
 * The store the API and e2e tests run on: reference data plus the tiny BACI world of
 * test/fixtures/api (imported through the real BACI importer), in memory or in a file.
 */
import { join } from 'node:path';
import { importFiles } from '../../src/ingest/index.ts';
import { prepareStore } from '../../src/setup.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { repoRoot } from '../shared.ts';

export const FIXTURE_FILE = join(repoRoot, 'test', 'fixtures', 'api', 'BACI_HS07_V202401.csv');

export const REPORTED_FIXTURE_FILE = join(repoRoot, 'test', 'fixtures', 'api', 'comtrade_reported_2021.csv');

/** A store with reference data and, unless `empty`, the fixture world (run 1) — or, with `reported`, only the reported Comtrade rows. */
export async function openFixtureStore(opts: { path?: string; empty?: boolean; reported?: boolean; release?: string } = {}): Promise<Store> {
  const store = await openStore({ path: opts.path ?? ':memory:' });
  await prepareStore(store);
  const now = () => new Date('2026-11-23T00:00:00Z');
  if (opts.reported) await importFiles(store, [REPORTED_FIXTURE_FILE], { now });
  else if (!opts.empty) await importFiles(store, [FIXTURE_FILE], { format: 'baci', hsEdition: 'HS2007', release: opts.release, now });
  return store;
}
