/**
 * Golden SQL: the DuckDB text and parameters each indicator compiles its example to, pinned in
 * test/golden/indicators/<id>.sql so a change in generated SQL shows up in review.
 *
 * A differing run writes <id>-changed.sql beside the golden file and fails. Golden files are never
 * regenerated in CI; regenerate them deliberately with UPDATE_GOLDEN=1 (and review the diff).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indicators } from '../../src/indicators/catalog.ts';
import { duckdb } from '../../src/store/dialect.ts';
import { repoRoot } from '../shared.ts';

const dir = join(repoRoot, 'test', 'golden', 'indicators');
const update = process.env.UPDATE_GOLDEN === '1' && process.env.CI !== 'true';

/**
 * One clause a line, so diffs are readable. The authored layout (SQL written across lines,
 * indented) is folded first: a golden file pins the statement, not how its source is laid out.
 */
function pretty(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(
    / (with|select|from|where|group by|order by|join|left join|full outer join|cross join|union all) /g,
    '\n$1 ',
  );
}

function goldenText(id: string, example: unknown): string {
  const { text, params } = indicators.find((i) => i.id === id)!.compile(example, duckdb);
  return `-- indicator: ${id}\n-- example: ${JSON.stringify(example)}\n-- params: ${JSON.stringify(params)}\n${pretty(text)}\n`;
}

describe('golden SQL of every indicator (DuckDB)', () => {
  for (const def of indicators) {
    it(def.id, () => {
      const file = join(dir, `${def.id}.sql`);
      const changed = join(dir, `${def.id}-changed.sql`);
      const actual = goldenText(def.id, def.example);
      if (update) {
        writeFileSync(file, actual);
        rmSync(changed, { force: true });
        return;
      }
      expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run test/golden`).toBe(
        true,
      );
      const expected = readFileSync(file, 'utf8');
      if (actual !== expected) writeFileSync(changed, actual);
      else rmSync(changed, { force: true });
      expect(actual, `generated SQL changed: compare ${def.id}-changed.sql with ${def.id}.sql`).toBe(
        expected,
      );
    });
  }
});
