/**
 * `lantern indicator list` and `lantern indicator ID …`: the catalog, and one indicator computed
 * with its provenance (printed through output.ts; the data flags come from data-options.ts).
 */
import type { Command } from 'commander';
import { isLanternError, LanternError, nameFieldAs } from '../../errors.ts';
import { getIndicator, indicators } from '../../indicators/index.ts';
import { indicatorDetail, indicatorListModel, indicatorModel, listIndicators, runIndicator, shapeOf } from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { type Column, emitResult, formatRows, provenanceLine, resultOptions, yearCol } from '../output.ts';
import { dataOptions, type DataOpts, dataParams, yearsOption } from '../data-options.ts';
import { refuseFlagsNotTaken } from '../param-options.ts';

type Row = Record<string, unknown>;

interface IndicatorOpts extends DataOpts {
  exporter?: string;
  importer?: string;
  country?: string;
  partner?: string;
  year?: string;
  years?: string;
  basket?: string;
  domain?: string;
  scope?: string;
  product?: string;
  by?: string;
  side?: string;
  measure?: string;
  window?: string;
  easeFloor?: string;
  distanceElasticity?: string;
  minYears?: string;
  minExports?: string;
  minPopulation?: string;
  minProductTrade?: string;
  presence?: string;
}

/**
 * The catalog names an unknown id as its parameter `indicator`; here it is the argument typed:
 * `<id>` of `lantern indicator <id>` and `lantern indicator show <id>`.
 */
function namedAsIdArgument<T>(look: () => T): T {
  try {
    return look();
  } catch (e) {
    if (isLanternError(e)) for (const p of e.problems) if (p.field === 'indicator') nameFieldAs(p, '<id>');
    throw e;
  }
}

/** The flags of parameters only some indicators take, each with the indicators that take it. */
const ownParams = ['measure', 'window', 'easeFloor', 'distanceElasticity', 'minYears', 'minExports', 'minPopulation', 'minProductTrade', 'presence'];
const takenBy = (key: string) => indicators.filter((d) => Object.hasOwn(shapeOf(d.params) ?? {}, key)).map((d) => d.id);

/**
 * Kept whole: one flag per catalog parameter with its help, and one action that hands them to
 * queries/ and prints the answer.
 */
