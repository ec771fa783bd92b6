/**
 * Bound: a figure stated with a qualifier ("more than X", "topped X", "nearly X", 超过, 近) against
 * a stated figure of the same thing (metric, entity, scope, part, period, unit), in its text or
 * another; a part ("其中 mobile users 6.55亿") never exceeds its whole; the largest parts listed of
 * a whole (top destinations) add up to at most the whole.
 */
import type { Claim } from '../extract.ts';
import { fmt, partsMatch, type RuleContext, stated } from './core.ts';

const exactish = (c: Claim) => c.qualifier === 'eq' || c.qualifier === 'approx';

export function statedBound(ctx: RuleContext): void {
  // Money only: counts stated with "more than" are most often of different things.
  const all = ctx.levels;
  for (const b of all.filter((c) => !exactish(c))) {
    const pool = all.filter(
      (c) =>
        c !== b &&
        exactish(c) &&
        c.unit === b.unit &&
        c.metric === b.metric &&
        c.entity === b.entity &&
        c.scope === b.scope &&
        partsMatch(c, b) &&
        c.partner === b.partner &&
        c.period === b.period &&
        c.kind === b.kind,
    );
    const same = pool.filter((c) => c.doc === b.doc);
    const v = (same.length ? same : pool).sort((x, y) => Math.abs(x.start - b.start) - Math.abs(y.start - b.start))[0];
    if (!v) continue;
    ctx.check('bound', [v], b, ([x]) => x as number, ([x]) => `${x}`, b.unit, `"${b.quote}" with qualifier ${b.qualifier}`);
  }
}

const SUBSET = /其中|of which|among them|including|of whom/i;

/** "用户规模约6.66亿人,其中移动游戏用户规模约6.55亿人": the part is at most the whole. */
export function partWithinWhole(ctx: RuleContext): void {
  const all = ctx.claims.filter((c) => c.kind === 'level' || c.kind === 'count');
  for (const p of all) {
    const head = p.sentence.slice(0, Math.max(0, p.sentence.indexOf(p.quote)));
    if (!SUBSET.test(head)) continue;
    const w = all
      .filter(
        (c) =>
          c !== p &&
          c.doc === p.doc &&
          c.end <= p.start &&
          p.start - c.end < 200 &&
          c.unit === p.unit &&
          c.metric === p.metric &&
          c.metric !== 'count' &&
          c.period === p.period &&
          c.entity === p.entity,
      )
      .pop();
    if (!w) continue;
    ctx.push({
      type: 'bound',
      docs: [p.doc],
      inputs: [w.id],
      output: p.id,
      computed: w.value,
      stated: p.value,
      computed_range: null,
      verdict: p.value <= w.value * 1.0000001 ? 'consistent' : 'inconsistent',
      arithmetic: `part ${stated(p)} ≤ whole ${stated(w)} → ${p.value <= w.value ? 'consistent' : 'inconsistent: a part larger than its whole'}`,
      note: 'a part is at most its whole',
    });
  }
}

/** The largest parts listed of a whole (top markets, leading products) add up to at most it. */
export function listedPartsWithinWhole(ctx: RuleContext): void {
  for (const w of ctx.levels.filter((c) => !c.partner)) {
    // The whole of a part (album exports) is listed by market in that part.
    const parts = ctx.levels.filter(
      (c) =>
        c.doc === w.doc &&
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
