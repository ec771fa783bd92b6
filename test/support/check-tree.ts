/**
 * Runs one of the project's source checks (the import rule, the long-function check) on a small
 * tree written for a test: each call gets a new folder under one temporary folder per test file.
 *
 * @example
 *   const trees = checkTrees('lantern-import-rule-');
 *   const r = trees.run({ 'src/a.ts': '…' }, [bin, 'src']);   // { status: 1, report: '…' }
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface CheckResult {
  status: number;
  report: string;
}

export function checkTrees(prefix: string): { run(files: Record<string, string>, args: string[]): CheckResult; remove(): void } {
  const work = mkdtempSync(join(tmpdir(), prefix));
  let n = 0;
  return {
    /** Writes `files` (paths relative to the tree) and runs `node ARGS…` in the tree: its exit status and output. */
    run(files, args) {
      const dir = join(work, `tree-${n++}`);
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      try {
        const report = execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        return { status: 0, report };
      } catch (e) {
        const err = e as { status: number; stdout: string; stderr: string };
        return { status: err.status, report: `${err.stdout}${err.stderr}` };
      }
    },
    remove: () => rmSync(work, { recursive: true, force: true }),
  };
}
