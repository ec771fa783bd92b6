/**
 * What every relation rule shares: the relation record, interval arithmetic over the rounding of
 * stated figures, and a context that turns a computation into a relation with its verdict.
 *
 * Tolerances follow the rounding of the stated figures: a figure written 99.89 billion is anywhere
 * in [99.885, 99.895] billion; arithmetic is evaluated at every corner of the inputs' rounding
 * intervals and a relation is consistent when the range it gives meets the stated figure's
 * interval (or bound: "more than", "nearly"). Across documents a failed check is
 * `not_comparable` (sources may define the scope differently), never `inconsistent`, except for
 * a plain restatement of one figure.
 */
import { createHash } from 'node:crypto';
import { normaliseWidth } from '../documents.ts';
import type { Claim } from '../extract.ts';
import { isSubAnnual } from '../periods.ts';
import { type Sentence, splitSentences } from '../sentences.ts';

export type RelationType =
  | 'sum'
  | 'difference'
  | 'growth'
  | 'cagr'
  | 'share'
  | 'ratio'
  | 'bound'
  | 'same_figure'
  | 'conversion'
  | 'magnitude'
  | 'period_mismatch'
  | 'definitional_conflict';
export type RelationVerdict = 'consistent' | 'inconsistent' | 'not_comparable';

export interface Relation {
  id: string;
  type: RelationType;
  /** Document file names involved. */
  docs: string[];
  inputs: string[];
  /** The claim the arithmetic is compared with (absent for same_figure, conversions and conflicts). */
  output: string | null;
  computed: number | null;
  stated: number | null;
  /** The range the computation gives once the inputs' rounding is taken into account. */
  computed_range: [number, number] | null;
  verdict: RelationVerdict;
  /** The arithmetic, written out. */
  arithmetic: string;
  note: string | null;
  /** When inconsistent: the figure most likely wrong, and why. */
  suspect?: string | null;
  suspect_reason?: string | null;
}

export type Draft = Omit<Relation, 'id'>;
export type Iv = [number, number];

/** A stable relation id from its type, inputs and output. */
export function relationId(r: Pick<Relation, 'type' | 'inputs' | 'output'>): string {
  const key = `${r.type}|${[...r.inputs].sort().join(',')}|${r.output ?? ''}`;
  return `r${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
}

export const MONEY = /^[A-Z]{3}$/;

/** The interval a stated figure stands for: its rounding. */
export function interval(c: Claim): Iv {
  const h = (c.precision || 0) / 2;
  return [c.value - h, c.value + h];
}

/** Min and max of f over every corner of the inputs' intervals (inputs ≤ 8). */
export function range(ivs: Iv[], f: (xs: number[]) => number): Iv {
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
export function agrees(r: Iv, out: Claim): boolean {
  const [lo, hi] = interval(out);
  const eps = 1e-9 * Math.max(1, Math.abs(out.value));
  switch (out.qualifier) {
    case 'gt':
      return r[1] > out.value - eps;
    case 'gte':
      return r[1] >= lo - eps;
    case 'lt':
      // "nearly double", "近30亿": below, and not far below (within a tenth).
      return r[0] < out.value + eps && r[1] >= Math.abs(out.value) * 0.9 * Math.sign(out.value || 1) - eps;
    case 'lte':
      return r[0] <= hi + eps;
    case 'approx':
      return r[0] <= Math.max(hi, out.value * 1.05) && r[1] >= Math.min(lo, out.value * 0.95);
    default:
      return r[0] <= hi + eps && r[1] >= lo - eps;
  }
}

/** Currency signs for readers: US$200.03 bn, £46 bn, JP¥3.3 tn, CN¥147.79 bn. */
const CURRENCY_SIGN: Record<string, string> = { USD: 'US$', GBP: '£', EUR: '€', JPY: 'JP¥', CNY: 'CN¥', KRW: '₩', HKD: 'HK$', INR: '₹' };

/**
 * A figure for people: money with its currency sign in bn/m/tn (US$200.03 bn), percentages with
 * their sign, percentage points spelled out, large counts with separators.
 */
export function fmt(v: number, unit: string): string {
  const r = (x: number, d = 4) => Number(x.toPrecision(d)).toString();
  if (unit === 'percent') return `${r(v)}%`;
  if (unit === 'pp') return `${r(v)} percentage points`;
  if (unit === 'times') return `${r(v)}×`;
  if (MONEY.test(unit)) {
    const a = Math.abs(v);
    const sign = v < 0 ? '−' : '';
    const cur = CURRENCY_SIGN[unit] ?? `${unit} `;
    if (a >= 1e12) return `${sign}${cur}${r(a / 1e12, 5)} tn`;
    if (a >= 1e9) return `${sign}${cur}${r(a / 1e9, 5)} bn`;
    if (a >= 1e6) return `${sign}${cur}${r(a / 1e6, 5)} m`;
    return `${sign}${cur}${a.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
  }
  if (Math.abs(v) >= 1e4) return Number(v.toPrecision(8)).toLocaleString('en-US', { maximumFractionDigits: 2 });
  return r(v, 8);
}

