/** `lantern bilateral A B …`: trade between two countries by year and product, both directions. */
import type { Command } from 'commander';
import { bilateral, bilateralRows, defaultSpans } from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { formatRows, noDataCell } from '../output.ts';
import {
  type DataOpts,
  dataOptions,
  dataParams,
  emitResult,
  provenanceLine,
  resultOptions,
  yearCol,
  yearsOption,
} from './indicator.ts';

interface BilateralOpts extends DataOpts {
  year?: string;
  years?: string;
  basket?: string;
  by?: string;
}

export function registerBilateral(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('bilateral <a> <b>')
    .description(
      'trade between two countries: both directions by year and product, balance, complementarity, intensity',
    )
    .option('--year <year>', 'one year')
    .option('--years <span>', 'a span, e.g. 2015-2023 (default: the last 10 years of data)')
    .option('--basket <basket>', 'basket[:domain] or an HS code (default: all products)')
    .option('--by <group>', 'total | domain | product (default: domain with a basket, else product)');
  dataOptions(resultOptions(cmd)).action(async (a: string, b: string, o: BilateralOpts, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const r = await bilateral(store, {
        a,
        b,
        years: await yearsOption(store, o, defaultSpans.bilateral),
        basket: o.basket,
        by: o.by as never,
        ...dataParams(o),
      });
      const A = r.a.iso3;
      const B = r.b.iso3;
      await emitResult(ctx, c, {
        json: r,
        rows: bilateralRows(r),
        table: () =>
          [
            `${r.a.nameEn} ↔ ${r.b.nameEn} (${r.a.nameZh} ↔ ${r.b.nameZh}) — ${r.scope.label}\n`,
            r.trend.length
              ? formatRows(r.trend, 'table', [
                  yearCol,
                  { key: 'a_to_b', label: `${A}→${B}`, display: noDataCell() },
                  { key: 'b_to_a', label: `${B}→${A}`, display: noDataCell() },
                  { key: 'balance', label: `balance of ${A}`, display: noDataCell() },
                ])
              : `${r.empty}\n`,
            r.products.length ? `By ${r.scope.by}, ${r.to}\n` : '',
            r.products.length
              ? formatRows(r.products.filter((p) => p.year === r.to).slice(0, 25), 'table', [
                  { key: 'product' },
                  { key: 'a_to_b', label: `${A}→${B}`, display: noDataCell() },
                  { key: 'b_to_a', label: `${B}→${A}`, display: noDataCell() },
                ])
              : '',
            `complementarity ${A}→${B} ${r.fit.complementarity_a_b?.toFixed(2) ?? '–'}, ${B}→${A} ${r.fit.complementarity_b_a?.toFixed(2) ?? '–'}; intensity ${A}→${B} ${r.fit.intensity_a_b?.toFixed(3) ?? '–'}, ${B}→${A} ${r.fit.intensity_b_a?.toFixed(3) ?? '–'} (${r.fit.year})\n`,
            provenanceLine(r.provenance, r.notes),
          ].join(''),
      });
    });
  });
}
