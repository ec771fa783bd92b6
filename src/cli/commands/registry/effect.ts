/** `lantern registry effect`: exports before and after registry events (difference-in-differences; descriptive, not causal). */
import type { Command } from 'commander';
import { LanternError } from '../../../errors.ts';
import { type EffectEventKind, effectEventKinds, registryEffect } from '../../../queries/index.ts';
import { assertCountry } from '../../../reference/index.ts';
import { kindLabels } from '../../../registry/index.ts';
import type { CliContext } from '../../context.ts';
import { type Column, listingOptions } from '../../output.ts';
import { intOption } from './shared.ts';

type Effect = Awaited<ReturnType<typeof registryEffect>>;

const eventColumns: Column[] = [
  { key: 'id' },
  { key: 'partner' },
  { key: 'year', display: (v) => (v === null || v === undefined ? '' : String(v)) },
  { key: 'used' },
  { key: 'treated_pre', label: 'to partner before' },
  { key: 'treated_post', label: 'after' },
  { key: 'control_pre', label: 'to others before' },
  { key: 'control_post', label: 'after' },
  { key: 'did', label: 'DiD (log)' },
  { key: 'skipped' },
];

function eventKind(typed: string | undefined): EffectEventKind {
  if (!(effectEventKinds as readonly (string | undefined)[]).includes(typed)) {
    throw new LanternError('invalid-argument', `Unknown --event-kind "${typed}".`, [
      {
        field: 'event-kind',
        message: 'unknown event kind',
        expected: effectEventKinds.join(' | '),
        found: typed,
        hint: 'export-base designations have no partner country and cannot be studied this way',
      },
    ]);
  }
  return typed as EffectEventKind;
}

/** The table format's heading: what was compared, the caveat, the events used and the estimate with its interval. */
function summaryLines(r: Effect, kind: EffectEventKind, exporter: string): string[] {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${((Math.exp(x) - 1) * 100).toFixed(1)}%`);
  const label = kindLabels[kind === 'centre-opening' ? 'cultural-centre' : 'co-production-treaty']?.en ?? kind;
  return [
    `Registry effect — ${label} events, exporter ${exporter}, basket ${r.basket}, source ${r.source ?? '(no trade data)'}`,
    `DESCRIPTIVE, NOT CAUSAL. ${r.method}`,
    `events: ${r.events_total} dated, ${r.events_used} used, ${r.events_undated.length} without a date in the registry; window ±${r.window} years; data years ${r.years ? r.years.join('–') : 'none'}`,
    `estimate: ${r.estimate === null ? 'n/a' : r.estimate.toFixed(4)} log points (${pct(r.estimate)}); ${Math.round(r.ci_level * 100)}% bootstrap interval: ${r.ci_low === null ? 'n/a (needs 2+ events)' : `${r.ci_low.toFixed(4)} to ${r.ci_high!.toFixed(4)} (${pct(r.ci_low)} to ${pct(r.ci_high)})`}; ${r.bootstrap} resamples, seed "${r.seed}"`,
    '',
  ];
}

/** JSON: the whole answer; CSV and other flat formats: one row per event with the estimate; table: summary and events. */
function printEffect(ctx: CliContext, cmd: Command, r: Effect, kind: EffectEventKind, exporter: string): void {
  const format = (cmd.optsWithGlobals().format as string | undefined) ?? 'table';
  if (format === 'json') {
    ctx.print(cmd, [r as unknown as Record<string, unknown>]);
    return;
  }
  if (format !== 'table') {
    const eventRows = r.events.map((e) => ({ ...e, estimate: r.estimate, ci_low: r.ci_low, ci_high: r.ci_high, label_note: r.label }));
    ctx.print(cmd, eventRows);
    return;
  }
  ctx.effects.stdout(summaryLines(r, kind, exporter).join('\n'));
  ctx.print(cmd, r.events, eventColumns);
}

export function registerEffect(registry: Command, ctx: CliContext): void {
  listingOptions(
    registry
      .command('effect')
      .description(
        'exports to partners before and after registry events vs all other partners (difference-in-differences; descriptive, not causal)',
      )
      .requiredOption('--event-kind <kind>', effectEventKinds.join(' | '))
      .requiredOption('--exporter <iso3>', 'exporting country (the home country of the events)')
      .requiredOption(
        '--basket <basket>',
        'basket or basket:domain, e.g. unesco-fcs-2009 or unesco-fcs-2009:books',
      )
      .option('--window <years>', 'years before and after each event (default 3)')
      .option('--bootstrap <n>', 'bootstrap resamples (default 1000; 0 for none)')
      .option('--seed <seed>', 'seed of the bootstrap (default "lantern")')
      .option(
        '--source <source>',
        'trade source to use (default: BACI if loaded, else the reported source with most rows)',
      ),
  ).action(async (opts: Record<string, string | undefined>, cmd: Command) => {
    const kind = eventKind(opts.eventKind);
    const exporter = assertCountry(opts.exporter!).iso3;
    await ctx.withStore(cmd, async (store) => {
      const r = await registryEffect(store, {
        eventKind: kind,
        exporter,
        basket: opts.basket!,
        source: opts.source,
        window: intOption(opts.window, 'window', 1),
        bootstrap: intOption(opts.bootstrap, 'bootstrap'),
        seed: opts.seed,
      });
      printEffect(ctx, cmd, r, kind, exporter);
    });
  });
}
