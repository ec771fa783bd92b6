/** Sum of parts: the shares of the two sides of one whole (overseas 56% / domestic 44%) add up to 100%. */
import type { Claim } from '../extract.ts';
import { fmt, interval, range, type RuleContext, rangeText, stated } from './core.ts';
import { COMPLEMENTS, onSide } from './sides.ts';

/** Shares of one whole in one text that split it (two sides of a complement) add up to 100%. */
export function sharesSplitWhole(ctx: RuleContext): void {
  const isShare = (c: Claim) => c.kind === 'share_pct' && c.unit === 'percent';
  const used = new Set<string>();
  for (const pair of COMPLEMENTS)
    for (const x of ctx.own.claims.filter((c) => isShare(c) && onSide(c, 0, pair))) {
      const y = ctx.inDoc(x.doc).claims.find(
        (c) =>
          isShare(c) &&
          !used.has(c.id) &&
          c.period === x.period &&
          c.metric === x.metric &&
          onSide(c, 1, pair) &&
          Math.abs(c.start - x.start) < 1200,
      );
      if (!y) continue;
      used.add(y.id);
      const r = range([interval(x), interval(y)], ([p, q]) => (p as number) + (q as number));
      const approx = x.qualifier === 'approx' || y.qualifier === 'approx';
      const ok = r[0] <= 100 + (approx ? 2 : 0) && r[1] >= 100 - (approx ? 2 : 0);
      ctx.push({
        type: 'sum',
        docs: [x.doc, y.doc],
        inputs: [x.id, y.id],
        output: null,
        computed: x.value + y.value,
        stated: 100,
        computed_range: r,
        verdict: ok ? 'consistent' : Math.abs(x.value + y.value - 100) > 25 ? 'not_comparable' : 'inconsistent',
        arithmetic: `${stated(x)} + ${stated(y)} = ${fmt(x.value + y.value, 'percent')} (with rounding ${rangeText(r, 'percent')}); the two sides of one whole make 100%`,
        note: 'shares of the two sides of one whole',
      });
    }
}
