/**
 * The CLI verbs, discovered: every module in this folder (other than tests and this file) exports
 * one or more `register…(program, ctx)` functions, called in file-name order. Adding a verb is
 * adding a file; no list to edit.
 *
 * Loading every module costs seconds (they import DuckDB, the reference data, the API), so the
 * build writes a manifest (`npm run build`: manifest.json beside the compiled modules) naming each
 * top-level verb, its description and the files that register it. With a manifest, `lantern --help`
 * loads no command module and `lantern VERB …` loads only VERB's files. Without one (the TypeScript
 * sources, as tests run them) every module is loaded.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import type { CliContext } from '../context.ts';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** One top-level verb: what `--help` shows without loading it, and the modules that register it. */
export interface ManifestEntry {
  name: string;
  aliases: string[];
  description: string;
  files: string[];
}

export const MANIFEST_FILE = 'manifest.json';

const here = dirname(fileURLToPath(import.meta.url));
/** '.ts' when running the sources, '.js' when running the build. */
const ext = extname(fileURLToPath(import.meta.url));

function commandFiles(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith(ext) && !f.endsWith(`.test${ext}`) && !f.endsWith('.d.ts') && f !== `index${ext}`)
    .sort();
}

async function registersOf(file: string): Promise<RegisterCommand[]> {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, unknown>;
  return Object.entries(mod)
    .filter(([name, value]) => name.startsWith('register') && typeof value === 'function')
    .map(([, value]) => value as RegisterCommand);
}

/** Registers the commands of `files` on `program`; resolves once deferred registrations have run. */
export async function registerFiles(program: Command, ctx: CliContext, files: readonly string[]): Promise<void> {
  // Imported first, then registered in one synchronous pass: deferred registrations run after all.
  const registers = (await Promise.all(files.map(registersOf))).flat();
  for (const register of registers) register(program, ctx);
  // Some modules attach subcommands to another module's verb in a microtask (fetch-reference.ts).
  await new Promise((r) => setTimeout(r, 0));
}

/** Every module's register functions (no manifest: the sources, or building the manifest). */
export async function loadCommands(): Promise<RegisterCommand[]> {
  const registers: RegisterCommand[] = [];
  for (const f of commandFiles()) registers.push(...(await registersOf(f)));
  return registers;
}

/** The manifest written by the build, or undefined when running the sources. */
export function readManifest(): ManifestEntry[] | undefined {
  const path = join(here, MANIFEST_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ManifestEntry[]) : undefined;
}

/**
 * Builds the manifest: each file is registered alone on an empty program to learn which verbs it
 * adds (or extends), then all together for the descriptions.
 */
export async function commandManifest(ctx: CliContext): Promise<ManifestEntry[]> {
  const filesOf = new Map<string, string[]>();
  for (const f of commandFiles()) {
    const alone = new Command();
    await registerFiles(alone, ctx, [f]);
    for (const c of alone.commands) filesOf.set(c.name(), [...(filesOf.get(c.name()) ?? []), f]);
  }
  const all = new Command();
  await registerFiles(all, ctx, commandFiles());
  return all.commands.map((c) => ({
    name: c.name(),
    aliases: c.aliases(),
    description: c.description(),
    files: filesOf.get(c.name()) ?? [],
  }));
}
