/**
 * The seeded synthetic demo world (the benchmarks' BACI-shaped generator, HS 2007 like the bundled
 * UNESCO basket) written to a scratch file and imported: what `lantern demo` and the dashboard's
 * empty-store page (`POST /api/v1/jobs/demo`) both run. The run's release is `synthetic-seed-N`,
 * which `isSyntheticRun` keys on (a banner on every page). The same world twice changes nothing
 * (same bytes, same sha256).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticBaci } from '../sources/index.ts';
import type { Store } from '../store/index.ts';
import { type ImportSummary, importFiles, type OnProgress } from './import.ts';

/** The release recorded for a synthetic run; `isSyntheticRun` (runs.ts) keys on the prefix. */
export function syntheticRelease(seed: number): string {
  return `synthetic-seed-${seed}`;
}

export interface DemoWorld {
  rows: number;
  seed: number;
  years: number[];
}

/** Default size of the demo world (`lantern demo`, the empty-store page). */
export const DEMO_ROWS = 1_000_000;

/** Generates the demo world in a scratch folder and imports it; `onProgress` sees the generation, then the import. */
export async function loadDemoWorld(
  store: Store,
  world: DemoWorld,
  opts: { onProgress?: OnProgress; now?: () => Date } = {},
): Promise<ImportSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-demo-'));
  try {
    const path = join(dir, 'BACI_HS07_V000000.csv');
    opts.onProgress?.({ done: 0, total: world.rows, unit: 'rows', label: 'generating the synthetic world' });
    await writeSyntheticBaci({ path, rows: world.rows, seed: world.seed, years: world.years, edition: 'HS07' });
    const [s] = await importFiles(store, [path], {
      format: 'baci',
      release: syntheticRelease(world.seed),
      hsEdition: 'HS2007',
      onProgress: opts.onProgress,
      now: opts.now,
    });
    return s as ImportSummary;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
