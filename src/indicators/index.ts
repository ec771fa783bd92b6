/** The indicator catalog's public surface: definitions, lookup, parameter schemas, the flow relations. */

export { basketAtLevels, basketByPrefix, flowCode, pairs, runFilter, scan, sideFlows, totalLabel, tradeWhere } from './base.ts';
export { type AnyIndicator, getIndicator, indicators } from './catalog.ts';
export {
  type By,
  bySchema,
  CIF_FOB,
  iso3Schema,
  type Perspective,
  perspectiveSchema,
  type Scope,
  type Side,
  scopeSchema,
  scopeShape,
  scopeYears,
  sideSchema,
  type Trade,
  tradeSchema,
  type View,
  viewSchema,
  flowSchema,
  type FlowChoice,
  withScope,
} from './params.ts';
export { economicComplexity } from './complexity-math.ts';
export { ATLAS_ENTRY, enterRanking, type EntryThresholds, hasEntryThresholds, latestPopulation, type LeftOutWhy } from './complexity-entry.ts';
export {
  defineIndicator,
  expectedOf,
  finishRows,
  type IndicatorDef,
  type Labels,
  type OutputColumn,
  parseParams,
  plainMessage,
  type Unit,
} from './types.ts';
export { exportPotential } from './export-potential.ts';
export { listOf, SERVICES_CODE, yearSchema } from './params.ts';
export { rcaMatrix } from './rca.ts';
export {
  densityRow,
  linkSums,
  outlookRow,
  type OutlookWeights,
  outlookWeights,
  proximity,
  type SpaceEdge,
  spaceEdges,
  spaceLayout,
} from './relatedness-math.ts';
