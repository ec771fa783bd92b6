/**
 * A small `sql` tagged template: SQL text with bound parameters, rendered per dialect.
 *
 * Invariant: a value interpolated with `${v}` always becomes a bound parameter, never SQL text.
 * The only ways to put text into SQL are `ident()` (quoted identifiers), `raw()` (constant text the
 * program itself wrote — never a user's value) and nested `sql` fragments.
 *
 * @example
 *   const q = sql`select * from trade_flows where year = ${year} and product in ${inList(codes)}`;
 *   const { text, params } = render(q, duckdb);   // text uses $1, $2…; params is an array
 */
import type { Dialect } from './dialect.ts';

export type SqlValue = string | number | bigint | boolean | null;

type Part = { kind: 'text'; text: string } | { kind: 'param'; value: SqlValue } | { kind: 'ident'; name: string };

/** A piece of SQL: text and parameters, not yet rendered for a dialect. */
export class Sql {
  constructor(readonly parts: readonly Part[]) {}

  /** Joins this fragment with another, separated by a space. */
  append(other: Sql): Sql {
    return new Sql([...this.parts, { kind: 'text', text: ' ' }, ...other.parts]);
  }
}

export type SqlArg = SqlValue | Sql;

export function sql(strings: TemplateStringsArray, ...values: SqlArg[]): Sql {
  const parts: Part[] = [];
  strings.forEach((s, i) => {
    if (s) parts.push({ kind: 'text', text: s });
    if (i < values.length) {
      const v = values[i] as SqlArg;
      if (v instanceof Sql) parts.push(...v.parts);
      else parts.push({ kind: 'param', value: v === undefined ? null : v });
    }
  });
  return new Sql(parts);
}

/** Constant SQL text written by the program. Never pass a user's value here. */
export function raw(text: string): Sql {
  return new Sql([{ kind: 'text', text }]);
}

/** A quoted identifier (table or column name). */
export function ident(name: string): Sql {
  return new Sql([{ kind: 'ident', name }]);
}

/** Fragments joined by a separator (default `, `). */
export function join(fragments: readonly Sql[], separator = ', '): Sql {
  const parts: Part[] = [];
  fragments.forEach((f, i) => {
    if (i > 0) parts.push({ kind: 'text', text: separator });
    parts.push(...f.parts);
  });
  return new Sql(parts);
}

/** `(p1, p2, …)` for an IN list; an empty list renders `(NULL)`, which matches nothing. */
export function inList(values: readonly SqlValue[]): Sql {
  if (values.length === 0) return raw('(NULL)');
  return sql`(${join(values.map((v) => sql`${v}`))})`;
}

/** SQL text and its bound parameters for one dialect. */
export interface RenderedSql {
  text: string;
  /** Positional for DuckDB (`$1` is params[0]); named for ClickHouse (`p1` of the external table `lantern_params` is params.p1). */
  params: SqlValue[] | Record<string, SqlValue>;
}

/** Renders a fragment for a dialect. Pure: no I/O, so compiled SQL can be unit-tested. */
export function render(fragment: Sql, dialect: Dialect): RenderedSql {
  let text = '';
  const values: SqlValue[] = [];
  for (const part of fragment.parts) {
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'ident') text += dialect.quoteIdent(part.name);
    else {
      values.push(part.value);
      text += dialect.placeholder(values.length, part.value);
    }
  }
  return { text, params: dialect.collectParams(values) };
}

/**
 * `where c1 and c2 …` over the conditions given (`undefined`/`false` left out), or nothing when
 * none is left. Optional filters are chosen here rather than in SQL (`$1 is null or col = $1`
 * casts a parameter, which ClickHouse's parameters cannot be).
 */
export function whereAll(conditions: readonly (Sql | undefined | false)[]): Sql {
  const kept = conditions.filter((c): c is Sql => c instanceof Sql);
  return kept.length === 0 ? raw('') : sql`where ${join(kept, ' and ')}`;
}

/**
 * `limit N` for a whole number the program has checked. A literal, not a parameter: ClickHouse's
 * grammar wants a number there (dialect.ts), and a whole number carries no SQL.
 */
export function limitRows(n: number): Sql {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`limitRows: ${n} is not a whole number of rows`);
  return raw(`limit ${n}`);
}

/**
 * One page of a query's rows on DuckDB: `limit N offset M` for whole numbers the program has checked
 * (literals, as `limitRows`). Appended to a statement that ends with its ORDER BY, so the pages
 * follow that order.
 */
export function pageRows(page: { limit: number; offset: number }): Sql {
  const { limit, offset } = page;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`pageRows: ${offset} is not a whole number of rows`);
  limitRows(limit);
  return raw(`limit ${limit} offset ${offset}`);
}

/** `text` starts with `prefix`, spelled the same on DuckDB and ClickHouse (byte-wise: codes and ASCII). */
export function startsWith(text: Sql, prefix: SqlValue): Sql {
  return sql`substr(${text}, 1, length(${prefix})) = ${prefix}`;
}

/**
 * A NULL of a type, spelled so both engines run it: `cast(null as varchar)` fails on ClickHouse,
 * whose String is not nullable ("Cannot convert NULL to a non-nullable type"); `nullif` gives a
 * NULL of the nullable type there, and of the plain type on DuckDB.
 */
export function typedNull(type: 'varchar' | 'double'): Sql {
  return raw(type === 'varchar' ? `nullif(cast('' as varchar), '')` : 'nullif(cast(0 as double), cast(0 as double))');
}
