/**
 * `lantern registry …`: the registry of cultural-trade institutions, agreements, policy documents
 * and dated counts — list, show, add/update/remove (with a write token), CSV import (atomic),
 * timeline, official counts next to the registry's, the audit log, and the descriptive event study
 * `registry effect`. One file per collection or task under registry/; this index registers the
 * subcommands in the order `lantern registry --help` lists them.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { registerCount } from './registry/counts.ts';
import { registerEffect } from './registry/effect.ts';
import { registerList } from './registry/list.ts';
import { registerMap, registerTrade } from './registry/map.ts';
import { registerAdd, registerImport, registerRemove, registerShow, registerUpdate } from './registry/rows.ts';
import { registerAudit, registerTimeline } from './registry/timeline.ts';

const subcommands: readonly ((registry: Command, ctx: CliContext) => void)[] = [
  registerList,
  registerCount,
  registerShow,
  registerAdd,
  registerUpdate,
  registerRemove,
  registerImport,
  registerTimeline,
  registerMap,
  registerTrade,
  registerAudit,
  registerEffect,
];

export function registerRegistry(program: Command, ctx: CliContext): void {
  const registry = program
    .command('registry')
    .description(
      'institutions, agreements, policy measures and dated counts of cultural trade, linked to trade',
    );
  for (const add of subcommands) add(registry, ctx);
}
