/**
 * The whole pipeline for a set of documents: extract → relate (with each other and, unless
 * isolated, with the documents already in the ledger: only the ledger claims a rule could tie to
 * theirs are read, so the cost follows their look-alikes, not the ledger's size) → verify against
 * the store → save to the ledger. Returns what a report shows for these documents.
 */
import type { Store } from '../store/index.ts';
import type { ClaimDocument } from './documents.ts';
import { type Claim, extractClaims } from './extract.ts';
import { type LedgerContent, relatableLedgerClaims, saveToLedger } from './ledger.ts';
import { relateClaims } from './relate.ts';
import { verifyClaims } from './verify.ts';

export interface CheckOptions {
  now: Date;
  /** Relate only these documents with each other, not with the ledger's other documents. */
  isolated?: boolean;
  /** Write the result to the ledger (default true). */
  save?: boolean;
  recogniser?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * @example
 *   const result = await checkDocuments(store, [loadDocument('a.txt')], { now: new Date() });
 *   result.relations.filter((r) => r.verdict === 'inconsistent');
 */
export async function checkDocuments(
  store: Store,
  documents: ClaimDocument[],
  opts: CheckOptions,
): Promise<LedgerContent> {
  const unique = [...new Map(documents.map((d) => [d.id, d])).values()];
  const claims: Claim[] = [];
  unique.forEach((d, i) => {
    claims.push(...extractClaims(d, { recogniser: opts.recogniser }));
    opts.onProgress?.(i + 1, unique.length * 2);
  });
  const others = opts.isolated
    ? []
    : await relatableLedgerClaims(
        store,
        claims,
        unique.map((d) => d.id),
      );
  const mine = new Set(claims.map((c) => c.id));
  const relations = relateClaims([...claims, ...others], new Map(unique.map((d) => [d.name, d.text])), mine);
  const verdicts = await verifyClaims(store, claims, new Map(unique.map((d) => [d.id, d.date])));
  opts.onProgress?.(unique.length * 2, unique.length * 2);
  const content = { documents: unique, claims, relations, verdicts };
  if (opts.save !== false && !store.readOnly) await saveToLedger(store, content, opts.now);
  return content;
}
