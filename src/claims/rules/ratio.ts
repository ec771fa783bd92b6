/**
 * Ratio and multiples: "double", "twice", "tripled", "N times", "N-fold", 翻番, 2倍. The two
 * levels compared are the figure's own sentence's ("$54.3 million — more than double the value of
 * exports to China, which brought in $23.3 million"), or, for a multiple over a span ("almost
 * double" from 2009 to 2019), the levels at the span's ends; for a multiple about one year set
 * beside a level of another ("X in 2009, so the 2019 figures are almost double"), that level and
 * the one of the multiple's year. ratio = larger / smaller.
 */
import type { Claim } from '../extract.ts';
import { eqOnly, type RuleContext, sameThing, yearOf } from './core.ts';

export function multiples(ctx: RuleContext): void {
  for (const m of ctx.own.claims.filter((c) => c.kind === 'ratio' && c.unit === 'times')) {
    const levels = ctx.inDoc(m.doc).levels;
    let pair: Claim[] = levels.filter((c) => c.sentence === m.sentence && c.metric === m.metric && eqOnly(c));
    if (pair.length === 1) {
      // "It was 1.3 trillion yen in 2009, so the 2019 figures are almost double": the other end is
      // the level of the same thing in the year the multiple is about.
      const [x] = pair as [Claim];
      const other = x.period !== m.period && yearOf(m) !== null ? ctx.find((c) => c !== x && c.period === m.period && sameThing(c, x) && c.unit === x.unit && eqOnly(c), m, levels) : undefined;
      pair = other ? [x, other] : [];
    }
    if (pair.length !== 2 && m.period?.includes('..') && !/M/.test(m.period)) {
      const [a, b] = m.period.split('..');
      const s = levels.filter((c) => c.period === a && c.metric === m.metric && eqOnly(c)).pop();
      const e = levels.filter((c) => c.period === b && c.metric === m.metric && eqOnly(c) && c.unit === s?.unit).pop();
      pair = s && e ? [s, e] : [];
    }
    if (pair.length !== 2) continue;
    const [x, y] = pair as [Claim, Claim];
    if (x.unit !== y.unit) continue;
    const [small, big] = x.value <= y.value ? [x, y] : [y, x];
    ctx.check('ratio', [big, small], m, ([a, b]) => (a as number) / (b as number), ([a, b]) => `${a} / ${b}`, 'times', 'the multiple of one figure over the other');
  }
}
