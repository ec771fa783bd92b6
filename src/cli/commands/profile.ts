/** `lantern profile country ISO3 …` and `lantern profile product CODE|BASKET:DOMAIN …`. */
import type { Command } from 'commander';
import {
  AREAS,
  countryProfileModel,
  dataShape,
  defaultSpans,
  productProfileModel,
} from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { countryOrDefault, defaultYears } from '../defaults.ts';
import { type Column, emitResult, formatRows, noDataCell, provenanceLine, resultOptions, yearCol } from '../output.ts';
import { modelOptions, modelValues } from '../param-options.ts';
import { dataOptions, type DataOpts, dataParams } from '../data-options.ts';

interface ProfileOpts extends DataOpts {
  year?: string;
  years?: string;
  [param: string]: unknown;
}

/**
 * Flags not generated from the read models' descriptors: the arguments and the data flags
 * (`dataOptions`). The country profile's `--product` is the API's `product=` (its `--basket`
 * takes an HS code too).
 */
const dataKeys = Object.keys(dataShape);
const countryOwn = ['country', ...dataKeys];
const productOwn = ['product', ...dataKeys];

const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(2)}%` : '');
const usd = (v: unknown) =>
  typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : '';

/** A top-N list as a table: rank, the partner or country code, its English name, value and share. */
function topTable(rows: readonly ({ name: { en: string } } | { name_en: string })[], codeKey: string, extra: Column[] = []): string {
  return formatRows(
    rows.map((r) => ({ ...r, name: 'name_en' in r ? r.name_en : r.name.en })),
    'table',
    [{ key: 'rank' }, { key: codeKey }, { key: 'name' }, { key: 'value', display: usd }, { key: 'share', display: pct }, ...extra],
  );
}

/** The top partners, with the "areas not specified" row (in the totals, outside the shares) last. */
function partnersTable(rows: readonly { name: { en: string } }[], areas: number | null): string {
  const all = areas === null ? rows : [...rows, { partner: AREAS.code, name: { en: AREAS.name.en }, value: areas }];
  return topTable(all, 'partner');
}

/**
 * Kept whole: the two profile commands, each with the table layout of its sections declared where
 * it is printed.
 */
export function registerProfile(program: Command, ctx: CliContext): void {
  const profile = program.command('profile').description('profiles: a country, or a product / basket domain');

  const country = profile
    .command('country [iso3]')
    .description(
      'a country (default: the store\'s largest reporter): totals and balance by year, domains, partners, products, world share, RCA, concentration, growth',
    );
  modelOptions(country, countryProfileModel, countryOwn);
  dataOptions(resultOptions(country)).action(async (given: string | undefined, o: ProfileOpts, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const p = await countryProfileModel.open(store, {
        country: await countryOrDefault(store, given, ctx.effects.stderr),
        // no country and no years: the default country's own last years
        ...modelValues(countryProfileModel, o, countryOwn),
        years: (!given && !o.year && !o.years && (await defaultYears(store, defaultSpans.countryProfile))) || o.years,
        ...dataParams(o),
      });
      await emitResult(ctx, c, {
        json: p,
        rows: countryProfileModel.rows(p),
        table: () => {
          const parts = [
            `${p.country.nameEn} · ${p.country.nameZh} — ${p.scope.label}, ${p.from}–${p.to}\n`,
          ];
          parts.push(
            'Totals by year (US$)\n',
            formatRows(p.totals.rows, 'table', [
              yearCol,
              { key: 'exports', display: noDataCell(usd) },
              { key: 'exports_source', label: 'from' },
              { key: 'imports', display: noDataCell(usd) },
              { key: 'imports_source', label: 'from' },
              { key: 'balance', display: usd },
              { key: 'relative_balance', label: 'relative' },
            ]),
          );
          parts.push(
            'World share and rank\n',
            formatRows(p.worldShare.rows, 'table', [
              yearCol,
              { key: 'exports_share', label: 'exports', display: pct },
              { key: 'exports_rank', label: 'rank' },
              { key: 'imports_share', label: 'imports', display: pct },
              { key: 'imports_rank', label: 'rank' },
            ]),
          );
          if (p.byDomain) {
            parts.push(
              `By domain, ${p.byDomain.year}\n`,
              formatRows(
                p.byDomain.rows.map((r) => ({ ...r, name: `${r.label.en} ${r.label.zh}` })),
                'table',
                [
                  { key: 'name', label: 'domain' },
                  { key: 'exports', display: usd },
                  { key: 'imports', display: usd },
                  { key: 'world_share', label: 'world share', display: pct },
                  { key: 'world_rank', label: 'rank' },
                  { key: 'rca', label: 'RCA' },
                ],
              ),
            );
          }
          parts.push(
            `Top export markets, ${p.topPartners.year}\n`,
            partnersTable(p.topPartners.exports, p.topPartners.areas.exports),
          );
          parts.push(
            `Top suppliers, ${p.topPartners.year}\n`,
            partnersTable(p.topPartners.imports, p.topPartners.areas.imports),
          );
          parts.push(
            `Top exported products, ${p.topProducts.year}\n`,
            formatRows(
              p.topProducts.exports.map((r) => ({ ...r, name: r.name.en ?? '' })),
              'table',
              [{ key: 'product' }, { key: 'name' }, { key: 'value', display: usd }, { key: 'share', display: pct }],
            ),
          );
          parts.push('Concentration and growth (exports / imports)\n');
          const ce = p.concentration.exports;
          const ci = p.concentration.imports;
          parts.push(
            formatRows(
              [
                { measure: 'HHI over partners', exports: ce?.hhi_partners, imports: ci?.hhi_partners },
                {
                  measure: 'equivalent number of partners',
                  exports: ce?.equivalent_partners,
                  imports: ci?.equivalent_partners,
                },
                { measure: 'HHI over products', exports: ce?.hhi_products, imports: ci?.hhi_products },
                {
                  measure: 'growth, last year',
                  exports: pct(p.growth.exports.yoy),
                  imports: pct(p.growth.imports.yoy),
                },
                {
                  measure: 'CAGR over the span',
                  exports: pct(p.growth.exports.cagr),
                  imports: pct(p.growth.imports.cagr),
                },
                {
                  measure: 'trend growth (log-linear)',
                  exports: pct(p.growth.exports.trend),
                  imports: pct(p.growth.imports.trend),
                },
              ],
              'table',
            ),
          );
          parts.push(provenanceLine(p.provenance, p.notes));
          return parts.join('');
        },
      });
    });
  });

  const product = profile
    .command('product <selector>')
    .description(
      'a product: HS code (940540), heading (9405), chapter (94) or basket[:domain] (unesco-fcs-2009:books)',
    );
  modelOptions(product, productProfileModel, productOwn);
  dataOptions(resultOptions(product)).action(async (selector: string, o: ProfileOpts, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const p = await productProfileModel.open(store, { product: selector, ...modelValues(productProfileModel, o, productOwn), ...dataParams(o) });
      await emitResult(ctx, c, {
        json: p,
        rows: productProfileModel.rows(p),
        table: () => {
          const parts = [
            `${p.product.label}${p.product.description ? ` — ${p.product.description}` : ''}, ${p.from}–${p.to}\n`,
          ];
          parts.push(
            'World exports by year\n',
            formatRows(p.world, 'table', [
              yearCol,
              { key: 'exports', display: usd },
              { key: 'growth', display: pct },
              { key: 'exporters' },
              { key: 'importers' },
              { key: 'unit_value', label: 'unit value' },
              { key: 'unit' },
            ]),
          );
          parts.push(
            `Top exporters, ${p.year}\n`,
            topTable(p.exporters, 'country', [{ key: 'unit_value', label: 'unit value' }]),
          );
          parts.push(
            `Top importers, ${p.year}\n`,
            topTable(p.importers, 'country'),
          );
          parts.push(
            `HHI of exporters ${p.concentration.exporters.hhi?.toFixed(4) ?? '–'} (${p.concentration.exporters.n}), of importers ${p.concentration.importers.hhi?.toFixed(4) ?? '–'} (${p.concentration.importers.n}); CAGR ${pct(p.growth.cagr) || '–'}, trend ${pct(p.growth.trend) || '–'}\n`,
          );
          parts.push(provenanceLine(p.provenance, p.notes));
          return parts.join('');
        },
      });
    });
  });
}
