/** `lantern bilateral A B …`: trade between two countries by year and product, both directions. */
import type { Command } from 'commander';
import { bilateralModel, dataShape } from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { emitResult, formatRows, noDataCell, provenanceLine, resultOptions, yearCol } from '../output.ts';
import { modelOptions, modelValues } from '../param-options.ts';
import { dataOptions, type DataOpts, dataParams } from '../data-options.ts';

interface BilateralOpts extends DataOpts {
  [param: string]: unknown;
}

/** Arguments, and the data flags `dataOptions` adds; the other flags come from the read model's descriptor. */
const ownFlags = ['a', 'b', ...Object.keys(dataShape)];

export function registerBilateral(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('bilateral <a> <b>')
    .description(
      'trade between two countries: both directions by year and product, balance, complementarity, intensity',
    );
  modelOptions(cmd, bilateralModel, ownFlags);
  dataOptions(resultOptions(cmd)).action(async (a: string, b: string, o: BilateralOpts, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const r = await bilateralModel.open(store, { a, b, ...modelValues(bilateralModel, o, ownFlags), ...dataParams(o) });
      const A = r.a.iso3;
      const B = r.b.iso3;
      await emitResult(ctx, c, {
        json: r,
        empty: r.empty,
        rows: bilateralModel.rows(r),
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
                  { key: 'name_en', label: 'name' },
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