export const qualifierText = (c: Claim) =>
  c.qualifier === 'eq' ? '' : { gt: '> ', gte: '≥ ', lt: '< ', lte: '≤ ', approx: '≈ ' }[c.qualifier];
export const stated = (c: Claim) => `${qualifierText(c)}${fmt(c.value, c.unit)}`;
export const rangeText = (r: Iv, unit: string) =>
  Math.abs(r[1] - r[0]) < 1e-9 * Math.max(1, Math.abs(r[0])) ? fmt(r[0], unit) : `${fmt(r[0], unit)}…${fmt(r[1], unit)}`;

export const sameKey = (a: Claim, b: Claim) => a.entity === b.entity && a.scope === b.scope && a.unit === b.unit;
export const yearOf = (c: Claim) => (c.period && /^\d{4}$/.test(c.period) ? Number(c.period) : null);
/** The same stretch of the year before: 2023H1 → 2022H1, 2023 → 2022, 2023M01..2023M10 → 2022M01..2022M10. */
export const previousPeriod = (p: string | null): string | null =>
  p && /^\d{4}/.test(p) && !/^\d{4}\.\.\d{4}$/.test(p) ? p.replace(/\d{4}/g, (y) => String(Number(y) - 1)) : null;
/** Growth arithmetic: level × (1 + rate) and the rate from two levels, with their formulas. */
export const grow = ([l, r]: number[]) => (l as number) * (1 + (r as number) / 100);
export const growText = ([l, r]: string[]) => `${l} × (1 + ${r})`;
export const rate = ([a, b]: number[]) => ((b as number) / (a as number) - 1) * 100;
export const rateText = ([a, b]: string[]) => `${b} / ${a} − 1`;
export const eqOnly = (c: Claim) => c.qualifier === 'eq' || c.qualifier === 'approx';
/** Same what: metric, entity, scope, part and partner (the unit may differ). */
export const sameThing = (a: Claim, b: Claim) =>
  a.metric === b.metric && a.entity === b.entity && a.scope === b.scope && a.part === b.part && a.partner === b.partner;
export { isSubAnnual };
/** Parts agree when equal, or, within one text, when one of them is unnamed (the text's topic). */
export const partsMatch = (a: Claim, b: Claim) => a.part === b.part || (a.doc === b.doc && (!a.part || !b.part));
/** Across texts too: a part named in one and unnamed in the other may be the same topic. */
export const partsMatchLoose = (a: Claim, b: Claim) => a.part === b.part || !a.part || !b.part;

/** The claim of `list` nearest to `to` in the text (the first of equals, in list order). */
export function nearest(list: readonly Claim[], to: Claim): Claim | undefined {
  let best: Claim | undefined;
  let bestGap = Number.POSITIVE_INFINITY;
  for (const c of list) {
    const gap = Math.abs(c.start - to.start);
    if (gap < bestGap) [best, bestGap] = [c, gap];
  }
  return best;
}

/** The nearest to `to` among the claims of its document, else among all of `list`. */
export function nearestInDocFirst(list: readonly Claim[], to: Claim): Claim | undefined {
  const same = list.filter((c) => c.doc === to.doc);
  return nearest(same.length ? same : list, to);
}

/** Claims of one group (a document, or the documents being related): all, money levels with a metric, percentage changes. */
export interface ClaimSet {
  claims: Claim[];
  levels: Claim[];
  rates: Claim[];
}

const isLevel = (c: Claim) => MONEY.test(c.unit) && c.kind === 'level' && !!c.metric;
const isRate = (c: Claim) => c.kind === 'change_pct';
const claimSet = (claims: Claim[]): ClaimSet => ({ claims, levels: claims.filter(isLevel), rates: claims.filter(isRate) });
const EMPTY: ClaimSet = { claims: [], levels: [], rates: [] };
const entityPeriod = (entity: string | null, period: string | null) => `${entity ?? ''}\u0001${period ?? ''}`;

