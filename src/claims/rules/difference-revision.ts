/**
 * Two estimates of a whole and two of its part, each new one set against the old ("could be as
 * high as £46bn – compared to the previous figure of £37bn. In particular, service exports could
 * be £31bn, rather than the £22bn estimated"): the rest of the whole (whole − part) is the same in
 * both estimates when only the part was revised — consistent when the two rests agree within the
 * rounding; otherwise the estimates differ outside the part too, which is said, not called an
 * error (not_comparable).
 */
import type { Claim } from '../extract.ts';
import { fmt, interval, range, type RuleContext, rangeText, stated } from './core.ts';

/** "compared to the previous figure of", "rather than the", "versus": the figure after it is the old estimate. */
const VERSUS = /\b(?:compared (?:to|with)|rather than|versus|vs\.?|instead of)\b|相比|而非|而不是/i;
/** The part is introduced as such. */
const PART_INTRO = /\b(?:in particular|of which|of this|of these|including|among them)\b|其中|尤其是/i;

/** Pairs [new, old] of one quantity in one sentence: "X, compared to Y". */
function estimatePairs(levels: Claim[]): [Claim, Claim][] {
  const out: [Claim, Claim][] = [];
  for (const old of levels) {
    const fresh = levels
      .filter((c) => c.doc === old.doc && c.sentence === old.sentence && c.end <= old.start && c.unit === old.unit && c.metric === old.metric && c.period === old.period)
      .pop();
    if (!fresh) continue;
    const between = old.sentence.slice(old.sentence.indexOf(fresh.quote) + fresh.quote.length, old.sentence.indexOf(old.quote));
    if (between.length <= 90 && VERSUS.test(between)) out.push([fresh, old]);
  }
  return out;
}

export function revisedPart(ctx: RuleContext): void {
  const docs = [...new Set(ctx.own.levels.map((c) => c.doc))];
  const pairs = docs.flatMap((d) => estimatePairs(ctx.inDoc(d).levels));
  for (const [w, w0] of pairs)
    for (const [p, p0] of pairs) {
      if (p.doc !== w.doc || p.start <= w0.end || p.entity !== w.entity || p.unit !== w.unit || p.metric !== w.metric || p.period !== w.period) continue;
      if (!(w.value > p.value && w0.value > p0.value)) continue;
      const head = p.sentence.slice(0, Math.max(0, p.sentence.indexOf(p.quote)));
      if (!PART_INTRO.test(head)) continue;
      const sub = ([a, b]: number[]) => (a as number) - (b as number);
      const now = range([interval(w), interval(p)], sub);
      const before = range([interval(w0), interval(p0)], sub);
      const ok = now[0] <= before[1] && before[0] <= now[1];
      ctx.push({
        type: 'difference',
        docs: [w.doc],
        inputs: [w.id, p.id, w0.id, p0.id],
        output: null,
        computed: Number((w.value - p.value).toPrecision(10)),
        stated: Number((w0.value - p0.value).toPrecision(10)),
        computed_range: now,
        verdict: ok ? 'consistent' : 'not_comparable',
        arithmetic: `${stated(w)} − ${stated(p)} = ${rangeText(now, w.unit)}; ${stated(w0)} − ${stated(p0)} = ${rangeText(before, w.unit)} → ${ok ? 'the rest of the whole is the same in both estimates' : `the estimates differ outside the part too (${fmt(w.value - p.value - (w0.value - p0.value), w.unit)})`}`,
        note: ok ? 'only the part was revised' : 'two estimates that differ by more than the revised part: said, not an error',
      });
    }
}
