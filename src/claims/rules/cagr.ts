/** CAGR: (end / start)^(1 / years) − 1 over a span (2010..2020) = the stated average annual rate. */
import type { Claim } from '../extract.ts';
import { eqOnly, type RuleContext, sameKey } from './core.ts';

export function cagr(ctx: RuleContext): void {
  for (const g of ctx.claims.filter((c) => c.kind === 'cagr_pct' && c.period?.includes('..'))) {
    const [a, b] = (g.period as string).split('..').map(Number) as [number, number];
    const same = (c: Claim) => c.metric === g.metric && sameKey(c, { ...g, unit: c.unit }) && eqOnly(c);
    if (!ctx.isOwn(g) && !ctx.reaches(g.entity, String(a), String(b))) continue;
    const s = ctx.find(same, g, ctx.levelsAt(g.entity, String(a)));
    const e = ctx.find(same, g, ctx.levelsAt(g.entity, String(b)));
    if (!s || !e || b <= a) continue;
    const n = b - a;
    ctx.check('cagr', [s, e], g, ([x, z]) => (((z as number) / (x as number)) ** (1 / n) - 1) * 100, ([x, z]) => `(${z} / ${x})^(1/${n}) − 1`, 'percent', `${n} years, ${a} to ${b}`);
  }
}
