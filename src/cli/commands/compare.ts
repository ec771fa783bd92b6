/** `lantern compare CHN KOR JPN USA --indicator world-share --basket unesco-fcs-2009:books`. */
import type { Command } from 'commander';
import { compareModel, dataShape } from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { emitResult, formatRows, provenanceLine, resultOptions, yearCol } from '../output.ts';
import { modelOptions, modelValues } from '../param-options.ts';
import { dataOptions, type DataOpts, dataParams } from '../data-options.ts';

/** Flags not generated from the descriptor: the countries are positional; `dataOptions` adds the rest. */
const ownFlags = ['countries', ...Object.keys(dataShape)];

export function registerCompare(program: Command, ctx: CliContext): void {
  const cmd = program.command('compare <countries...>').description('one indicator for several countries over years');
  modelOptions(cmd, compareModel, ownFlags);
  dataOptions(resultOptions(cmd)).action(async (countries: string[], o: DataOpts & Record<string, unknown>, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const r = await compareModel.open(store, { countries: countries.join(','), ...modelValues(compareModel, o, ownFlags), ...dataParams(o) });
      await emitResult(ctx, c, {
        json: r,
        rows: compareModel.rows(r),
        table: () =>
          `${r.indicator.label_en} · ${r.indicator.label_zh} (${r.indicator.unit})\n${formatRows(r.series, 'table', [yearCol, ...r.countries.map((x) => ({ key: x.iso3 }))])}${provenanceLine(r.provenance, r.notes)}`,
      });
    });
  });
}
