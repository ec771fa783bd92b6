/**
 * Preparing a store for use: the one place that lists every bundled dataset a store needs from its
 * first run, in the order they load (the reference data first — countries, distances, population,
 * baskets, official series — then the registry, which validates its countries against them).
 * Entry points (CLI, server) call `prepareStore`. Adding a bundled dataset is one loader function
 * plus one line here. Then the trade summaries a store made by an older version lacks are built,
 * once (queries/flow-totals.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OnProgress } from './ingest/index.ts';
import { ensureFlowSummaries, hasSetupMark, writeSetupMark } from './store/index.ts';
import { referenceLoaders, runLoaders, type StoreLoader } from './reference/index.ts';
import { loadBundledRegistry } from './registry/index.ts';
import type { Store } from './store/index.ts';

/** Every first-run loader, in the order they run. */
export const storeLoaders: readonly StoreLoader[] = [
  ...referenceLoaders,
  { name: 'registry', load: (store) => loadBundledRegistry(store) },
];

const here = dirname(fileURLToPath(import.meta.url));

/** Every file under the folders, with size and modification time, in a stable order. */
function filesOf(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) filesOf(path, out);
    else {
      const s = statSync(path);
      out.push(`${path}\t${s.size}\t${s.mtimeMs}`);
    }
  }
  return out;
}

/**
 * What the loaders would load: their names, and the size and time of every file of the folders
 * their code and data live in (reference/, registry/, the migrations, data/; the build's code is
 * one bundle, in dist/cli/). A new build, new bundled data or a new migration changes it. Stat
 * calls only: a few milliseconds.
 */
export function loadersFingerprint(): string {
  const dirs = ['reference', 'registry', 'cli', join('store', 'migrations'), join('..', 'data')].map((d) => join(here, d));
  const hash = createHash('sha256').update(storeLoaders.map((l) => l.name).join('\n'));
  for (const d of dirs) hash.update(filesOf(d).join('\n'));
  return hash.digest('hex');
}

/**
 * Loads whatever bundled data the store lacks and builds the trade summaries it lacks (once;
 * `onProgress` draws it). A no-op on a read-only store, and on a ClickHouse store, whose reference
 * tables come whole from the DuckDB store by `lantern cluster push`.
 *
 * The loaders' checks ("anything to load?") cost a few tenths of a second per command, so once they
 * have all run the store keeps the fingerprint of what they ran with (`setup_mark`), and a command
 * that finds the same one skips them. Reference rows deleted by hand then come back only with the
 * next build or data change (or `delete from setup_mark`).
 */
export async function prepareStore(store: Store, opts: { onProgress?: OnProgress } = {}): Promise<void> {
  if (store.readOnly || store.dialect.name !== 'duckdb') return;
  const fingerprint = loadersFingerprint();
  if (!(await hasSetupMark(store, fingerprint))) {
    await runLoaders(store, storeLoaders);
    await writeSetupMark(store, fingerprint);
  }
  await ensureFlowSummaries(store, opts);
}
