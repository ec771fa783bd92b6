/**
 * Reference data: HS editions and nomenclature, correlation tables, cultural baskets and official
 * series. Importing this module registers the first-run loaders of the bundled data (baskets,
 * official series) with `ensureReferenceData`.
 */
import './bundled-baskets.ts';
import './official-series.ts';

export { addBasket, parseBasketCsv, splitCodes } from './basket-file.ts';
export * from './baskets.ts';
export { bundledBaskets, ensureBundledBaskets } from './bundled-baskets.ts';
export { fetchReference } from './fetch-reference.ts';
export * from './hs.ts';
export { loadReferenceFiles, readReferencePath, referenceStatus } from './hs-load.ts';
export { ensureBundledOfficialSeries, loadOfficialSeries, parseOfficialCsv } from './official-series.ts';
export { ensureReferenceData, registerReferenceLoader } from './setup.ts';