/**
 * What a rule gets: the claims, grouped, and `check` to turn arithmetic into a relation.
 *
 * With a focus (the claims of the texts being checked, related with ledger claims) rules form only
 * pairs that hold a claim of the focus: rules within one text start from `own` (the focus's
 * documents) and look in `inDoc`; rules across texts look up candidates by entity and period
 * (`levelsAt`) and start from a ledger claim only when one of the periods it pairs with holds a
 * level of the focus with its entity (`reaches`). So relating a text costs what its look-alikes
 * cost, whatever else the ledger holds. A focus changes which relations are formed, never what
 * a rule makes of the claims it looks at: the relations touching the focus are those a pass over
 * every claim finds.
 */
export class RuleContext {
  readonly out: Draft[] = [];
  readonly claims: Claim[];
  /** Money levels with a metric. */
  readonly levels: Claim[];
  /** Percentage changes. */
  readonly rates: Claim[];
  /** The claims of the focus's documents (every claim without a focus): where rules within one text start. */
  readonly own: ClaimSet;

  /**
   * Claims that stand confirmed by a consistent relation that was not kept (it touches none of
   * `focus`): what `suspectOf` needs of those relations, without building them.
   */
  readonly confirmedElsewhere = new Set<string>();

  /** Document texts by file name, when known: for rules that read sentences without figures. */
  private readonly texts: ReadonlyMap<string, string>;
  private readonly sentenceCache = new Map<string, Sentence[]>();
  /** When given, only relations touching one of these claim ids are built (the rest are ledger among ledger). */
  private readonly focus: ReadonlySet<string> | undefined;
  /** The documents of the focus's claims (null without a focus: every document). */
  private readonly ownDocs: ReadonlySet<string> | null;
  private readonly byDoc = new Map<string, ClaimSet>();
  /** Levels by entity and period, in claim order. */
  private readonly levelsByKey = new Map<string, Claim[]>();
  /** The entity-and-period keys of the focus's levels. */
  private readonly focusKeys = new Set<string>();

  constructor(all: readonly Claim[], texts: ReadonlyMap<string, string> = new Map(), focus?: ReadonlySet<string>) {
    this.claims = all.filter((c) => !c.repeat_of);
    this.levels = this.claims.filter(isLevel);
    this.rates = this.claims.filter(isRate);
    this.texts = texts;
    this.focus = focus;
    const docs = new Map<string, Claim[]>();
    for (const c of this.claims) {
      const list = docs.get(c.doc);
      if (list) list.push(c);
      else docs.set(c.doc, [c]);
    }
    for (const [doc, list] of docs) this.byDoc.set(doc, claimSet(list));
    for (const c of this.levels) {
      const k = entityPeriod(c.entity, c.period);
      const list = this.levelsByKey.get(k);
      if (list) list.push(c);
      else this.levelsByKey.set(k, [c]);
      if (focus?.has(c.id)) this.focusKeys.add(k);
    }
    const ownDocs = focus ? new Set(this.claims.filter((c) => focus.has(c.id)).map((c) => c.doc)) : null;
    this.ownDocs = ownDocs;
    this.own = ownDocs
      ? claimSet(this.claims.filter((c) => ownDocs.has(c.doc)))
      : { claims: this.claims, levels: this.levels, rates: this.rates };
  }

  /** The claims of one document. */
  inDoc(doc: string): ClaimSet {
    return this.byDoc.get(doc) ?? EMPTY;
  }

  /** The levels of one entity and period, in every document. */
  levelsAt(entity: string | null, period: string | null): Claim[] {
    return this.levelsByKey.get(entityPeriod(entity, period)) ?? [];
  }

  /**
   * Whether a rule starting from a claim of this entity could pair it with the focus through
   * levels of one of these periods (always without a focus).
   */
  reaches(entity: string | null, ...periods: (string | null)[]): boolean {
    return !this.focus || periods.some((p) => this.focusKeys.has(entityPeriod(entity, p)));
  }

  /** Whether a claim is one of the focus's (every claim is without a focus). */
  inFocus(c: Claim): boolean {
    return !this.focus || this.focus.has(c.id);
  }

