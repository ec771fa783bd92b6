/**
 * Claims: documents → extract → relate → verify → report, and the ledger in the store.
 * See CONTEXT.md in this folder.
 */
export { type ClaimDocument, documentFromString, loadDocument, type LoadOptions } from './documents.ts';
export { type Claim, extractClaims, claimId } from './extract.ts';
export { type Relation, type RelationType, type RelationVerdict, relateClaims } from './relate.ts';
export { type Verdict, type Verification, verifyClaim, verifyClaims } from './verify.ts';
export { checkDocuments } from './check.ts';
export { findClaim, readLedger, saveToLedger } from './ledger.ts';
export { renderReport, type ReportFormat } from './report.ts';
