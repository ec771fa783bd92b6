/** `lantern registry effect`: exports before and after registry events (difference-in-differences; descriptive, not causal). */
import type { Command } from 'commander';
import { type EffectEventKind, registryEffectModel } from '../../../queries/index.ts';
import { assertCountry } from '../../../reference/index.ts';
import { kindLabels } from '../../../registry/index.ts';
import type { CliContext } from '../../context.ts';
import { type Column, emitResult, formatRows, listingOptions } from '../../output.ts';
import { modelOptions, modelValues } from '../../param-options.ts';

type Effect = Awaited<ReturnType<typeof registryEffectModel.run>>;

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

/** JSON: the answer GET /api/v1/registry/effect sends as data; CSV and other flat formats: one row per event with the estimate; table: summary and events. */
async function printEffect(ctx: CliContext, cmd: Command, r: Effect): Promise<void> {
  await emitResult(ctx, cmd, {
    json: r,
    rows: registryEffectModel.rows(r),
    table: () => `${summaryLines(r, r.event_kind, r.exporter).join('\n')}${formatRows(r.events, 'table', eventColumns)}`,
  });
}

/** `lantern registry effect`: queries `registryEffectModel` (its flags: --event-kind, --exporter, --basket, --window …). */
export function registerEffect(registry: Command, ctx: CliContext): void {
  const cmd = registry
    .command('effect')
    .description('exports to partners before and after registry events vs all other partners (difference-in-differences; descriptive, not causal)');
  listingOptions(modelOptions(cmd, registryEffectModel)).action(async (opts: Record<string, unknown>, c: Command) => {
    const asked = modelValues(registryEffectModel, opts);
    if (typeof asked.exporter === 'string') asked.exporter = assertCountry(asked.exporter).iso3;
    await ctx.withStore(c, async (store) => printEffect(ctx, c, await registryEffectModel.open(store, asked)));
  });
}
