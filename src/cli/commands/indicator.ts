/**
 * `lantern indicator list` and `lantern indicator ID …`: the catalog, and one indicator computed
 * with its provenance. Also the helpers the other analysis verbs (profile, bilateral, markets,
 * compare) share: data-selection options and result output in every format, Parquet included.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import { getIndicator } from '../../indicators/index.ts';
import {
  defaultSpans,
  listIndicators,
  openScope,
  parseProductSelector,
  readDefinition,
  runIndicator,
  writeParquet,
} from '../../queries/index.ts';
import type { Provenance } from '../../queries/index.ts';
import type { Store } from '../../store/index.ts';
import { type CliContext, formatOptions } from '../context.ts';
import { type Column, emit, formatRows, parseFormat } from '../output.ts';

export const resultFormats = ['table', 'json', 'ndjson', 'csv', 'parquet'] as const;
type ResultFormat = (typeof resultFormats)[number];
type Row = Record<string, unknown>;

/** --format (with parquet) and --out. */
export function resultOptions(cmd: Command): Command {
  return formatOptions(cmd, resultFormats, `output format: ${resultFormats.join(' | ')} (parquet needs --out)`);
}

/** Which data to read: runs, source, perspective, view of reported data, HS level. */
export function dataOptions(cmd: Command): Command {
  return cmd
    .option('--source <name>', 'read only runs of this source (baci, comtrade, ots …)')
    .option('--runs <ids>', 'read only these import runs (comma-separated ids; see `lantern datasets`)')
    .option('--perspective <p>', 'reconciled (BACI) | reported (Comtrade, OTS)')
    .option(
      '--view <view>',
      'reported data: trade-map (each flow from its reporter, else from the partner’s mirror report) | reporter | partner | mirror-max (OTS rule max(x, m/1.08))',
      'trade-map',
    )
    .option(
      '--level <digits>',
      'HS level of products: 2 | 4 | 6 (default: the finest in the data); every row is read, each flow once, and codes finer than the level are summed to it',
    )
    .option(
      '--trade <kind>',
      'goods | services (EBOPS 2010 rows; never summed with goods). Default: services for a services basket (cultural-services) or code (SK1), else goods where the data has goods',
    );
}

export interface DataOpts {
  source?: string;
  runs?: string;
  perspective?: string;
  view?: string;
  level?: string;
  trade?: string;
}

/** The data options as query parameters (undefined ones left out). */
export function dataParams(o: DataOpts): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries({
      source: o.source,
      runs: o.runs,
      perspective: o.perspective,
      view: o.view,
      level: o.level,
      trade: o.trade,
    }).filter(([, v]) => v !== undefined),
  );
}

/** --year / --years → "from-to"; default: the store's last `span` years (queries/scope.ts `openScope`, as the API). */
export async function yearsOption(
  store: Store,
  o: { year?: string; years?: string; source?: string },
  span: number = defaultSpans.indicator,
): Promise<string> {
  return (await openScope(store, { year: o.year, years: o.years, source: o.source }, span)).years;
}

/** A year column for tables (no thousands separator). */
export const yearCol: Column = {
  key: 'year',
  display: (v) => (v === null || v === undefined ? '' : String(v)),
};

/** One line saying where the numbers come from. */
export function provenanceLine(p: Provenance, notes: readonly string[] = []): string {
  const runs = p.runs
    .map((r) => `run ${r.id} ${r.source}${r.release ? ` ${r.release}` : ''} (${r.fileName})`)
    .join('; ');
  const view = p.view ? `, ${p.view} view` : '';
  const n = notes.length ? ` — ${notes.join('; ')}` : '';
  const level = p.trade === 'services' ? 'services' : `level ${p.level}`;
  return `source: ${runs} — ${p.perspective}${view}, ${p.classifications.join('/')} ${level}${n}\n`;
}

export interface Emittable {
  /** The whole result (for --format json). */
  json: unknown;
  /** Flat rows (ndjson, csv, parquet, and the default table). */
  rows: Row[];
  columns?: Column[];
  /** A human rendering for --format table (default: the rows as a table). */
  table?: () => string;
}

