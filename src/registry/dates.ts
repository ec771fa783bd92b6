/**
 * Partial dates as sources give them: a year ('2002'), a month ('2002-11') or a day ('2015-11-07').
 *
 * Invariant: a date is never made more precise than its source. Counting "open by a date" uses the
 * period's bounds: '2002' may be any day of 2002, so it is known to be before 2003-01-01 but not
 * known to be before 2002-06-30.
 */

export type DatePrecision = 'year' | 'month' | 'day';

export interface PartialDate {
  /** The text as stored: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  text: string;
  precision: DatePrecision;
  year: number;
  /** First and last day of the period, as 'YYYY-MM-DD'. */
  start: string;
  end: string;
}

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The earliest and latest years a registry date may carry. */
export const MIN_YEAR = 1800;
export const MAX_YEAR = 2100;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses a partial date, or says what is wrong with it.
 *
 * @example
 *   parsePartialDate('2002-11')   // { ok: true, value: { precision: 'month', start: '2002-11-01', end: '2002-11-30', … } }
 *   parsePartialDate('(Nov 23)')  // { ok: false, message: 'should be a date as YYYY, YYYY-MM or YYYY-MM-DD …' }
 */
export function parsePartialDate(
  text: string,
): { ok: true; value: PartialDate } | { ok: false; message: string } {
  const m = PATTERN.exec(text.trim());
  if (!m) {
    return {
      ok: false,
      message:
        'should be a date as YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2015, 2015-11 or 2015-11-07); leave it empty when the source gives no year',
    };
  }
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR)
    return { ok: false, message: `the year should be between ${MIN_YEAR} and ${MAX_YEAR}` };
  if (m[2] === undefined) {
    return {
      ok: true,
      value: { text: m[1]!, precision: 'year', year, start: `${year}-01-01`, end: `${year}-12-31` },
    };
  }
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { ok: false, message: `month ${m[2]} does not exist (01–12)` };
  const last = daysInMonth(year, month);
  if (m[3] === undefined) {
    return {
      ok: true,
      value: {
        text: `${m[1]}-${m[2]}`,
        precision: 'month',
        year,
        start: `${year}-${pad(month)}-01`,
        end: `${year}-${pad(month)}-${pad(last)}`,
      },
    };
  }
  const day = Number(m[3]);
  if (day < 1 || day > last)
    return { ok: false, message: `day ${m[3]} does not exist in ${year}-${m[2]} (it has ${last} days)` };
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return { ok: true, value: { text: iso, precision: 'day', year, start: iso, end: iso } };
}

/** Parses a date that is known to be valid (already validated); throws a plain Error otherwise (a bug). */
export function partialDate(text: string): PartialDate {
  const r = parsePartialDate(text);
  if (!r.ok) throw new Error(`invalid partial date "${text}": ${r.message}`);
  return r.value;
}

/** True when period `a` certainly ends no later than period `b` ends. */
export function endsBy(a: string, b: string): boolean {
  return partialDate(a).end <= partialDate(b).end;
}
