/**
 * `lantern opportunities --country CHN`: a country's place in the product space (Atlas of Economic
 * Complexity): ECI and rank, COI, and the products it lacks ranked by density and complexity
 * outlook gain (cultural ones by default). `lantern product-space --year 2022` lists every product
 * of the space (layout, PCI, links). Read model: queries/product-space.ts.
 */
import type { Command } from 'commander';
import { dataShape, opportunitiesModel, productSpaceModel, productSpaceRows } from '../../queries/index.ts';
import { modelOptions, modelValues } from '../param-options.ts';
import type { CliContext } from '../context.ts';
import { countryOrDefault } from '../defaults.ts';
import { emitResult, formatRows, provenanceLine, resultOptions } from '../output.ts';
import { dataOptions, type DataOpts, dataParams } from '../data-options.ts';

interface SpaceOpts extends DataOpts {
  country?: string;
  all?: boolean;
  table?: string;
  [param: string]: unknown;
}

/** Flags written here (the country with its default, `--all`, `--table`) or by `dataOptions`; the rest come from the descriptors. */
const dataKeys = Object.keys(dataShape);
const oppOwn = ['country', 'opportunities', ...dataKeys];

const fixed = (n: number) => (v: unknown) => (typeof v === 'number' ? v.toFixed(n) : '');
const usd = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : '');

export function registerProductSpace(program: Command, ctx: CliContext): void {
  const opp = program
    .command('opportunities')
    .description('products a country lacks (RCA < 1), ranked by density (relatedness) and complexity outlook gain, with its ECI and COI')
    .option('--country <iso3>', "the country (default: the store's largest reporter)");
  modelOptions(opp, opportunitiesModel, oppOwn).option('--all', 'list every product, not only the basket’s cultural products');
  dataOptions(resultOptions(opp)).action(async (o: SpaceOpts, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const r = await opportunitiesModel.open(store, {
        country: await countryOrDefault(store, o.country, ctx.effects.stderr, '--country'),
        opportunities: o.all ? 'all' : 'cultural',
        ...modelValues(opportunitiesModel, o, oppOwn),
        ...dataParams(o),
      });
      const rows = opportunitiesModel.rows(r);
      const s = r.summary;
      await emitResult(ctx, c, {
        json: r,
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

  const space = program
    .command('product-space')
    .description('the product space of a year: every product with its layout position, PCI and links (proximity from co-export)');
  modelOptions(space, productSpaceModel, dataKeys).option('--table <name>', 'nodes | edges | opportunities | ranking', 'nodes');
  dataOptions(resultOptions(space)).action(async (o: SpaceOpts, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const r = await productSpaceModel.open(store, { ...modelValues(productSpaceModel, o, dataKeys), ...dataParams(o) });
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
