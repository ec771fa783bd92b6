/** `lantern registry timeline` and `lantern registry audit`: dated events, and the log of changes. */
import type { Command } from 'commander';
import { LanternError } from '../../../errors.ts';
import { timeline, timelineEvents, undated } from '../../../queries/index.ts';
import { listAudit } from '../../../registry/index.ts';
import type { CliContext } from '../../context.ts';
import { type Column, listingOptions } from '../../output.ts';
import { country, entityArg, intOption, isTable } from './shared.ts';

const timelineColumns: Column[] = [
  { key: 'date' },
  { key: 'event' },
  { key: 'label' },
  { key: 'partner' },
  { key: 'value' },
  { key: 'source_url', label: 'source' },
];

/** The `--event` list typed, each checked. */
function eventList(typed: string | undefined): string[] | undefined {
  const events = typed
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const ev of events ?? []) {
    if (!(timelineEvents as readonly string[]).includes(ev)) {
      throw new LanternError('invalid-argument', `Unknown event type "${ev}".`, [
        { field: 'event', message: 'unknown event type', expected: timelineEvents.join(' | '), found: ev },
      ]);
    }
  }
  return events;
}

export function registerTimeline(registry: Command, ctx: CliContext): void {
  listingOptions(
    registry
      .command('timeline')
      .description(
        'dated events (openings, designations, signings, documents) and official counts, oldest first',
      )
      .option('--country <iso3>', 'home or partner country')
      .option('--from <year>', 'first year')
      .option('--to <year>', 'last year')
      .option('--event <events>', `event types, comma-separated: ${timelineEvents.join(', ')}`),
  ).action(async (opts: Record<string, string | undefined>, cmd: Command) => {
    const events = eventList(opts.event);
    const c = country(opts.country);
    await ctx.withStore(cmd, async (store) => {
      const rows = await timeline(store, {
        country: c,
        from: intOption(opts.from, 'from'),
        to: intOption(opts.to, 'to'),
        events,
      });
      ctx.print(cmd, rows, isTable(cmd) ? timelineColumns : undefined);
      if (isTable(cmd) && !cmd.optsWithGlobals().out) {
        const gaps = await undated(store, { country: c });
        if (gaps.length)
          ctx.effects.stdout(
            `(${gaps.length} registry rows have no date in their sources and are not on the timeline; \`--format json\` on \`registry list\` shows them)\n`,
          );
      }
    });
  });
}

export function registerAudit(registry: Command, ctx: CliContext): void {
  listingOptions(
    registry
      .command('audit')
      .description('the audit log of registry changes, newest first')
      .option('--entity <entity>', 'institution | agreement | document | measure | count')
      .option('--id <id>', 'changes of one row')
      .option('--actor <name>', 'changes made with one token')
      .option('--limit <n>', 'how many entries (default 100)'),
  ).action(async (opts: Record<string, string | undefined>, cmd: Command) => {
    await ctx.withStore(cmd, async (store) => {
      const rows = await listAudit(store, {
        entity: opts.entity ? entityArg(opts.entity).entity : undefined,
        id: opts.id,
        actor: opts.actor,
        limit: intOption(opts.limit, 'limit', 1),
      });
      ctx.print(cmd, rows, [
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
