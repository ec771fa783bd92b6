/** `lantern markets --exporter CHN --product 950510 --year 2021`: the market finder. */
import type { Command } from 'commander';
import { defaultSpans, marketFinder, marketFinderRows, marketSortKeys } from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { countryOrDefault } from '../defaults.ts';
import { formatRows } from '../output.ts';
import {
  type DataOpts,
  dataOptions,
  dataParams,
  emitResult,
  provenanceLine,
  resultOptions,
  yearsOption,
} from './indicator.ts';

interface MarketsOpts extends DataOpts {
  exporter?: string;
  product: string;
  year?: string;
  sort?: string;
  order?: string;
  minSize?: string;
  minGrowth?: string;
  maxShare?: string;
  markets?: string;
  limit?: string;
  window?: string;
  easeFloor?: string;
  distanceElasticity?: string;
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
    .requiredOption('--product <selector>', 'HS code (950510, 9505) or basket[:domain]')
    .option('--year <year>', 'the year (default: the latest in the data)')
    .option('--sort <key>', `sort by: ${marketSortKeys.join(' | ')}`, 'size')
    .option('--order <order>', 'desc | asc', 'desc')
    .option('--min-size <usd>', 'keep markets importing at least this many US$')
    .option('--min-growth <ratio>', 'keep markets growing at least this much over 1 year (0.05 = 5%)')
    .option('--max-share <ratio>', "keep markets where the exporter's share is at most this")
    .option('--markets <list>', 'only these markets (comma-separated)')
    .option('--limit <n>', 'show the first N')
    .option('--window <years>', 'years averaged for actual exports (export potential)', '5')
    .option('--ease-floor <x>', 'ease given to markets the exporter does not reach yet', '0')
    .option('--distance-elasticity <theta>', 'export potential: θ in τ = (d/d̄)^(−θ); 0 switches distance off', '1');
  dataOptions(resultOptions(cmd)).action(async (o: MarketsOpts, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const r = await marketFinder(store, {
        exporter: await countryOrDefault(store, o.exporter, ctx.effects.stderr, '--exporter'),
        product: o.product,
        year: await yearsOption(store, o, defaultSpans.markets).then((s) => Number(s.split('-').pop())),
        sort: o.sort as never,
        order: o.order as never,
        minSize: o.minSize,
        minGrowth: o.minGrowth,
        maxShare: o.maxShare,
        markets: o.markets,
        limit: o.limit,
        window: o.window,
        easeFloor: o.easeFloor,
        distanceElasticity: o.distanceElasticity,
        ...dataParams(o),
      } as never);
      const rows = marketFinderRows(r);
      await emitResult(ctx, c, {
        json: r,
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
