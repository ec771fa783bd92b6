/** `lantern registry list <what>`: one listing per collection (institutions.ts, agreements.ts, documents.ts, counts.ts). */
import type { Command } from 'commander';
import { LanternError } from '../../../errors.ts';
import type { CliContext } from '../../context.ts';
import { listingOptions } from '../../output.ts';
import { agreementListings } from './agreements.ts';
import { countListings } from './counts.ts';
import { documentListings } from './documents.ts';
import { institutionListings } from './institutions.ts';
import { country, isTable, type Listing } from './shared.ts';

/** Everything `list` lists, in the order its help names them. */
const listings: Record<string, Listing> = { ...institutionListings, ...agreementListings, ...documentListings, ...countListings };
const listTargets = Object.keys(listings);

function listingOf(what: string): Listing {
  const listing = Object.hasOwn(listings, what.toLowerCase()) ? listings[what.toLowerCase()] : undefined;
  if (!listing) {
    throw new LanternError('invalid-argument', `Cannot list "${what}".`, [
      { field: '<what>', message: 'unknown listing', expected: listTargets.join(' | '), found: what, hint: 'e.g. `lantern registry list centres`' },
    ]);
  }
  return listing;
}

export function registerList(registry: Command, ctx: CliContext): void {
  listingOptions(
    registry
      .command('list <what>')
      .description(`list ${listTargets.join(' | ')}`)
      .option('--country <iso3>', 'home or host/partner country (ISO3, e.g. CHN)')
      .option('--kind <kind>', 'institution or agreement kind (e.g. cultural-centre, co-production-treaty)')
      .option('--document <id>', 'measures of one policy document')
      .option('--subject <subject>', 'counts of one subject (e.g. cultural-centre)'),
  ).action(async (what: string, opts: Record<string, string | undefined>, cmd: Command) => {
    const listing = listingOf(what);
    const filters = { country: country(opts.country), kind: opts.kind, document: opts.document, subject: opts.subject };
    await ctx.withStore(cmd, async (store) => {
      const rows = await listing.rows(store, filters);
      ctx.print(cmd, rows, isTable(cmd) ? listing.columns : undefined);
    });
  });
}
