/**
 * The growth of a total or a balance implied by its components' levels and rates: total growth =
 * (E + I) / (E / (1 + gE) + I / (1 + gI)) − 1; balance growth likewise with E − I.
 */
import type { Claim } from '../extract.ts';
import { eqOnly, type RuleContext } from './core.ts';

export function totalGrowthFromComponents(ctx: RuleContext): void {
  for (const g of ctx.own.rates.filter((c) => c.metric === 'total_trade' || c.metric === 'balance')) {
    const y = g.period;
    const { levels, rates } = ctx.inDoc(g.doc);
    const key = (c: Claim) => c.entity === g.entity && c.scope === g.scope && c.period === y && c.partner === g.partner;
    const e = levels.find((c) => c.metric === 'exports' && key(c) && eqOnly(c));
    const i = levels.find((c) => c.metric === 'imports' && key(c) && eqOnly(c));
    const ge = rates.find((c) => c.metric === 'exports' && key(c));
    const gi = rates.find((c) => c.metric === 'imports' && key(c));
    if (!e || !i || !ge || !gi) continue;
    if (g.metric === 'total_trade') {
      ctx.check(
        'growth',
        [e, ge, i, gi],
        g,
        ([a, ra, b, rb]) =>
          (((a as number) + (b as number)) / ((a as number) / (1 + (ra as number) / 100) + (b as number) / (1 + (rb as number) / 100)) - 1) * 100,
        ([a, ra, b, rb]) => `(${a} + ${b}) / (${a} / (1 + ${ra}) + ${b} / (1 + ${rb})) − 1`,
        'percent',
        'total growth implied by the components’ levels and growth rates',
      );
    } else {
      const bal = levels.find((c) => c.metric === 'balance' && key(c));
      if (!bal) continue;
      ctx.check(
        'growth',
        [e, ge, i, gi, bal],
        g,
        ([a, ra, b, rb, s]) =>
          ((s as number) / ((a as number) / (1 + (ra as number) / 100) - (b as number) / (1 + (rb as number) / 100)) - 1) * 100,
        ([a, ra, b, rb, s]) => `${s} / (${a} / (1 + ${ra}) − ${b} / (1 + ${rb})) − 1`,
        'percent',
        'balance growth implied by the components’ levels and growth rates',
      );
    }
  }
}
