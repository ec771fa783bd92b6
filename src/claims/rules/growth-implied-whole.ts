/**
 * Growth of a whole that the text states only through its sides: "grew by 14.8% … overseas
 * revenue $14.25BN … domestic $10.97BN, compared to the previous year when domestic income came in
 * at $10.67BN for a 49% share". The whole of this year is the sum of its two sides (exact where a
 * stated total is rounded); the whole of the year before is one side divided by its share. Checked
 * only when the text states no whole for the year before (growth.period checks that case).
 */
import type { Claim } from '../extract.ts';
import { eqOnly, previousPeriod, type RuleContext } from './core.ts';
import { COMPLEMENTS, sideOf } from './sides.ts';

export function growthFromImpliedWholes(ctx: RuleContext): void {
  for (const g of ctx.own.rates) {
    const doc = ctx.inDoc(g.doc);
    if (!g.metric || !g.period || !/^\d{4}$/.test(g.period) || g.partner) continue;
    const prev = previousPeriod(g.period);
    for (const pair of COMPLEMENTS) {
      if (sideOf(g, pair) !== null) continue;
      const same = (c: Claim) => c.metric === g.metric && c.entity === g.entity && (!c.part || c.part === g.part) && !c.partner && eqOnly(c);
      const a = doc.levels.find((c) => same(c) && c.period === g.period && sideOf(c, pair) === 0);
      const b = doc.levels.find((c) => same(c) && c.period === g.period && sideOf(c, pair) === 1 && c.unit === a?.unit);
      if (!a || !b) continue;
      // The year before: a stated whole leaves this to growth.period.
      if (doc.levels.some((c) => same(c) && c.period === prev && c.unit === a.unit && sideOf(c, pair) === null)) continue;
      const side = doc.levels.find((c) => same(c) && c.period === prev && c.unit === a.unit && sideOf(c, pair) !== null);
      const share = side && doc.claims.find(
        (c) => c.kind === 'share_pct' && c.sentence === side.sentence && c.period === prev && c.metric === g.metric && sideOf(c, pair) === sideOf(side, pair),
      );
      if (!side || !share) continue;
      ctx.check(
        'growth',
        [side, share, a, b],
        g,
        ([s, p, x, y]) => (((x as number) + (y as number)) / ((s as number) / ((p as number) / 100)) - 1) * 100,
        ([s, p, x, y]) => `(${x} + ${y}) / (${s} / ${p}) − 1`,
        'percent',
        `the whole of ${g.period} is the sum of its two sides; the whole of ${prev} is one side divided by its share`,
      );
      break;
    }
  }
}
