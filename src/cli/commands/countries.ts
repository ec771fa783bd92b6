/**
 * `lantern countries`: the countries, territories, historical entities and areas, with their codes
 * (queries/countries.ts `countryListModel`: its flags, and the list GET /api/v1/countries sends).
 */
import type { Command } from 'commander';
import { countryList, countryListModel } from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { listingOptions } from '../output.ts';
import { modelOptions, modelValues } from '../param-options.ts';

export function registerCountries(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('countries')
    .description('list countries and areas: ISO codes, English and Chinese names, M49 region, kind, BACI/Comtrade codes');
  listingOptions(modelOptions(cmd, countryListModel)).action((o: Record<string, unknown>, c: Command) => {
    // The list is bundled: no store is opened.
    ctx.print(c, countryList(modelValues(countryListModel, o)));
  });
}
