/**
 * `lantern markets --exporter CHN --product 950510 --year 2021` (or `--basket unesco-fcs-2009:books`):
 * the market finder. A basket is the read model's `product` as the API's `basket=` is; the flag
 * only says which one is meant, and exactly one of the two is needed.
 */
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import { dataShape, marketFinderModel } from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { countryOrDefault } from '../defaults.ts';
import { emitResult, formatRows, provenanceLine, resultOptions } from '../output.ts';
import { modelOptions, modelValues } from '../param-options.ts';
import { dataOptions, type DataOpts, dataParams } from '../data-options.ts';

interface MarketsOpts extends DataOpts {
  exporter?: string;
  product?: string;
  basket?: string;
  [param: string]: unknown;
}

/** Flags written here (--exporter with its default from the store) or by `dataOptions`; the rest come from the descriptor. */
const ownFlags = ['exporter', 'product', ...Object.keys(dataShape)];

/** The product asked for: `--product` or `--basket`, exactly one. */
function productOrBasket(o: MarketsOpts): string {
  if (o.product !== undefined && o.basket !== undefined)
    throw new LanternError('invalid-argument', 'Give --product or --basket, not both.', [
      { field: '--basket', message: 'both --product and --basket given', found: `${o.product} and ${o.basket}`, hint: 'keep one: --product 950510 or --basket unesco-fcs-2009' },
    ]);
  const product = o.product ?? o.basket;
  if (product !== undefined && product.trim() === '')
    throw new LanternError('invalid-argument', `${o.product !== undefined ? '--product' : '--basket'} is empty.`, [
      {
        field: o.product !== undefined ? '--product' : '--basket',
        message: 'empty value',
        expected: 'an HS code (950510, 9505) or a basket (unesco-fcs-2009[:domain])',
        found: product,
        hint: 'e.g. --product 950510, or --basket unesco-fcs-2009 (see `lantern baskets`)',
      },
    ]);
  if (product === undefined)
    throw new LanternError('invalid-argument', 'Name the product or basket whose markets to find.', [
      { field: '--product', message: 'neither --product nor --basket given', hint: 'e.g. --product 950510, or --basket unesco-fcs-2009 (see `lantern baskets`)' },
    ]);
  return product;
}

const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '');
const usd = (v: unknown) =>
  typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : '';

export function registerMarkets(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('markets')
    .description(
      "the market finder: every market importing a product, its growth, the exporter's share, competitors and unrealised potential",
    )
    .option('--exporter <iso3>', "the exporting country (default: the store's largest reporter)")
    .option('--product <code>', 'HS code (950510, 9505) or basket[:domain]')
    .option('--basket <basket[:domain]>', 'a basket (unesco-fcs-2009:books): the same as --product with a basket');
  modelOptions(cmd, marketFinderModel, ownFlags);
  dataOptions(resultOptions(cmd)).action(async (o: MarketsOpts, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const r = await marketFinderModel.open(store, {
        exporter: await countryOrDefault(store, o.exporter, ctx.effects.stderr, '--exporter'),
        product: productOrBasket(o),
        ...modelValues(marketFinderModel, o, ownFlags),
        ...dataParams(o),
      });
      const rows = marketFinderModel.rows(r);
      await emitResult(ctx, c, {
        json: r,
        empty: r.empty,
        rows,
        table: () =>
          [
            `Markets for ${r.exporter.nameEn} (${r.exporter.nameZh}) — ${r.product.label}, ${r.year}: ${r.counts.shown} of ${r.counts.markets} markets, by ${r.sort.key} ${r.sort.order}\n`,
            rows.length
              ? formatRows(rows, 'table', [
                  { key: 'market' },
                  { key: 'name_en', label: 'name' },
                  { key: 'imports', label: 'size', display: usd },
                  ...(r.markets.some((m) => m.areas > 0)
                    ? [{ key: 'areas', label: 'of which areas n.s.', display: usd }]
                    : []),
                  { key: 'growth1', label: '1y', display: pct },
                  { key: 'growth5', label: '5y p.a.', display: pct },
                  { key: 'exporter_share', label: `${r.exporter.iso3} share`, display: pct },
                  { key: 'competitor_1', label: 'top rival' },
                  { key: 'competitor_1_share', label: 'share', display: pct },
                  { key: 'competitor_2', label: '2nd' },
                  { key: 'competitor_3', label: '3rd' },
                  { key: 'hhi', label: 'HHI', display: (v) => (typeof v === 'number' ? v.toFixed(3) : '') },
                  { key: 'potential', display: usd },
                  { key: 'unrealised', display: usd },
                ])
              : `${r.empty}\n`,
            provenanceLine(r.provenance, r.notes),
          ].join(''),
      });
    });
  });
}
