/**
 * The flags that choose which data a read command reads (`--source`, `--runs`, `--perspective`,
 * `--view`, `--flow`, `--level`, `--trade`), shared by every analysis verb, and `--year`/`--years` resolved
 * through the store's defaults (queries/scope.ts `openScope`, as the API does).
 */
import type { Command } from 'commander';
import { defaultSpans, openScope } from '../queries/index.ts';
import type { Store } from '../store/index.ts';

/** Which data to read: runs, source, perspective, view of reported data, flow, HS level. */
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
      '--flow <flow>',
      'export (default): exports and imports | reexport: re-exports (RX) and re-imports (RM) of reported data, each as its reporter reports it',
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
  flow?: string;
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
      flow: o.flow,
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
