/**
 * Access to ../shared (real data, seed articles, gold annotations) for tests and benchmarks.
 *
 * The project never copies those files; tests read them in place. When ../shared is absent a test
 * that needs it is skipped with a message — except under CI=true, where its absence is a failure.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The shared folder: $LANTERN_SHARED, else ../shared beside the repository. */
export const sharedDir = process.env.LANTERN_SHARED ?? resolve(root, '..', 'shared');

/** Path of a file under the shared folder. */
export function sharedPath(...parts: string[]): string {
  return join(sharedDir, ...parts);
}

/**
 * True when the shared file or folder exists. When it does not: under CI it throws (a missing
 * ../shared must fail the run), elsewhere it warns once and the caller skips.
 *
 * @example
 *   describe.skipIf(!hasShared('data/comtrade_samples'))('Comtrade samples', () => { … });
 */
export function hasShared(...parts: string[]): boolean {
  const p = sharedPath(...parts);
  if (existsSync(p)) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${p} is missing: CI must run with ../shared beside the repo`);
  console.warn(`skipping: ${p} is absent (tests that read ../shared run when it is there)`);
  return false;
}

/** The repository root. */
export const repoRoot = root;
