/**
 * `-` as a file argument: standard input, for commands that read files (`lantern import -`,
 * `lantern claims extract -`). The input is streamed into a scratch folder under the name the user
 * gives (`--name`, used for format detection and recorded as the file name), so the rest of the
 * command reads a file as usual; the folder is removed afterwards.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { LanternError } from '../errors.ts';
import type { CliContext } from './context.ts';

export const STDIN = '-';

/** Standard input saved as a file named `name`; call `cleanup` when done. */
export async function stdinAsFile(ctx: CliContext, name: string): Promise<{ path: string; cleanup: () => void }> {
  const input = ctx.effects.stdin;
  if (!input) {
    throw new LanternError('invalid-argument', '"-" reads standard input, but nothing is piped in.', [
      { field: 'file', message: 'standard input is a terminal', found: '-', hint: 'pipe a file: cat FILE | lantern … - --name FILE' },
    ]);
  }
  const safe = basename(name.trim());
  if (!safe || safe === '.' || safe === '..') {
    throw new LanternError('invalid-argument', `"${name}" cannot name standard input.`, [
      { field: 'name', message: 'not a file name', found: name, hint: 'e.g. --name BACI_HS17_Y2022_V202401.csv' },
    ]);
  }
  const dir = mkdtempSync(join(tmpdir(), 'lantern-stdin-'));
  const path = join(dir, safe);
  try {
    await pipeline(input, createWriteStream(path));
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new LanternError('bad-file', `Cannot read standard input: ${(e as Error).message}.`, [
      { field: 'file', found: '-', message: (e as Error).message },
    ]);
  }
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Checks that `-` appears at most once among the file arguments. */
export function checkOneStdin(files: readonly string[]): void {
  if (files.filter((f) => f === STDIN).length > 1) {
    throw new LanternError('invalid-argument', 'Standard input ("-") can be read once.', [
      { field: 'files', message: '"-" given more than once', found: files.join(' '), hint: 'give "-" once' },
    ]);
  }
}
