#!/usr/bin/env node
/**
 * `npm run build` (run by `npm ci` / `npm install` through `prepare`): bundles the CLI into
 * dist/cli/ with esbuild, so that `lantern` runs plain JavaScript with no TypeScript transpiler and
 * resolves no module files at start (a cold `lantern markets` read about 250 files before its first
 * statement: zod, the read models, DuckDB's client; bench/RESULTS.md, session 8).
 *
 * - One entry, dist/cli/run.js (what bin/lantern.mjs runs), and chunks beside it: each verb's
 *   module is a chunk of its own, loaded by its `() => import(…)` in cli/commands/index.ts only
 *   when the verb runs, so `lantern --help` loads neither DuckDB nor a read model.
 * - The packages are bundled too (a CommonJS package imported from ESM was scanned for its exports
 *   at every start). Left outside: DuckDB's native binding, vite (the dashboard's dev server, a
 *   devDependency) and world-countries (1.2 MB of JSON: Node's JSON.parse reads it faster than V8
 *   parses it as a JavaScript literal).
 * - A module that finds files next to itself (`import.meta.url`: migrations, data/, docs/, web/)
 *   sees the URL its compiled file would have in dist/ (src/store/db.ts → dist/store/db.js), so
 *   those paths stay true in the bundle; the SQL files read at run time (migrations, ClickHouse
 *   DDL) are copied to the same places in dist/.
 * - dist/cli/chunks.json lists the sources and packages each output file holds.
 * - The CLI's command manifest (dist/cli/commands/manifest.json) names each verb, its description
 *   and the modules that register it, so that `lantern --help` loads no command and `lantern VERB`
 *   loads only VERB's modules.
 * Type checking is `npm run typecheck`'s job, not the build's.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const out = join(dist, 'cli');
const t0 = Date.now();
const CHUNKS_FILE = 'chunks.json';

/** `import.meta.url` of a source file as its compiled file in dist/ would see it, relative to the bundle. */
const placedAsCompiled = {
  name: 'placed-as-compiled',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (relative(src, args.path).startsWith('..')) return undefined;
      const compiled = join(dist, relative(src, args.path)).replace(/\.ts$/, '.js');
      const url = `new URL(${JSON.stringify(relative(out, compiled).split('\\').join('/'))}, import.meta.url).href`;
      return { contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

rmSync(dist, { recursive: true, force: true });
const { metafile } = await build({
  // The manifest's two modules are entries too, for this script to import below.
  entryPoints: { run: join(src, 'cli/run.ts'), 'build-manifest': join(src, 'cli/commands/index.ts'), 'build-context': join(src, 'cli/context.ts') },
  outdir: out,
  // Every output in one folder: the URLs placedAsCompiled writes are relative to it.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  external: ['@duckdb/node-bindings*', 'vite', 'world-countries'],
  // A bundled CommonJS package that requires one left outside (DuckDB's client its binding) needs `require`.
  banner: { js: "import { createRequire as __lanternCreateRequire } from 'node:module'; const require = __lanternCreateRequire(import.meta.url);" },
  plugins: [placedAsCompiled],
  metafile: true,
  logLevel: 'warning',
});
// Which sources and packages each output holds (test/integration/built-cli.test.ts reads it).
const inputsOf = Object.fromEntries(
  Object.entries(metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, o]) => [file.split('/').pop(), Object.keys(o.inputs).sort()]),
);
writeFileSync(join(out, CHUNKS_FILE), `${JSON.stringify(inputsOf, null, 1)}\n`);

/** Copies every non-TypeScript file the sources read at run time (SQL) to the same place in dist/. */
function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const from = join(dir, name);
    if (statSync(from).isDirectory()) copyAssets(from);
    else if (name.endsWith('.sql')) {
      const to = join(dist, relative(src, from));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(from, to);
    }
  }
}
copyAssets(src);

const bundled = (file) => import(pathToFileURL(join(out, file)).href);
const { commandManifest, MANIFEST_FILE } = await bundled('build-manifest.js');
const { createContext } = await bundled('build-context.js');
const quiet = () => undefined;
const manifest = await commandManifest(await createContext({ stdout: quiet, stderr: quiet, env: {}, cwd: root, now: () => new Date() }));
mkdirSync(join(out, 'commands'), { recursive: true });
writeFileSync(join(out, 'commands', MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
process.stderr.write(`lantern: built dist/ (${manifest.length} commands) in ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
