/**
 * Definitional conflicts: figures that look comparable but measure different scopes (two scopes
 * of one family in different documents; a total and a services series whose difference implies
 * an implausible products figure). Said, not called a contradiction: always not_comparable.
 */
import type { Claim } from '../extract.ts';
import { type Draft, fmt, type RuleContext, stated, yearOf } from './core.ts';

export function definitional(ctx: RuleContext): void {
  ctx.out.push(...definitionalConflicts(ctx.levels, (c) => ctx.isOwn(c)));
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
/** The scopes of check (2): a products-and-services total, a services total, a products figure. */
const TOTAL_SPLIT = ['cultural_trade', 'cultural_services', 'cultural_products'];

/**
 * Which figures of other documents (of the same entity, in any year) this rule may set against
 * `claims`: (1) any figure of another scope of the family of one of theirs; (2) total-trade
 * figures of the total-vs-services check's scopes, when they hold one. The ledger reads them to
 * relate a new document (ledger.ts `relatableLedgerClaims`).
 */
export function definitionalReach(claims: readonly Pick<Claim, 'scope' | 'metric'>[]): { anyMetric: string[]; totalTrade: string[] } {
  const anyMetric = new Set<string>();
  let totals = false;
  for (const c of claims) {
    const f = c.scope ? FAMILY[c.scope] : undefined;
    if (f) for (const [other, g] of Object.entries(FAMILY)) if (g === f && other !== c.scope) anyMetric.add(other);
    if (c.metric === 'total_trade' && c.scope && TOTAL_SPLIT.includes(c.scope)) totals = true;
  }
  return { anyMetric: [...anyMetric], totalTrade: totals ? TOTAL_SPLIT : [] };
}

/** `own`: whether a figure is of a text being related (conflicts between two others are not formed). */
function definitionalConflicts(levels: Claim[], own: (c: Claim) => boolean): Draft[] {
  const eqs = levels.filter((c) => c.scope && yearOf(c) !== null);
  return [...familyConflicts(eqs, own), ...totalSplitConflicts(eqs, own)];
}

/**
 * (1) Two scopes of one family in different documents (e.g. "cultural and entertainment services"
 * vs "cultural services"): compare the same flows, against the other scope's latest year not after
 * this one. Claims are grouped by document, scope and entity; pairs of two groups, at least one of
 * a text being related, are formed in the order of the groups.
 */
function familyConflicts(eqs: Claim[], own: (c: Claim) => boolean): Draft[] {
  const out: Draft[] = [];
  const groups = new Map<string, Claim[]>();
  for (const c of eqs) {
    const k = `${c.doc}|${c.scope}|${c.entity}`;
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  const list = [...groups.values()];
  const ownAt = list.flatMap((G, i) => (own(G[0] as Claim) ? [i] : []));
  const isOwnAt = new Set(ownAt);
  for (let i = 0; i < list.length; i++)
    for (const j of isOwnAt.has(i) ? list.keys() : ownAt) {
      if (j <= i) continue;
      const A = list[i] as Claim[];
      const B = list[j] as Claim[];
      if (
        (A[0] as Claim).doc === (B[0] as Claim).doc ||
        (A[0] as Claim).scope === (B[0] as Claim).scope ||
        (A[0] as Claim).entity !== (B[0] as Claim).entity
      )
        continue;
      const fa = FAMILY[(A[0] as Claim).scope as string];
      if (!fa || fa !== FAMILY[(B[0] as Claim).scope as string]) continue;
      const conflict = familyConflict(A, B);
      if (conflict) out.push(conflict);
    }
  return out;
}

const latestYear = (G: Claim[]) => Math.max(...G.map((c) => yearOf(c) as number));

/**
 * Two groups of one scope family: read from the narrower series (smaller figures) and compare with
 * the broader one in its latest year not after ("the broad series was already larger then" is the
 * telling case).
 */
function familyConflict(first: Claim[], second: Claim[]): Draft | null {
  const size = (G: Claim[]) => G.filter((c) => yearOf(c) === latestYear(G)).reduce((s, c) => s + c.value, 0);
  const [A, B] = size(first) > size(second) ? [second, first] : [first, second];
  const a0 = A[0] as Claim;
  const b0 = B[0] as Claim;
  const ya = latestYear(A);
  const aNow = A.filter((c) => yearOf(c) === ya && c.qualifier === 'eq');
  const flows = new Set(aNow.map((c) => c.metric));
  const bYears = [
    ...new Set(
      B.filter((c) => flows.has(c.metric) && c.qualifier === 'eq').map((c) => yearOf(c) as number),
    ),
  ];
  const past = bYears.filter((y) => y <= ya).sort((x, z) => z - x);
  const yB = past[0] ?? bYears.sort((x, z) => Math.abs(x - ya) - Math.abs(z - ya))[0];
  if (yB === undefined) return null;
  const bThen = B.filter((c) => yearOf(c) === yB && flows.has(c.metric) && c.qualifier === 'eq');
  if (!bThen.length) return null;
  const sum = (cs: Claim[]) => cs.reduce((s, c) => s + c.value, 0);
  const ratio = sum(bThen) / sum(aNow.filter((c) => bThen.some((b) => b.metric === c.metric)));
  return {
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
  };
}

/**
 * (2) A products-and-services total, a services total of the same year from elsewhere, and a
 * products figure: if total − services implies an implausible products figure, the total and the
 * services series use different scopes.
 */
function totalSplitConflicts(eqs: Claim[], own: (c: Claim) => boolean): Draft[] {
  const out: Draft[] = [];
  const splitTotal = (c: Claim) => c.metric === 'total_trade' && (c.scope === 'cultural_services' || c.scope === 'cultural_products');
  const ownSplits = new Set(eqs.filter((c) => own(c) && splitTotal(c)).map((c) => c.entity));
  for (const t of eqs.filter((c) => c.scope === 'cultural_trade' && c.metric === 'total_trade')) {
    // Another text's total is set only against a services or products figure of a text being related.
    if (!own(t) && !ownSplits.has(t.entity)) continue;
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
