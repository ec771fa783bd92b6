/**
 * Milestones stated with a figure: "出口额首次突破100亿美元", "topped $10 billion for the first
 * time" (a first crossing of a threshold), "a record $10.2 billion", "创历史新高" (higher than every
 * earlier year). Each says something about the earlier years of the same series, which verify.ts
 * checks against an official series of the claim's own scope: every earlier year was below the
 * stated level (above it, for a low milestone).
 *
 * The words are read in the clause of the figure only, so that "for the first time" elsewhere in
 * the sentence ("opened its first office…") says nothing about this figure.
 */
import type { Claim } from './extract.ts';
import { FIRST_TIME_WORDS, LOW_MILESTONE_WORDS, RECORD_WORDS } from './lexicon.ts';

export interface Milestone {
  kind: 'first_time' | 'record';
  /** `high`: earlier years were below the level; `low`: they were above it. */
  direction: 'high' | 'low';
  /** The words that say it, as written. */
  words: string;
}

/** Clause marks: a milestone word beyond one of these belongs to another figure. */
const CLAUSE_END = /[,，;；。:：!?！？]|\s[-–—]\s|\band\b|\bwhile\b|\bwhereas\b|\bbut\b|而|但/gi;

const NUMERAL = /\d|[一二三四五六七八九十百千万亿]/;
/** A clause that states a change of the figure before it, not a figure of its own. */
const CHANGE_ONLY = /^\s*(?:同比|环比|比上年|较上年)?\s*(?:增长|下降|增加|减少|上升|回落)|^\s*(?:up|down|rising|falling|an? (?:increase|decrease|rise|fall|drop) of)\b/i;

/** The clauses of a sentence, as [start, end) offsets. */
function clauses(sentence: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (const m of sentence.matchAll(CLAUSE_END)) {
    const i = m.index ?? 0;
    out.push([start, i]);
    start = i + m[0].length;
  }
  out.push([start, sentence.length]);
  return out;
}

/**
 * Where a figure's milestone words may stand: its own clause, and a neighbouring clause that holds
 * no figure of its own ("创历史新高,达1000亿美元", "topped $10 billion, the first time ever").
 */
export function milestoneClauses(c: Pick<Claim, 'sentence' | 'quote'>): string[] {
  const at = c.sentence.indexOf(c.quote);
  if (at < 0) return [c.sentence];
  const spans = clauses(c.sentence);
  const i = spans.findIndex(([s, e]) => s <= at && at < Math.max(e, s + 1));
  const text = ([s, e]: [number, number]) => c.sentence.slice(s, e);
  const own = spans[i] ?? [0, c.sentence.length];
  const figureFree = (x: [number, number] | undefined): x is [number, number] => !!x && !NUMERAL.test(text(x));
  // After the figure, clauses that only give its change ("同比增长10%") may stand between.
  let j = i + 1;
  while (spans[j] && NUMERAL.test(text(spans[j] as [number, number])) && CHANGE_ONLY.test(text(spans[j] as [number, number]))) j++;
  const near = [spans[i - 1], spans[j]].filter(figureFree);
  return [text([Math.min(own[0], at), Math.max(own[1], at + c.quote.length)]), ...near.map(text)];
}

/** The milestone a figure is stated with, or null. Levels only: a "record growth" is not a level. */
export function milestoneOf(c: Pick<Claim, 'sentence' | 'quote' | 'kind' | 'qualifier'>): Milestone | null {
  if (c.kind !== 'level') return null;
  for (const clause of milestoneClauses(c)) {
    const first = FIRST_TIME_WORDS.exec(clause);
    const hit = first ?? RECORD_WORDS.exec(clause);
    if (!hit) continue;
    const low = LOW_MILESTONE_WORDS.test(clause) || c.qualifier === 'lt' || c.qualifier === 'lte';
    return { kind: first ? 'first_time' : 'record', direction: low ? 'low' : 'high', words: hit[0].trim() };
  }
  return null;
}
