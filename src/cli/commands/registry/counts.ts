/**
 * Counts: the `counts` listing of `lantern registry list` (official dated counts beside what the
 * registry lists by the same date: queries `registryCountsModel`) and `lantern registry count <kind>` (how many institutions or
 * agreement partners a country has as of a date).
 */
import type { Command } from 'commander';
import { LanternError } from '../../../errors.ts';
import { countAgreementPartners, countInstitutions, registryCountsModel } from '../../../queries/index.ts';
import { assertCountry } from '../../../reference/index.ts';
import { agreementKinds, institutionKinds, parsePartialDate } from '../../../registry/index.ts';
import type { CliContext } from '../../context.ts';
import { listingOptions } from '../../output.ts';
import type { Listing } from './shared.ts';

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

/** The kind typed, checked: an agreement kind counts partner countries, an institution kind institutions. */
function countedKind(kind: string): { isAgreement: boolean } {
  const isAgreement = (agreementKinds as readonly string[]).includes(kind);
  if (!isAgreement && !(institutionKinds as readonly string[]).includes(kind)) {
    throw new LanternError('invalid-argument', `Unknown kind "${kind}".`, [
      {
        field: 'kind',
        message: 'unknown kind',
        expected: [...institutionKinds, ...agreementKinds].join(' | '),
        found: kind,
      },
    ]);
  }
  return { isAgreement };
}

export function registerCount(registry: Command, ctx: CliContext): void {
  listingOptions(
    registry
      .command('count <kind>')
      .description(
        'how many institutions of a kind (or treaty/agreement partners) a country has as of a date; undated rows are counted apart',
      )
      .requiredOption('--country <iso3>', 'home country of the programme (e.g. CHN)')
      .option('--as-of <date>', 'YYYY, YYYY-MM or YYYY-MM-DD (default: everything listed)'),
  ).action(async (kind: string, opts: { country: string; asOf?: string }, cmd: Command) => {
    const c = assertCountry(opts.country).iso3;
    if (opts.asOf !== undefined) {
      const d = parsePartialDate(opts.asOf);
      if (!d.ok)
        throw new LanternError('invalid-argument', `--as-of: ${d.message}.`, [
          { field: 'as-of', message: d.message, found: opts.asOf },
        ]);
    }
    const { isAgreement } = countedKind(kind);
    await ctx.withStore(cmd, async (store) => {
      const p = { kind, country: c, asOf: opts.asOf };
      const r = isAgreement
        ? { ...(await countAgreementPartners(store, p)), counted: 'partner countries' }
        : { ...(await countInstitutions(store, p)), counted: 'institutions' };
      ctx.print(cmd, [r]);
    });
  });
}
