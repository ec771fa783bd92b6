/**
 * Periods: the years a sentence talks about, and the period of one quantity in it.
 *
 * Rules (each has a unit test in periods.test.ts):
 * - A year is 1900–2099 written alone ("in 2019", "2019年", "In January 2021"), not inside a date
 *   or a name: "Vision 2035", "the 2022 Beijing Winter Olympics", "Plan (2021-2025)" are names.
 * - A span is "from 2009 to 2021", "between 2009 and 2021", "2009-2021", "2009至2021年".
 * - "since 1990" opens a span that ends at the document's year.
 * - "last year" / 去年 is the document's year minus one; "this year" / 今年 the document's year.
 * - "the previous year", "the next year", "a year earlier" count from the year the text is talking
 *   about (the year before in the sentence or paragraph), not from the publication date.
 * - "the same period last year", 上年同期 is the part of the year the text is about (its sentence's,
 *   else the paragraph's, else the lead's sub-annual period), a year before (extract.ts).
 * - Sub-annual periods have their own form and are never a year: H1/H2, first/second half, 上半年,
 *   Q1–Q4, 一季度, 前三季度 (January–September), 1-6月, 前两月, "first 10 months", "January to
 *   October", "as of October" (January to October), a single month (11月当月). Their text is
 *   2021H1, 2021Q3, 2011M11, 2023M01..2023M10; the year is the one written with them, else the
 *   year of the context.
 * - A quantity takes: the start or end of a span when it is the "from" or "to" value; the span for
 *   a compound annual rate; else the nearest period in its sentence; else the period carried from
 *   the sentence before in the same paragraph; else the document's own period (headline or lead);
 *   else none.
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
  /** A sub-annual period: the first and last month (1–12) of the year it covers. */
  months?: [number, number];
  /** No year written with it ("上半年", "the first half"): the year comes from the context. */
  yearless?: boolean;
  /** Relative to the year in context ("the previous year"), not to the publication date. */
  contextual?: boolean;
  /** "the same period last year", 上年同期: the part of the year in context, in that year. */
  samePeriod?: boolean;
}

/** The kinds of period a claim can have; sub-annual ones are never checked against annual series. */
export type PeriodType = 'year' | 'span' | 'half' | 'quarter' | 'month' | 'months';

/** The type of a period text ("2021H1" → half). */
export function periodType(p: string | null): PeriodType | null {
  if (!p) return null;
  if (/^\d{4}$/.test(p)) return 'year';
  if (/^\d{4}\.\.\d{4}$/.test(p)) return 'span';
  if (/^\d{4}H[12]$/.test(p)) return 'half';
  if (/^\d{4}Q[1-4]$/.test(p)) return 'quarter';
  if (/^\d{4}M\d\d$/.test(p)) return 'month';
  if (/^\d{4}M\d\d\.\.\d{4}M\d\d$/.test(p)) return 'months';
  return null;
}

/** Whether a period is shorter than a year (a half, a quarter, months). */
export const isSubAnnual = (p: string | null): boolean => {
  const t = periodType(p);
  return t === 'half' || t === 'quarter' || t === 'month' || t === 'months';
};

