/** `lantern countries`: the countries, territories, historical entities and areas, with their codes. */
import type { Command } from 'commander';
import { countryRows } from '../../reference/index.ts';
import type { CliContext } from '../context.ts';
import { listingOptions } from '../output.ts';

export function registerCountries(program: Command, ctx: CliContext): void {
  listingOptions(
    program
      .command('countries')
      .description(
        'list countries and areas: ISO codes, English and Chinese names, M49 region, kind, BACI/Comtrade codes',
      )
      .option('--kind <kind>', 'only this kind: country | territory | historical | area | world')
      .option('--search <text>', 'only entries whose code or name contains this text'),
  ).action((opts: { kind?: string; search?: string }, cmd: Command) => {
    ctx.print(cmd, countryRows({ kind: opts.kind ? [opts.kind] : undefined, q: opts.search }));
  });
}
