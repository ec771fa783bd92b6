/** `lantern compare CHN KOR JPN USA --indicator world-share --basket unesco-fcs-2009:books`. */
import type { Command } from 'commander';
import { compare } from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { emitResult, formatRows, provenanceLine, resultOptions, yearCol } from '../output.ts';
import { dataOptions, type DataOpts, dataParams } from '../data-options.ts';

interface CompareOpts extends DataOpts {
  indicator: string;
  year?: string;
  years?: string;
  basket?: string;
  side?: string;
  partner?: string;
}

export function registerCompare(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('compare <countries...>')
    .description('one indicator for several countries over years')
    .option('--indicator <id>', 'indicator id (see `lantern indicator list`)', 'value')
    .option('--year <year>', 'one year')
    .option('--years <span>', 'a span (default: every year in the data)')
    .option('--basket <basket>', 'basket[:domain] or an HS code')
    .option('--side <side>', 'export | import', 'export')
    .option('--partner <list>', 'partner countries (bilateral indicators)');
  dataOptions(resultOptions(cmd)).action(async (countries: string[], o: CompareOpts, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const r = await compare(store, {
        countries: countries.join(','),
        indicator: o.indicator,
        years: o.years ?? o.year,
        basket: o.basket,
        side: o.side as never,
        partner: o.partner,
        ...dataParams(o),
      });
      await emitResult(ctx, c, {
        json: r,
        rows: r.series,
        table: () =>
          `${r.indicator.label_en} · ${r.indicator.label_zh} (${r.indicator.unit})\n${formatRows(r.series, 'table', [yearCol, ...r.countries.map((x) => ({ key: x.iso3 }))])}${provenanceLine(r.provenance, r.notes)}`,
      });
    });
  });
}
