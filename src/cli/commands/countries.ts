/**
 * `lantern countries [CODE]`: the countries, territories, historical entities and areas, with their
 * codes (queries/countries.ts `countryListModel`: its flags, and the list GET /api/v1/countries
 * sends); with a CODE, that one entity (`countryModel`, as GET /api/v1/countries/{code} sends it).
 */
import type { Command } from 'commander';
import { countryByCode, countryList, countryListModel, countryModel } from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { emitResult, listingOptions } from '../output.ts';
import { modelOptions, modelValues } from '../param-options.ts';

export function registerCountries(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('countries [code]')
    .description(
      'list countries and areas: ISO codes, English and Chinese names, M49 region, kind, BACI/Comtrade codes; ' +
        'with CODE (alpha-3, alpha-2 or numeric), that one',
    );
  listingOptions(modelOptions(cmd, countryListModel)).action(async (code: string | undefined, o: Record<string, unknown>, c: Command) => {
    // The list is bundled: no store is opened.
    if (code === undefined) return ctx.print(c, countryList(modelValues(countryListModel, o)));
    const one = countryByCode({ code });
    await emitResult(ctx, c, { json: one, rows: countryModel.rows(one) });
  });
}
