/**
 * Growth between two estimates of one quantity in one sentence, or in the next sentence of the
 * paragraph ("could be 24 per cent higher … £46bn compared to the previous figure of £37bn"):
 * the figure after "compared to" is the base.
 */
import type { Claim } from '../extract.ts';
import { rate, rateText, type RuleContext, yearOf } from './core.ts';

const VERSUS = /\b(?:compared (?:to|with)|rather than|versus|vs\.?|instead of|against|than)\b|相比|较/i;

/** A rate between two estimates of one quantity (no period between them). */
export function growthBetweenEstimates(ctx: RuleContext): void {
  for (const g of ctx.own.rates) {
    const levels = ctx.inDoc(g.doc).levels;
    const sameSentence = levels.filter((c) => c.sentence === g.sentence && c.metric === g.metric && c.period === g.period);
    let pair = sameSentence.length === 2 ? sameSentence : null;
    if (!pair) {
      // The levels in the next sentence of the same paragraph ("…24 per cent higher. … £46bn - compared to … £37bn").
      const next = levels.filter((c) => c.start > g.end && c.start - g.end < 260 && c.metric === g.metric && c.period === g.period);
      const first = next[0];
      pair = first ? next.filter((c) => c.sentence === first.sentence) : null;
      if (pair?.length !== 2) continue;
    }
    const [x, y] = pair as [Claim, Claim];
    if (x.unit !== y.unit || !VERSUS.test(y.sentence.slice(0, y.sentence.indexOf(y.quote) + 1)) || x.period !== y.period) continue;
    if (yearOf(x) !== null && ctx.out.some((r) => r.output === g.id)) continue;
    // "X compared to Y": Y is the base.
    const vs = VERSUS.exec(x.sentence);
    const xFirst = vs ? x.sentence.indexOf(x.quote) < (vs.index ?? 0) : true;
    const [base, now] = xFirst ? [y, x] : [x, y];
    ctx.check('growth', [base, now], g, rate, rateText, 'percent', 'the change between two estimates of one quantity');
  }
}
