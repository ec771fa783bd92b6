/**
 * Relations between claims, within a document and across documents: the catalog of rules in
 * rules/ (one rule per file, rules/index.ts lists them), each checked with the arithmetic shown:
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
import type { Claim } from './extract.ts';
import { type Draft, fmt, fmtFactor, type Relation, RuleContext, relationId, unitSlip } from './rules/core.ts';
import { RULES } from './rules/index.ts';

export type { Relation, RelationType, RelationVerdict } from './rules/core.ts';
export { fmt, relationId } from './rules/core.ts';
export { similarSubjects } from './rules/subjects.ts';

/**
 * The relations among claims (of one or several documents). `texts` (document file name → text)
 * lets rules read sentences that state no figure ("This has already exceeded last year's total").
 * With `focus` (claim ids: a new text's, related with ledger claims) only the relations touching
 * one of them are built and returned: the ledger's relations among themselves are not written
 * out again, so the cost follows the new claims and their look-alikes.
 *
 * @example
 *   const rels = relateClaims([...extractClaims(a), ...extractClaims(b)]);
 *   rels.filter((r) => r.verdict === 'inconsistent')
 */
export function relateClaims(all: readonly Claim[], texts: ReadonlyMap<string, string> = new Map(), focus?: ReadonlySet<string>): Relation[] {
  const { rels, confirmedElsewhere } = runRules(all, texts, focus);
  const byId = new Map(all.map((c) => [c.id, c]));
  const confirmed = new Set([...confirmedElsewhere, ...rels.filter((x) => x.verdict === 'consistent').flatMap(claimsOf)]);
  // A ledger figure of an inconsistent relation may stand confirmed by relations among ledger
  // figures, which a focused pass does not form: they are formed for those figures alone.
  const outside = new Set(
    rels.filter((r) => r.verdict === 'inconsistent' && !r.suspect).flatMap(claimsOf).filter((id) => focus && !focus.has(id) && !confirmed.has(id)),
  );
  if (outside.size) {
    const more = runRules(all, texts, outside);
    for (const id of [...more.confirmedElsewhere, ...more.rels.filter((x) => x.verdict === 'consistent').flatMap(claimsOf)]) confirmed.add(id);
  }
  for (const r of rels) if (r.verdict === 'inconsistent' && !r.suspect) Object.assign(r, suspectOf(r, confirmed, byId));
  return rels;
}

const claimsOf = (r: Relation): string[] => [...r.inputs, ...(r.output ? [r.output] : [])];

/** Every rule over the claims: the relations touching the focus (each once), and what the others confirmed. */
function runRules(all: readonly Claim[], texts: ReadonlyMap<string, string>, focus?: ReadonlySet<string>): { rels: Relation[]; confirmedElsewhere: ReadonlySet<string> } {
  const ctx = new RuleContext(all, texts, focus);
  for (const rule of RULES) rule.run(ctx);
  const unique = new Map<string, Relation>();
  for (const r of ctx.out) {
    const id = relationId(r);
    if (!unique.has(id)) unique.set(id, { id, ...r });
  }
  // Rules that write to `ctx.out` directly (definitional conflicts) are held to the focus here.
  const rels = [...unique.values()].filter((r) => !focus || claimsOf(r).some((id) => focus.has(id)));
  return { rels, confirmedElsewhere: ctx.confirmedElsewhere };
}

/**
 * The figure most likely wrong in an inconsistent relation, and why: the one whose change by a
 * power of ten makes the arithmetic hold (a unit slip); else the only one no consistent relation
 * confirms (`confirmed`: the claims of every consistent relation); else the stated result.
 */
function suspectOf(r: Relation, confirmed: ReadonlySet<string>, byId: ReadonlyMap<string, Claim>): Pick<Relation, 'suspect' | 'suspect_reason'> {
  const ids = [...r.inputs, ...(r.output ? [r.output] : [])];
  const quote = (id: string) => `"${byId.get(id)?.quote ?? id}"`;
  if (r.computed !== null && r.stated !== null && r.output) {
    const k = unitSlip(r.computed, r.stated);
    if (k) return { suspect: r.output, suspect_reason: `${quote(r.output)} is off by a factor of ${fmtFactor(k)} from what its inputs give: a unit slip` };
    if (r.type === 'sum') {
      const gap = r.stated - r.computed;
      for (const id of r.inputs) {
        const v = byId.get(id)?.value ?? 0;
        for (const f of [10, 100, 1000, 1e4])
          if (v && Math.abs(v * (f - 1) - gap) <= 0.02 * Math.abs(r.stated))
            return { suspect: id, suspect_reason: `with ${quote(id)} ${f}× larger the parts make the whole: a unit slip (e.g. million for billion)` };
      }
    }
  }
  const loose = ids.filter((id) => !confirmed.has(id));
  if (loose.length === 1) {
    const id = loose[0] as string;
    return { suspect: id, suspect_reason: `the other figures agree in other relations; ${quote(id)} is the only one none confirms` };
  }
  const out = r.output ?? r.inputs[r.inputs.length - 1] ?? null;
  return out
    ? { suspect: out, suspect_reason: `${quote(out)} disagrees with ${r.computed !== null ? fmt(r.computed, byId.get(out)?.unit ?? '') : 'the other figures'}, computed from the others` }
    : { suspect: null, suspect_reason: null };
}

export type { Draft };
