/**
 * Counts: the `counts` listing of `lantern registry list` (official dated counts beside what the
 * registry lists by the same date: queries `registryCountsModel`) and `lantern registry count <kind>` (how many institutions or
 * agreement partners a country has as of a date).
 */
import type { Command } from 'commander';
import { registryCountModel, registryCountsModel } from '../../../queries/index.ts';
import type { CliContext } from '../../context.ts';
import { emitResult, listingOptions } from '../../output.ts';
import { modelOptions, modelValues } from '../../param-options.ts';
import { country, type Listing } from './shared.ts';

export const countListings: Record<'counts', Listing> = {
  counts: {
    model: registryCountsModel,
    columns: [
      { key: 'subject' },
      { key: 'metric' },
      { key: 'as_of', label: 'as of' },
      { key: 'value', label: 'official' },
      { key: 'registry_count', label: 'registry lists' },
      { key: 'unit' },
      { key: 'source_url', label: 'source' },
    ],
  },
};

/** `lantern registry count KIND`: queries `registryCountModel` (its flags; `--format json` prints what GET /api/v1/registry/count sends as data). */
export function registerCount(registry: Command, ctx: CliContext): void {
  const cmd = registry
    .command('count <kind>')
    .description('how many institutions of a kind (or treaty/agreement partners) a country has as of a date; undated rows are counted apart');
  listingOptions(modelOptions(cmd, registryCountModel, ['kind'])).action(async (kind: string, opts: Record<string, unknown>, c: Command) => {
    const asked: Record<string, unknown> = { ...modelValues(registryCountModel, opts, ['kind']), kind };
    if (typeof asked.country === 'string') asked.country = country(asked.country);
    await ctx.withStore(c, async (store) => {
      const d = await registryCountModel.open(store, asked);
      await emitResult(ctx, c, { json: d, rows: registryCountModel.rows(d) });
    });
  });
}
