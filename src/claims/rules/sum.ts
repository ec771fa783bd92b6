/**
 * Sum of parts: parts that the text presents as making a whole.
 * - exports + imports = total trade (same entity, scope, period);
 * - complementary parts (overseas + domestic, goods + services, online + offline) = the whole
 *   of the same metric and period stated in the text;
 * - shares that split one whole (overseas 56% / domestic 44%) add up to 100%;
 * - shares listed after the share of a whole ("…约占55%。其中,东南亚约38%,其他地区约占17%") add up
 *   to it.
 * A sum off by a power of ten is a unit slip: the part off by that factor is named.
 */
import type { Claim } from '../extract.ts';
import { eqOnly, fmt, interval, range, type RuleContext, rangeText, sameKey, stated, unitSlip } from './core.ts';
import { COMPLEMENTS, sideOf } from './sides.ts';

export function exportsImportsTotal(ctx: RuleContext): void {
  for (const t of ctx.levels.filter((c) => c.metric === 'total_trade')) {
    const y = t.period;
    const e = ctx.find((c) => c.metric === 'exports' && sameKey(c, t) && c.period === y && eqOnly(c) && c.partner === t.partner, t);
    const i = ctx.find((c) => c.metric === 'imports' && sameKey(c, t) && c.period === y && eqOnly(c) && c.partner === t.partner, t);
    if (!e || !i) continue;
    ctx.check('sum', [e, i], t, ([a, b]) => (a as number) + (b as number), ([a, b]) => `${a} + ${b}`, t.unit, 'exports + imports = total', {
      additive: true,
    });
  }
}

const side = (c: Claim, i: 0 | 1, pair: [RegExp, RegExp]) => sideOf(c, pair) === i;

/** overseas + domestic = whole, goods + services = whole, for levels of one metric and period. */
export function complementaryParts(ctx: RuleContext): void {
  for (const pair of COMPLEMENTS) {
    const a = ctx.levels.filter((c) => side(c, 0, pair) && eqOnly(c));
    const b = ctx.levels.filter((c) => side(c, 1, pair) && eqOnly(c));
    for (const x of a) {
      const y = b.find((c) => c.doc === x.doc && c.unit === x.unit && c.period === x.period && c.entity === x.entity && c.metric === x.metric);
      if (!y) continue;
      const whole = ctx.levels
        .filter(
          (c) =>
            c !== x &&
            c !== y &&
            c.doc === x.doc &&
            c.unit === x.unit &&
            c.period === x.period &&
            c.entity === x.entity &&
            c.metric === x.metric &&
            !side(c, 0, pair) &&
            !side(c, 1, pair) &&
            (c.value > Math.max(x.value, y.value) || unitSlip(c.value, x.value + y.value)),
        )
        .sort((p, q) => Math.abs(p.start - x.start) - Math.abs(q.start - x.start))[0];
      if (!whole) continue;
      ctx.check('sum', [x, y], whole, ([p, q]) => (p as number) + (q as number), ([p, q]) => `${p} + ${q}`, whole.unit, 'the two parts make the whole', {
        presumed: true,
        additive: true,
      });
    }
  }
}

/** Shares of one whole in one text that split it (two sides of a complement) add up to 100%. */
export function sharesSplitWhole(ctx: RuleContext): void {
  const shares = ctx.claims.filter((c) => c.kind === 'share_pct' && c.unit === 'percent');
  const used = new Set<string>();
  for (const pair of COMPLEMENTS)
    for (const x of shares.filter((c) => side(c, 0, pair))) {
      const y = shares.find(
        (c) =>
          !used.has(c.id) &&
          c.doc === x.doc &&
          c.period === x.period &&
          c.metric === x.metric &&
          side(c, 1, pair) &&
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

/**
 * Shares listed right after the share of a whole, introduced by "of which"/其中/"including", add
 * up to it when they are presented as its breakdown (two or more of them, each smaller).
 */
export function listedShares(ctx: RuleContext): void {
  const shares = ctx.claims.filter((c) => c.kind === 'share_pct' && c.unit === 'percent');
  for (const whole of shares) {
    const after = shares.filter(
      (c) =>
        c.doc === whole.doc &&
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
