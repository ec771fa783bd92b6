/**
 * A figure said to exceed an earlier total in words, with no number of its own: "This figure has
 * already exceeded last year's total", "已超过去年全年出口额". The figure is the last level stated
 * before the sentence (its antecedent); the total is the level of the same thing for the whole
 * year named (last year, the previous year, a written year), stated anywhere in the text. The
 * antecedent must be larger: consistent, else inconsistent (the antecedent is the suspect).
 */
import type { Claim } from '../extract.ts';
import { fmt, nearest, partsMatch, type RuleContext, stated, yearOf } from './core.ts';

/** "has already exceeded last year's total", "surpassed the whole of 2022", 超过去年全年. */
const EXCEEDS =
  /\b(?:exceed(?:ed|s)?|surpass(?:ed|es)?|topped|tops|overtook|overtaken|outstripp?(?:ed|s)?|beat|bettered)\s+(?:the\s+)?(?:(?:whole|entirety|total)\s+(?:of\s+)?)?(last year|the previous year|the year before|(?:19|20)\d\d)(?:['’]s)?\s*(?:whole[- ]year\s+|full[- ]year\s+|annual\s+|entire\s+)?(?:total|figure|level|value|record|sales|exports|revenue)?|(?:超过|超出|突破|超越)(?:了)?(去年|上年|上一年|(?:19|20)\d\d年)(?:全年|一整年)/i;

/** Which year a matched phrase names, counted from the antecedent's year. */
function namedYear(word: string, antecedentYear: number): number {
  const m = /(?:19|20)\d\d/.exec(word);
  return m ? Number(m[0]) : antecedentYear - 1;
}

export function exceedsPreviousTotal(ctx: RuleContext): void {
  const seen = new Set<string>();
  for (const a of ctx.own.levels) {
    const doc = ctx.inDoc(a.doc);
    // The sentence after the antecedent's: the first level after it in the text starts a later sentence.
    const next = ctx.sentenceAfter(a);
    if (!next || seen.has(`${a.doc}|${next}`)) continue;
    const m = EXCEEDS.exec(next);
    if (!m) continue;
    // The sentence states no figure of its own, and the antecedent is the last level before it.
    if (doc.claims.some((c) => c.sentence === next)) continue;
    const later = doc.levels.filter((c) => c.start > a.end && c.sentence === a.sentence);
    if (later.length) continue;
    seen.add(`${a.doc}|${next}`);
    const y = namedYear(m[1] ?? m[2] ?? '', Number((a.period ?? '').slice(0, 4)));
    if (!Number.isFinite(y) || !a.period) continue;
    const total = nearest(
      doc.levels.filter(
        (c) =>
          c !== a &&
          yearOf(c) === y &&
          c.unit === a.unit &&
          c.metric === a.metric &&
          c.entity === a.entity &&
          c.partner === a.partner &&
          partsMatch(c, a) &&
          (c.qualifier === 'eq' || c.qualifier === 'approx'),
      ),
      a,
    );
    if (!total) continue;
    const ok = a.value > total.value - (total.precision || 0) / 2;
    ctx.push({
      type: 'bound',
      docs: [a.doc],
      inputs: [a.id, total.id],
      output: null,
      computed: a.value,
      stated: total.value,
      computed_range: null,
      verdict: ok ? 'consistent' : 'inconsistent',
      arithmetic: `${stated(a)} said to exceed the ${y} total, stated ${stated(total)} → ${ok ? 'consistent' : `inconsistent: ${fmt(a.value, a.unit)} is not more`}`,
      note: `"${m[0].trim()}": a figure said to exceed an earlier year's total`,
      ...(ok ? {} : { suspect: a.id, suspect_reason: `"${a.quote}" is said to exceed the ${y} total of ${stated(total)} but is smaller` }),
    });
  }
}
