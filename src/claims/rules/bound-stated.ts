/**
 * Bound: a figure stated with a qualifier ("more than X", "topped X", "nearly X", 超过, 近) against
 * a stated figure of the same thing (metric, entity, scope, part, period, unit), in its text or
 * another.
 */
import type { Claim } from '../extract.ts';
import { nearestInDocFirst, partsMatch, type RuleContext } from './core.ts';

const exactish = (c: Claim) => c.qualifier === 'eq' || c.qualifier === 'approx';

export function statedBound(ctx: RuleContext): void {
  // Money only: counts stated with "more than" are most often of different things.
  for (const b of ctx.levels.filter((c) => !exactish(c))) {
    if (!ctx.isOwn(b) && !ctx.reaches(b.entity, b.period)) continue;
    const pool = ctx.levelsAt(b.entity, b.period).filter(
      (c) =>
        c !== b &&
        exactish(c) &&
        c.unit === b.unit &&
        c.metric === b.metric &&
        c.scope === b.scope &&
        partsMatch(c, b) &&
        c.partner === b.partner &&
        c.kind === b.kind,
    );
    const v = nearestInDocFirst(pool, b);
    if (!v) continue;
    ctx.check('bound', [v], b, ([x]) => x as number, ([x]) => `${x}`, b.unit, `"${b.quote}" with qualifier ${b.qualifier}`);
  }
}
