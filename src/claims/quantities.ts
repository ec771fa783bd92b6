/**
 * Quantities in a sentence: a number with what is written around it — currency, scale word,
 * percent or percentage points, Chinese scale characters (万, 亿, 千亿), qualifiers ("more than",
 * 多, 左右) — as a value in base units.
 *
 * Digits are read by our own scanner: it is fast and handles what the recogniser library misses
 * (ISO codes glued to digits "USD200", suffixes "3.5bn", "5tn", "20m"). Spelled-out numbers
 * ("four", "two hundred") and Chinese numerals (三千亿, 一百零五) go to
 * `@microsoft/recognizers-text-suite`, whose output we then filter: "one of", "three-dimensional",
 * numbers inside names ("Twenty-four Solar Terms") and in short quoted titles are not quantities.
 *
 * The input is expected to be width-normalised and noise-masked (see documents.ts, noise.ts), so
 * offsets are the caller's.
 */
import * as Recognizers from '@microsoft/recognizers-text-suite';
import {
  CJK_SCALES,
  CURRENCY_PREFIX,
  CURRENCY_PREFIX_RE,
  CURRENCY_SUFFIX,
  DURATION_NOUNS,
  QUALIFIER_AFTER,
  QUALIFIER_BEFORE,
  type Qualifier,
  SCALE_WORDS,
} from './lexicon.ts';

export type QuantityUnit = string; // ISO currency | 'percent' | 'pp' | 'count' | 'years' | 'months' | 'days' | …

export interface Quantity {
  start: number;
  end: number;
  /** In base units: dollars, percent points of percent, persons… */
  value: number;
  unit: QuantityUnit;
  /** The rounding unit of the figure as written, in base units (99.89 billion → 0.01e9). */
  precision: number;
  qualifier: Qualifier;
  /** How it was read. */
  source: 'digits' | 'words' | 'cjk';
  /** The scale word applied (billion → 1e9), 1 when none. */
  scale?: number;
}

const NUM_RE = new RegExp(
  // "233-point-11" (a decimal point spelled out, as broadcast scripts write it) is 233.11; a comma
  // that cannot group thousands before a scale word is a decimal comma ("1,2009 trillion", "1,5 billion").
  String.raw`(?<![\w.,/])(?:(${CURRENCY_PREFIX_RE})\s?)?([-−](?=\d))?(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:(?:\.|-point-|,(?=(?:\d{1,2}|\d{4,})\s*(?:trillion|billion|million)\b))(\d+))?`,
  'g',
);

const WORD_NUMBER =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|half|thirds?|quarters?)\b|\ba (?:hundred|thousand|million|billion)\b/i;
const CJK_NUMERAL = /[〇零一二两三四五六七八九十百千万亿]/;

function currencyOf(token: string): string | null {
  for (const [re, code] of CURRENCY_PREFIX) if (re.test(token.trim())) return code;
  return null;
}

interface Suffix {
  end: number;
  scale: number;
  unit: QuantityUnit | null;
  qualifier: Qualifier | null;
}

/** Reads what follows a number: qualifier (多), scale, currency, percent, percentage points, 成. */
export function readSuffix(text: string, pos: number, cjk: boolean): Suffix {
  let p = pos;
  let scale = 1;
  let unit: QuantityUnit | null = null;
  let qualifier: Qualifier | null = null;
  const rest = () => text.slice(p, p + 40);
  const q1 = /^(多|余)/.exec(rest());
  if (q1) {
    qualifier = 'gt';
    p += q1[0].length;
  }
  let matched = false;
  for (const [re, mult] of SCALE_WORDS) {
    const m = re.exec(rest());
    if (m) {
      scale = mult;
      p += m[0].length;
      matched = true;
      break;
    }
  }
  if (!matched) {
    const r = rest().replace(/^\s/, '');
    const lead = rest().length - r.length;
    for (const [ch, mult] of CJK_SCALES) {
      if (r.startsWith(ch)) {
        scale = mult;
        p += lead + ch.length;
        break;
      }
    }
  }
  if (!qualifier) {
    const q2 = /^(多|余)/.exec(rest());
    if (q2) {
      qualifier = 'gt';
      p += q2[0].length;
    }
  }
  // "a 20.3 on-year percent increase": the comparison may stand between the number and its unit.
  const pct = /^\s?(?:(?:on[- ]year|year[- ]on[- ]year|on[- ]month)\s+)?(?:%|percent\b|per cent\b|pct\b)/i.exec(rest());
  const pp = /^\s?(?:percentage points?\b|pp\b|个百分点|百分点)/i.exec(rest());
  if (pp) {
    unit = 'pp';
    p += pp[0].length;
  } else if (pct) {
    unit = 'percent';
    p += pct[0].length;
  } else if (cjk && /^成(?![本立为功员])/.test(rest())) {
    unit = 'percent';
    scale *= 10;
    p += 1;
  } else {
    for (const [re, code] of CURRENCY_SUFFIX) {
      const r = rest();
      const lead = /^\s?/.exec(r)?.[0].length ?? 0;
      const m = re.exec(r.slice(lead));
      if (m) {
        unit = code || m[0].trim().toUpperCase();
        p += lead + m[0].length;
        break;
      }
    }
  }
  return { end: p, scale, unit, qualifier };
}

