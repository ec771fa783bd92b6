/** Where the project's own data files live (`data/` at the repository root) and their fingerprints. */
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const dataDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');

export function dataPath(...parts: string[]): string {
  return join(dataDir, ...parts);
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}
