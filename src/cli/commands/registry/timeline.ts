/** `lantern registry timeline` and `lantern registry audit`: dated events, and the log of changes. */
import { type Command, Option } from 'commander';
import { registryAuditModel, registryTimelineModel, undated } from '../../../queries/index.ts';
import type { CliContext } from '../../context.ts';
import { type Column, listingOptions } from '../../output.ts';
import { modelOptions, modelValues } from '../../param-options.ts';
import { country, isTable } from './shared.ts';

const timelineColumns: Column[] = [
  { key: 'date' },
  { key: 'event' },
  { key: 'label' },
  { key: 'partner' },
  { key: 'value' },
  { key: 'source_url', label: 'source' },
];

/**
 * `lantern registry timeline`: queries `registryTimelineModel` (its flags; `--format json` prints the
 * rows GET /api/v1/registry/timeline sends). `--event` is the older name of `--events`.
 */
export function registerTimeline(registry: Command, ctx: CliContext): void {
  const cmd = registry
    .command('timeline')
    .description('dated events (openings, designations, signings, documents) and official counts, oldest first');
  modelOptions(cmd, registryTimelineModel).addOption(new Option('--event <events>').hideHelp());
  listingOptions(cmd).action(async (opts: Record<string, unknown>, c: Command) => {
    const asked = modelValues(registryTimelineModel, { ...opts, events: opts.events ?? opts.event });
    if (typeof asked.country === 'string') asked.country = country(asked.country);
    await ctx.withStore(c, async (store) => {
      const rows = await registryTimelineModel.open(store, asked);
      ctx.print(c, rows, isTable(c) ? timelineColumns : undefined);
      if (isTable(c) && !c.optsWithGlobals().out) {
        const gaps = await undated(store, { country: asked.country as string | undefined });
        if (gaps.length)
          ctx.effects.stdout(
            `(${gaps.length} registry rows have no date in their sources and are not on the timeline; \`--format json\` on \`registry list\` shows them)\n`,
          );
      }
    });
  });
}

/** `lantern registry audit`: queries `registryAuditModel` (its flags; `--format json` prints the rows GET /api/v1/registry/audit sends). */
export function registerAudit(registry: Command, ctx: CliContext): void {
  const cmd = registry.command('audit').description('the audit log of registry changes, newest first');
  listingOptions(modelOptions(cmd, registryAuditModel)).action(async (opts: Record<string, unknown>, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const rows = await registryAuditModel.open(store, modelValues(registryAuditModel, opts));
      ctx.print(c, rows, [
        { key: 'id' },
        { key: 'at' },
        { key: 'actor' },
        { key: 'action' },
        { key: 'entity' },
        { key: 'entity_id', label: 'row' },
        { key: 'before' },
        { key: 'after' },
      ]);
    });
  });
}