/** Prints a result in the format asked for, or writes it to --out. */
export async function emitResult(ctx: CliContext, cmd: Command, r: Emittable): Promise<void> {
  const o = cmd.optsWithGlobals() as { format?: string; out?: string };
  const format = parseFormat<ResultFormat>(o.format, resultFormats, 'table');
  const out = o.out ? resolve(ctx.effects.cwd, o.out) : undefined;
  if (format === 'parquet') {
    if (!out) {
      throw new LanternError('invalid-argument', 'Parquet is binary: give a file with --out.', [
        {
          field: 'out',
          message: '--format parquet needs --out FILE',
          hint: 'e.g. --format parquet --out result.parquet',
        },
      ]);
    }
    await writeParquet(r.rows, out);
    return;
  }
  if (format === 'json') return emit(`${JSON.stringify(r.json, null, 2)}\n`, out, ctx.effects.stdout);
  if (format === 'table' && r.table) return emit(r.table(), out, ctx.effects.stdout);
  emit(formatRows(r.rows, format, r.columns), out, ctx.effects.stdout);
}

interface IndicatorOpts extends DataOpts {
  exporter?: string;
  importer?: string;
  country?: string;
  partner?: string;
  year?: string;
  years?: string;
  basket?: string;
  product?: string;
  by?: string;
  side?: string;
  measure?: string;
  window?: string;
  easeFloor?: string;
  distanceElasticity?: string;
  minYears?: string;
}

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
    .option('--basket <basket>', 'basket[:domain], e.g. unesco-fcs-2009 or unesco-fcs-2009:books')
    .option('--product <code>', 'an HS code (chapter, heading or subheading), or an EBOPS 2010 services item such as SK1')
    .option('--by <group>', 'total | domain | product (default: total; eci and pci: product)')
    .option('--side <side>', 'export | import', 'export')
    .option('--measure <m>', 'HHI: raw | normalised | equivalent')
    .option('--window <years>', 'export potential: years averaged for actual exports')
    .option('--ease-floor <x>', 'export potential: lowest ease of a market')
    .option('--distance-elasticity <theta>', 'export potential: θ in τ = (d/d̄)^(−θ) (default 1; 0 = no distance)')
    .option('--min-years <n>', 'trend growth: fewest years in the fit');
  dataOptions(resultOptions(cmd)).action(async (id: string | undefined, target: string | undefined, o: IndicatorOpts, c: Command) => {
    if (id === 'show') {
      if (!target) {
        throw new LanternError('invalid-argument', 'Which indicator? `lantern indicator show ID`.', [
          { field: 'id', message: 'missing indicator id', hint: 'see `lantern indicator list`' },
        ]);
      }
      const page = readDefinition(target);
      await emitResult(ctx, c, {
        json: page,
        rows: Object.entries(page.sections).map(([section, text]) => ({ id: page.id, section, text })),
        table: () => `${page.markdown.trimEnd()}\n\n(${page.page})\n`,
      });
      return;
    }
    if (target !== undefined) {
      throw new LanternError('invalid-argument', `Unexpected argument "${target}".`, [
        {
          field: 'target',
          message: 'only `indicator show ID` takes a second argument',
          found: target,
          hint: `compute with \`lantern indicator ${id} --country …\`, or read the definition with \`lantern indicator show ${id}\``,
        },
      ]);
    }
    if (!id || id === 'list') {
      const list = listIndicators();
      const rows = list.map((d) => ({
        id: d.id,
        label: d.label_en,
        label_zh: d.label_zh,
        unit: d.unit,
        formula: d.formula,
        parameters: d.parameters.map((p) => p.name).join(' '),
        note: d.note_en ?? '',
        definition: d.definition ?? '',
      }));
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
    const def = getIndicator(id);
    await ctx.withStore(c, async (store) => {
      const years = await yearsOption(store, o);
      const [from, to] = years.split(/[-–]/).map(Number);
      const who = o.exporter ?? o.importer ?? o.country;
      const input: Row = {
        country: who,
        partner: o.partner,
        from,
        to: to ?? from,
        ...parseProductSelector(o.basket ?? o.product),
        by: o.by,
        side: o.importer ? 'import' : o.exporter ? 'export' : o.side,
        measure: o.measure,
        window: o.window,
        easeFloor: o.easeFloor,
        distanceElasticity: o.distanceElasticity,
        minYears: o.minYears,
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
        table: () =>
          `${def.label.en} · ${def.label.zh} (${def.unit})\n${r.rows.length ? formatRows(r.rows, 'table', cols) : `${r.empty}\n`}${provenanceLine(r.provenance, r.notes)}${def.note ? `note: ${def.note.en}\n` : ''}`,
      });
    });
  });
}
