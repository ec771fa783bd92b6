/** Bound: the largest parts listed of a whole (top destinations) add up to at most the whole. */
import type { Claim } from '../extract.ts';
import { fmt, type RuleContext, stated } from './core.ts';

/**
 * "$3.2 billion of handicrafts … Rattan products accounted for $1.1 billion": a level below a total of
 * the same measure stated before it is a part of that total (a category), not the whole the
 * partner markets listed after it add up to.
 */
function partOfEarlierTotal(ctx: RuleContext, w: Claim): boolean {
  return ctx
    .inDoc(w.doc)
    .levels.some(
      (c) =>
        c.end <= w.start &&
        !c.partner &&
        c.value > w.value &&
        c.unit === w.unit &&
        c.metric === w.metric &&
        c.period === w.period &&
        c.entity === w.entity &&
        c.scope === w.scope,
    );
}

/** The largest parts listed of a whole (top markets, leading products) add up to at most it. */
export function listedPartsWithinWhole(ctx: RuleContext): void {
  for (const w of ctx.own.levels.filter((c) => !c.partner && !partOfEarlierTotal(ctx, c))) {
    // The whole of a part (album exports) is listed by market in that part.
    const parts = ctx.inDoc(w.doc).levels.filter(
      (c) =>
        c.start > w.end &&
        c.start - w.end < 500 &&
        !!c.partner &&
        (!w.part || c.part === w.part) &&
        c.unit === w.unit &&
        c.metric === w.metric &&
        c.period === w.period &&
        c.entity === w.entity,
    );
    const sentence = parts[0]?.sentence;
    const list = parts.filter((c) => c.sentence === sentence);
    if (list.length < 2) continue;
    const sum = list.reduce((s, c) => s + c.value, 0);
    const ok = sum <= w.value + (w.precision || 0) / 2;
    ctx.push({
      type: 'bound',
      docs: [w.doc],
      inputs: list.map((c) => c.id),
      output: w.id,
      computed: sum,
      stated: w.value,
      computed_range: null,
      verdict: ok ? 'consistent' : 'inconsistent',
      arithmetic: `${list.map(stated).join(' + ')} = ${fmt(sum, w.unit)} ≤ ${stated(w)} → ${ok ? 'consistent' : 'inconsistent: the listed parts exceed the whole'}`,
      note: 'the listed partner markets add up to at most the total',
    });
  }
}
