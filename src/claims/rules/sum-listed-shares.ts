/**
 * Sum of parts: shares listed after the share of a whole ("…约占55%。其中,东南亚约38%,其他地区约占17%")
 * add up to it.
 */
import type { Claim } from '../extract.ts';
import type { RuleContext } from './core.ts';

/**
 * Shares listed right after the share of a whole, introduced by "of which"/其中/"including", add
 * up to it when they are presented as its breakdown (two or more of them, each smaller).
 */
export function listedShares(ctx: RuleContext): void {
  const isShare = (c: Claim) => c.kind === 'share_pct' && c.unit === 'percent';
  for (const whole of ctx.own.claims.filter(isShare)) {
    const after = ctx.inDoc(whole.doc).claims.filter(
      (c) =>
        isShare(c) &&
        c.start > whole.end &&
        c.start - whole.end < 120 &&
        c.value < whole.value &&
        c.metric === whole.metric &&
        c.period === whole.period,
    );
    if (after.length < 2) continue;
    const between = (after[0] as Claim).sentence;
    if (!/其中|of which|among them|including|分别/i.test(between)) continue;
    const parts = after.slice(0, 4);
    ctx.check('sum', parts, whole, (xs) => xs.reduce((s, v) => s + v, 0), (xs) => xs.join(' + '), 'percent', 'the listed shares make the share of the whole');
  }
}
