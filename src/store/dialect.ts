/**
 * SQL dialects. Indicators and queries compile to a `Sql` fragment; a dialect renders it.
 *
 * DuckDB (embedded, default) binds positional `$n` parameters. ClickHouse (cluster) binds named,
 * typed `{pN:Type}` parameters. Functions whose names differ between engines go through `fn` so
 * that one indicator definition serves both.
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

/** ClickHouse parameter type for a JS value. */
function clickhouseType(value: SqlValue): string {
  if (value === null) return 'Nullable(String)';
  if (typeof value === 'boolean') return 'Bool';
  if (typeof value === 'bigint') return 'Int64';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Int64' : 'Float64';
  return 'String';
}

export const clickhouse: Dialect = {
  name: 'clickhouse',
  quoteIdent: (name) => `\`${name.replaceAll('`', '\\`')}\``,
  placeholder: (n, value) => `{p${n}:${clickhouseType(value)}}`,
  collectParams: (values) => Object.fromEntries(values.map((v, i) => [`p${i + 1}`, v])),
  fn: {
    ln: (x) => `log(${x})`,
    regrSlope: (y, x) => `tupleElement(simpleLinearRegression(${x}, ${y}), 1)`,
    safeDiv: (a, b) => `if((${b}) = 0, NULL, toFloat64(${a}) / (${b}))`,
    greatest: (a, b) => `greatest(${a}, ${b})`,
  },
};

export const dialects: Record<DialectName, Dialect> = { duckdb, clickhouse };
