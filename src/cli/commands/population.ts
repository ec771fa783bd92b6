/**
 * `lantern population`: the population figures the store holds (per source: countries, years,
 * rows), used by population-adjusted indicators (RPOP); `population load FILE…` adds a user's
 * figures from CSV (`country,year,population`: ISO3, year, persons), replacing stored figures of
 * the same country and year. Each file is one transaction; a bad file loads nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import { loadPopulation, populationStatus } from '../../reference/index.ts';
import type { CliContext } from '../context.ts';
import { listingOptions } from '../output.ts';

export function registerPopulation(program: Command, ctx: CliContext): void {
  const population = listingOptions(
    program
      .command('population')
      .description('population figures in the store, by source (RPOP reads them); `population load FILE` adds yours'),
  ).action(async (_opts, cmd: Command) => {
    const year = (v: unknown) => (v === null || v === undefined ? '' : String(v));
    await ctx.withStore(cmd, async (store) =>
      ctx.print(cmd, await populationStatus(store), [
        { key: 'source' },
        { key: 'countries' },
        { key: 'first_year', display: year },
        { key: 'last_year', display: year },
        { key: 'rows' },
      ]),
    );
  });

  population
    .command('load <files...>')
    .description(
      'load population figures from CSV with the columns country,year,population (ISO3, year, persons), ' +
        'e.g. the World Bank series SP.POP.TOTL; replaces stored figures of the same country and year',
    )
    .option('--source <text>', 'where the figures come from (default: the file name)')
    .action(async (files: string[], opts: { source?: string }, cmd: Command) => {
      const full = files.map((f) => resolve(ctx.effects.cwd, f));
      const missing = files.filter((_, i) => !existsSync(full[i] as string));
      if (missing.length) {
        throw new LanternError(
          'not-found',
          `Not found: ${missing.join(', ')}`,
          missing.map((m) => ({ file: m, message: 'no such file', hint: 'check the path (a relative path starts from the current folder)' })),
        );
      }
      await ctx.withStore(cmd, async (store) => {
        for (const f of full) {
          const n = await loadPopulation(store, readFileSync(f, 'utf8'), basename(f), {
            source: opts.source ?? basename(f),
          });
          ctx.effects.stdout(`population  ${String(n).padStart(6)} figures  ${basename(f)}\n`);
        }
      });
    });
}
