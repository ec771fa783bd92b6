/**
 * The same figure restated: twice in one text (a headline's round number and the body's exact
 * one), or in two texts. The coarser figure stands for the interval its stated precision allows:
 * rounded (1478 for 1477.89) or cut (1477 for 1477.89, as headlines do); the finer must fall in
 * it. Within one text the same figure needs the same metric, period, entity, scope, part and
 * partner; across texts a gap beyond rounding between two sources is a conflict of sources.
 */
import type { Claim } from '../extract.ts';
import { type Draft, fmt, interval, MONEY, partsMatch, type RuleContext, rangeText, sameKey, stated } from './core.ts';
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

/**
 * A figure restates the first figure before it (in the claims' order) that it agrees with: each
 * figure is the later one of one pair at most. Candidates are grouped by what any pair must share
 * (unit, kind, metric, period, entity). With a focus only pairs holding one of its claims are
 * formed: a figure outside it is looked at only against the focus's figures before it and those
 * before them. The relations are added in the order of their claims, as a pass over every pair
 * would.
 */
export function sameFigure(ctx: RuleContext): void {
  const groups = new Map<string, Claim[]>();
  ctx.claims.forEach((c) => {
    const k = [c.unit, c.kind, c.metric, c.period, c.entity].join('\u0001');
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  });
  const at = new Map(ctx.claims.map((c, i) => [c, i]));
  const found: [number, number, Draft][] = [];
  for (const claims of groups.values()) {
    let lastFocus = -1;
    for (let j = 0; j < claims.length; j++) {
      const b = claims[j] as Claim;
      // The earlier figures that could make a kept pair with b: all of them when b is the focus's,
      // else up to the last of the focus's (a first match past it pairs two others).
      const upTo = ctx.inFocus(b) ? j : lastFocus + 1;
      if (ctx.inFocus(b)) lastFocus = j;
      for (let i = 0; i < upTo; i++) {
        const a = claims[i] as Claim;
        const r = restatement(a, b);
        if (!r) continue;
        found.push([at.get(a) as number, at.get(b) as number, r]);
        break;
      }
    }
  }
  found.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  for (const [, , r] of found) ctx.push(r);
}

/** The same-figure relation of two figures of one group (a before b), if they restate one figure. */
function restatement(a: Claim, b: Claim): Draft | null {
  if (a.doc === b.doc) {
    if (a.period !== b.period || a.entity !== b.entity || !partsMatch(a, b) || a.partner !== b.partner) return null;
    if (a.qualifier !== b.qualifier && a.qualifier !== 'eq' && b.qualifier !== 'eq') return null;
    if (MONEY.test(a.unit) ? a.scope !== b.scope : a.unit !== 'percent' && !similarSubjects(a.subject, b.subject)) return null;
    if (Math.abs(a.start - b.start) < 2) return null;
    const [c, f] = (a.precision || 0) >= (b.precision || 0) ? [a, b] : [b, a];
    if (a.value !== b.value && !(c.precision > f.precision && restates(c, f))) return null;
    return {
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
    };
  }
  if (!MONEY.test(a.unit) && a.unit !== 'percent') return null;
  if (a.qualifier !== b.qualifier) return null;
  if (!sameKey(a, b) || a.period !== b.period || !a.period || a.part !== b.part || a.partner !== b.partner) return null;
  if (!a.scope && !(a.part && a.part === b.part)) return null;
  const [c, f] = (a.precision || 0) >= (b.precision || 0) ? [a, b] : [b, a];
  const [lo, hi] = interval(c);
  const ok = restates(c, f);
  const close = Math.abs(f.value - c.value) <= 0.15 * Math.abs(c.value);
  if (!close) return null;
  return {
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
  };
}
