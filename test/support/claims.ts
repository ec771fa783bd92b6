/** Helpers for the rule tests: claims of hand-written sentences and the relation joining given quotes. */
import { expect } from 'vitest';
import { documentFromString } from '../../src/claims/documents.ts';
import { type Claim, extractClaims } from '../../src/claims/extract.ts';
import { type Relation, relateClaims } from '../../src/claims/relate.ts';

export interface Texts {
  claims: Claim[];
  texts: Map<string, string>;
}

/** The claims of one or more texts (named t0.txt, t1.txt…), with the texts for the rules that read them. */
export function textsOf(...texts: string[]): Texts {
  const docs = texts.map((t, i) => documentFromString(t, `t${i}.txt`, { date: '2024-06-01' }));
  return { claims: docs.flatMap((d) => extractClaims(d)), texts: new Map(docs.map((d) => [d.name, d.text])) };
}

/** The id of the claim quoted so (in the n-th text when given). */
export function idOf(t: Texts, quote: string, doc?: number): string {
  const c = t.claims.find((x) => x.quote === quote && (doc === undefined || x.doc === `t${doc}.txt`));
  expect(c, `no claim "${quote}"`).toBeDefined();
  return (c as Claim).id;
}

/** The relation of this type joining exactly these claims (ids). */
export function relationOf(t: Texts, type: string, ids: string[]): Relation | undefined {
  const want = new Set(ids);
  return relateClaims(t.claims, t.texts).find(
    (r) => r.type === type && want.size === r.inputs.length + (r.output ? 1 : 0) && [...r.inputs, ...(r.output ? [r.output] : [])].every((x) => want.has(x)),
  );
}
