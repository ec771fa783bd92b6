#!/usr/bin/env node
/**
 * `npm run build` (run by `npm ci` / `npm install` through `prepare`): compiles src/ to dist/ as
 * plain JavaScript, so that `lantern` runs with no TypeScript transpiler.
 *
 * - tsc emits one .js per .ts with the same folder depth (src/store/db.ts → dist/store/db.js), so
 *   paths a module finds next to itself (`../../data`, `../../docs`, `../../web`) stay true.
 *   Type checking is `npm run typecheck`'s job, not the build's (`noCheck`).
 * - The SQL files that modules read at run time (migrations, ClickHouse DDL) are copied beside them.
 * - The CLI's command manifest (dist/cli/commands/manifest.json) names each verb, its description
 *   and the files that register it, so that `lantern --help` loads no command and `lantern VERB`
 *   loads only VERB's files.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const t0 = Date.now();

rmSync(dist, { recursive: true, force: true });
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

/** Copies every non-TypeScript file the sources read at run time (SQL) to the same place in dist/. */
function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const from = join(dir, name);
    if (statSync(from).isDirectory()) copyAssets(from);
    else if (name.endsWith('.sql')) cpSync(from, join(dist, from.slice(join(root, 'src').length)));
  }
}
copyAssets(join(root, 'src'));

const cli = (file) => import(pathToFileURL(join(dist, 'cli', file)).href);
const { commandManifest, MANIFEST_FILE } = await cli('commands/index.js');
const { createContext } = await cli('context.js');
const quiet = () => undefined;
const manifest = await commandManifest(await createContext({ stdout: quiet, stderr: quiet, env: {}, cwd: root, now: () => new Date() }));
writeFileSync(join(dist, 'cli', 'commands', MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
process.stderr.write(`lantern: built dist/ (${manifest.length} commands) in ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
