/**
 * The CLI verbs, listed: each module of this folder named once, grouped by the task it serves.
 * A listed module exports one or more `register…(program, ctx)` functions; they are called in the
 * order of this list, and `lantern --help` shows the groups in this order. Adding a verb is one new
 * file in this folder plus its name here (a test fails on a module that is not listed).
 *
 * Loading every module costs seconds (they import DuckDB, the reference data, the API), so the
 * build writes a manifest (`npm run build`: manifest.json beside the compiled modules) naming each
 * top-level verb, its description, its group and the modules that register it. With a manifest,
 * `lantern --help` loads no command module and `lantern VERB …` loads only VERB's modules. Without
 * one (the TypeScript sources, as tests run them) every listed module is loaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import type { CliContext } from '../context.ts';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export interface CommandGroup {
  /** The heading of the group in `lantern --help`. */
  heading: string;
  /** Modules of this folder, without extension, in the order they register. */
  modules: readonly string[];
}

/** Every verb's module, by task, in the order `--help` lists them. */
export const commandGroups: readonly CommandGroup[] = [
  { heading: 'Get trade data in:', modules: ['import', 'fetch', 'fetch-baci', 'fetch-atlas', 'fetch-reference', 'demo', 'datasets', 'diff', 'status'] },
  { heading: 'Reference data:', modules: ['countries', 'reference', 'baskets', 'population', 'official'] },
  { heading: 'Ask questions of the data:', modules: ['indicator', 'compare', 'profile', 'bilateral', 'markets', 'epm', 'product-space', 'softpower'] },
  { heading: 'Check claims, keep the registry:', modules: ['claims', 'registry', 'token'] },
  { heading: 'Serve and scale out:', modules: ['serve', 'cluster'] },
];

/** One top-level verb: what `--help` shows without loading it, and the modules that register it. */
export interface ManifestEntry {
  name: string;
  aliases: string[];
  description: string;
  group: string;
  files: string[];
}

export const MANIFEST_FILE = 'manifest.json';

const here = dirname(fileURLToPath(import.meta.url));
/** '.ts' when running the sources, '.js' when running the build. */
const ext = extname(fileURLToPath(import.meta.url));

/** Every listed module, in manifest order. */
export function commandModules(): string[] {
  return commandGroups.flatMap((g) => g.modules);
}

function groupOf(module: string): string {
  const group = commandGroups.find((g) => g.modules.includes(module));
  if (!group) throw new Error(`CLI module "${module}" is not listed in cli/commands/index.ts`);
  return group.heading;
}

async function registersOf(module: string): Promise<RegisterCommand[]> {
  const mod = (await import(pathToFileURL(join(here, `${module}${ext}`)).href)) as Record<string, unknown>;
  const registers = Object.entries(mod)
    .filter(([name, value]) => name.startsWith('register') && typeof value === 'function')
    .map(([, value]) => value as RegisterCommand);
  if (!registers.length) throw new Error(`CLI module "${module}" exports no register… function`);
  return registers;
}

/** Registers the commands of `modules` on `program`, in manifest order, each under its group's heading. */
export async function registerModules(program: Command, ctx: CliContext, modules: readonly string[]): Promise<void> {
  const ordered = commandModules().filter((m) => modules.includes(m));
  const registers = await Promise.all(ordered.map(registersOf));
  ordered.forEach((module, i) => {
    program.commandsGroup(groupOf(module));
    for (const register of registers[i]!) register(program, ctx);
  });
}

/** The manifest written by the build, or undefined when running the sources. */
export function readManifest(): ManifestEntry[] | undefined {
  const path = join(here, MANIFEST_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ManifestEntry[]) : undefined;
}

/**
 * Builds the manifest: each module is registered alone on an empty program to learn which verbs it
 * adds (or extends), then all together for the descriptions.
 */
export async function commandManifest(ctx: CliContext): Promise<ManifestEntry[]> {
  const filesOf = new Map<string, string[]>();
  for (const m of commandModules()) {
    const alone = new Command();
    await registerModules(alone, ctx, [m]);
    for (const c of alone.commands) filesOf.set(c.name(), [...(filesOf.get(c.name()) ?? []), m]);
  }
  const all = new Command();
  await registerModules(all, ctx, commandModules());
  return all.commands.map((c) => ({
    name: c.name(),
    aliases: c.aliases(),
    description: c.description(),
    group: c.helpGroup(),
    files: filesOf.get(c.name()) ?? [],
  }));
}
