/**
 * The `lantern` command line. A thin layer: each verb lives in commands/<verb>.ts and calls the
 * library; this file wires them, maps errors to one clear line and an exit code.
 *
 * @example
 *   const code = await runCli(['datasets', '--format', 'json'], { stdout, stderr, env, cwd, now });
 */
import { Command, CommanderError } from 'commander';
import { formatError, isLanternError } from '../errors.ts';
import { loadCommands } from './commands/index.ts';
import { type CliEffects, createContext } from './context.ts';

export async function buildProgram(effects: CliEffects): Promise<Command> {
  const program = new Command('lantern')
    .description('Lantern: an open observatory of international trade in cultural goods and services')
    .option('--db <file>', 'DuckDB store file (default ./lantern.duckdb, or $LANTERN_DB)')
    .option('--debug', 'show stack traces of errors')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: effects.stdout, writeErr: effects.stderr });
  const ctx = createContext(effects);
  for (const register of await loadCommands()) register(program, ctx);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: effects.stdout, writeErr: effects.stderr });
  return program;
}

/** Runs the CLI with the given effects; resolves to the exit code. */
export async function runCli(argv: string[], effects: CliEffects): Promise<number> {
  const program = await buildProgram(effects);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const debug = argv.includes('--debug');
    if (isLanternError(e)) {
      effects.stderr(`error [${e.code}]: ${formatError(e)}\n`);
      if (debug && e.stack) effects.stderr(`${e.stack}\n`);
      return 1;
    }
    effects.stderr(`internal error: ${e instanceof Error ? (debug ? e.stack : e.message) : String(e)}\n`);
    if (!debug) effects.stderr('(run again with --debug for the stack trace)\n');
    return 70;
  }
}

/** The process entry: real stdout/stderr/env. */
export function main(argv: string[]): Promise<number> {
  return runCli(argv, {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    tty: process.stderr.isTTY ? process.stderr : undefined,
  });
}
