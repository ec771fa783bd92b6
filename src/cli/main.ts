/**
 * The `lantern` command line. A thin layer: each verb lives in commands/<verb>.ts and calls the
 * library; this file wires them, maps errors to one clear line and an exit code.
 *
 * Start-up stays cheap: this module and context.ts import only commander and small helpers; the
 * store, the reference data and each verb's module are imported when a command runs. With the
 * build's manifest (commands/index.ts) only the verb on the command line is loaded.
 *
 * @example
 *   const code = await runCli(['datasets', '--format', 'json'], { stdout, stderr, env, cwd, now });
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { formatError, isLanternError, type LanternError, nameFieldAs } from '../errors.ts';
import { commandModules, type ManifestEntry, readManifest, registerModules } from './commands/index.ts';
import { type CliEffects, createContext } from './context.ts';

/** The package's version (package.json is two folders up from src/cli, and from the bundle's dist/cli). */
export const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Global options that take a value: the word after them is not the verb. */
const GLOBAL_VALUE_OPTIONS = new Set(['--db', '--store']);

/** The verb on a command line (`lantern --db x.duckdb import f` → import; `lantern help import` → import). */
export function verbOf(argv: readonly string[]): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i] as string;
    if (GLOBAL_VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) words.push(a);
  }
  return words[0] === 'help' ? words[1] : words[0];
}

/**
 * The program with its verbs. Given a manifest, only the verb named on `argv` is loaded; the
 * others appear in help by name and description alone.
 */
export async function buildProgram(
  effects: CliEffects,
  argv: readonly string[] = [],
  manifest: ManifestEntry[] | undefined = readManifest(),
): Promise<Command> {
  const verb = verbOf(argv);
  const program = new Command('lantern').description('Lantern: an open observatory of international trade in cultural goods and services');
  // `--version` is the program's only before a verb: after one it is the verb's own option
  // (`basket add NAME --version 2`), which commander would otherwise take for the program's.
  if (!verb) program.version(version, '-V, --version', 'print the version');
  program
    .option('--db <file>', 'DuckDB store file (default ./lantern.duckdb, or $LANTERN_DB)')
    .option('--store <url>', 'run on a ClickHouse cluster instead: clickhouse://HOST:PORT[,HOST:PORT]/DB[?cluster=NAME] (or $LANTERN_STORE)')
    .option('--debug', 'show stack traces of errors')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: effects.stdout, writeErr: effects.stderr });
  // Every option and argument is checked at the edge, naming the flag as typed (option-checks.ts,
  // loaded only when a command runs).
  program.hook('preAction', async (_program, cmd) => {
    running.set(program, cmd);
    await (await import('./option-checks.ts')).checkCommandInput(cmd, effects.cwd);
  });
  const entry = manifest?.find((e) => e.name === verb || e.aliases.includes(verb ?? ''));
  if (!manifest) await registerModules(program, await createContext(effects), commandModules());
  else if (entry) await registerModules(program, await createContext(effects), entry.files);
  else for (const e of manifest) program.command(e.name).aliases(e.aliases).description(e.description).helpGroup(e.group);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: effects.stdout, writeErr: effects.stderr });
  return program;
}

/** The command each program is running (set before its action), to name fields as typed. */
const running = new WeakMap<Command, Command>();

/**
 * A problem about a parameter of the library (`weights`, `indicator`) is shown as the user typed
 * it when the command that ran has that option or argument (`--weights`, `<release>`).
 */
function namedAsTyped(e: LanternError, cmd: Command | undefined): LanternError {
  for (let c: Command | null | undefined = cmd; c; c = c.parent) {
    for (const p of e.problems) {
      const f = p.field;
      if (!f || p.file || p.column || /^(-|<|query\.|path\.|body)/.test(f)) continue;
      // An item of a list parameter (`components.0`) is the list's flag.
      const base = f.split('.')[0] as string;
      // A read model's span of years is the `--year` of a command that takes one year.
      const name = base === 'years' && !c.options.some((o) => o.long === '--years') ? 'year' : base;
      // `event_kind` (the API's spelling) is the flag `--event-kind`.
      const opt = c.options.find((o) => o.attributeName() === name || o.long === `--${name}` || o.long === `--${name.replace(/_/g, '-')}`);
      const arg = c.registeredArguments.find((a) => a.name() === base);
      const typed = opt?.long ?? (arg ? `<${arg.name()}>` : undefined);
      if (!typed) continue;
      nameFieldAs(p, typed);
    }
  }
  return e;
}

/** Runs the CLI with the given effects; resolves to the exit code. */
export async function runCli(argv: string[], effects: CliEffects): Promise<number> {
  const program = await buildProgram(effects, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const debug = argv.includes('--debug');
    if (isLanternError(e)) {
      effects.stderr(`error [${e.code}]: ${formatError(namedAsTyped(e, running.get(program)))}\n`);
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
    stdin: process.stdin.isTTY ? undefined : process.stdin,
  });
}
