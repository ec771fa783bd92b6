/**
 * The CLI verbs, discovered: every module in this folder (other than tests and this file) exports
 * one or more `register…(program, ctx)` functions, called in file-name order. Adding a verb is
 * adding a file; no list to edit.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

const here = dirname(fileURLToPath(import.meta.url));

export async function loadCommands(): Promise<RegisterCommand[]> {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
    .sort();
  const registers: RegisterCommand[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(`${here}/${f}`).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (name.startsWith('register') && typeof value === 'function') registers.push(value as RegisterCommand);
    }
  }
  return registers;
}
