/**
 * What the `lantern registry` subcommands share: the entities `show`/`add`/`update`/`remove` accept,
 * reading a JSON or CSV input, writing as a token's holder, and a listing's
 * shape (its read model, table columns and flat rows).
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import type { z } from 'zod';
import { LanternError } from '../../../errors.ts';
import { assertCountry } from '../../../reference/index.ts';
import { type EntityName, recordTokenUse, requireToken } from '../../../registry/index.ts';
import type { ReadModel } from '../../../queries/index.ts';
import type { Store } from '../../../store/index.ts';
import type { CliContext } from '../../context.ts';
import type { Column } from '../../output.ts';

/** What `add`, `update`, `remove` and `show` accept, and the entity and default kind each means. */
export const entityArgs: Record<string, { entity: EntityName; kind?: string }> = {
  centre: { entity: 'institution', kind: 'cultural-centre' },
  base: { entity: 'institution', kind: 'export-base' },
  institution: { entity: 'institution' },
  treaty: { entity: 'agreement', kind: 'co-production-treaty' },
  agreement: { entity: 'agreement' },
  document: { entity: 'document' },
  measure: { entity: 'measure' },
  count: { entity: 'count' },
};

export function entityArg(v: string): { entity: EntityName; kind?: string } {
  const e = entityArgs[v.toLowerCase()];
  if (!e) {
    throw new LanternError('invalid-argument', `Unknown registry entity "${v}".`, [
      { field: 'entity', message: 'unknown entity', expected: Object.keys(entityArgs).join(' | '), found: v },
    ]);
  }
  return e;
}

/**
 * One thing `lantern registry list <what>` lists: the read model it opens (its flags, and the rows
 * GET /api/v1/registry/… sends, which `--format json` prints), the parameters the listing fixes
 * (`centres`: kind cultural-centre), its table's columns, and how a row prints flat (table, CSV).
 */
export interface Listing {
  model: Pick<ReadModel<z.ZodObject, readonly Record<string, unknown>[]>, 'id' | 'params' | 'years' | 'open'>;
  fixed?: Record<string, string>;
  columns: Column[];
  flat?: (row: Record<string, unknown>) => Record<string, unknown>;
}

export function country(v: string | undefined): string | undefined {
  return v === undefined ? undefined : assertCountry(v).iso3;
}

export function readInput(ctx: CliContext, file: string): { name: string; text: string } {
  const path = resolve(ctx.effects.cwd, file);
  try {
    return { name: basename(path), text: readFileSync(path, 'utf8') };
  } catch (e) {
    throw new LanternError('not-found', `Cannot read ${file}.`, [
      { file, message: (e as Error).message, hint: 'check the path' },
    ]);
  }
}

export function readJson(ctx: CliContext, file: string): { name: string; value: unknown } {
  const { name, text } = readInput(ctx, file);
  try {
    return { name, value: JSON.parse(text) };
  } catch (e) {
    throw new LanternError('bad-file', `${name} is not valid JSON.`, [
      {
        file: name,
        message: (e as Error).message,
        hint: 'the file should hold one JSON object, or an array of them',
      },
    ]);
  }
}

/**
 * Runs a write as the token's holder (--token, else $LANTERN_TOKEN), checked against the store. The
 * token's last use is recorded only once the write has landed: a refused write changes nothing stored.
 */
export async function asActor(
  ctx: CliContext,
  cmd: Command,
  store: Store,
  write: (who: string) => Promise<void>,
): Promise<void> {
  const token = (cmd.optsWithGlobals().token as string | undefined) ?? ctx.config(cmd).token;
  const who = await requireToken(store, token, ctx.effects.now(), false);
  await write(who);
  await recordTokenUse(store, token as string, ctx.effects.now());
}

export { isTable } from '../../output.ts';
