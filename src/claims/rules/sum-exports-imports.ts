/** Sum of parts: exports + imports = total trade (same entity, scope, partner and period). */
import { eqOnly, type RuleContext, sameKey } from './core.ts';

export function exportsImportsTotal(ctx: RuleContext): void {
  for (const t of ctx.levels.filter((c) => c.metric === 'total_trade')) {
    if (!ctx.isOwn(t) && !ctx.reaches(t.entity, t.period)) continue;
    const pool = ctx.levelsAt(t.entity, t.period);
    const e = ctx.find((c) => c.metric === 'exports' && sameKey(c, t) && eqOnly(c) && c.partner === t.partner, t, pool);
    const i = ctx.find((c) => c.metric === 'imports' && sameKey(c, t) && eqOnly(c) && c.partner === t.partner, t, pool);
    if (!e || !i) continue;
    ctx.check('sum', [e, i], t, ([a, b]) => (a as number) + (b as number), ([a, b]) => `${a} + ${b}`, t.unit, 'exports + imports = total', {
      additive: true,
    });
  }
}
