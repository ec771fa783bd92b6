/**
 * Claims: documents → extract → relate → verify → report, and the ledger in the store.
 * See CONTEXT.md in this folder.
 */
export { type ClaimDocument, documentFromString, loadDocument, type LoadOptions } from './documents.ts';
export { type Claim, extractClaims, claimId } from './extract.ts';
