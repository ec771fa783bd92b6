/** The catalog: one rule per file, each file with its own tests, every rule listed once. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from './index.ts';

/** Shared helpers of the rules, not rules themselves. */
const HELPERS = new Set(['core.ts', 'sides.ts', 'subjects.ts', 'index.ts']);
const dir = import.meta.dirname;
const ruleFiles = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !HELPERS.has(f));

describe('relation rule catalog', () => {
  it('each rule file holds exactly one rule of the catalog and has its own tests', async () => {
    const runs = new Set(RULES.map((r) => r.run));
    for (const f of ruleFiles) {
      const mod = (await import(join(dir, f))) as Record<string, unknown>;
      const listed = Object.values(mod).filter((v) => runs.has(v as (typeof RULES)[number]['run']));
      expect(listed.length, `${f} should export one rule of the catalog`).toBe(1);
      expect(existsSync(join(dir, f.replace(/\.ts$/, '.test.ts'))), `${f} has no test file`).toBe(true);
    }
    expect(ruleFiles.length).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
  });
});