export function registerIndicator(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('indicator [id] [target]')
    .description(
      'compute an indicator (`lantern indicator list` shows them all with formula and parameters; `lantern indicator show ID` prints its definition page)',
    )
    .option('--exporter <iso3>', 'the exporting country (sets --side export)')
    .option('--importer <iso3>', 'the importing country (sets --side import)')
    .option('--country <list>', 'subject countries, comma-separated (default: all)')
    .option('--partner <list>', 'partner countries, comma-separated')
    .option('--year <year>', 'one year (default: the latest in the data)')
    .option('--years <span>', 'a span, e.g. 2015-2023')
    .option('--basket <basket>', 'basket[:domain][@scope] or an HS code, e.g. unesco-fcs-2009, unesco-fcs-2009:books or unesco-fcs-2009@core')
    .option('--domain <domain>', 'basket domain, e.g. books (needs --basket; the same as --basket BASKET:DOMAIN)')
    .option('--scope <scope>', 'basket scope: core | related | all (needs --basket; the same as --basket BASKET@SCOPE)')
    .option('--product <code>', 'an HS code (chapter, heading or subheading), or an EBOPS 2010 services item such as SK1')
    .option('--by <group>', 'total | domain | product (default: total; eci and pci: product)')
    .option('--side <side>', 'export | import', 'export')
    .option('--measure <m>', 'HHI: raw | normalised | equivalent')
    .option('--window <years>', 'export potential: years averaged for actual exports')
    .option('--ease-floor <x>', 'export potential: lowest ease of a market')
    .option('--distance-elasticity <theta>', 'export potential: θ in τ = (d/d̄)^(−θ) (default 1; 0 = no distance)')
    .option('--min-years <n>', 'trend growth: fewest years in the fit')
    .option('--min-exports <usd>', 'eci/pci entry threshold: countries with exports of all products of at least this (the Atlas/OEC: 1e9; default 0, off)')
    .option('--min-population <n>', 'eci/pci entry threshold: countries with at least this population (the Atlas/OEC: 1e6; default 0, off)')
    .option('--min-product-trade <usd>', 'eci/pci entry threshold: products with world trade of at least this (the OEC: 5e8; default 0, off)')
    .option('--presence <kind>', 'eci/pci: binary (RCA ≥ 1, the default) | continuous (RCA/(1 + RCA), the Atlas 2026 form)');
  dataOptions(resultOptions(cmd)).action(async (id: string | undefined, target: string | undefined, o: IndicatorOpts, c: Command) => {
    if (id === 'show') {
      if (!target) {
        throw new LanternError('invalid-argument', 'Which indicator? `lantern indicator show ID`.', [
          { field: '<id>', message: 'missing indicator id', hint: 'e.g. `lantern indicator show rca`; `lantern indicator list` lists the ids' },
        ]);
      }
      // indicatorModel: the object GET /api/v1/indicators/{id} sends as data; no store is opened.
      const d = namedAsIdArgument(() => indicatorDetail(target));
      await emitResult(ctx, c, {
        json: d,
        rows: indicatorModel.rows(d),
        table: () => (d.definition_markdown ? `${d.definition_markdown.trimEnd()}\n\n(${d.definition})\n` : `${d.label_en} · ${d.label_zh}\n\n${d.description_en}\n`),
      });
      return;
    }
    if (target !== undefined) {
      throw new LanternError('invalid-argument', `Unexpected argument "${target}".`, [
        {
          field: '<target>',
          message: 'only `indicator show ID` takes a second argument',
          found: target,
          hint: `compute with \`lantern indicator ${id} --country …\`, or read the definition with \`lantern indicator show ${id}\``,
        },
      ]);
    }
    if (!id || id === 'list') {
      // The catalog is bundled: no store is opened (indicatorListModel reads none).
      const list = listIndicators();
      const rows = indicatorListModel.rows(list);
      await emitResult(ctx, c, {
        json: list,
        rows,
        table: () =>
          formatRows(rows, 'table', [
            { key: 'id' },
            { key: 'label' },
            { key: 'label_zh', label: '名称' },
            { key: 'unit' },
            { key: 'formula' },
          ]),
      });
      return;
    }
    const def = namedAsIdArgument(() => getIndicator(id));
    refuseFlagsNotTaken(o as Record<string, unknown>, Object.fromEntries(ownParams.map((k) => [k, takenBy(k)])), Object.keys(shapeOf(def.params) ?? {}), `indicator ${def.id}`);
    await ctx.withStore(c, async (store) => {
      const years = await yearsOption(store, o);
      const [from, to] = years.split(/[-–]/).map(Number);
      const who = o.exporter ?? o.importer ?? o.country;
      const input: Row = {
        country: who,
        partner: o.partner,
        from,
        to: to ?? from,
        // --basket is spread into basket, domain and scope by runIndicator (as the API's basket=);
        // --product is product= (an HS code or EBOPS item), refused under its own name.
        basket: o.basket,
        product: o.product,
        domain: o.domain,
        scope: o.scope,
        by: o.by,
        side: o.importer ? 'import' : o.exporter ? 'export' : o.side,
        measure: o.measure,
        window: o.window,
        easeFloor: o.easeFloor,
        distanceElasticity: o.distanceElasticity,
        minYears: o.minYears,
        minExports: o.minExports,
        minPopulation: o.minPopulation,
        minProductTrade: o.minProductTrade,
        presence: o.presence,
        ...dataParams(o),
      };
      const r = await runIndicator(
        store,
        def.id,
        Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
      );
      const cols: Column[] = [
        ...def.keys.map((k) => (k === 'year' ? yearCol : { key: k })),
        ...def.columns.map((col) =>
          col.key.endsWith('_year') ? { ...yearCol, key: col.key } : { key: col.key },
        ),
      ];
      // Product rows carry their names (queries/indicator.ts): shown right after the code.
      const at = cols.findIndex((col) => col.key === 'product');
      if (at >= 0 && r.rows.some((x) => 'product_name' in x)) cols.splice(at + 1, 0, { key: 'product_name', label: 'name' });
      await emitResult(ctx, c, {
        json: r,
        rows: r.rows,
        columns: cols,
        empty: r.empty,
        table: () =>
          `${def.label.en} · ${def.label.zh} (${def.unit})\n${r.rows.length ? formatRows(r.rows, 'table', cols) : `${r.empty}\n`}${provenanceLine(r.provenance, r.notes)}${def.note ? `note: ${def.note.en}\n` : ''}`,
      });
    });
  });
}
