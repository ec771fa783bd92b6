/**
 * The import rule of src/CONTEXT.md, checked by `npm test` (`npm run check:imports`).
 *
 * 1. Layers: a folder imports only the folders below it (`layers` — the diagram in src/CONTEXT.md
 *    draws the same arrows). The root modules errors.ts, csv-in.ts, csv-out.ts and text-encoding.ts sit under every folder;
 *    contract.ts (the wire types) too; setup.ts sits above the folders whose loaders it lists.
 * 2. Barrels: one folder imports another only through its `index.ts`.
 * 3. web/ imports nothing of src/ but the wire types (src/contract.ts).
 *
 * Tests may reach across (a test of reference/ may drive the CLI): *.test.ts files are not checked.
 * test/import-rule.test.ts shows the check failing on deliberate violations.
 */

/**
 * The arrows of the diagram in src/CONTEXT.md: each folder and the folders it imports directly.
 * A folder may import every folder it reaches along the arrows (computed below).
 */
const arrows = {
  cli: ['api', 'config'],
  api: ['claims', 'ingest', 'config'],
  claims: ['queries'],
  ingest: ['sources'],
  queries: ['indicators', 'registry'],
  sources: ['reference'],
  indicators: ['reference'],
  registry: ['reference'],
  reference: ['store'],
  store: [],
  config: [],
};

/** Each folder and every folder it reaches along the arrows. */
const layers = Object.fromEntries(
  Object.keys(arrows).map((folder) => {
    const seen = new Set();
    const walk = (f) => {
      for (const to of arrows[f]) if (!seen.has(to)) (seen.add(to), walk(to));
    };
    walk(folder);
    return [folder, [...seen]];
  }),
);
/** Root modules under every folder. */
const base = ['errors\\.ts', 'csv-in\\.ts', 'csv-out\\.ts', 'contract\\.ts', 'text-encoding\\.ts'];

const notTests = '\\.test\\.ts$';

const layerRules = Object.entries(layers).map(([folder, allowed]) => ({
  name: `layer-${folder}`,
  comment: `src/${folder}/ may import only ${allowed.length ? allowed.map((f) => `${f}/`).join(', ') : 'no other folder'} (and ${base.join(', ').replaceAll('\\', '')}): src/CONTEXT.md`,
  severity: 'error',
  from: { path: `^src/${folder}/`, pathNot: notTests },
  to: {
    path: '^src/',
    pathNot: [`^src/${folder}/`, ...allowed.map((f) => `^src/${f}/`), ...base.map((b) => `^src/${b}$`), '^src/setup\\.ts$'],
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'through-barrel',
      comment: "a folder imports another folder only through its index.ts (add the name to that folder's index.ts)",
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: notTests },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'setup-above-folders',
      comment: 'only the entry points (cli/, api/) import setup.ts',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(cli|api)/', '^src/setup\\.ts$', notTests] },
      to: { path: '^src/setup\\.ts$' },
    },
    {
      name: 'base-imports-nothing',
      comment: 'errors.ts, csv-in.ts, csv-out.ts, text-encoding.ts and contract.ts import no folder of src/',
      severity: 'error',
      from: { path: `^src/(${base.join('|')})$` },
      to: { path: '^src/[^/]+/' },
    },
    {
      name: 'web-only-contract',
      comment: 'web/ imports only the wire types of src/contract.ts',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/contract\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
  },
};