  /** Whether a claim is of one of the focus's documents (every claim is without a focus). */
  isOwn(c: Claim): boolean {
    return !this.ownDocs || this.ownDocs.has(c.doc);
  }

  /** Whether a relation of these claims is kept: it touches a claim of the focus (or there is none). */
  private kept(ids: readonly string[]): boolean {
    const focus = this.focus;
    return !focus || ids.some((id) => focus.has(id));
  }

  /** The sentence after a claim's sentence in its document (null when the text is not known). */
  sentenceAfter(c: Claim): string | null {
    return this.sentenceNextTo(c, 1);
  }

  /** The sentence before a claim's sentence in its document (null when the text is not known). */
  sentenceBefore(c: Claim): string | null {
    return this.sentenceNextTo(c, -1);
  }

  /** The sentence `step` sentences away from a claim's (its text's sentence list is split once and kept). */
  private sentenceNextTo(c: Claim, step: 1 | -1): string | null {
    const text = this.texts.get(c.doc);
    if (text === undefined) return null;
    let list = this.sentenceCache.get(c.doc);
    if (!list) {
      list = splitSentences(normaliseWidth(text));
      this.sentenceCache.set(c.doc, list);
    }
    const i = list.findIndex((s) => s.start <= c.start && c.start < s.end);
    const other = i >= 0 ? list[i + step] : undefined;
    return other ? text.slice(other.start, other.end) : null;
  }

  /** The level nearest to `near` satisfying pred, in its document first (among `pool`: by default every level). */
  find(pred: (c: Claim) => boolean, near: Claim, pool: readonly Claim[] = this.levels): Claim | undefined {
    return nearestInDocFirst(pool.filter(pred), near);
  }

  /**
   * Adds a relation; across documents a failed check says "different definitions", unless the
   * failure cannot come from definitions (`sameDefinition`: the numbers agree, a label does not).
   */
  push(r: Draft, opts: { sameDefinition?: boolean } = {}): void {
    const ids = [...r.inputs, ...(r.output ? [r.output] : [])];
    if (!this.kept(ids)) {
      if (r.verdict === 'consistent') for (const id of ids) this.confirmedElsewhere.add(id);
      return;
    }
    const docs = [...new Set(r.docs)];
    if (r.verdict === 'inconsistent' && docs.length > 1 && r.type !== 'same_figure' && !opts.sameDefinition)
      this.out.push({
        ...r,
        docs,
        verdict: 'not_comparable',
        // The arithmetic text ends in the verdict: it must say what the relation now says.
        arithmetic: r.arithmetic.replace(/→ inconsistent\b/g, '→ not comparable'),
        note: `${r.note ? `${r.note}; ` : ''}figures from different documents may not share a definition`,
      });
    else this.out.push({ ...r, docs });
  }

  /**
   * Checks `f(inputs)` against `output`: outside the focus only agreement is noted (it confirms the
   * figures); inside, the relation with the verdict `judge` gives.
   */
  check(
    type: RelationType,
    inputs: Claim[],
    output: Claim,
    f: (xs: number[]) => number,
    text: (xs: string[]) => string,
    unit: string,
    note: string | null = null,
    opts: { presumed?: boolean; additive?: boolean } = {},
  ): void {
    const r = range(inputs.map(interval), f);
    const ok = agrees(r, output);
    // Outside the focus only agreement matters (it confirms the figures): nothing is written out.
    if (!this.kept([...inputs.map((c) => c.id), output.id])) {
      if (ok) for (const c of [...inputs, output]) this.confirmedElsewhere.add(c.id);
      return;
    }
    const computed = f(inputs.map((c) => c.value));
    this.push({
      type,
      docs: [...inputs, output].map((c) => c.doc),
      inputs: inputs.map((c) => c.id),
      output: output.id,
      computed: Number(computed.toPrecision(10)),
      stated: output.value,
      computed_range: [Number(r[0].toPrecision(10)), Number(r[1].toPrecision(10))],
      ...judge({ inputs, output, f, unit, note, opts, r, ok, computed, sum: `${text(inputs.map(stated))} = ${fmt(computed, unit)}` }),
    });
  }
}

/** One comparison of a computation with its stated output, as `check` sees it. */
interface Comparison {
  inputs: Claim[];
  output: Claim;
  f: (xs: number[]) => number;
  unit: string;
  note: string | null;
  opts: { presumed?: boolean; additive?: boolean };
  /** The range f gives over the inputs' rounding, whether it meets the output, f at the stated values. */
  r: Iv;
  ok: boolean;
  computed: number;
  /** The arithmetic written out: "a + b = c". */
  sum: string;
}

