/**
 * `lantern epm compare FILE`: Lantern's export potential beside figures copied from ITC's Export
 * Potential Map — the validation table of docs/indicators/export-potential.md. FILE is a CSV of
 * `exporter,product,market,epm_potential[,epm_actual][,year][,epm_release]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import { dataShape, epmCompareModel, epmFigureFields, parseEpmCsv } from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { emitResult, formatRows, resultOptions, yearCol } from '../output.ts';
import { dataOptions, type DataOpts, dataParams } from '../data-options.ts';
import { modelOptions, modelValues } from '../param-options.ts';

/** Flags not generated from the model: the figures come from FILE, the data flags from dataOptions. */
const ownFlags = [...epmFigureFields, ...Object.keys(dataShape)];

const usd = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : '');
const ratio = (v: unknown) => (typeof v === 'number' ? v.toFixed(2) : '');

export function registerEpm(program: Command, ctx: CliContext): void {
  const epm = program
    .command('epm')
    .description("ITC Export Potential Map: compare Lantern's export potential with EPM figures you copied");
  const cmd = epm
    .command('compare <file>')
    .description(
      'put Lantern export potential beside EPM figures: FILE is CSV with exporter,product,market,epm_potential ' +
        '(US$) and optionally epm_actual, year, epm_release; prints each triple and Spearman ρ per exporter × product ' +
        '(lines without a year read --year)',
    );
  modelOptions(cmd, epmCompareModel, ownFlags);
  dataOptions(resultOptions(cmd)).action(async (file: string, o: DataOpts & Record<string, unknown>, c: Command) => {
    const full = resolve(ctx.effects.cwd, file);
    if (!existsSync(full))
      throw new LanternError('not-found', `Not found: ${file}`, [{ file, message: 'no such file', hint: 'check the path (a relative path starts from the current folder)' }]);
    const triples = parseEpmCsv(readFileSync(full, 'utf8'), basename(full));
    await ctx.withStore(c, async (store) => {
      const r = await epmCompareModel.open(store, { ...modelValues(epmCompareModel, o, ownFlags), ...dataParams(o) }, triples);
      await emitResult(ctx, c, {
        json: r,
        rows: r.rows as unknown as Record<string, unknown>[],
        table: () =>
          [
            `Export potential: Lantern beside ITC EPM — ${r.rows.length} triples from ${basename(full)}\n`,
            formatRows(r.rows as unknown as Record<string, unknown>[], 'table', [
              { key: 'line' },
              { key: 'exporter' },
              { key: 'product' },
              { key: 'market' },
              yearCol,
              { key: 'epm_potential', label: 'EPM potential', display: usd },
              { key: 'lantern_potential', label: 'Lantern potential', display: usd },
              { key: 'ratio', label: 'Lantern/EPM', display: ratio },
              { key: 'epm_rank', label: 'EPM rank' },
              { key: 'lantern_rank', label: 'Lantern rank' },
              { key: 'note' },
            ]),
            formatRows(r.groups as unknown as Record<string, unknown>[], 'table', [
              { key: 'exporter' },
              { key: 'product' },
              yearCol,
              { key: 'markets' },
              { key: 'spearman', label: 'Spearman ρ', display: ratio },
              { key: 'level_ratio', label: 'Σ Lantern / Σ EPM', display: ratio },
              { key: 'runs', display: (v) => (Array.isArray(v) ? v.join(',') : '') },
            ]),
            `note: ${r.notes.join(' ')}\n`,
          ].join(''),
      });
    });
  });
}
