/**
 * One registry row and its changes: `show`, and the writes `add`, `update`, `remove` and `import`
 * (a CSV file, all rows or none), each needing a write token and landing in the audit log.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { LanternError } from '../../../errors.ts';
import { registryCollections, registryRowModel } from '../../../queries/index.ts';
import {
  createEntities,
  deleteEntity,
  type ImportKind,
  importKinds,
  importRegistryCsv,
  updateEntity,
} from '../../../registry/index.ts';
import type { CliContext } from '../../context.ts';
import { emit, formatOptions } from '../../output.ts';
import { asActor, entityArg, entityArgs, readInput, readJson } from './shared.ts';

const tokenOption = ['--token <token>', 'write token (default $LANTERN_TOKEN)'] as const;

/** `lantern registry show ENTITY ID`: queries `registryRowModel`, the object GET /api/v1/registry/{collection}/{id} sends as data, as JSON. */
export function registerShow(registry: Command, ctx: CliContext): void {
  formatOptions(registry.command('show <entity> <id>').description('one row as JSON, with its audit history'), ['json']).action(
    async (entity: string, id: string, opts: { out?: string }, cmd: Command) => {
      const e = entityArg(entity);
      const collection = Object.entries(registryCollections).find(([, name]) => name === e.entity)?.[0];
      await ctx.withStore(cmd, async (store) => {
        const row = await registryRowModel.open(store, { collection, id });
        emit(`${JSON.stringify(row, null, 2)}\n`, opts.out ? resolve(ctx.effects.cwd, opts.out) : undefined, ctx.effects.stdout);
      });
    },
  );
}

export function registerAdd(registry: Command, ctx: CliContext): void {
  registry
    .command('add <entity>')
    .description(
      `add rows from a JSON file (one object or an array); entity: ${Object.keys(entityArgs).join(' | ')}; needs a write token`,
    )
    .requiredOption('--file <file>', 'JSON file with the row(s)')
    .option(...tokenOption)
    .action(async (entity: string, opts: { file: string }, cmd: Command) => {
      const e = entityArg(entity);
      const { name, value } = readJson(ctx, opts.file);
      const items = Array.isArray(value) ? value : [value];
      await ctx.withStore(cmd, async (store) => {
        await asActor(ctx, cmd, store, async (who) => {
          const inputs = items.map((v, i) => ({
            value: e.kind && v && typeof v === 'object' && !('kind' in v) ? { ...v, kind: e.kind } : v,
            ...(Array.isArray(value) ? { item: i } : {}),
          }));
          const { ids } = await createEntities(store, e.entity, inputs, {
            actor: who,
            now: ctx.effects.now(),
            file: name,
          });
          ctx.effects.stdout(
            `added ${ids.length} ${e.entity}${ids.length === 1 ? '' : 's'}: ${ids.join(', ')}\n`,
          );
        });
      });
    });
}

export function registerUpdate(registry: Command, ctx: CliContext): void {
  registry
    .command('update <entity> <id>')
    .description('change fields of one row from a JSON file (the fields to change); needs a write token')
    .requiredOption('--file <file>', 'JSON object with the fields to change')
    .option(...tokenOption)
    .action(async (entity: string, id: string, opts: { file: string }, cmd: Command) => {
      const e = entityArg(entity);
      const { value } = readJson(ctx, opts.file);
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        throw new LanternError('bad-file', 'An update file holds one JSON object with the fields to change.');
      }
      await ctx.withStore(cmd, async (store) => {
        await asActor(ctx, cmd, store, async (who) => {
          await updateEntity(store, e.entity, id, value as Record<string, unknown>, {
            actor: who,
            now: ctx.effects.now(),
          });
          ctx.effects.stdout(`updated ${e.entity} ${id}\n`);
        });
      });
    });
}

export function registerRemove(registry: Command, ctx: CliContext): void {
  registry
    .command('remove <entity> <id>')
    .description('delete one row (kept in the audit log); needs a write token')
    .option(...tokenOption)
    .action(async (entity: string, id: string, _opts, cmd: Command) => {
      const e = entityArg(entity);
      await ctx.withStore(cmd, async (store) => {
        await asActor(ctx, cmd, store, async (who) => {
          await deleteEntity(store, e.entity, id, { actor: who, now: ctx.effects.now() });
          ctx.effects.stdout(`removed ${e.entity} ${id}\n`);
        });
      });
    });
}

export function registerImport(registry: Command, ctx: CliContext): void {
  registry
    .command('import <file>')
    .description(
      'import a CSV file of registry rows: all rows or none; every bad row is reported with its line; needs a write token',
    )
    .requiredOption('--kind <kind>', `what the file holds: ${importKinds.join(' | ')}`)
    .option(...tokenOption)
    .action(async (file: string, opts: { kind: string }, cmd: Command) => {
      if (!(importKinds as readonly string[]).includes(opts.kind)) {
        throw new LanternError('invalid-argument', `Unknown --kind "${opts.kind}".`, [
          {
            field: 'kind',
            message: 'unknown import kind',
            expected: importKinds.join(' | '),
            found: opts.kind,
          },
        ]);
      }
      const { name, text } = readInput(ctx, file);
      await ctx.withStore(cmd, async (store) => {
        await asActor(ctx, cmd, store, async (who) => {
          const r = await importRegistryCsv(
            store,
            text,
            { kind: opts.kind as ImportKind, file: name },
            { actor: who, now: ctx.effects.now() },
          );
          ctx.effects.stdout(`imported ${r.ids.length} ${r.entity} rows from ${name}\n`);
        });
      });
    });
}
