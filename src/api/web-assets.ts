/**
 * The dashboard's built assets: `web/dist`, built with Vite's JS API when it is missing or older
 * than the web sources, so `npm start` on a fresh checkout serves a working dashboard with no
 * separate build step. Vite is imported only when a build is needed.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's `web/` folder. */
export const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of readdirSync(path)) {
    if (e === 'dist' || e === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, e)));
  }
  return newest;
}

/** True when `web/dist` is missing or older than anything under web/ (sources, config) or the API contract. */
export function webBuildNeeded(root = webRoot): boolean {
  const index = join(root, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const contract = resolve(root, '..', 'src', 'contract.ts');
  return newestMtime(root) > built || newestMtime(contract) > built;
}

/**
 * Builds web/dist when needed. Resolves to what happened; never throws for a missing Vite when a
 * build already exists (an install without dev dependencies can still serve it).
 */
export async function ensureWebBuild(
  options: { root?: string; force?: boolean; log?: (s: string) => void } = {},
): Promise<'fresh' | 'built' | 'unavailable'> {
  const root = options.root ?? webRoot;
  const log = options.log ?? (() => {});
  if (!existsSync(join(root, 'index.html'))) return 'unavailable';
  if (!options.force && !webBuildNeeded(root)) return 'fresh';
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    log('warning: Vite is not installed; cannot build the dashboard (run `npm ci`)');
    return existsSync(join(root, 'dist', 'index.html')) ? 'fresh' : 'unavailable';
  }
  log('building the dashboard (web/dist)…');
  await vite.build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', clearScreen: false });
  return 'built';
}
