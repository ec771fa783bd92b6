/**
 * The years a question is about when the asker leaves them out: the one place that resolves those
 * defaults from the store (the API routes use it; the CLI's `yearsOption` is to follow).
 *
 * @example
 *   await yearOr(store, undefined);          // the last year of trade data in the store
 *   await yearsOf(store, { from: 2019 });    // "2019-<last year>"
 */
import { LanternError } from '../errors.ts';
import type { Store } from '../store/index.ts';
import { dataYears } from './resolve.ts';

const noTradeData = () =>
  new LanternError('no-data', 'The store has no trade data yet.', [
    { message: 'no import runs with trade rows', hint: 'import a file with `lantern import FILE`, or load the demo world with `lantern demo`' },
  ]);

/** The year asked for, else the last year of trade data in the store. */
export async function yearOr(store: Store, year: unknown): Promise<number> {
  if (year !== undefined) return Number(year);
  const span = await dataYears(store);
  if (!span) throw noTradeData();
  return span.to;
}

/** `years` as asked (`years`, or `from`/`to`), else the store's last ten years, as "from-to". */
export async function yearsOf(store: Store, raw: { years?: unknown; from?: unknown; to?: unknown }): Promise<string> {
  if (raw.years !== undefined) return String(raw.years);
  const span = await dataYears(store);
  if (!span && raw.from === undefined && raw.to === undefined) throw noTradeData();
  const to = Number(raw.to ?? span?.to ?? raw.from);
  const from = Number(raw.from ?? (span ? Math.max(span.from, to - 9) : to));
  return `${from}-${to}`;
}
