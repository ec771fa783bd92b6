/**
 * Numbers that are not claims: dates, times, URLs, e-mail addresses, ordinals ("19th Congress",
 * 第三届), plan names ("14th Five-Year Plan", 十四五), identifiers (#8990, No. 5, G20, COVID-19),
 * page and article references, sub-annual periods (上半年, 1-6月, Q1, "the first 10 months"). `maskNoise` blanks them out with spaces of the same length, so the
 * scanner never sees them and every offset stays where it was.
 */
import { findSubAnnual } from './periods.ts';

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';

/** Each pattern is noise; order does not matter (spans are blanked independently). */
export const NOISE_PATTERNS: [string, RegExp][] = [
  ['url', /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+|\b[\w-]+(?:\.[\w-]+)+\/[^\s<>"')\]]*/g],
  ['email', /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g],
  ['iso-date', /(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)(?:[T ]?\d{1,2}:\d{2}(?::\d{2})?)?/g],
  ['numeric-date', /(?<!\d)\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})(?!\d)/g],
  [
    'time',
    /(?<![\d.])\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?(?![\d])|(?<![\d.])\d{1,2}\s?[ap]\.m\.|(?<![\w.])\d{1,2}\s?(?:am|pm)\b/gi,
  ],
  [
    'month-day',
    new RegExp(
      String.raw`\b${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4}\b)?|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\b(?:,?\s+\d{4}\b)?`,
      'g',
    ),
  ],
  [
    'day-range',
    new RegExp(
      String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s?(?:-|–|to|and)\s?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\b|\b${MONTH}\.?\s+\d{1,2}\s?(?:-|–|to|and)\s?\d{1,2}\b`,
      'g',
    ),
  ],
  ['month-year', new RegExp(String.raw`\b${MONTH}\.?,?\s+\d{4}\b`, 'g')],
  [
    'cjk-date',
    /\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|(?<![\d.])\d{1,2}\s*月\s*\d{1,2}\s*[日号]|(?<![\d.个])\d{1,2}\s*月份?(?!\s*[底末])|\d{4}\s*年(?!代)/g,
  ],
  ['ordinal', /(?<![\w.])\d+(?:st|nd|rd|th)\b|第\s*[\d一二三四五六七八九十百千两〇零]+/gi],
  ['decade', /(?<![\w.])(?:1[89]|20)\d0s\b|\d{2,4}\s*年代/g],
  [
    'plan',
    /\b(?:\d+(?:st|nd|rd|th)|[A-Z][a-z]+(?:-[a-z]+)?)\s+Five-Year Plan\b(?:\s*\(\d{4}\s*[-–—]\s*\d{4}\))?|十[一二三四五六七八九]五(?:规划|时期|期间)?|\b[A-Z][a-z]+-Year Plan\b/g,
  ],
  [
    'id',
    /#\s?\d+|\bNo\.\s?\d+|\b(?:Article|Art\.|Section|Chapter|Clause|Item|Table|Figure|Fig\.|Annex|Volume|Vol\.|Issue)\s+\d+(?:\.\d+)*|\b(?:HS|SITC|ISIC|CPC|EBOPS)\s?(?:code\s)?\d[\d.]*/g,
  ],
  ['page', /\b(?:Page|page|pp?\.)\s?\d+(?:\s?[-–]\s?\d+)?(?:\s?(?:of|\/)\s?\d+)?|第?\s*\d+\s*版(?![权本])/g],
  // Registration and record numbers: a leading zero, nine or more bare digits, 备…号.
  [
    'record-number',
    /(?<![\d.,])0\d+(?![.,]\d)|(?<![\d.,])\d{9,}(?![.,]\d)|备\s*\d+\s*号|\b(?:ISBN|ISSN|DOI)[:\s]*[\d-Xx./]+/g,
  ],
  ['timezone', /\b(?:GMT|UTC)\s?[+-]\s?\d{1,2}(?::\d{2})?/g],
  [
    'alnum',
    /(?<![\w$¥€£])(?<!\d-)(?!(?:US|USD|RMB|CNY|EUR|GBP|JPY|KRW|HKD|INR|TWD|AUD|CAD|SGD)\d)[A-Za-z]+-?\d+(?:[-.]?\w+)*|(?<![\w.,])\d+(?!(?:bn|tn|trn|bln|mn|mln|m|b|k|pc|pct|pp|s|BN|TN|TR|TRN|MN|M|B|K)\b)(?:[A-Za-z][\w-]*)/g,
  ],
  // "a 15-year high", "a 3-day fair": a hyphenated duration used as an adjective.
  [
    'adjective',
    /(?<![\w.])\d+(?:\.\d+)?-(?:year|month|week|day|hour|minute|km|metre|meter|storey|story|page|seat|room)s?(?:-old)?\b/gi,
  ],
  ['phone', /\+\d{1,3}[\s-]\d[\d\s-]{6,}\d/g],
  // Page chrome of Chinese pages: section numbers ("2.1 出口情况", "3.2.1"), list markers ("(2)",
  // "（二）", "三、", "1." at a line start), rankings (前100, 前10名, TOP10) and short dates
  // (25-01-20, 2025-1-20 is an iso-date).
  [
    'section-number',
    /(?<=^|\n)[ \t]*\d{1,2}(?:\.\d{1,2}){1,3}(?=[ \t]*[\u4e00-\u9fffA-Z]|[ \t]+\d{4}\s*年)|(?<=^|\n)[ \t]*\d{1,2}[.、．](?!\d)|[(（]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]|(?<=^|\n|[。；;：:\s])[一二三四五六七八九十]{1,3}、/g,
  ],
  ['ranking', /前\s*\d+\s*(?:名|位|强|家|款|大)?(?!\s*(?:个)?\s*(?:月|季度|年|天|周))|\btop(?:\s?|-)\d+\b(?![.,]\d|\s*(?:%|percent|per cent|hundred|thousand|million|billion|trillion|bn|tn|mn|yen|won|yuan|dollars?|euros?|pounds?|亿|万|千))/gi],
  ['short-date', /(?<![\d.-])\d{2}-\d{2}-\d{2}(?![\d-])/g],
  ['version', /\bv\d+(?:\.\d+)+\b|\b\d+\.\d+\.\d+\b/g],
];

export interface NoiseSpan {
  start: number;
  end: number;
  kind: string;
}

/** The noise spans of a text, sorted by start. */
export function findNoise(text: string): NoiseSpan[] {
  const out: NoiseSpan[] = [];
  for (const [kind, re] of NOISE_PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      if (!m[0]) continue;
      // "in 2019年" is a year (periods read it); a bare year in Chinese is only noise for claims.
      out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, kind });
    }
  }
  // Sub-annual periods (上半年, 1-6月, Q1, first 10 months): their digits are not figures.
  for (const m of findSubAnnual(text)) out.push({ start: m.start, end: m.end, kind: 'sub-annual' });
  return out.sort((a, b) => a.start - b.start);
}

/** The text with every noise span replaced by spaces (same length, so offsets hold). */
export function maskNoise(text: string, spans: readonly NoiseSpan[] = findNoise(text)): string {
  if (!spans.length) return text;
  const chars = text.split('');
  for (const s of spans) for (let i = s.start; i < s.end; i++) if (chars[i] !== '\n') chars[i] = ' ';
  return chars.join('');
}
