/**
 * Sides of a whole: pairs of words that split a whole in two (overseas / domestic, goods /
 * services, online / offline). What one side is not, the other is; a figure with no side word is
 * about the whole (or says nothing of its side).
 */
import type { Claim } from '../extract.ts';

/** Pairs of words that split a whole in two. */
export const COMPLEMENTS: [RegExp, RegExp][] = [
  [/\b(?:overseas|foreign|international|abroad|outside)\b|海外|境外|出海/i, /\b(?:domestic|home|local)\b|国内|境内|本土/i],
  [/\b(?:goods|products)\b|产品|商品|货物/i, /\bservices\b|服务/i],
  [/\bonline\b|线上/i, /\boffline\b|线下/i],
];

/** Which side of a complement a figure is on: the side word nearest before it in its sentence. */
export function sideOf(c: Claim, pair: [RegExp, RegExp]): 0 | 1 | null {
  const off = c.sentence.indexOf(c.quote);
  const head = (off >= 0 ? c.sentence.slice(0, off) : c.sentence).slice(-90);
  const last = (re: RegExp) => {
    let at = -1;
    for (const m of head.matchAll(new RegExp(re.source, 'gi'))) at = m.index ?? at;
    return at;
  };
  const a = last(pair[0]);
  const b = last(pair[1]);
  if (a < 0 && b < 0) return null;
  // "products and services", "国内外": both sides named together are the whole.
  if (a >= 0 && b >= 0 && BOTH.test(head.slice(Math.min(a, b), Math.max(a, b) + 12).slice(0, 40))) return null;
  return a > b ? 0 : 1;
}

/** The side a sentence without figures speaks of: the side word it names last, if only one side is named. */
export function sideOfText(text: string | null, pair: [RegExp, RegExp]): 0 | 1 | null {
  if (!text) return null;
  const a = new RegExp(pair[0].source, 'i').test(text);
  const b = new RegExp(pair[1].source, 'i').test(text);
  return a === b ? null : a ? 0 : 1;
}

/** A sentence that goes on about the subject of the one before ("The total was…", "It rose…", "这一数字…"). */
export const ANAPHOR = /^\s*(?:the (?:total|figure|sum|amount|value)|this|that|it|these|they|该|这一|此)\b/i;

/** Whether a figure is on side i (0 or 1) of a complement. */
export const onSide = (c: Claim, i: 0 | 1, pair: [RegExp, RegExp]): boolean => sideOf(c, pair) === i;

const BOTH = /^\S+\s*(?:and|&|or|和|及|与|、|以及|或)\s*\S/i;

/**
 * Whether two figures stand on the same side of every complement (overseas with overseas). Trade
 * flows are overseas by definition: for exports and imports "sold overseas" names no side.
 */
export const sameSides = (a: Claim, b: Claim): boolean =>
  COMPLEMENTS.every(
    (pair, i) => (i === 0 && TRADE_FLOWS.has(a.metric ?? '') && TRADE_FLOWS.has(b.metric ?? '')) || sideOf(a, pair) === sideOf(b, pair),
  );

const TRADE_FLOWS = new Set(['exports', 'imports', 'total_trade', 'balance']);
