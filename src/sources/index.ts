/** Readers of trade-data formats and the synthetic BACI world. */
export { parseBaciName } from './baci.ts';
export { classificationFromCode, hsEditionFromBaci, hsEditionInForce, padHsCode } from './classifications.ts';
export {
  COMTRADE_API,
  type FetchComtradeOptions,
  type FetchedFile,
  fetchComtrade,
} from './comtrade-fetch.ts';
export { COMTRADE_ROW_CAP } from './comtrade-json.ts';
export { checkZip, type DownloadResult, downloadFile } from './download.ts';
export { OTS_DEFAULT_EDITION } from './ots.ts';
export {
  basketCodes,
  type SyntheticBaciInfo,
  type SyntheticBaciOptions,
  writeSyntheticBaci,
} from './synthetic.ts';
export { type FileHead, type FlowRow, type FormatEntry, type FormatId, formatIds } from './types.ts';
export { fileHead, firstLineOf, formatEntry, formatNames, formats, formatsNamed } from './formats.ts';
export { jsonDepth, MAX_JSON_DEPTH } from './json-file.ts';
export {
  assertReadableText,
  checkUnpackedSize,
  DEFAULT_UNPACK_LIMITS,
  isUtf8,
  peek,
  textKind,
  type TextKind,
  type UnpackLimits,
} from './input.ts';
export {
  type BulkReader,
  NeedsDiagnosis,
  type ReaderOptions,
  type RowProblem,
  type RowReader,
} from './types.ts';
