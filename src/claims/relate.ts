/**
 * Relations between claims, within a document and across documents, each checked with the
 * arithmetic shown:
 *
 * - sum          exports + imports = total
 * - difference   exports − imports = balance (surplus)
 * - growth       last year's level × (1 + rate) = this year's level; or the growth of a total
 *                (or a balance) implied by its components' levels and rates
 * - cagr         (end / start)^(1 / years) − 1 = the stated average annual rate
 * - share        part / whole = the stated share
 * - bound        "more than X" against a stated level of the same thing
 * - same_figure  the same figure twice (a repeat, or a rounded form in another source)
 * - definitional_conflict  figures that look comparable but measure different scopes: said, not
 *                called a contradiction
 *
 * Tolerances follow the rounding of the stated figures: a figure written 99.89 billion is anywhere
 * in [99.885, 99.895] billion; arithmetic is evaluated at every corner of the inputs' rounding
 * intervals and a relation is consistent when the range it gives meets the stated figure's
 * interval. A failing check between figures of different documents is `not_comparable` (their
 * sources may define the scope differently), never `inconsistent`, unless both name the same scope
 * and it is a plain repeat of one figure.
 */
import { createHash } from 'node:crypto';
import type { Claim } from './extract.ts';

export type RelationType =
  | 'sum'
  | 'difference'
  | 'growth'
  | 'cagr'
  | 'share'
  | 'bound'
  | 'same_figure'
  | 'definitional_conflict';
export type RelationVerdict = 'consistent' | 'inconsistent' | 'not_comparable';

export interface Relation {
  id: string;
  type: RelationType;
  /** Document file names involved. */
  docs: string[];
  inputs: string[];
  /** The claim the arithmetic is compared with (absent for same_figure and definitional conflicts). */
  output: string | null;
  computed: number | null;
  stated: number | null;
  /** The range the computation gives once the inputs' rounding is taken into account. */
  computed_range: [number, number] | null;
  verdict: RelationVerdict;
  /** The arithmetic, written out. */
  arithmetic: string;
  note: string | null;
}

type Iv = [number, number];

