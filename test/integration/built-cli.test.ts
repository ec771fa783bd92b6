/**
 * The `lantern` that users run is the build: `npx lantern` (bin/lantern.mjs) runs dist/, bundled by
 * `npm ci` through `prepare`, and loads no TypeScript (no tsx at run time). A resolve hook makes any
 * .ts module or tsx import fail the process, so a CLI that fell back to the sources would fail here.
 * The build's command manifest must match the sources (a stale dist/ fails).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { commandManifest, type ManifestEntry, MANIFEST_FILE } from '../../src/cli/commands/index.ts';
import { createContext } from '../../src/cli/context.ts';
import { repoRoot } from '../shared.ts';

const built = existsSync(join(repoRoot, 'dist', 'cli', 'run.js'));
const dir = mkdtempSync(join(tmpdir(), 'lantern-built-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Writes a module-resolution hook that fails the process when `refuses` (JavaScript over the
 * resolved `r.url`) holds, naming what was loaded.
 */
function refusingHook(name: string, refuses: string, why: string): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (${refuses}) throw new Error('${why}: ' + r.url);
  return r;
}\`));
`,
  );
  return file;
}

const hook = refusingHook(
  'no-typescript.mjs',
  String.raw`/\\.[cm]?ts$/.test(new URL(r.url).pathname) || /\\/node_modules\\/tsx\\//.test(r.url)`,
  'TypeScript loaded at run time',
);

/**
 * What `--help` must never load: DuckDB's client and the read models. The CLI is a bundle
 * (scripts/build.mjs), so the files refused are its chunks holding any of them, as listed in
 * dist/cli/chunks.json.
 */
const HEAVY = /node_modules\/@duckdb\/|^src\/(queries|store|indicators|reference)\//;
const chunksFile = join(repoRoot, 'dist', 'cli', 'chunks.json');
const heavyChunks = existsSync(chunksFile)
  ? Object.entries(JSON.parse(readFileSync(chunksFile, 'utf8')) as Record<string, string[]>)
      .filter(([, inputs]) => inputs.some((i) => HEAVY.test(i)))
      .map(([chunk]) => chunk)
  : [];
const lightHook = refusingHook(
  'no-store.mjs',
  `/@duckdb/.test(r.url) || (r.url.includes('/dist/cli/') && ${JSON.stringify(heavyChunks)}.includes(r.url.split('/').pop()))`,
  'loaded by a start-up command',
);

/** Runs `npx lantern …` in the repository as a user would, with the hook that refuses TypeScript (or another). */
function npxLantern(...args: string[]): string {
  return npxLanternWith(hook, ...args);
}

function npxLanternWith(hookFile: string, ...args: string[]): string {
  return execFileSync('npx', ['--offline', 'lantern', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: `--import ${pathToFileURL(hookFile).href}` },
  });
}

describe.runIf(built || process.env.CI === 'true')('the built CLI', () => {
  it('is what `npx lantern` runs, with no TypeScript loaded', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(npxLantern('--version').trim()).toBe(pkg.version);
    expect(npxLantern('--help')).toContain('indicator');
    // A command that opens a store, migrates it and loads the bundled reference data.
    const status = JSON.parse(npxLantern('status', '--db', ':memory:', '--format', 'json')) as { tables: { name: string }[] };
    expect(status.tables.map((t) => t.name)).toContain('trade_flows');
  });

  it('starts without the store: --help and --version load neither DuckDB nor the read models', () => {
    expect(npxLanternWith(lightHook, '--help')).toContain('indicator');
    expect(npxLanternWith(lightHook, '--version').trim()).toMatch(/^\d+\.\d+/);
    // The hook does refuse them: a verb that reads the store loads them.
    expect(heavyChunks.length).toBeGreaterThan(0);
    expect(() => npxLanternWith(lightHook, 'markets', '--help')).toThrow(/loaded by a start-up command/);
  });

  it('has a command manifest that matches the sources (dist/ is not stale)', async () => {
    const shipped = JSON.parse(
      readFileSync(join(repoRoot, 'dist', 'cli', 'commands', MANIFEST_FILE), 'utf8'),
    ) as ManifestEntry[];
    const quiet = () => undefined;
    const fromSources = await commandManifest(await createContext({ stdout: quiet, stderr: quiet, env: {}, cwd: dir, now: () => new Date() }));
    const strip = (m: ManifestEntry[]) => m.map((e) => ({ ...e, files: e.files.map((f) => f.replace(/\.[jt]s$/, '')) }));
    expect(strip(shipped)).toEqual(strip(fromSources));
  });
});

if (!built && process.env.CI !== 'true') {
  describe.skip('the built CLI (not built)', () => {
    it.skip('needs `npm run build` (npm ci runs it): dist/cli/run.js is missing', () => undefined);
  });
}