/** The qualifier written right before [start] or right after [end]. */
export function readQualifier(text: string, start: number, end: number): Qualifier {
  const before = text.slice(Math.max(0, start - 40), start).replace(/\b(?:the|a|an)\s+$/i, '');
  for (const [re, q] of QUALIFIER_BEFORE) if (re.test(before)) return q;
  const after = text.slice(end, end + 12);
  for (const [re, q] of QUALIFIER_AFTER) if (re.test(after)) return q;
  return 'eq';
}

/** Spelled-out numbers that are not quantities. */
function rejectWordNumber(text: string, s: number, e: number): boolean {
  const t = text.slice(s, e);
  const after = text.slice(e, e + 40);
  const before = text.slice(Math.max(0, s - 60), s);
  if (/^(?:one|a|an)$/i.test(t.trim()) && !/^\s?(?:million|billion|thousand|hundred)/i.test(after))
    return true;
  if (/^-[A-Za-z]/.test(after)) return true; // three-dimensional, one-time, Five-Year
  // A capitalised number word inside a sentence followed by a capitalised word is a name.
  if (
    /^[A-Z]/.test(t) &&
    /\S\s*$/.test(before) &&
    !/[.!?:]\s*["“]?\s*$/.test(before) &&
    /^\s+[A-Z]/.test(after)
  )
    return true;
  // Inside a short quotation ("five rings of ice and snow"): a title or slogan.
  const head = text.slice(0, s);
  const open = Math.max(head.lastIndexOf('"'), head.lastIndexOf('“'));
  if (open >= 0) {
    const quotesBefore = (head.match(/["“”]/g) ?? []).length;
    const close = text.slice(e, e + 100).search(/["”]/);
    if (quotesBefore % 2 === 1 && close >= 0 && s - open + t.length + close < 80) return true;
  }
  return false;
}

function rejectCjkNumber(text: string, s: number, e: number): boolean {
  const t = text.slice(s, e);
  const after = text.slice(e, e + 3);
  const before = text.slice(Math.max(0, s - 2), s);
  if (/第\s*$/.test(before)) return true; // ordinal
  if (t === '半' && !/^数/.test(after)) return true; // 上半年, 半个: not a figure
  if (/^[一两]$/.test(t) && !/^[个家项部种人次场件册万亿千百十名座所批成倍]/.test(after)) return true; // 一带一路, 之一, 统一
  if (/^[月日号时点]/.test(after)) return true; // dates, times
  if (
    /^(?:十[一二三四五六七八九]五)$/.test(t + after.slice(0, 1)) ||
    (/^十[一二三四五六七八九]$/.test(t) && after.startsWith('五'))
  )
    return true;
  return false;
}

export interface ScanOptions {
  /** Whether the text is Chinese (reads 成, CJK numerals). */
  cjk?: boolean;
  /** Use the recogniser library for spelled-out numbers and CJK numerals (default true). */
  recogniser?: boolean;
}

const CODES = ['USD', 'HKD', 'TWD', 'AUD', 'CAD', 'SGD', 'RMB', 'CNY', 'EUR', 'GBP', 'JPY', 'KRW', 'INR'];

/**
 * A currency code mistyped by one letter where the text uses the right one: "$14.25BN (JPY2.17TR)
 * … $10.97BN (JPT1.67TR)" reads JPT as JPY. Same length, so offsets are kept.
 */
export function codeTypos(text: string): string {
  const used = new Set([...text.matchAll(/\b([A-Z]{3})(?=\d)/g)].map((m) => m[1] as string).filter((c) => CODES.includes(c)));
  if (!used.size) return text;
  return text.replace(/\b([A-Z]{3})(?=\d)/g, (code: string) => {
    if (CODES.includes(code)) return code;
    const near = [...used].filter((k) => [...k].filter((ch, i) => ch !== code[i]).length === 1);
    return near.length === 1 ? (near[0] as string) : code;
  });
}

/**
 * Quantities in one sentence (masked text); offsets relative to `text`.
 *
 * @example
 *   scanQuantities('Exports exceeded USD200 billion, up 38.7%.')
 *   // [{ value: 200e9, unit: 'USD', qualifier: 'gt', … }, { value: 38.7, unit: 'percent', … }]
 */
export function scanQuantities(text: string, opts: ScanOptions = {}): Quantity[] {
  const cjk = opts.cjk ?? /[\u4e00-\u9fff]/.test(text);
  const out: Quantity[] = [];
  NUM_RE.lastIndex = 0;
  for (const m of text.matchAll(NUM_RE)) {
    const start = m.index ?? 0;
    const numEnd = start + m[0].length;
    const intPart = (m[3] ?? '').replace(/,/g, '');
    const dec = m[4];
    let value = Number(`${intPart}${dec ? `.${dec}` : ''}`);
    if (m[2]) value = -value;
    const suf = readSuffix(text, numEnd, cjk);
    let unit = m[1] ? currencyOf(m[1]) : null;
    if (suf.unit) unit = unit && suf.unit !== 'percent' && suf.unit !== 'pp' ? unit : suf.unit;
    const bare = !m[1] && !suf.unit && suf.scale === 1;
    // A bare year is a period, not a quantity (periods.ts reads it).
    if (bare && !dec && !/,/.test(m[3] ?? '') && value >= 1900 && value <= 2099) continue;
    // "10-20": the second number is not negative.
    if (m[2] && /\d\s*$/.test(text.slice(0, start))) value = -value;
    const precision = (dec ? 10 ** -dec.length : 1) * suf.scale;
    const end = suf.end;
    out.push({
      start,
      end: trimEnd(text, start, end),
      value: value * suf.scale,
      unit: unit ?? unitFromNoun(text, end),
      precision,
      qualifier: suf.qualifier ?? readQualifier(text, start, end),
      source: 'digits',
      scale: suf.scale,
    });
  }
  if (opts.recogniser !== false && (WORD_NUMBER.test(text) || (cjk && CJK_NUMERAL.test(text)))) {
    const culture = cjk ? Recognizers.Culture.Chinese : Recognizers.Culture.English;
    for (const r of Recognizers.recognizeNumber(text, culture)) {
      const s = r.start;
      const e = r.end + 1; // the library's end is inclusive
      if (/^[\d.,\s%-]+$/.test(r.text)) continue; // digits: ours
      if (out.some((q) => s < q.end && q.start < e)) continue;
      const isCjk = CJK_NUMERAL.test(text.slice(s, e)) && /[\u4e00-\u9fff]/.test(text.slice(s, e));
      if (isCjk ? rejectCjkNumber(text, s, e) : rejectWordNumber(text, s, e)) continue;
      const v = Number((r.resolution as { value?: string }).value);
      if (!Number.isFinite(v)) continue;
      // "two-thirds", "half", "a quarter": a fraction is a share, written in percent.
      if (v > 0 && v < 1 && /(?:half|halves|thirds?|quarters?|fifths?|tenths?|分之)/i.test(r.text)) {
        out.push({
          start: s,
          end: e,
          value: Number((v * 100).toPrecision(6)),
          unit: 'percent',
          precision: 1,
          qualifier: readQualifier(text, s, e),
          source: isCjk ? 'cjk' : 'words',
        });
        continue;
      }
      // The library already applied a trailing 亿/万 or "million": read only unit words after it.
      const suf = readSuffix(text, e, cjk);
      const scale =
        /[亿万千百]$|million|billion|thousand|hundred/i.test(r.text) && suf.scale !== 1 ? 1 : suf.scale;
      out.push({
        start: s,
        end: trimEnd(text, s, suf.end),
        value: v * scale,
        unit: suf.unit ?? unitFromNoun(text, suf.end),
        precision: magnitude(v) * scale,
        qualifier: suf.qualifier ?? readQualifier(text, s, e),
        source: isCjk ? 'cjk' : 'words',
      });
    }
  }
  zeros(text, out);
  out.sort((a, b) => a.start - b.start);
  joinRanges(text, out);
  return out;
}

/** "puts their contribution at zero", "fell to zero", "was nil": zero said as a figure. */
const ZERO = /\b(?:at|to|was|were|is|are|be|been|as)\s+(zero|nil)\b/gi;

/**
 * Zero written as a word is a figure when it is set against a money figure of the same sentence
 * ("£432m …, whereas the official data puts it at zero"): it takes that figure's currency. A zero
 * with no money figure beside it ("zero tariffs") is not read.
 */
function zeros(text: string, out: Quantity[]): void {
  for (const m of text.matchAll(ZERO)) {
    const start = (m.index ?? 0) + m[0].length - (m[1] as string).length;
    const money = out.filter((q) => /^[A-Z]{3}$/.test(q.unit) && q.end <= start).pop() ?? out.find((q) => /^[A-Z]{3}$/.test(q.unit));
    if (!money) continue;
    out.push({ start, end: start + (m[1] as string).length, value: 0, unit: money.unit, precision: 1, qualifier: 'eq', source: 'words' });
  }
}

/**
 * Ranges written once for both ends: "10-15%", "$3-4bn", "3 to 4 million visitors". The first
 * number takes the unit, scale and currency written only after the second (and the second the
 * currency written only before the first).
 */
function joinRanges(text: string, qs: Quantity[]): void {
  for (let i = 0; i + 1 < qs.length; i++) {
    const a = qs[i] as Quantity;
    const b = qs[i + 1] as Quantity;
    if (!/^\s*(?:-|–|—|~|to|至|到)\s*$/.test(text.slice(a.end, b.start))) continue;
    const money = (u: string) => /^[A-Z]{3}$/.test(u);
    // Only a bare first end borrows: "3.2% to US$1.9 billion" is a change and a level, not a range.
    const bare = a.unit === 'count' || (money(a.unit) && (b.unit === a.unit || b.unit === 'count'));
    if (!bare || a.source !== 'digits') continue;
    if ((a.scale ?? 1) === 1 && (b.scale ?? 1) > 1) {
      a.value *= b.scale as number;
      a.precision *= b.scale as number;
      a.scale = b.scale;
    }
    if (a.unit === 'count' && b.unit !== 'count') a.unit = b.unit;
    else if (money(a.unit) && b.unit === 'count') b.unit = a.unit;
  }
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1] as string)) e--;
  return e;
}

/** The place value of the last non-zero digit of an integer read from words (200 → 100, 25 → 1). */
function magnitude(v: number): number {
  if (!Number.isInteger(v) || v === 0) return 1;
  let m = 1;
  while (v % (m * 10) === 0) m *= 10;
  return m;
}

/** Time units after a number make a duration; anything else counted is a count. */
function unitFromNoun(text: string, pos: number): QuantityUnit {
  const after = text.slice(pos, pos + 20).replace(/^[\s-]+/, '');
  // "rose 2.5 times", "3 times as large", "2.5-fold", 2.5倍: a multiple, not a count of events.
  if (
    /^(?:times\s+(?:as|more|larger|higher|bigger|greater|over|that|the)\b|fold\b|倍)/i.test(after) ||
    (/^times\b/i.test(after) &&
      /\b(?:rose|grew|increased|expanded|jumped|up|multiplied|risen|grown)\s+(?:by\s+)?(?:about\s+|nearly\s+|some\s+)?$/i.test(
        text.slice(Math.max(0, pos - 40), pos).replace(/[\d.,\s]+$/, ' '),
      ))
  )
    return 'times';
  const m = DURATION_NOUNS.exec(after);
  if (m) {
    const w = m[0].toLowerCase();
    if (/^(?:year|decade|centur|年)/.test(w)) return 'years';
    if (/^(?:month|个月)/.test(w)) return 'months';
    if (/^(?:week|周)/.test(w)) return 'weeks';
    if (/^(?:hour|小时)/.test(w)) return 'hours';
    return 'days';
  }
  return 'count';
}
