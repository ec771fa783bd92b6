/**
 * Read models: what the CLI, the API and claim verification ask of the data. Each one is a zod
 * parameter schema (which also reads HTTP query strings) and a run function taking the store and
 * returning a plain JSON-able object of stable shape.
 */
export {
  type BilateralParams,
  bilateral,
  bilateralModel,
  bilateralParams,
  bilateralRows,
} from './bilateral.ts';
export { coerceQuery, fieldKind, queryValues, shapeOf } from './coerce.ts';
export { basketSelectorField, dataShape, parseProductSelector, spreadBasketSelector, yearsSchema } from './common.ts';
export { type DataDefaults, dataDefaults } from './defaults.ts';
export { type CompareParams, compare, compareModel, compareParams } from './compare.ts';
export {
  AREAS,
  type CountryProfileParams,
  countryProfile,
  countryProfileModel,
  countryProfileNote,
  countryProfileParams,
  countryProfileRows,
} from './country-profile.ts';
export {
  countryByCode,
  countryList,
  countryListModel,
  countryListParams,
  type CountryListParams,
  countryModel,
  countryParams,
  type CountryParams,
} from './countries.ts';
export { API_VERSION, HOW_TO_IMPORT, type StatusEdge, statusModel, statusParams } from './status.ts';
export { datasetListModel, datasetListParams, type DatasetListParams, datasetModel, datasetParams, type DatasetParams } from './datasets.ts';
export { askedSchema, type ReadModel, readModel, type ReadModelSpec, spanWords } from './read-model.ts';
export { hsChildrenModel, hsChildrenParams, hsEditionOr, hsNamesModel, hsNamesParams, hsSearchModel, hsSearchParams } from './hs.ts';
export { emptyReason, type IndicatorResult, type Page, queryIndicator, runIndicator } from './indicator.ts';
export {
  type DefinitionPage,
  definitionPage,
  definitionSections,
  hasDefinition,
  parseDefinitionPage,
  readDefinition,
  readPage,
} from './indicator-docs.ts';
export {
  compareWithEpm,
  epmCompareModel,
  epmFigureFields,
  type EpmComparison,
  type EpmCompareParams,
  type EpmTriple,
  parseEpmCsv,
} from './epm-compare.ts';
export { exampleQuery, indicatorDetail, indicatorInfo, indicatorListModel, indicatorListRows, indicatorModel, listIndicators } from './indicators-list.ts';
export {
  type MarketFinderParams,
  marketFinder,
  marketFinderModel,
  marketFinderParams,
  marketFinderRows,
  marketFinderSql,
  marketSortKeys,
} from './market-finder.ts';
export { readParquet, writeParquet } from './parquet.ts';
export {
  type ProductProfileParams,
  productProfile,
  productProfileModel,
  productProfileParams,
  productProfileRows,
} from './product-profile.ts';
export { dataYears, type Provenance, type RunInfo } from './resolve.ts';
export {
  type DiffDimension,
  diffDimensions,
  type ReleaseDiffParams,
  releaseDiff,
  releaseDiffModel,
  releaseDiffParams,
  releaseDiffRows,
  resolveDiffSide,
} from './release-diff.ts';
export { iso3Schema, listOf } from './common.ts';
export { epmCompareParams } from './epm-compare.ts';
export { sourceShape } from './indicator.ts';
export {
  findOfficialFigure,
  listOfficialSeries,
  type OfficialFigure,
  officialFigures,
  officialFiguresModel,
  officialLinesModel,
  officialParams,
  officialScopesModel,
  officialLinePoints,
  officialLines,
  officialScopes,
  officialSeriesQuery,
  scopeLabel,
} from './official.ts';
export { opportunitiesModel, type OpportunitiesResult, opportunityRows, productSpace, productSpaceModel, productSpaceParams, productSpaceRows } from './product-space.ts';
export { type EffectEventKind, effectEventKinds, partnerTrade, registryEffect } from './registry-effect.ts';
export { labelled, registryAgreementsModel, registryAuditModel, registryCollections, registryCountModel, registryCountry, registryCountsModel, registryEffectModel, registryMapModel, registryRowModel, registryTradeModel, registryDocumentsModel, registryInstitutionsModel, registryMeasuresModel, registrySources, registryTimelineModel } from './registry-lists.ts';
export {
  agreementsQuery,
  countAgreementPartners,
  countInstitutions,
  countsQuery,
  datedCounts,
  documentsQuery,
  institutionsQuery,
  listAgreements,
  listDocuments,
  listInstitutions,
  listMeasures,
  measuresQuery,
  registryMap,
  timeline,
  timelineQueries,
  timelineEvents,
  undated,
  undatedQueries,
} from './registry.ts';
export {
  builtInComponents,
  parseCountryValues,
  type PublishedIndex,
  publishedFields,
  publishedKind,
  softPower,
  softPowerDefinition,
  softPowerDefinitionModel,
  type SoftPowerExtra,
  softPowerModel,
  softPowerParams,
  softPowerRows,
  type UserSeries,
} from './soft-power.ts';
export { defaultSpans, type OpenedScope, openScope, type YearsAsked } from './scope.ts';
export { groupById, groupList, groupListModel, groupModel, groupParams, type GroupParams } from './groups.ts';
export { basketAnswer, basketListModel, basketModel, basketParams, type BasketParams, basketVersionsModel } from './baskets.ts';
