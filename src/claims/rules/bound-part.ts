/** Bound: a part ("其中 mobile users 6.55亿", "of which") never exceeds its whole. */
import type { Claim } from '../extract.ts';
import { SUBSET_WORDS as SUBSET } from '../lexicon.ts';
import { type RuleContext, stated } from './core.ts';


/** "用户规模约6.66亿人,其中移动游戏用户规模约6.55亿人": the part is at most the whole. */
export function partWithinWhole(ctx: RuleContext): void {
  const isAmount = (c: Claim) => c.kind === 'level' || c.kind === 'count';
  for (const p of ctx.own.claims.filter(isAmount)) {
    const head = p.sentence.slice(0, Math.max(0, p.sentence.indexOf(p.quote)));
    if (!SUBSET.test(head)) continue;
    // "其中，动画片出口15.2亿美元…；漫画出口9.8亿美元": the parts listed after 其中 are siblings, not wholes.
    const opens = head.search(SUBSET);
    const sibling = (c: Claim) => c.sentence === p.sentence && c.sentence.indexOf(c.quote) > opens;
    const w = ctx
      .inDoc(p.doc)
      .claims.filter(
        (c) =>
          isAmount(c) &&
          c !== p &&
          c.end <= p.start &&
          p.start - c.end < 200 &&
          !sibling(c) &&
          c.unit === p.unit &&
          c.metric === p.metric &&
          c.metric !== 'count' &&
          c.period === p.period &&
          c.entity === p.entity &&
          // A sibling in a list of partner markets ("其中,对日本…,对美国…") is not the whole.
          (!c.partner || c.partner === p.partner),
      )
      .pop();
    if (!w) continue;
    ctx.push({
      type: 'bound',
      docs: [p.doc],
      inputs: [w.id],
      output: p.id,
      computed: w.value,
      stated: p.value,
      computed_range: null,
      verdict: p.value <= w.value * 1.0000001 ? 'consistent' : 'inconsistent',
      arithmetic: `part ${stated(p)} ≤ whole ${stated(w)} → ${p.value <= w.value ? 'consistent' : 'inconsistent: a part larger than its whole'}`,
      note: 'a part is at most its whole',
    });
  }
}
