/**
 * The store: DuckDB (db.ts), ClickHouse (clickhouse.ts, clickhouse/push.ts), the SQL template
 * (sql.ts), the dialects and bulk inserts. The only folder that imports a database client.
 */
export { type ClickHouseStore, isClickHouseStore, openClickHouseStore, TRADE_FLOWS_LOCAL } from './clickhouse.ts';
export { type AppendOptions, appendRuns, deleteUncommitted, ensureCommittedView } from './clickhouse/append.ts';
export {
  basketRowsReady,
  deleteRunSummaries,
  ensureFlowSummaries,
  flowTotalsReady,
  reporterStatsSource,
  runStatsSource,
  SUMMARY_TABLES,
  writeRunStats,
  writeRunSummaries,
} from './flow-totals.ts';
export { lockHolder, releaseWriteLock, withWriteLock } from './clickhouse/lock.ts';
export { pushToClickHouse } from './clickhouse/push.ts';
export { coreBudget, currentTicket, inLane, type Lane, ReaderPool, WorkTicket } from './lanes.ts';
export { type DuckDBStore, isDuckDBStore, listMigrations, migrate, openStore, type Store } from './db.ts';
export type { Dialect } from './dialect.ts';
export { type AppendKind, type AppendValue, insertRecords, insertRows, type RowAppender, rowAppender } from './insert.ts';
export { describeLocation, isClusterLocation, openStoreAt, parseStoreUrl, type StoreLocation } from './location.ts';
export { ident, inList, join, limitRows, pageRows, raw, render, type RenderedSql, sql, type Sql, type SqlValue, startsWith, typedNull, whereAll } from './sql.ts';
export {
  LEASE_GRANTED,
  LEASE_HEADER,
  LEASE_PATH,
  newLeaseSecret,
  readServerFile,
  type ServerFile,
  serverFilePath,
  writeServerFile,
} from './server-file.ts';
export { hasSetupMark, writeSetupMark } from './setup-mark.ts';
export { memoByState } from './state-memo.ts';
export { listTables } from './tables.ts';
export { withScratchTable } from './scratch.ts';
export { type ImportRunInfo, isSyntheticRun, listImportRuns, pageImportRuns, type RunFilter, type RunPage } from './import-runs.ts';
