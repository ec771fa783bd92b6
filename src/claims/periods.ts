/**
 * Periods: the years a sentence talks about, and the period of one quantity in it.
 *
 * Rules (each has a unit test in periods.test.ts):
 * - A year is 1900–2099 written alone ("in 2019", "2019年", "In January 2021"), not inside a date
 *   or a name: "Vision 2035", "the 2022 Beijing Winter Olympics", "Plan (2021-2025)" are names.
 * - A span is "from 2009 to 2021", "between 2009 and 2021", "2009-2021", "2009至2021年".
 * - "since 1990" opens a span that ends at the document's year.
 * - "last year" / 去年 is the document's year minus one; "this year" / 今年 the document's year.
 * - A quantity takes: the start or end of a span when it is the "from" or "to" value; the span for
 *   a compound annual rate; else the nearest year in its sentence; else the period carried from
 *   the sentence before in the same paragraph; else none.
 */

export interface YearMention {
  start: number;
  end: number;
  year: number;
  /** A span: the year it ends (inclusive). */
  to?: number;
  /** "since 1990": a span open to the document's date. */
  since?: boolean;
  /** Relative mention ("last year"): resolved against the document date. */
  relative?: boolean;
  /** The base of a comparison ("up 12% on 2021", "compared with 2020"): not the figure's period. */
  base?: boolean;
  /** The date of an event told in passing ("the fair, first held in 1949,"): not other figures' period. */
  event?: boolean;
}

const YEAR = String.raw`(?:19|20)\d\d`;
const SPAN_RES: RegExp[] = [
  new RegExp(String.raw`\b(?:from|between)\s+(${YEAR})\s+(?:to|and|through|until|till)\s+(${YEAR})\b`, 'gi'),
  new RegExp(String.raw`(?<![\d/.-])(${YEAR})\s*(?:-|–|—|~|至|到)\s*(${YEAR})(?![\d/.-])\s*年?`, 'g'),
  new RegExp(String.raw`(?:从|自)?(${YEAR})\s*年?\s*(?:至|到|-|—)\s*(${YEAR})\s*年`, 'g'),
];
const SINGLE_RE = new RegExp(
  String.raw`(?<![\d/.:$¥€£,-])(${YEAR})(?![\d/:%]|\.\d|,\d{3})(?:\s*年(?!代))?`,
  'g',
);

/** Capitalised words that may stand before a year without making it a name. */
const NOT_NAME_BEFORE =
  /^(?:In|Since|From|By|Until|Till|To|Between|Before|After|During|Of|For|And|Through|Around|About|At|On|Jan\w*|Feb\w*|Mar\w*|Apr\w*|May|June?|July?|Aug\w*|Sep\w*|Oct\w*|Nov\w*|Dec\w*|Spring|Summer|Autumn|Fall|Winter|Q[1-4]|H[12]|FY)$/;

/** Year mentions in a text (a sentence), names excluded. */
export function findYears(text: string): YearMention[] {
  const out: YearMention[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => !taken.some(([a, b]) => s < b && a < e);
  for (const re of SPAN_RES) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const s = m.index ?? 0;
      const e = s + m[0].length;
      if (!free(s, e)) continue;
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (!(b > a && b - a < 200)) continue;
      if (isName(text, s, e)) {
        taken.push([s, e]);
        continue;
      }
      taken.push([s, e]);
      out.push({ start: s, end: e, year: a, to: b });
    }
  }
  SINGLE_RE.lastIndex = 0;
  for (const m of text.matchAll(SINGLE_RE)) {
    const s = m.index ?? 0;
    const e = s + m[0].length;
    if (!free(s, e)) continue;
    if (isName(text, s, e)) continue;
    const before = text.slice(Math.max(0, s - 90), s);
    const since =
      (/\b(?:since|ever since)\b[^,;.]*$/i.test(before) && !/\b(?:to|until|till)\s*$/i.test(before)) ||
      (/(?:自|从)$/.test(before.trim()) && /^\s*年?\s*以来/.test(text.slice(e)));
    const base =
      /\b(?:on|over|than|compared (?:with|to)|versus|vs\.?|relative to|against)\s+(?:the\s+)?(?:same period (?:of|in)\s+|levels? (?:of|in)\s+)?$|(?:比|较)\s*$/i.test(
        before,
      );
    const event =
      /\b(?:founded|established|launched|created|built|opened|born|started|set up|inaugurated|first (?:held|staged|organi[sz]ed|opened|launched|published|shown|released))\b[^,;.]{0,20}$/i.test(
        before,
      ) && !since;
    out.push({
      start: s,
      end: e,
      year: Number(m[1]),
      ...(since ? { since: true } : {}),
      ...(base ? { base: true } : {}),
      ...(event ? { event: true } : {}),
    });
  }
  for (const m of text.matchAll(/\b(last|this|previous|next)\s+year\b|去年|今年|上年|明年/gi)) {
    const w = m[0].toLowerCase();
    const delta = /last|previous|去年|上年/.test(w) ? -1 : /next|明年/.test(w) ? 1 : 0;
    // "compared with last year" is the base of a comparison, not the period of the figure.
    const s = m.index ?? 0;
    if (
      /\b(?:than|from|over|on|compared (?:with|to)|versus|vs\.?)\s+(?:the\s+)?$|比$|较$/i.test(
        text.slice(Math.max(0, s - 24), s),
      )
    )
      continue;
    out.push({ start: s, end: s + m[0].length, year: delta, relative: true });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** True when the year at [s, e) belongs to a name: "Vision 2035", "2022 Beijing Winter Olympics", "Plan (2021-2025)". */
function isName(text: string, s: number, e: number): boolean {
  const before = text.slice(Math.max(0, s - 40), s);
  const after = text.slice(e, e + 40);
  if (/Plan\s*\(?\s*$/.test(before) || /(?:规划|纲要)\s*[（(]?\s*$/.test(before)) return true;
  if (/\bGoals? for\s+$/i.test(before) || /\bVision\s+$/i.test(before)) return true;
  const prevWord = /([A-Z][\w'’-]*)\s+$/.exec(before)?.[1];
  const sentenceStart = /(?:^|[.!?]\s+|["“(]\s*)[A-Z][\w'’-]*\s+$/.test(before);
  // "Vision 2035" is a name; "China's 2013 exports" (a possessive) is not.
  if (prevWord && !/['’]s$/.test(prevWord) && !NOT_NAME_BEFORE.test(prevWord) && !sentenceStart) return true;
  // "the 2022 Beijing Winter Olympics", "the 2030 Agenda": a year then a capitalised word, after "the".
  if (/\bthe\s+$/i.test(before) && /^\s+[A-Z][\w'-]+/.test(after)) return true;
  return false;
}

/** A period as text: "2019", "2009..2021", or null. */
export type Period = string | null;

export function periodText(m: YearMention, docYear: number | null): Period {
  if (m.relative) return docYear === null ? null : String(docYear + m.year);
  if (m.to !== undefined) return `${m.year}..${m.to}`;
  if (m.since) return docYear !== null && docYear > m.year ? `${m.year}..${docYear}` : null;
  return String(m.year);
}
