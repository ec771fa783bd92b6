/**
 * `lantern opportunities --country CHN`: a country's place in the product space (Atlas of Economic
 * Complexity): ECI and rank, COI, and the products it lacks ranked by density and complexity
 * outlook gain (cultural ones by default). `lantern product-space --year 2022` lists every product
 * of the space (layout, PCI, links). Read model: queries/product-space.ts.
 */
import type { Command } from 'commander';
import { productSpace, productSpaceRows } from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { countryOrDefault } from '../defaults.ts';
import { emitResult, formatRows, provenanceLine, resultOptions } from '../output.ts';
import { dataOptions, type DataOpts, dataParams } from '../data-options.ts';

interface SpaceOpts extends DataOpts {
  country?: string;
  year?: string;
  digits?: string;
  basket?: string;
  all?: boolean;
  limit?: string;
  table?: string;
  minExports?: string;
  minPopulation?: string;
  minProductTrade?: string;
}

const fixed = (n: number) => (v: unknown) => (typeof v === 'number' ? v.toFixed(n) : '');
const usd = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : '');

function spaceOptions(cmd: Command): Command {
  return cmd
    .option('--year <year>', 'the year (default: the latest in the data)')
    .option('--digits <n>', 'HS digits of the space: 2 | 4 | 6 (default 4, the Atlas’s headings)')
    .option('--basket <id>', 'basket whose products count as cultural', 'unesco-fcs-2009')
    .option('--min-exports <usd>', 'entry threshold of the ranking: countries with exports of at least this (the Atlas/OEC: 1e9; default 0, off)')
    .option('--min-population <n>', 'entry threshold: countries with at least this population (the Atlas/OEC: 1e6; default 0, off)')
    .option('--min-product-trade <usd>', 'entry threshold: products with world trade of at least this (the OEC: 5e8; default 0, off)');
}

/** The entry thresholds given on the command line (productSpaceParams reads and checks them). */
const entryFlags = (o: SpaceOpts) => ({ minExports: o.minExports, minPopulation: o.minPopulation, minProductTrade: o.minProductTrade });

export function registerProductSpace(program: Command, ctx: CliContext): void {
  const opp = spaceOptions(
    program
      .command('opportunities')
      .description('products a country lacks (RCA < 1), ranked by density (relatedness) and complexity outlook gain, with its ECI and COI')
      .option('--country <iso3>', "the country (default: the store's largest reporter)"),
  )
    .option('--all', 'list every product, not only the basket’s cultural products')
    .option('--limit <n>', 'rows to show', '25');
  dataOptions(resultOptions(opp)).action(async (o: SpaceOpts, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const r = await productSpace(store, {
        country: await countryOrDefault(store, o.country, ctx.effects.stderr, '--country'),
        year: o.year,
        digits: o.digits,
        basket: o.basket,
        opportunities: o.all ? 'all' : 'cultural',
        limit: o.limit,
        ...entryFlags(o),
        ...dataParams(o),
      } as never);
      const rows = productSpaceRows(r, 'opportunities');
      const s = r.summary;
      await emitResult(ctx, c, {
        json: { ...r, nodes: undefined, edges: undefined },
        rows,
        table: () =>
          [
            `${r.country?.name.en} (${r.country?.name.zh}), ${r.year}, HS ${r.digits}-digit space of ${s.products} products × ${s.countries} countries\n`,
            s.left_out ? `ECI –: ${s.left_out}\n` : '',
            `ECI ${s.eci?.toFixed(3) ?? '–'} (rank ${s.eci_rank ?? '–'} of ${s.countries}) · COI ${s.coi?.toFixed(3) ?? '–'} · products with RCA ≥ 1: ${s.diversity ?? '–'} (cultural: ${s.cultural_present ?? '–'} of ${s.cultural_products})\n`,
            `Opportunities (${o.all ? 'all products' : `cultural products of ${r.basket}`}), by ½ z(density) + ½ z(COG):\n`,
            rows.length
              ? formatRows(rows, 'table', [
                  { key: 'rank' },
                  { key: 'product' },
                  { key: 'name' },
                  { key: 'domain' },
                  { key: 'density', display: fixed(3) },
                  { key: 'cog', label: 'COG', display: fixed(3) },
                  { key: 'pci', label: 'PCI', display: fixed(2) },
                  { key: 'rca', label: 'RCA', display: fixed(2) },
                  { key: 'world_exports', label: 'world exports (US$)', display: usd },
                ])
              : 'none: the country already has every product of this list\n',
            provenanceLine(r.provenance, r.notes),
          ].join(''),
      });
    });
  });

  const space = spaceOptions(
    program
      .command('product-space')
      .description('the product space of a year: every product with its layout position, PCI and links (proximity from co-export)')
      .option('--country <iso3>', 'add a country’s RCA, presence, density and COG per product'),
  ).option('--table <name>', 'nodes | edges | opportunities | ranking', 'nodes');
  dataOptions(resultOptions(space)).action(async (o: SpaceOpts, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const r = await productSpace(store, { country: o.country, year: o.year, digits: o.digits, basket: o.basket, ...entryFlags(o), ...dataParams(o) } as never);
      const table = (['nodes', 'edges', 'opportunities', 'ranking'].includes(o.table ?? '') ? o.table : 'nodes') as 'nodes' | 'edges' | 'opportunities' | 'ranking';
      const rows = productSpaceRows(r, table);
      await emitResult(ctx, c, {
        json: r,
        rows,
        table: () =>
          [
            `Product space ${r.year}: ${r.summary.products} products (HS ${r.digits}-digit), ${r.summary.links} links, ${r.summary.countries} countries, λ₂ ${r.summary.eigenvalue?.toFixed(4) ?? '–'}\n`,
            formatRows(rows.slice(0, 40), 'table'),
            rows.length > 40 ? `… ${rows.length - 40} more rows (--format csv for all)\n` : '',
            provenanceLine(r.provenance, r.notes),
          ].join(''),
      });
    });
  });
}
