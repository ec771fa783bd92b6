/**
 * The same figure restated: twice in one text (a headline's round number and the body's exact
 * one), or in two texts. The coarser figure stands for the interval its stated precision allows:
 * rounded (1478 for 1477.89) or cut (1477 for 1477.89, as headlines do); the finer must fall in
 * it. Within one text the same figure needs the same metric, period, entity, scope, part and
 * partner; across texts a gap beyond rounding between two sources is a conflict of sources.
 */
import type { Claim } from '../extract.ts';
import { fmt, interval, MONEY, partsMatch, type RuleContext, rangeText, sameKey, stated } from './core.ts';
import { similarSubjects } from './subjects.ts';

/** Whether the finer figure rounds or truncates to the coarser one. */
export function restates(coarse: Claim, fine: Claim): boolean {
  const [lo, hi] = interval(coarse);
  const p = coarse.precision || 0;
  const eps = 1e-9 * Math.max(1, Math.abs(coarse.value));
  const rounded = fine.value >= lo - eps && fine.value <= hi + eps;
  const cut = Math.abs(fine.value) >= Math.abs(coarse.value) - eps && Math.abs(fine.value) < Math.abs(coarse.value) + p + eps;
  return rounded || cut;
}

export function sameFigure(ctx: RuleContext): void {
  const claims = ctx.claims;
  const seen = new Set<string>();
  for (let i = 0; i < claims.length; i++) {
    const a = claims[i] as Claim;
    for (let j = i + 1; j < claims.length; j++) {
      const b = claims[j] as Claim;
      if (a.unit !== b.unit || a.kind !== b.kind || a.metric !== b.metric) continue;
      if (seen.has(b.id)) continue;
      if (a.doc === b.doc) {
        if (a.period !== b.period || a.entity !== b.entity || !partsMatch(a, b) || a.partner !== b.partner) continue;
        if (a.qualifier !== b.qualifier && a.qualifier !== 'eq' && b.qualifier !== 'eq') continue;
        if (MONEY.test(a.unit) ? a.scope !== b.scope : a.unit !== 'percent' && !similarSubjects(a.subject, b.subject)) continue;
        if (Math.abs(a.start - b.start) < 2) continue;
        const [c, f] = (a.precision || 0) >= (b.precision || 0) ? [a, b] : [b, a];
        if (a.value !== b.value && !(c.precision > f.precision && restates(c, f))) continue;
        seen.add(b.id);
        ctx.push({
          type: 'same_figure',
          docs: [a.doc],
          inputs: [a.id, b.id],
          output: null,
          computed: f.value,
          stated: c.value,
          computed_range: null,
          verdict: 'consistent',
          arithmetic:
            a.value === b.value
              ? `${stated(a)} = ${stated(b)}: the same figure stated twice`
              : `${stated(f)} written ${stated(c)} elsewhere in the text: the same figure, rounded or cut to the stated digits`,
          note: `${a.subject ?? ''} / ${b.subject ?? ''}`,
        });
      } else if (MONEY.test(a.unit) || a.unit === 'percent') {
        if (a.qualifier !== b.qualifier) continue;
        if (!sameKey(a, b) || a.period !== b.period || !a.period || a.part !== b.part || a.partner !== b.partner) continue;
        if (!a.scope && !(a.part && a.part === b.part)) continue;
        const [c, f] = (a.precision || 0) >= (b.precision || 0) ? [a, b] : [b, a];
        const [lo, hi] = interval(c);
        const ok = restates(c, f);
        const close = Math.abs(f.value - c.value) <= 0.15 * Math.abs(c.value);
        if (!close) continue;
        seen.add(b.id);
        ctx.push({
          type: 'same_figure',
          docs: [a.doc, b.doc],
          inputs: [a.id, b.id],
          output: null,
          computed: f.value,
          stated: c.value,
          computed_range: [lo, hi],
          verdict: ok ? 'consistent' : 'inconsistent',
          arithmetic: `${stated(f)} (${f.doc}) vs ${stated(c)} (${c.doc}); ${stated(c)} stands for ${rangeText([lo, hi], c.unit)} → ${ok ? `consistent (${fmt(f.value, f.unit)} rounds to ${fmt(c.value, c.unit)})` : 'inconsistent'}`,
          note: ok ? 'one source rounds the other' : 'two sources give different figures for the same scope, entity and period',
        });
      }
    }
  }
}
