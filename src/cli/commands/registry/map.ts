/**
 * `lantern registry map` (a home country's institutions and its treaty partners: queries
 * `registryMapModel`) and `lantern registry trade` (its exports to one partner and to all others:
 * `registryTradeModel`): `--format json` prints what GET /api/v1/registry/map and /registry/trade
 * send as data; the table shows names beside codes, in English and Chinese.
 */
import type { Command } from 'commander';
import { registryMapModel, registryTradeModel } from '../../../queries/index.ts';
import { assertCountry } from '../../../reference/index.ts';
import type { CliContext } from '../../context.ts';
import { emitResult, formatRows, listingOptions, yearCol } from '../../output.ts';
import { modelOptions, modelValues } from '../../param-options.ts';

/** The model's country fields as typed at every command (alpha-2, numeric, any case), sent as alpha-3. */
function asked(model: Parameters<typeof modelValues>[0], opts: Record<string, unknown>, countries: readonly string[]): Record<string, unknown> {
  const values = modelValues(model, opts);
  for (const key of countries) if (typeof values[key] === 'string') values[key] = assertCountry(values[key] as string).iso3;
  return values;
}

export function registerMap(registry: Command, ctx: CliContext): void {
  const cmd = registry.command('map').description('a home country’s institutions abroad and its treaty partners (the dashboard’s registry map)');
  listingOptions(modelOptions(cmd, registryMapModel)).action(async (opts: Record<string, unknown>, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const d = await registryMapModel.open(store, asked(registryMapModel, opts, ['country']));
      await emitResult(ctx, c, {
        json: d,
        rows: registryMapModel.rows(d) as Record<string, unknown>[],
        table: () =>
          `Institutions of ${d.country}\n${formatRows(d.institutions, 'table', [
            { key: 'id' },
            { key: 'kind' },
            { key: 'name_en', label: 'name' },
            { key: 'country' },
            { key: 'country_en', label: 'country name' },
            { key: 'country_zh', label: '国家' },
            { key: 'opened' },
          ])}\nTreaty partners\n${formatRows(d.partners, 'table', [
            { key: 'country' },
            { key: 'country_en', label: 'name' },
            { key: 'country_zh', label: '名称' },
            { key: 'agreements' },
            { key: 'first_signed', label: 'first signed' },
          ])}`,
      });
    });
  });
}

export function registerTrade(registry: Command, ctx: CliContext): void {
  const cmd = registry.command('trade').description('yearly exports of a basket from a home country to one partner and to all others (the registry detail pages)');
  listingOptions(modelOptions(cmd, registryTradeModel)).action(async (opts: Record<string, unknown>, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const d = await registryTradeModel.open(store, asked(registryTradeModel, opts, ['exporter', 'partner']));
      await emitResult(ctx, c, {
        json: d,
        rows: registryTradeModel.rows(d) as Record<string, unknown>[],
        columns: [yearCol, { key: 'partner', label: `to ${d.partner}` }, { key: 'others', label: 'to all others' }],
      });
    });
  });
}
