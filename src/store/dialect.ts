/**
 * SQL dialects. Indicators and queries compile to a `Sql` fragment; a dialect renders it.
 *
 * DuckDB (embedded, default) binds positional `$n` parameters. ClickHouse (cluster) binds each
 * value as a column of a one-row external table sent beside the query (HTTP "external data"):
 * the n-th value is read by the scalar subquery `identity((select pN from lantern_params))`. Why
 * `identity(…)`: a bare subquery alone in an IN list, `x in ((select p1 …))`, is read as IN over a
 * subquery, whose type must equal x's exactly (Int64 vs Int32 fails); wrapped, it is a value that
 * ClickHouse converts like a literal, and primary-key filtering still applies. Why not typed
 * `{pN:Type}` query parameters: the ClickHouse Debian 12 ships (18.16) predates them (they came in
 * 19.x); external data works on every version, so the same text runs on old and new servers, and
 * values still never enter the SQL text. One consequence: a ClickHouse parameter is an expression,
 * not a literal, so it cannot stand where the grammar wants a literal (`LIMIT ${n}`).
 * Functions whose names differ between engines go through `fn` so that one indicator definition
 * serves both.
 */
import type { SqlValue } from './sql.ts';

export type DialectName = 'duckdb' | 'clickhouse';

export interface Dialect {
  readonly name: DialectName;
  quoteIdent(name: string): string;
  /** The placeholder text for the n-th (1-based) parameter. */
  placeholder(n: number, value: SqlValue): string;
  collectParams(values: SqlValue[]): SqlValue[] | Record<string, SqlValue>;
  /** Engine-specific spellings of common functions, as SQL text around already-rendered arguments. */
  readonly fn: {
    ln(x: string): string;
    /** Slope of the least-squares line of y on x, as an aggregate. */
    regrSlope(y: string, x: string): string;
    /** Double division that yields NULL instead of an error or infinity when the divisor is 0. */
    safeDiv(a: string, b: string): string;
    greatest(a: string, b: string): string;
  };
}

function quoteDouble(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export const duckdb: Dialect = {
  name: 'duckdb',
  quoteIdent: quoteDouble,
  placeholder: (n) => `$${n}`,
  collectParams: (values) => values,
  fn: {
    ln: (x) => `ln(${x})`,
    regrSlope: (y, x) => `regr_slope(${y}, ${x})`,
    safeDiv: (a, b) => `(${a})::DOUBLE / nullif(${b}, 0)`,
    greatest: (a, b) => `greatest(${a}, ${b})`,
  },
};

/** The external table that carries ClickHouse parameters (see the module header). */
export const CLICKHOUSE_PARAMS_TABLE = 'lantern_params';

/** ClickHouse column type of a bound JS value (UInt8 for booleans: 18.16 has no Bool type). */
export function clickhouseType(value: SqlValue): string {
  if (value === null) return 'Nullable(String)';
  if (typeof value === 'boolean') return 'UInt8';
  if (typeof value === 'bigint') return 'Int64';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Int64' : 'Float64';
  return 'String';
}

export const clickhouse: Dialect = {
  name: 'clickhouse',
  quoteIdent: (name) => `\`${name.replaceAll('`', '\\`')}\``,
  placeholder: (n) => `identity((select p${n} from ${CLICKHOUSE_PARAMS_TABLE}))`,
  collectParams: (values) => Object.fromEntries(values.map((v, i) => [`p${i + 1}`, v])),
  fn: {
    ln: (x) => `log(${x})`,
    // simpleLinearRegression is newer than 18.16; covariance over variance is the same slope. The
    // *Stable (Welford) forms avoid the cancellation of the naive ones when x is a year (~2020).
    // Rows where y is NULL are left out of both, as regr_slope does; a flat x gives NULL.
    regrSlope: (y, x) =>
      `if(varPopStableIf(toFloat64(${x}), isNotNull(${y})) = 0, NULL, covarPopStable(toFloat64(${x}), toFloat64(${y})) / varPopStableIf(toFloat64(${x}), isNotNull(${y})))`,
    safeDiv: (a, b) => `if((${b}) = 0, NULL, toFloat64(${a}) / (${b}))`,
    greatest: (a, b) => `greatest(${a}, ${b})`,
  },
};

export const dialects: Record<DialectName, Dialect> = { duckdb, clickhouse };