/** A stable relation id from its type, inputs and output. */
export function relationId(r: Pick<Relation, 'type' | 'inputs' | 'output'>): string {
  const key = `${r.type}|${[...r.inputs].sort().join(',')}|${r.output ?? ''}`;
  return `r${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
}
const MONEY = /^[A-Z]{3}$/;

/** The interval a stated figure stands for: its rounding, or its bound ("more than"). */
function interval(c: Claim): Iv {
  const h = (c.precision || 0) / 2;
  return [c.value - h, c.value + h];
}

/** Min and max of f over every corner of the inputs' intervals (inputs ≤ 6). */
function range(ivs: Iv[], f: (xs: number[]) => number): Iv {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const n = ivs.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    const xs = ivs.map((iv, i) => ((mask >> i) & 1 ? iv[1] : iv[0]));
    const v = f(xs);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Whether a computed range agrees with a stated claim, given its qualifier. */
function agrees(r: Iv, out: Claim): boolean {
  const [lo, hi] = interval(out);
  switch (out.qualifier) {
    case 'gt':
      return r[1] > out.value - 1e-9 * Math.abs(out.value);
    case 'gte':
      return r[1] >= lo;
    case 'lt':
      return r[0] < out.value + 1e-9 * Math.abs(out.value);
    case 'lte':
      return r[0] <= hi;
    case 'approx':
      return r[0] <= out.value * 1.05 && r[1] >= out.value * 0.95;
    default:
      return r[0] <= hi + 1e-9 * Math.abs(hi) && r[1] >= lo - 1e-9 * Math.abs(lo);
  }
}

/** A figure for the arithmetic text: money in billions/millions, percentages with their sign. */
export function fmt(v: number, unit: string): string {
  const r = (x: number, d = 4) => Number(x.toPrecision(d)).toString();
  if (unit === 'percent') return `${r(v)}%`;
  if (unit === 'pp') return `${r(v)} pp`;
  if (MONEY.test(unit)) {
    const a = Math.abs(v);
    if (a >= 1e9) return `${unit} ${r(v / 1e9, 5)} bn`;
    if (a >= 1e6) return `${unit} ${r(v / 1e6, 5)} m`;
    return `${unit} ${r(v, 6)}`;
  }
  return r(v, 8);
}

const q = (c: Claim) =>
  c.qualifier === 'eq' ? '' : { gt: '> ', gte: '≥ ', lt: '< ', lte: '≤ ', approx: '≈ ' }[c.qualifier];
const stated = (c: Claim) => `${q(c)}${fmt(c.value, c.unit)}`;
const rangeText = (r: Iv, unit: string) =>
  Math.abs(r[1] - r[0]) < 1e-9 * Math.max(1, Math.abs(r[0]))
    ? fmt(r[0], unit)
    : `${fmt(r[0], unit)}…${fmt(r[1], unit)}`;

const sameKey = (a: Claim, b: Claim) => a.entity === b.entity && a.scope === b.scope && a.unit === b.unit;
const yearOf = (c: Claim) => (c.period && /^\d{4}$/.test(c.period) ? Number(c.period) : null);

/**
 * The relations among claims (of one or several documents).
 *
 * @example
 *   const rels = relateClaims([...extractClaims(a), ...extractClaims(b)]);
 *   rels.filter((r) => r.verdict === 'inconsistent')
 */
export function relateClaims(all: readonly Claim[]): Relation[] {
  const claims = all.filter((c) => !c.repeat_of);
  const out: Omit<Relation, 'id'>[] = [];
  const levels = claims.filter((c) => MONEY.test(c.unit) && c.kind === 'level' && c.metric);
  const rates = claims.filter((c) => c.kind === 'change_pct');
  const find = (pred: (c: Claim) => boolean, near: Claim) => {
    const list = levels.filter(pred);
    const same = list.filter((c) => c.doc === near.doc);
    const pool = same.length ? same : list;
    return pool.sort((a, b) => Math.abs(a.start - near.start) - Math.abs(b.start - near.start))[0];
  };
  const eqOnly = (c: Claim) => c.qualifier === 'eq' || c.qualifier === 'approx';
  const push = (r: Omit<Relation, 'id'>) => {
    const docs = [...new Set(r.docs)];
    // Across documents a failed check says "different definitions", not "contradiction".
    if (r.verdict === 'inconsistent' && docs.length > 1 && r.type !== 'same_figure')
      out.push({
        ...r,
        docs,
        verdict: 'not_comparable',
        note: `${r.note ? `${r.note}; ` : ''}figures from different documents may not share a definition`,
      });
    else out.push({ ...r, docs });
  };
  const check = (
    type: RelationType,
    inputs: Claim[],
    output: Claim,
    f: (xs: number[]) => number,
    text: (xs: string[]) => string,
    unit: string,
    note: string | null = null,
  ) => {
    const ivs = inputs.map(interval);
    const r = range(ivs, f);
    const computed = f(inputs.map((c) => c.value));
    const ok = agrees(r, output);
    // A gross gap (more than a quarter of a level, or 5 points and half of a rate) says the
    // figures are not the parts of one whole (another breakdown, another measure), not that one
    // of them is wrong: only a near miss within one text is called inconsistent.
    const pct = unit === 'percent';
    const gap = Math.abs(computed - output.value);
    const gross =
      !ok &&
      output.qualifier === 'eq' &&
      (pct ? gap > Math.max(5, 0.5 * Math.abs(output.value)) : gap > 0.25 * Math.abs(output.value));
    if (gross) {
      push({
        type,
        docs: [...inputs, output].map((c) => c.doc),
        inputs: inputs.map((c) => c.id),
        output: output.id,
        computed: Number(computed.toPrecision(10)),
        stated: output.value,
        computed_range: [Number(r[0].toPrecision(10)), Number(r[1].toPrecision(10))],
        verdict: 'not_comparable',
        arithmetic: `${text(inputs.map(stated))} = ${fmt(computed, unit)}; stated ${stated(output)} → too far apart to be the same measure`,
        note: `${note ? `${note}; ` : ''}the figures are probably not parts of the same whole (a different breakdown or measure)`,
      });
      return;
    }
    push({
      type,
      docs: [...inputs, output].map((c) => c.doc),
      inputs: inputs.map((c) => c.id),
      output: output.id,
      computed: Number(computed.toPrecision(10)),
      stated: output.value,
      computed_range: [Number(r[0].toPrecision(10)), Number(r[1].toPrecision(10))],
      verdict: ok ? 'consistent' : 'inconsistent',
      arithmetic: `${text(inputs.map(stated))} = ${fmt(computed, unit)} (with the inputs' rounding: ${rangeText(r, unit)}); stated ${stated(output)} (${output.precision ? `±${fmt(output.precision / 2, output.unit)}` : 'exact'}) → ${ok ? 'consistent' : 'inconsistent'}`,
      note,
    });
  };

  // ---- sum and difference
  for (const t of levels.filter((c) => c.metric === 'total_trade' || c.metric === 'balance')) {
    const y = t.period;
    const e = find((c) => c.metric === 'exports' && sameKey(c, t) && c.period === y && eqOnly(c), t);
    const i = find((c) => c.metric === 'imports' && sameKey(c, t) && c.period === y && eqOnly(c), t);
    if (!e || !i) continue;
    if (t.metric === 'total_trade')
      check(
        'sum',
        [e, i],
        t,
        ([a, b]) => (a as number) + (b as number),
        ([a, b]) => `${a} + ${b}`,
        t.unit,
        'exports + imports = total',
      );
    else
      check(
        'difference',
        [e, i],
        t,
        ([a, b]) => (a as number) - (b as number),
        ([a, b]) => `${a} − ${b}`,
        t.unit,
        'exports − imports = balance',
      );
  }

  // ---- growth: last year's level × (1 + rate) against this year's level
  for (const g of rates) {
    const y = yearOf(g);
    if (y === null || !g.metric) continue;
    const prior = find(
      (c) => c.metric === g.metric && sameKey(c, { ...g, unit: c.unit }) && yearOf(c) === y - 1 && eqOnly(c),
      g,
    );
    const now = find(
      (c) => c.metric === g.metric && sameKey(c, { ...g, unit: c.unit }) && yearOf(c) === y,
      g,
    );
    if (prior && now)
      check(
        'growth',
        [prior, g],
        now,
        ([l, r]) => (l as number) * (1 + (r as number) / 100),
        ([l, r]) => `${l} × (1 + ${r})`,
        now.unit,
        `level ${y - 1} grown by the ${y} rate = level ${y}`,
      );
  }

  // ---- growth of a total or balance implied by its components' levels and rates
  for (const g of rates.filter((c) => c.metric === 'total_trade' || c.metric === 'balance')) {
    const y = g.period;
    const key = (c: Claim) =>
      c.entity === g.entity && c.scope === g.scope && c.period === y && c.doc === g.doc;
    const e = levels.find((c) => c.metric === 'exports' && key(c) && eqOnly(c));
    const i = levels.find((c) => c.metric === 'imports' && key(c) && eqOnly(c));
    const ge = rates.find((c) => c.metric === 'exports' && key(c));
    const gi = rates.find((c) => c.metric === 'imports' && key(c));
    if (!e || !i || !ge || !gi) continue;
    if (g.metric === 'total_trade') {
      check(
        'growth',
        [e, ge, i, gi],
        g,
        ([a, ra, b, rb]) =>
          (((a as number) + (b as number)) /
            ((a as number) / (1 + (ra as number) / 100) + (b as number) / (1 + (rb as number) / 100)) -
            1) *
          100,
        ([a, ra, b, rb]) => `(${a} + ${b}) / (${a} / (1 + ${ra}) + ${b} / (1 + ${rb})) − 1`,
        'percent',
        'total growth implied by the components’ levels and growth rates',
      );
    } else {
      const bal = levels.find((c) => c.metric === 'balance' && key(c));
      if (!bal) continue;
      check(
        'growth',
        [e, ge, i, gi, bal],
        g,
        ([a, ra, b, rb, s]) =>
          ((s as number) /
            ((a as number) / (1 + (ra as number) / 100) - (b as number) / (1 + (rb as number) / 100)) -
            1) *
          100,
        ([a, ra, b, rb, s]) => `${s} / (${a} / (1 + ${ra}) − ${b} / (1 + ${rb})) − 1`,
        'percent',
        'balance growth implied by the components’ levels and growth rates',
      );
    }
  }

  // ---- CAGR over a span
  for (const g of claims.filter((c) => c.kind === 'cagr_pct' && c.period?.includes('..'))) {
    const [a, b] = (g.period as string).split('..').map(Number) as [number, number];
    const s = find(
      (c) => c.metric === g.metric && sameKey(c, { ...g, unit: c.unit }) && yearOf(c) === a && eqOnly(c),
      g,
    );
    const e = find(
      (c) => c.metric === g.metric && sameKey(c, { ...g, unit: c.unit }) && yearOf(c) === b && eqOnly(c),
      g,
    );
    if (!s || !e || b <= a) continue;
    const n = b - a;
    check(
      'cagr',
      [s, e],
      g,
      ([x, z]) => (((z as number) / (x as number)) ** (1 / n) - 1) * 100,
      ([x, z]) => `(${z} / ${x})^(1/${n}) − 1`,
      'percent',
      `${n} years, ${a} to ${b}`,
    );
  }

  // ---- share: part / whole
  for (const sh of claims.filter((c) => c.kind === 'share_pct' && c.metric && c.metric !== 'market_share')) {
    // The part: the nearest level before the share measuring what the share measures.
    const before = levels.filter(
      (c) => c.doc === sh.doc && c.start < sh.start && sh.start - c.end < 200 && c.period === sh.period,
    );
    const part = before.filter((c) => c.metric === sh.metric).pop() ?? before.pop();
    if (!part) continue;
    const whole = levels.find(
      (c) =>
        c !== part &&
        c.doc === sh.doc &&
        c.period === part.period &&
        c.entity === part.entity &&
        c.unit === part.unit &&
        c.value > part.value &&
        ((c.metric === 'total_trade' &&
          (part.metric === 'exports' || part.metric === 'imports') &&
          c.scope === part.scope) ||
          (c.metric === part.metric &&
            c.scope !== part.scope &&
            !!part.scope?.startsWith(c.scope ?? '\u0000'))),
    );
    if (!whole) continue;
    check(
      'share',
      [part, whole],
      sh,
      ([p, w]) => ((p as number) / (w as number)) * 100,
      ([p, w]) => `${p} / ${w}`,
      'percent',
      'part / whole',
    );
  }

  // ---- bound: "more than X" against a stated level of the same thing
  for (const b of levels.filter((c) => c.qualifier !== 'eq' && c.qualifier !== 'approx')) {
    const v = find(
      (c) =>
        c !== b && c.metric === b.metric && sameKey(c, b) && c.period === b.period && c.qualifier === 'eq',
      b,
    );
    if (!v) continue;
    check(
      'bound',
      [v],
      b,
      ([x]) => x as number,
      ([x]) => `${x}`,
      b.unit,
      `"${b.quote}" with qualifier ${b.qualifier}`,
    );
  }

  // ---- the same figure twice
  const seen = new Set<string>();
  for (let i = 0; i < claims.length; i++) {
    const a = claims[i] as Claim;
    for (let j = i + 1; j < claims.length; j++) {
      const b = claims[j] as Claim;
      if (a.unit !== b.unit || a.kind !== b.kind || a.metric !== b.metric || a.qualifier !== b.qualifier)
        continue;
      if (seen.has(b.id)) continue;
      if (a.doc === b.doc) {
        if (a.value !== b.value || a.period !== b.period || a.entity !== b.entity) continue;
        if (MONEY.test(a.unit) ? a.scope !== b.scope : !similarSubjects(a.subject, b.subject)) continue;
        if (Math.abs(a.start - b.start) < 2) continue;
        seen.add(b.id);
        push({
          type: 'same_figure',
          docs: [a.doc],
          inputs: [a.id, b.id],
          output: null,
          computed: a.value,
          stated: b.value,
          computed_range: null,
          verdict: 'consistent',
          arithmetic: `${stated(a)} = ${stated(b)}: the same figure stated twice`,
          note: `${a.subject ?? ''} / ${b.subject ?? ''}`,
        });
      } else if (MONEY.test(a.unit) || a.unit === 'percent') {
        if (!sameKey(a, b) || a.period !== b.period || !a.period || !a.scope) continue;
        // The coarser figure stands for an interval; the finer must fall in it.
        const [c, f] = (a.precision || 0) >= (b.precision || 0) ? [a, b] : [b, a];
        const [lo, hi] = interval(c);
        const ok = f.value >= lo - 1e-9 * Math.abs(lo) && f.value <= hi + 1e-9 * Math.abs(hi);
        const close = Math.abs(f.value - c.value) <= 0.15 * Math.abs(c.value);
        if (!close) continue; // far apart: not the same figure (maybe another breakdown)
        seen.add(b.id);
        push({
          type: 'same_figure',
          docs: [a.doc, b.doc],
          inputs: [a.id, b.id],
          output: null,
          computed: f.value,
          stated: c.value,
          computed_range: [lo, hi],
          verdict: ok ? 'consistent' : 'inconsistent',
          arithmetic: `${stated(f)} (${f.doc}) vs ${stated(c)} (${c.doc}); ${stated(c)} stands for ${rangeText([lo, hi], c.unit)} → ${ok ? `consistent (${fmt(f.value, f.unit)} rounds to ${fmt(c.value, c.unit)})` : 'inconsistent'}`,
          note: ok
            ? 'one source rounds the other'
            : 'two sources give different figures for the same scope, entity and year',
        });
      }
    }
  }

  // ---- definitional conflicts
  out.push(...definitionalConflicts(levels));
  return out.map((r) => ({ id: relationId(r), ...r }));
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'and',
  'in',
  'on',
  'with',
  'to',
  'for',
  'by',
  'including',
  'have',
  'has',
  'had',
  'this',
  'these',
  'that',
  'which',
  'its',
  'their',
  'such',
  'more',
  'than',
  'over',
  'recently',
  'week',
  'chinese',
  'led',
]);
const SYN: Record<string, string> = {
  departments: 'bodies',
  authorities: 'bodies',
  agencies: 'bodies',
  ministries: 'bodies',
  organs: 'bodies',
  institutions: 'bodies',
  nations: 'countries',
  states: 'countries',
  economies: 'countries',
};

