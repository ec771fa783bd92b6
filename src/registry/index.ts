/**
 * The registry of cultural-trade institutions, agreements, policy documents and dated counts.
 * `loadBundledRegistry` is the first-run loader of the bundled facts (data/registry); `src/setup.ts`
 * runs it after the reference data.
 */

export { bundleDir, loadBundledRegistry, readBundle } from './bundle.ts';
export { countryLabel, isCountryCode } from './countries.ts';
export { endsBy, type PartialDate, parsePartialDate } from './dates.ts';
export * from './effect.ts';
export { type ImportKind, importKinds, importRegistryCsv, parseRegistryCsv } from './import.ts';
export { inputFields, slugify, tables } from './model.ts';
export {
  type AuditEntry,
  createEntities,
  deleteEntity,
  getEntity,
  listAudit,
  updateEntity,
  validateEntity,
  type WriteContext,
} from './repo.ts';
export * from './schemas.ts';
export { checkToken, createToken, listTokens, recordTokenUse, requireToken, revokeToken, type TokenInfo } from './tokens.ts';
export { countryPoint } from './countries.ts';
export { partialDate } from './dates.ts';
