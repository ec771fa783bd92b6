/**
 * "No function over ~80 lines without a reason in its header" is checked by `npm test`
 * (`npm run check:long-functions`, scripts/long-functions.ts). Here the same script runs on a small
 * src/ tree: deliberate 90-line functions (a declaration, an arrow held by a const) fail it, each
 * named with its file and line; the same functions with a "Kept whole: …" line in their header, or
 * split in two, pass.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CheckResult, checkTrees } from './support/check-tree.ts';
import { repoRoot } from './shared.ts';

const trees = checkTrees('lantern-long-functions-');
afterAll(() => trees.remove());

/** A function of `lines` lines (its declaration, body statements and closing brace), after `header`. */
const fn = (name: string, lines: number, header = '') =>
  `${header}export function ${name}(): number {\n  let n = 0;\n${'  n++;\n'.repeat(lines - 4)}  return n;\n}\n`;

/** Runs the project's script on a tree of `files` under src/; its exit status and report. */
function check(files: Record<string, string>): CheckResult {
  const tree = Object.fromEntries(Object.entries(files).map(([path, text]) => [join('src', path), text]));
  return trees.run(tree, [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(repoRoot, 'scripts', 'long-functions.ts')]);
}

const arrow = `export const tooLongArrow = (): number => {\n  let n = 0;\n${'  n++;\n'.repeat(86)}  return n;\n};\n`;

describe('the long-function check (npm run check:long-functions)', () => {
  it('fails functions over 80 lines with no reason in their header, naming each, its file and line', () => {
    const r = check({
      'short.ts': fn('short', 40),
      'queries/long.ts': `/** A module. */\n${fn('tooLong', 90, '/** Counts. */\n')}`,
      'arrow.ts': arrow,
    });
    expect(r.status).toBe(1);
    expect(r.report).toContain('90\tsrc/queries/long.ts:3\ttooLong');
    expect(r.report).toContain('src/arrow.ts:1\ttooLongArrow');
    expect(r.report).not.toContain('short');
    expect(r.report).toMatch(/2 function\(s\) over 80 lines without "Kept whole: …"/);
  });

  it('passes the same functions with a "Kept whole: …" reason in their header, or split', () => {
    const r = check({
      'long.ts': fn('tooLong', 90, '/**\n * Counts.\n *\n * Kept whole: one loop.\n */\n'),
      'arrow.ts': `/** Kept whole: one loop. */\n${arrow}`,
      'split.ts': fn('firstHalf', 45) + fn('secondHalf', 45),
    });
    expect(r.report).toBe('');
    expect(r.status).toBe(0);
  });
});