function words(s: string | null): Set<string> {
  return new Set(
    (s ?? '')
      .toLowerCase()
      .split(/[^a-z\u4e00-\u9fff]+/)
      .filter((w) => w.length > 2 && !STOP.has(w))
      .map((w) => SYN[w] ?? w),
  );
}

/** Two counted noun phrases name the same thing when their first noun (after synonyms) is shared. */
export function similarSubjects(a: string | null, b: string | null): boolean {
  const A = words(a);
  const B = words(b);
  if (!A.size || !B.size) return false;
  const headA = [...A].slice(0, 3);
  return headA.some((w) => B.has(w));
}

/** Scope families: scopes in one family look comparable but are defined differently. */
const FAMILY: Record<string, string> = {
  cultural_services: 'services',
  cultural_entertainment_services: 'services',
  creative_services: 'services',
  cultural_products: 'products',
  core_cultural_products: 'products',
  creative_goods: 'products',
};

function definitionalConflicts(levels: Claim[]): Omit<Relation, 'id'>[] {
  const out: Omit<Relation, 'id'>[] = [];
  const eqs = levels.filter((c) => c.scope && yearOf(c) !== null);
  // (1) Two scopes of one family in different documents (e.g. "cultural and entertainment
  //     services" vs "cultural services"): compare the same flows, against the other scope's
  //     latest year not after this one.
  const groups = new Map<string, Claim[]>();
  for (const c of eqs) {
    const k = `${c.doc}|${c.scope}|${c.entity}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const keys = [...groups.keys()];
  for (let i = 0; i < keys.length; i++)
    for (let j = i + 1; j < keys.length; j++) {
      let A = groups.get(keys[i] as string) as Claim[];
      let B = groups.get(keys[j] as string) as Claim[];
      if (
        (A[0] as Claim).doc === (B[0] as Claim).doc ||
        (A[0] as Claim).scope === (B[0] as Claim).scope ||
        (A[0] as Claim).entity !== (B[0] as Claim).entity
      )
        continue;
      const fa = FAMILY[(A[0] as Claim).scope as string];
      if (!fa || fa !== FAMILY[(B[0] as Claim).scope as string]) continue;
      // Read from the narrower series (smaller figures) and compare with the broader one in its
      // latest year not after: "the broad series was already larger then" is the telling case.
      const latest = (G: Claim[]) => Math.max(...G.map((c) => yearOf(c) as number));
      const size = (G: Claim[]) => G.filter((c) => yearOf(c) === latest(G)).reduce((s, c) => s + c.value, 0);
      if (size(A) > size(B)) [A, B] = [B, A];
      const a0 = A[0] as Claim;
      const b0 = B[0] as Claim;
      const ya = latest(A);
      const aNow = A.filter((c) => yearOf(c) === ya && c.qualifier === 'eq');
      const flows = new Set(aNow.map((c) => c.metric));
      const bYears = [
        ...new Set(
          B.filter((c) => flows.has(c.metric) && c.qualifier === 'eq').map((c) => yearOf(c) as number),
        ),
      ];
      const past = bYears.filter((y) => y <= ya).sort((x, z) => z - x);
      const yB = past[0] ?? bYears.sort((x, z) => Math.abs(x - ya) - Math.abs(z - ya))[0];
      if (yB === undefined) continue;
      const bThen = B.filter((c) => yearOf(c) === yB && flows.has(c.metric) && c.qualifier === 'eq');
      if (!bThen.length) continue;
      const sum = (cs: Claim[]) => cs.reduce((s, c) => s + c.value, 0);
      const ratio = sum(bThen) / sum(aNow.filter((c) => bThen.some((b) => b.metric === c.metric)));
      out.push({
        type: 'definitional_conflict',
        docs: [a0.doc, b0.doc],
        inputs: [...aNow, ...bThen].map((c) => c.id),
        output: null,
        computed: Number(ratio.toPrecision(6)),
        stated: null,
        computed_range: null,
        verdict: 'not_comparable',
        arithmetic: `"${a0.subject}" ${ya}: ${aNow.map((c) => `${c.metric} ${fmt(c.value, c.unit)}`).join(', ')} vs "${b0.subject}" ${yB}: ${bThen.map((c) => `${c.metric} ${fmt(c.value, c.unit)}`).join(', ')} (ratio ${ratio.toFixed(2)})`,
        note: `different definitions: "${a0.subject}" (${a0.doc}) and "${b0.subject}" (${b0.doc}) are not the same series${yB <= ya && ratio > 1.5 ? `; the second was already ${ratio.toFixed(1)}× larger in ${yB}` : ''} — not a contradiction`,
      });
    }
  // (2) A products-and-services total, a services total of the same year from elsewhere, and a
  //     products figure: if total − services implies an implausible products figure, the total and
  //     the services series use different scopes.
  for (const t of eqs.filter((c) => c.scope === 'cultural_trade' && c.metric === 'total_trade')) {
    const y = yearOf(t) as number;
    const s = eqs.find(
      (c) =>
        c.scope === 'cultural_services' &&
        c.metric === 'total_trade' &&
        yearOf(c) === y &&
        c.entity === t.entity &&
        c.qualifier === 'eq',
    );
    if (!s) continue;
    const ps = eqs.filter(
      (c) =>
        c.scope === 'cultural_products' &&
        c.metric === 'total_trade' &&
        c.entity === t.entity &&
        c.qualifier === 'eq',
    );
    const p = ps.sort((a, b) => Math.abs((yearOf(a) as number) - y) - Math.abs((yearOf(b) as number) - y))[0];
    if (!p) continue;
    const implied = t.value - s.value;
    const change = implied / p.value - 1;
    if (yearOf(p) === y || Math.abs(change) < 0.25) continue;
    out.push({
      type: 'definitional_conflict',
      docs: [t.doc, s.doc, p.doc],
      inputs: [t.id, s.id, p.id],
      output: null,
      computed: Number(implied.toPrecision(6)),
      stated: p.value,
      computed_range: null,
      verdict: 'not_comparable',
      arithmetic: `${stated(t)} − ${stated(s)} = ${fmt(implied, t.unit)} implied for products in ${y}, vs ${fmt(p.value, p.unit)} in ${yearOf(p)} (${(change * 100).toFixed(0)}%)`,
      note: `the total ("${t.subject}", ${t.doc}) and the services series ("${s.subject}", ${s.doc}) cannot share a scope: the products they imply would move ${(change * 100).toFixed(0)}% — flag as a scope mismatch, do not subtract`,
    });
  }
  return out;
}
