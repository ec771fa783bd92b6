/** `lantern countries`: the countries, territories, historical entities and areas, with their codes. */
import type { Command } from 'commander';
import { listCountries, listCountryCodes } from '../../reference/index.ts';
import { type CliContext, listingOptions } from '../context.ts';

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
    const codes = listCountryCodes();
    const codesOf = (iso3: string, scheme: string) =>
      codes
        .filter((c) => c.iso3 === iso3 && c.scheme === scheme)
        .map((c) => c.code)
        .join(' ');
    const q = opts.search?.toLowerCase();
    const rows = listCountries()
      .filter((c) => !opts.kind || c.kind === opts.kind)
      .filter(
        (c) =>
          !q ||
          c.iso3.toLowerCase().includes(q) ||
          c.nameEn.toLowerCase().includes(q) ||
          c.nameZh.includes(opts.search ?? '') ||
          (c.iso2 ?? '').toLowerCase() === q,
      )
      .map((c) => ({
        iso3: c.iso3,
        iso2: c.iso2,
        iso_numeric: c.isoNumeric,
        name_en: c.nameEn,
        name_zh: c.nameZh,
        region: c.region,
        subregion: c.subregion,
        continent: c.continent,
        kind: c.kind,
        baci: codesOf(c.iso3, 'baci'),
        comtrade: codesOf(c.iso3, 'comtrade'),
      }));
    ctx.print(cmd, rows);
  });
}
