/**
 * Sum of parts: complementary parts (overseas + domestic, goods + services, online + offline) =
 * the whole of the same metric and period stated in the text. A sum off by a power of ten is a
 * unit slip: the part off by that factor is named.
 */
import { eqOnly, nearest, type RuleContext, unitSlip } from './core.ts';
import { COMPLEMENTS, onSide } from './sides.ts';

/** overseas + domestic = whole, goods + services = whole, for levels of one metric and period. */
export function complementaryParts(ctx: RuleContext): void {
  for (const pair of COMPLEMENTS) {
    const a = ctx.own.levels.filter((c) => onSide(c, 0, pair) && eqOnly(c));
    for (const x of a) {
      const levels = ctx.inDoc(x.doc).levels;
      const y = levels.find((c) => onSide(c, 1, pair) && eqOnly(c) && c.unit === x.unit && c.period === x.period && c.entity === x.entity && c.metric === x.metric);
      if (!y) continue;
      const whole = nearest(
        levels.filter(
          (c) =>
            c !== x &&
            c !== y &&
            c.unit === x.unit &&
            c.period === x.period &&
            c.entity === x.entity &&
            c.metric === x.metric &&
            !onSide(c, 0, pair) &&
            !onSide(c, 1, pair) &&
            (c.value > Math.max(x.value, y.value) || unitSlip(c.value, x.value + y.value)),
        ),
        x,
      );
      if (!whole) continue;
      ctx.check('sum', [x, y], whole, ([p, q]) => (p as number) + (q as number), ([p, q]) => `${p} + ${q}`, whole.unit, 'the two parts make the whole', {
        presumed: true,
        additive: true,
      });
    }
  }
}
