/**
 * Runs the CLI in the test process with its effects captured (stdout, stderr, environment, clock):
 * what every CLI test needs. `now` defaults to 2026-11-23T00:00:00Z.
 *
 * @example
 *   const r = await captureCli(['status', '--db', db, '--format', 'json'], { cwd: dir });
 *   expect(r.code).toBe(0);
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readable } from 'node:stream';
import { runCli } from '../src/cli/main.ts';
import { repoRoot } from './shared.ts';

/**
 * The node arguments that run the CLI as a child process from the TypeScript sources (through
 * tsx), so that a test exercises the code it sits beside, built or not. `bin/lantern.mjs` runs the
 * build (dist/); test/integration/built-cli.test.ts checks that one.
 *
 * @example
 *   spawn(process.execPath, cliProcessArgs('serve', '--port', '0'), { cwd: dir });
 */
export function cliProcessArgs(...args: string[]): string[] {
  const tsx = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  return ['--import', tsx, join(repoRoot, 'src', 'cli', 'run.ts'), ...args];
}

export async function captureCli(
  args: string[],
  opts: { cwd: string; env?: Record<string, string>; now?: Date; stdin?: string | Buffer },
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    env: opts.env ?? {},
    cwd: opts.cwd,
    now: () => opts.now ?? new Date('2026-11-23T00:00:00Z'),
    stdin: opts.stdin === undefined ? undefined : Readable.from([Buffer.from(opts.stdin)]),
  });
  return { code, out: out.join(''), err: err.join('') };
}

/**
 * The problem lines of a printed LanternError (`  - file:line column: message (expected …, found …)`)
 * without their fix hints (after " — "): where and what, for comparing two edges that word the way
 * out differently.
 */
export function problemPlaces(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('  - '))
    .map((l) => l.split(' — ')[0] as string);
}
