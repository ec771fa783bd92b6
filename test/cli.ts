/**
 * Runs the CLI in the test process with its effects captured (stdout, stderr, environment, clock):
 * what every CLI test needs. `now` defaults to 2026-11-23T00:00:00Z.
 *
 * @example
 *   const r = await captureCli(['status', '--db', db, '--format', 'json'], { cwd: dir });
 *   expect(r.code).toBe(0);
 */
import { runCli } from '../src/cli/main.ts';

export async function captureCli(
  args: string[],
  opts: { cwd: string; env?: Record<string, string>; now?: Date },
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    env: opts.env ?? {},
    cwd: opts.cwd,
    now: () => opts.now ?? new Date('2026-11-23T00:00:00Z'),
  });
  return { code, out: out.join(''), err: err.join('') };
}
