/**
 * Claims: documents → extract → relate → verify → report, and the ledger in the store.
 * See CONTEXT.md in this folder.
 */

export { checkDocuments } from './check.ts';
export { type ClaimDocument, documentFromString, type LoadOptions, loadDocument } from './documents.ts';
export { type Claim, claimId, extractClaims } from './extract.ts';
export { findClaim, readLedger, saveToLedger } from './ledger.ts';
export { type Relation, type RelationType, type RelationVerdict, relateClaims } from './relate.ts';
export { type ReportFormat, renderReport } from './report.ts';
export { type Verdict, type Verification, verifyClaim, verifyClaims } from './verify.ts';
export { fmt } from './relate.ts';
export { reportFormats } from './report.ts';
