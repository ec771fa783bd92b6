/** Growth over a span (2020..2022, "grown 70 percent over the past three years") from the levels at its ends. */
import type { Claim } from '../extract.ts';
import { eqOnly, rate, rateText, type RuleContext, sameKey } from './core.ts';

export function growthOverSpan(ctx: RuleContext): void {
  for (const g of ctx.claims.filter((c) => c.kind === 'change_pct' && c.period && /^\d{4}\.\.\d{4}$/.test(c.period))) {
    const [a, b] = (g.period as string).split('..');
    const same = (c: Claim) => c.metric === g.metric && sameKey(c, { ...g, unit: c.unit }) && c.part === g.part && eqOnly(c);
    if (!ctx.isOwn(g) && !ctx.reaches(g.entity, a ?? null, b ?? null)) continue;
    const s = ctx.find(same, g, ctx.levelsAt(g.entity, a ?? null));
    const e = ctx.find((c) => same(c) && c.unit === s?.unit, g, ctx.levelsAt(g.entity, b ?? null));
    if (!s || !e) continue;
    ctx.check('growth', [s, e], g, rate, rateText, 'percent', `change from ${a} to ${b}`);
  }
}