type Judgement = Pick<Draft, 'verdict' | 'arithmetic' | 'note' | 'suspect' | 'suspect_reason'>;

/**
 * The verdict of a comparison, its arithmetic and note, and the suspect of a unit slip in a part. A
 * gross gap within one text that is not a power of ten (more than a quarter of a level, or 5
 * points and half of a rate) says the figures are not parts of one whole, not that one is wrong:
 * not_comparable. A gap of a power of ten is a unit slip and is inconsistent.
 */
function judge(x: Comparison): Judgement {
  const { inputs, output, unit, opts, r, ok, computed, sum } = x;
  const noted = (more: string) => `${x.note ? `${x.note}; ` : ''}${more}`;
  // A part off by a power of ten: the arithmetic holds once that part is scaled back.
  const slipped = !ok && opts.additive ? slippedInput(inputs, output, x.f) : null;
  if (slipped) {
    const [c, k] = slipped;
    return {
      verdict: 'inconsistent',
      arithmetic: `${sum}; stated ${stated(output)} → inconsistent; with ${stated(c)} × ${fmtFactor(k)} the arithmetic holds`,
      note: noted('a unit slip in one part'),
      suspect: c.id,
      suspect_reason: `"${c.quote}" is off by a factor of ${fmtFactor(k)}: with it ${fmtFactor(k)}× the parts make the whole (a unit slip such as million for billion)`,
    };
  }
  // A relation the text only implies (parts presumed to make a whole): agreement confirms it, a
  // unit slip breaks it, any other gap says the parts may not cover the whole.
  if (opts.presumed && !ok && !unitSlip(computed, output.value)) {
    return {
      verdict: 'not_comparable',
      arithmetic: `${sum}; stated ${stated(output)} → the parts do not make this whole`,
      note: noted('the parts may not cover the whole (another breakdown)'),
    };
  }
  const gap = Math.abs(computed - output.value);
  const slip = !ok && unitSlip(computed, output.value);
  const gross =
    !ok &&
    !slip &&
    output.qualifier === 'eq' &&
    (unit === 'percent' ? gap > Math.max(5, 0.5 * Math.abs(output.value)) : gap > 0.25 * Math.abs(output.value));
  if (gross) {
    return {
      verdict: 'not_comparable',
      arithmetic: `${sum}; stated ${stated(output)} → too far apart to be the same measure`,
      note: noted('the figures are probably not parts of the same whole (a different breakdown or measure)'),
    };
  }
  return {
    verdict: ok ? 'consistent' : 'inconsistent',
    arithmetic: `${sum} (with the inputs' rounding: ${rangeText(r, unit)}); stated ${stated(output)} (${output.precision ? `±${fmt(output.precision / 2, output.unit)}` : 'exact'}) → ${ok ? 'consistent' : 'inconsistent'}`,
    note: slip ? noted(`off by a factor of ${fmtFactor(computed / output.value)}: a unit slip`) : x.note,
  };
}

/** The input which, scaled by a power of ten, makes f(inputs) agree with the output. */
function slippedInput(inputs: Claim[], output: Claim, f: (xs: number[]) => number): [Claim, number] | null {
  for (let i = 0; i < inputs.length; i++)
    for (const p of [1000, 1e6, 100, 10, 1e4])
      for (const k of [p, 1 / p]) {
        const ivs = inputs.map((c, j) => (j === i ? (interval(c).map((v) => v * k) as Iv) : interval(c)));
        if (agrees(range(ivs, f), output)) return [inputs[i] as Claim, k];
      }
  return null;
}

/** Whether two values differ by a power of ten (10, 100, 1000, 1e4) within 2%. */
export function unitSlip(a: number, b: number): number | null {
  if (!a || !b) return null;
  const r = Math.abs(a / b);
  for (const p of [10, 100, 1000, 1e4, 1e5, 1e6])
    for (const x of [p, 1 / p]) if (Math.abs(r / x - 1) < 0.02) return x;
  return null;
}

export const fmtFactor = (x: number) => (Math.abs(x) >= 1 ? `${Math.round(Math.abs(x))}` : `1/${Math.round(1 / Math.abs(x))}`);
