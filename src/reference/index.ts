/**
 * Reference data: HS editions and nomenclature, correlation tables, cultural baskets and official
 * series. `ensureReferenceData` runs the first-run loaders of the bundled data, listed in setup.ts.
 */

export { addBasket, parseBasketCsv, parseBasketEdition, servicesEdition, splitCodes } from './basket-file.ts';
export * from './baskets.ts';
export { basketNameZh, bundledBaskets, ensureBundledBaskets } from './bundled-baskets.ts';
export { decodeHsNames, ensureBundledHs, HS_NAMES_FILE } from './bundled-hs.ts';
export { type ProductName, productNames } from './product-names.ts';
export { fetchReference } from './fetch-reference.ts';
export * from './hs.ts';
export { type HsEntry, hsChildren, hsEditionsLoaded, hsNames, hsSearch } from './hs-browse.ts';
export { loadReferenceFiles, readReferencePath, referenceStatus } from './hs-load.ts';
export { ensureBundledOfficialSeries, loadOfficialSeries, officialCurrency, officialUnits, parseOfficialCsv } from './official-series.ts';
export { canonicalEbopsCode, EBOPS2010, ensureBundledEbops, isEbopsCode, isMemoItem } from './services.ts';
export { ensureReferenceData, referenceLoaders, runLoaders, type StoreLoader } from './setup.ts';
export {
  assertCountry,
  comtradeCode,
  type CountryFilter,
  countryName,
  countryRow,
  countryRows,
  editDistance,
  getCountry,
  listCountries,
  listCountryCodes,
  loadCountries,
  partnerKind,
  resolveCountryCode,
  suggestCountries,
} from './countries.ts';
export { type CountryGroup, countryGroups, groupMembers, ownGroupsState, useOwnGroups } from './country-groups.ts';
export { sha256 } from './data-files.ts';
export { loadPopulation, populationStatus } from './population.ts';