/** A period's words for people: "the first half of 2021", "January–October 2023". */
export function describePeriod(p: string | null): string {
  const t = periodType(p);
  if (!p || !t) return 'no period';
  const y = p.slice(0, 4);
  const mon = (m: string) => MONTH_NAMES[Number(m) - 1] ?? m;
  if (t === 'half') return `the ${p.endsWith('1') ? 'first' : 'second'} half of ${y}`;
  if (t === 'quarter') return `the ${['first', 'second', 'third', 'fourth'][Number(p.slice(5)) - 1]} quarter of ${y}`;
  if (t === 'month') return `${mon(p.slice(5, 7))} ${y}`;
  if (t === 'months') return `${mon(p.slice(5, 7))}–${mon(p.slice(-2))} ${y}`;
  if (t === 'span') return p.replace('..', '–');
  return y;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const YEAR = String.raw`(?:19|20)\d\d`;
const SPAN_RES: RegExp[] = [
  new RegExp(String.raw`\b(?:from|between)\s+(${YEAR})\s+(?:to|and|through|until|till)\s+(${YEAR})\b`, 'gi'),
  new RegExp(String.raw`(?<![\d/.-])(${YEAR})\s*(?:-|–|—|~|至|到)\s*(${YEAR})(?![\d/.-])\s*年?`, 'g'),
  new RegExp(String.raw`(?:从|自)?(${YEAR})\s*年?\s*(?:至|到|-|—)\s*(${YEAR})\s*年`, 'g'),
];
/** A year: four digits not glued to other digits, and not a figure (2000亿元, 2010 million). */
const SINGLE_RE = new RegExp(
  String.raw`(?<![\d/.$¥€£,-])(?<!\d:)(${YEAR})(?![\d/%]|:\d|\.\d|,\d{3}|\s*(?:亿|万|千|百|多|余|元|美元|人|个|家|部|件|项|名|(?:hundred|thousand|million|billion|trillion|bn|tn|mn|yen|won|yuan|dollars|euros|pounds|percent|per cent)\b))(?:\s*年(?!代))?`,
  'g',
);

/** Capitalised words that may stand before a year without making it a name. */
const NOT_NAME_BEFORE =
  /^(?:In|Since|From|By|Until|Till|To|Between|Before|After|During|Of|For|And|Through|Around|About|At|On|Jan\w*|Feb\w*|Mar\w*|Apr\w*|May|June?|July?|Aug\w*|Sep\w*|Oct\w*|Nov\w*|Dec\w*|Spring|Summer|Autumn|Fall|Winter|Q[1-4]|H[12]|FY)$/;

/** Year mentions in a text (a sentence), names excluded. */
export function findYears(text: string): YearMention[] {
  const subs = findSubAnnual(text);
  const out: YearMention[] = subs.filter((m) => !insideBookTitle(text, m.start));
  const taken: [number, number][] = subs.map((m) => [m.start, m.end]);
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
      taken.push([s, e]);
      if (!isName(text, s, e)) out.push({ start: s, end: e, year: a, to: b });
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
      /\b(?:on|over|than|compared (?:with|to)|versus|vs\.?|relative to|against)\s+(?:in\s+)?(?:the\s+)?(?:same period (?:of|in)\s+|levels? (?:of|in)\s+)?$|(?:比|较)\s*$/i.test(
        before,
      ) ||
      // "up 12.8% from 2018": the year a change is measured from (not "from 2018 to 2020").
      (/(?:%|\bper ?cent|\bpercent|\bpoints?)\s+(?:\w+\s+){0,2}from\s+(?:the\s+)?(?:level of\s+|same period (?:of|in)\s+)?$/i.test(before) &&
        !/^\s*(?:to|through|until)\b/i.test(text.slice(e)));
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
  for (const m of text.matchAll(/\b(last|this|previous|next|following)\s+year\b|\bthe year (?:before|after)\b|\ba year (?:earlier|before|ago)\b|去年|今年|上年|明年|次年/gi)) {
    const w = m[0].toLowerCase();
    const delta = /last|previous|before|earlier|ago|去年|上年/.test(w) ? -1 : /next|following|after|明年|次年/.test(w) ? 1 : 0;
    // "compared with last year" is the base of a comparison, not the period of the figure.
    const s = m.index ?? 0;
    if (!free(s, s + m[0].length)) continue;
    // "this year's January–October": the sub-annual period right after takes the year.
    const sub = out.find((o) => o.yearless && o.start >= s + m[0].length && o.start - (s + m[0].length) <= 3);
    if (sub && /^(?:['’]s)?\s*$/.test(text.slice(s + m[0].length, sub.start)) && !/previous|next|following|before|after|上年|次年/.test(w)) {
      Object.assign(sub, { year: delta, relative: true, yearless: undefined, start: s });
      delete sub.yearless;
      continue;
    }
    if (
      /\b(?:than|from|over|on|compared (?:with|to)|versus|vs\.?)\s+(?:the\s+)?$|比$|较$/i.test(
        text.slice(Math.max(0, s - 24), s),
      ) &&
      // "compared to the previous year, when income was $10bn": the clause after is about that year.
      !/^\s*,?\s*(?:when|in which|during which)\b/i.test(text.slice(s + m[0].length))
    )
      continue;
    // "the previous year", "a year earlier", "the next year" count from the year being talked about.
    const contextual = /previous|next|following|before|after|earlier|ago|次年/.test(w);
    // "in the same period last year", 上年同期: the part of the year the text is about, a year before.
    const samePeriod = /\bsame period (?:of |in )?$/i.test(text.slice(Math.max(0, s - 20), s)) || /^同期/.test(text.slice(s + m[0].length));
    out.push({ start: s, end: s + m[0].length, year: delta, relative: true, ...(contextual ? { contextual } : {}), ...(samePeriod ? { samePeriod } : {}) });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** True when the year at [s, e) belongs to a name: "Vision 2035", "2022 Beijing Winter Olympics", "Plan (2021-2025)". */
function isName(text: string, s: number, e: number): boolean {
  const before = text.slice(Math.max(0, s - 40), s);
  const after = text.slice(e, e + 40);
  // Inside a title in book marks: 《2021年1-6月中国游戏产业报告》.
  if (insideBookTitle(text, s)) return true;
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

/** Whether offset `s` is inside 《…》 (the title of a report or book). */
function insideBookTitle(text: string, s: number): boolean {
  const open = text.lastIndexOf('《', s);
  return open >= 0 && text.lastIndexOf('》', s) < open && text.indexOf('》', s) >= 0;
}

/** A period as text: "2019", "2009..2021", or null. */
export type Period = string | null;

/**
 * The period of a mention as text. `contextYear` is the year the text is talking about around the
 * mention (for "the previous year" and for sub-annual periods written without a year).
 */
export function periodText(m: YearMention, docYear: number | null, contextYear: number | null = null): Period {
  if (m.months) {
    const y = m.relative
      ? docYear === null
        ? null
        : docYear + m.year
      : m.yearless
        ? (contextYear ?? docYear)
        : m.year;
    return y === null ? null : subAnnualText(y, m.months);
  }
  if (m.contextual) {
    const base = contextYear ?? docYear;
    return base === null ? null : String(base + m.year);
  }
  if (m.relative) return docYear === null ? null : String(docYear + m.year);
  if (m.to !== undefined) return `${m.year}..${m.to}`;
  if (m.since) return docYear !== null && docYear > m.year ? `${m.year}..${docYear}` : null;
  return String(m.year);
}

// ---------------------------------------------------------------- sub-annual periods

const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const EN_NUM: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
};
const num = (s: string | undefined): number => {
  if (!s) return Number.NaN;
  const t = s.toLowerCase();
  return /^\d+$/.test(t) ? Number(t) : (CN_NUM[t] ?? EN_NUM[t] ?? Number.NaN);
};
const MONTH_RE = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
const monthOf = (s: string | undefined): number =>
  s ? ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(s.slice(0, 3).toLowerCase()) + 1 : 0;
const CN_N = String.raw`(\d{1,2}|十[一二]?|[一二两三四五六七八九])`;
const Y = String.raw`(?:((?:19|20)\d\d)\s*年\s*(?:的\s*)?)?`;
/** The year written after an English sub-annual phrase: "of 2023", "2021", "of this year". */
const EN_YEAR_AFTER = String.raw`(?:,?\s+(?:of\s+)?(?:(?:the\s+)?(?:fiscal\s+)?year\s+)?(?:((?:19|20)\d\d)\b|(this|last|the\s+same|the\s+previous)\s+year\b))?`;

/** Each form: a pattern and how its groups give [year text, first month, last month]. */
type Form = [RegExp, (m: RegExpMatchArray) => { year?: string; rel?: string; from: number; to: number } | null];
const SUB_FORMS: Form[] = [
  // 2019年上半年, 上半年, 下半年
  [new RegExp(String.raw`${Y}([上下])半年(?:度)?`, 'g'), (m) => (m[2] === '上' ? { year: m[1], from: 1, to: 6 } : { year: m[1], from: 7, to: 12 })],
  // 前三季度, 2019年前三季度
  [
    new RegExp(String.raw`${Y}前\s*${CN_N}\s*(?:个)?\s*季度`, 'g'),
    (m) => {
      const n = num(m[2]);
      return n >= 1 && n <= 4 ? { year: m[1], from: 1, to: 3 * n } : null;
    },
  ],
  // 一季度, 第三季度, 2019年四季度, Q1
  [
    new RegExp(String.raw`${Y}(?:第\s*)?([一二三四1-4])\s*季度`, 'g'),
    (m) => {
      const n = num(m[2]);
      return { year: m[1], from: 3 * n - 2, to: 3 * n };
    },
  ],
  // 1-6月, 2021年1—6月, 1至10月(份)
  [
    new RegExp(String.raw`${Y}${CN_N}\s*(?:月\s*)?(?:-|–|—|~|～|至|到)\s*${CN_N}\s*月(?:份)?(?!\s*\d{1,2}\s*[日号])`, 'g'),
    (m) => {
      const a = num(m[2]);
      const b = num(m[3]);
      return a >= 1 && b <= 12 && a < b ? { year: m[1], from: a, to: b } : null;
    },
  ],
  // 前两月, 前11个月(份), 2011年前10月
  [
    new RegExp(String.raw`${Y}前\s*${CN_N}\s*(?:个)?\s*月(?:份)?`, 'g'),
    (m) => {
      const n = num(m[2]);
      return n >= 1 && n <= 12 ? { year: m[1], from: 1, to: n } : null;
    },
  ],
  // 11月当月, 11月份; 2011年11月 (not a day: 7月29日; not "since": 6月以来)
  [
    new RegExp(String.raw`${Y}(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月(份|当月)?(?!\s*\d{1,2}\s*[日号])(?!\s*(?:以来|起|底|末|初|中旬|下旬|上旬))`, 'g'),
    (m) => {
      const n = num(m[2]);
      if (!(n >= 1 && n <= 12)) return null;
      return m[1] || m[3] ? { year: m[1], from: n, to: n } : null;
    },
  ],
  // H1 2021, 2021 H1, 1H 2021
  [
    new RegExp(String.raw`(?:\b((?:19|20)\d\d)\s*)?\b(?:H([12])|([12])H)\b(?:\s*((?:19|20)\d\d)\b)?`, 'g'),
    (m) => {
      const h = Number(m[2] ?? m[3]);
      return { year: m[1] ?? m[4], from: h === 1 ? 1 : 7, to: h === 1 ? 6 : 12 };
    },
  ],
  // Q3 2021, 2021 Q3, Q3
  [
    new RegExp(String.raw`(?:\b((?:19|20)\d\d)\s*)?\bQ([1-4])\b(?:\s*((?:19|20)\d\d)\b)?`, 'g'),
    (m) => {
      const n = Number(m[2]);
      return { year: m[1] ?? m[3], from: 3 * n - 2, to: 3 * n };
    },
  ],
  // the first half (of 2021), the second half of the year; 2021 first half
  [
    new RegExp(String.raw`(?:\b((?:19|20)\d\d)\s+)?\b(first|second)[- ]half\b${EN_YEAR_AFTER}`, 'gi'),
    (m) => {
      const first = m[2]?.toLowerCase() === 'first';
      return { year: m[1] ?? m[3], rel: m[4], from: first ? 1 : 7, to: first ? 6 : 12 };
    },
  ],
  // the third quarter (of 2021); the first three quarters
  [
    new RegExp(String.raw`\b(first|second|third|fourth)[- ]quarter\b${EN_YEAR_AFTER}`, 'gi'),
    (m) => {
      const n = num(m[1]);
      return { year: m[2], rel: m[3], from: 3 * n - 2, to: 3 * n };
    },
  ],
  [
    new RegExp(String.raw`\bfirst\s+(two|three|2|3)\s+quarters\b${EN_YEAR_AFTER}`, 'gi'),
    (m) => ({ year: m[2], rel: m[3], from: 1, to: 3 * num(m[1]) }),
  ],
  // the first 10 months (of 2023), the first nine months
  [
    new RegExp(String.raw`\bfirst\s+(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months\b${EN_YEAR_AFTER}`, 'gi'),
    (m) => {
      const n = num(m[1]);
      return n >= 1 && n <= 11 ? { year: m[2], rel: m[3], from: 1, to: n } : null;
    },
  ],
  // (from) January to October (of this year), Jan-Oct 2023
  [
    new RegExp(String.raw`\b(${MONTH_RE})\.?\s*(?:to|through|until|-|–|—)\s*(${MONTH_RE})\b\.?${EN_YEAR_AFTER}`, 'gi'),
    (m) => {
      const a = monthOf(m[1]);
      const b = monthOf(m[2]);
      return a >= 1 && b > a ? { year: m[3], rel: m[4], from: a, to: b } : null;
    },
  ],
  // as of October, in the year to October, year-to-date through October: January to that month
  [
    new RegExp(String.raw`\b(?:as of|as at|in the year to|year[- ]to[- ]date (?:through|to))\s+(?:the end of\s+)?(${MONTH_RE})\b(?!\s+\d)${EN_YEAR_AFTER}`, 'gi'),
    (m) => {
      const b = monthOf(m[1]);
      return b >= 2 ? { year: m[2], rel: m[3], from: 1, to: b } : null;
    },
  ],
];

/** Sub-annual period mentions of a text (a sentence), longest first where they overlap. */
export function findSubAnnual(text: string): YearMention[] {
  const found: YearMention[] = [];
  for (const [re, read] of SUB_FORMS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const r = read(m);
      if (!r || !(r.from >= 1 && r.to <= 12 && r.from <= r.to)) continue;
      const s = m.index ?? 0;
      const e = s + m[0].length;
      if (found.some((f) => s < f.end && f.start < e)) continue;
      const rel = r.rel?.toLowerCase().replace(/\s+/g, ' ');
      const mention: YearMention = { start: s, end: e, year: 0, months: [r.from, r.to] };
      if (r.year) mention.year = Number(r.year);
      else if (rel === 'this' || rel === 'last') Object.assign(mention, { year: rel === 'last' ? -1 : 0, relative: true });
      else Object.assign(mention, { yearless: true });
      found.push(mention);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The text of a sub-annual period in a given year: 2021H1, 2021Q3, 2011M11, 2023M01..2023M10. */
export function subAnnualText(year: number, [a, b]: [number, number]): string {
  const mm = (n: number) => String(n).padStart(2, '0');
  if (a === 1 && b === 12) return String(year);
  if (b - a === 5 && (a === 1 || a === 7)) return `${year}H${a === 1 ? 1 : 2}`;
  if (b - a === 2 && a % 3 === 1) return `${year}Q${(a + 2) / 3}`;
  if (a === b) return `${year}M${mm(a)}`;
  return `${year}M${mm(a)}..${year}M${mm(b)}`;
}
