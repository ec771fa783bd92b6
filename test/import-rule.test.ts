/**
 * The import rule of src/CONTEXT.md is checked by `npm test` (`npm run check:imports`, with
 * .dependency-cruiser.cjs). Here the same check runs on small trees laid out like src/ and web/,
 * one deliberate violation each, and must fail naming the rule; the same tree without the
 * violation passes.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CheckResult, checkTrees } from './support/check-tree.ts';
import { repoRoot } from './shared.ts';

const trees = checkTrees('lantern-import-rule-');
afterAll(() => trees.remove());

/** A tree that keeps the rule: queries/ reads store/ through its barrel, web/ reads the wire types. */
const clean: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', allowImportingTsExtensions: true, noEmit: true } }),
  'src/errors.ts': 'export class LanternError extends Error {}\n',
  'src/contract.ts': 'export interface Row { id: string }\n',
  'src/store/db.ts': "import { LanternError } from '../errors.ts';\nexport const openStore = () => new LanternError();\n",
  'src/store/index.ts': "export { openStore } from './db.ts';\n",
  'src/queries/answer.ts': "import type { Row } from '../contract.ts';\nimport { openStore } from '../store/index.ts';\nexport const answer = (): Row => (openStore(), { id: 'x' });\n",
  'src/queries/index.ts': "export { answer } from './answer.ts';\n",
  'web/src/page.ts': "import type { Row } from '../../src/contract.ts';\nexport const show = (r: Row) => r.id;\n",
};

/** Runs the project's check on `clean` with `changes`; resolves to its exit status and report. */
function check(changes: Record<string, string> = {}): CheckResult {
  const bin = join(repoRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  return trees.run({ ...clean, ...changes }, [bin, 'src', 'web/src', '--config', join(repoRoot, '.dependency-cruiser.cjs'), '-T', 'err']);
}

describe('the import check (npm run check:imports)', () => {
  it('passes a tree that keeps the rule', () => {
    const r = check();
    expect(r.report).toMatch(/no dependency violations/);
    expect(r.status).toBe(0);
  });

  it('fails a folder that imports a folder above it (store → queries)', () => {
    const r = check({ 'src/store/db.ts': "import { answer } from '../queries/index.ts';\nexport const openStore = () => answer();\n" });
    expect(r.status).not.toBe(0);
    expect(r.report).toContain('layer-store: src/store/db.ts → src/queries/index.ts');
  });

  it("fails an import that bypasses the other folder's index.ts", () => {
    const r = check({ 'src/queries/answer.ts': "import { openStore } from '../store/db.ts';\nexport const answer = () => (openStore(), { id: 'x' });\n" });
    expect(r.status).not.toBe(0);
    expect(r.report).toContain('through-barrel: src/queries/answer.ts → src/store/db.ts');
  });

  it('fails web code that imports anything of src/ but the wire types', () => {
    const r = check({ 'web/src/page.ts': "import { openStore } from '../../src/store/index.ts';\nexport const show = () => openStore();\n" });
    expect(r.status).not.toBe(0);
    expect(r.report).toContain('web-only-contract: web/src/page.ts → src/store/index.ts');
  });
});
