/**
 * `lantern registry list <what>`: one listing per collection (institutions.ts, agreements.ts,
 * documents.ts, counts.ts), each a read model of queries/registry-lists.ts: its flags are generated
 * from the models' parameters, and `--format json` prints the rows GET /api/v1/registry/… sends.
 */
import type { Command } from 'commander';
import { LanternError } from '../../../errors.ts';
import { agreementKinds, institutionKinds } from '../../../registry/index.ts';
import type { CliContext } from '../../context.ts';
import { listingOptions } from '../../output.ts';
import { modelValues, paramOptions, refuseFlagsNotTaken } from '../../param-options.ts';
import { agreementListings } from './agreements.ts';
import { countListings } from './counts.ts';
import { documentListings } from './documents.ts';
import { institutionListings } from './institutions.ts';
import { country, isTable, type Listing } from './shared.ts';

/** Everything `list` lists, in the order its help names them. */
const listings: Record<string, Listing> = { ...institutionListings, ...agreementListings, ...documentListings, ...countListings };
const listTargets = Object.keys(listings);

/** Parameters that name a country: typed as at every other command (alpha-2, numeric, any case), sent as alpha-3. */
const countryFields = ['country', 'home', 'host'];

function listingOf(what: string): Listing {
  const listing = Object.hasOwn(listings, what.toLowerCase()) ? listings[what.toLowerCase()] : undefined;
  if (!listing) {
    throw new LanternError('invalid-argument', `Cannot list "${what}".`, [
      { field: '<what>', message: 'unknown listing', expected: listTargets.join(' | '), found: what, hint: 'e.g. `lantern registry list centres`' },
    ]);
  }
  return listing;
}

/**
 * The flags of every listing's model, each once; `--kind` names both the institution and the
 * agreement kinds (each model refuses the other's).
 */
function listFlags(cmd: Command): Command {
  cmd.option('--kind <kind>', `institution or agreement kind: ${[...institutionKinds, ...agreementKinds].join(' | ')}`);
  const seen = new Set(['kind']);
  for (const model of new Set(Object.values(listings).map((l) => l.model))) {
    paramOptions(cmd, model.params, [...seen]);
    for (const key of Object.keys(model.params.shape)) seen.add(key);
  }
  return cmd;
}

/** Each flag of `list` with the listings that take it. */
function offeredBy(): Record<string, string[]> {
  const by: Record<string, string[]> = {};
  for (const [name, l] of Object.entries(listings)) for (const key of Object.keys(l.model.params.shape)) (by[key] ??= []).push(name);
  return by;
}

export function registerList(registry: Command, ctx: CliContext): void {
  listingOptions(listFlags(registry.command('list <what>').description(`list ${listTargets.join(' | ')}`))).action(
    async (what: string, opts: Record<string, unknown>, cmd: Command) => {
      const listing = listingOf(what);
      refuseFlagsNotTaken(opts, offeredBy(), Object.keys(listing.model.params.shape), `registry list ${what.toLowerCase()}`);
      const asked = modelValues(listing.model, opts);
      for (const key of countryFields) if (typeof asked[key] === 'string') asked[key] = country(asked[key] as string);
      await ctx.withStore(cmd, async (store) => {
        const rows = await listing.model.open(store, { ...asked, ...listing.fixed });
        ctx.print(cmd, listing.flat ? rows.map(listing.flat) : rows, isTable(cmd) ? listing.columns : undefined, rows);
      });
    },
  );
}
