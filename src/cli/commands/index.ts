/**
 * The CLI verbs, listed: each module of this folder named once, grouped by the task it serves.
 * A listed module exports one or more `register…(program, ctx)` functions; they are called in the
 * order of this list, and `lantern --help` shows the groups in this order. Adding a verb is one new
 * file in this folder plus its line here (a test fails on a module that is not listed).
 *
 * Each module is imported by its own `() => import('./x.ts')`, only when needed: loading every
 * module costs seconds (they import DuckDB, the reference data, the API). The build writes a
 * manifest (`npm run build`: manifest.json beside this module) naming each top-level verb, its
 * description, its group and the modules that register it. With a manifest, `lantern --help` loads
 * no command module and `lantern VERB …` loads only VERB's modules. Without one (the TypeScript
 * sources, as tests run them) every listed module is loaded. The build's bundler follows these
 * imports: each verb's code is a chunk of its own (scripts/build.mjs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import type { CliContext } from '../context.ts';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export interface CommandGroup {
  /** The heading of the group in `lantern --help`. */
  heading: string;
  /** Modules of this folder by name (the file without extension), in the order they register. */
  modules: Readonly<Record<string, () => Promise<object>>>;
}

/** Every verb's module, by task, in the order `--help` lists them; each imported only when its verb runs. */
export const commandGroups: readonly CommandGroup[] = [
  {
    heading: 'Get trade data in:',
    modules: {
      import: () => import('./import.ts'),
      fetch: () => import('./fetch.ts'),
      'fetch-baci': () => import('./fetch-baci.ts'),
      'fetch-atlas': () => import('./fetch-atlas.ts'),
      'fetch-reference': () => import('./fetch-reference.ts'),
      demo: () => import('./demo.ts'),
      datasets: () => import('./datasets.ts'),
      diff: () => import('./diff.ts'),
      status: () => import('./status.ts'),
    },
  },
  {
    heading: 'Reference data:',
    modules: {
      countries: () => import('./countries.ts'),
      groups: () => import('./groups.ts'),
      reference: () => import('./reference.ts'),
      hs: () => import('./hs.ts'),
      baskets: () => import('./baskets.ts'),
      population: () => import('./population.ts'),
      official: () => import('./official.ts'),
    },
  },
  {
    heading: 'Ask questions of the data:',
    modules: {
      indicator: () => import('./indicator.ts'),
      compare: () => import('./compare.ts'),
      profile: () => import('./profile.ts'),
      bilateral: () => import('./bilateral.ts'),
      markets: () => import('./markets.ts'),
      epm: () => import('./epm.ts'),
      'product-space': () => import('./product-space.ts'),
      softpower: () => import('./softpower.ts'),
    },
  },
  {
    heading: 'Check claims, keep the registry:',
    modules: {
      claims: () => import('./claims.ts'),
      registry: () => import('./registry.ts'),
      token: () => import('./token.ts'),
    },
  },
  {
    heading: 'Serve and scale out:',
    modules: {
      serve: () => import('./serve.ts'),
      cluster: () => import('./cluster.ts'),
    },
  },
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

/** Every listed module, in manifest order. */
export function commandModules(): string[] {
  return commandGroups.flatMap((g) => Object.keys(g.modules));
}

function groupOf(module: string): CommandGroup {
  const group = commandGroups.find((g) => Object.hasOwn(g.modules, module));
  if (!group) throw new Error(`CLI module "${module}" is not listed in cli/commands/index.ts`);
  return group;
}

async function registersOf(module: string): Promise<RegisterCommand[]> {
  const mod = (await groupOf(module).modules[module]!()) as Record<string, unknown>;
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
    program.commandsGroup(groupOf(module).heading);
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
