/**
 * The years a question is about when the asker leaves them out: the one place that resolves those
 * defaults from the store. The CLI (`--year`, `--years`) and the API (`year`, `years`, `from`, `to`)
 * both call `openScope` with the read model's own default span (`defaultSpans`), so the same
 * question without years gets the same years at both edges.
 *
 * @example
 *   await openScope(store, {}, defaultSpans.markets);            // { from: 2022, to: 2022, years: '2022-2022' }
 *   await openScope(store, { from: 2019 }, defaultSpans.bilateral); // 2019 to the last year of trade
 */
import { LanternError } from '../errors.ts';
import type { Store } from '../store/index.ts';
import { dataSources, dataYears, unknownSource } from './resolve.ts';

/** How many of the store's last years of trade a read model reads when no year is given. */
export const defaultSpans = {
  /** The market finder: the last year. */
  markets: 1,
  /** `lantern indicator`: the last year. */
  indicator: 1,
  /** The country and product profiles and bilateral: the last ten years (the trend). */
  countryProfile: 10,
  productProfile: 10,
  bilateral: 10,
  /** The soft-power composite: the last year. */
  softPower: 1,
  /** The product space and a country's opportunities: the last year. */
  productSpace: 1,
  /** Compare: every year of the data. */
  compare: Number.POSITIVE_INFINITY,
} as const;

/** What a question says about its years, as typed (text from a command line or a query string). */
export interface YearsAsked {
  year?: unknown;
  /** A year or a span "from-to". */
  years?: unknown;
  from?: unknown;
  to?: unknown;
  /** Only the years of this source's runs count for the default. */
  source?: string;
}

/** The years of a question: first and last, and as the "from-to" text the read models take. */
export interface OpenedScope {
  from: number;
  to: number;
  years: string;
}

const noTradeData = () =>
  new LanternError('no-data', 'The store has no trade data yet.', [
    { message: 'no import runs with trade rows', hint: 'import a file with `lantern import FILE`, or load the demo world with `lantern demo`' },
  ]);

/**
 * The years asked for (`years`, else `year`, else `from`/`to` with the other end from the store),
 * else the store's last `span` years of trade. Text that is not a year is passed on as given, so
 * the read model's zod schema refuses it with its own message.
 */
export async function openScope(store: Store, asked: YearsAsked, span: number): Promise<OpenedScope> {
  const given = asked.years ?? asked.year;
  if (given !== undefined && given !== '') {
    const text = String(given);
    const [a, b] = text.split('-').map(Number);
    return { from: a as number, to: (b ?? a) as number, years: text };
  }
  const stored = await dataYears(store, asked.source);
  if (!stored && asked.from === undefined && asked.to === undefined) {
    const held = asked.source ? await dataSources(store) : [];
    throw held.length ? unknownSource(asked.source!, held) : noTradeData();
  }
  const to = Number(asked.to ?? stored?.to ?? asked.from);
  const from = Number(asked.from ?? (stored ? Math.max(stored.from, to - span + 1) : to));
  return { from, to, years: `${from}-${to}` };
}
