/**
 * What an indicator is: a catalog entry with its labels (English and Chinese), unit, formula and a
 * zod parameter schema, and a pure compiler from parameters to SQL for a dialect.
 *
 * Invariant: `build` and `compile` do no I/O. They read only their arguments, so the generated SQL is
 * pinned by golden files and unit-tested without a database.
 */
import type { z } from 'zod';
import { LanternError, type Problem } from '../errors.ts';
import { type Dialect, render, type RenderedSql, type Sql } from '../store/index.ts';
import type { Perspective } from './params.ts';

export interface Labels {
  en: string;
  zh: string;
}

export type Unit =
  | 'usd'
  | 'ratio'
  | 'percent'
  | 'index'
  | 'count'
  | 'usd-per-unit'
  | 'log-points'
  | 'per-year';

/** One output column besides the keys (year, country, partner, product). */
export interface OutputColumn {
  key: string;
  unit?: Unit;
  description: string;
}

export interface IndicatorDef<S extends z.ZodType = z.ZodType> {
  id: string;
  label: Labels;
  unit: Unit;
  description: Labels;
  /** The formula in LaTeX, as in INDICATORS.md. */
  formula: string;
  /** The definition page, docs/indicators/<id>.md (formula, worked example, references). */
  source: string;
  params: S;
  /** Perspectives the indicator applies to: mirror gaps need reported data, for instance. */
  perspectives: readonly Perspective[];
  /** Key columns of each row, in order. */
  keys: readonly ('year' | 'country' | 'partner' | 'product')[];
  /** The columns besides the keys; `value` is always first. */
  columns: readonly OutputColumn[];
  /** Parameters of a representative call: golden files and documentation use it. */
  example: z.input<S>;
  /** A caveat users must read (e.g. "ITC-consistent, not ITC-identical"). */
  note?: Labels;
  /**
   * Its denominator sums every country of the data (the "world" of world shares, RCA, complexity).
   * On reported data that world is only the store's reporters and their partners' mirror figures:
   * the answer says so (queries/resolve.ts `worldScope`).
   */
  world?: true;
  /** The SQL fragment for validated parameters. Pure. */
  build(params: z.infer<S>, dialect: Dialect): Sql;
  /**
   * Optional pure TypeScript step over the rows the SQL returned, for what SQL cannot do (the
   * eigenvectors of economic complexity). Whoever runs `build` must pass its rows through this;
   * `finishRows` does it.
   */
  finish?(rows: Record<string, unknown>[], params: z.infer<S>): Record<string, unknown>[];
  /** Validates raw parameters and renders the SQL for a dialect: `{ text, params }`. Pure. */
  compile(params: z.input<S>, dialect: Dialect): RenderedSql;
}

/**
 * zod issues → one LanternError listing every problem with its field, what it accepts (the allowed
 * values, the bound, the type) and a fix: the parameter's own description when the schema has one
 * (`.describe(…)`: what the value is, often with an example), else what to give instead.
 */
export function paramsError(error: z.ZodError, what: string, input?: unknown, schema?: z.ZodType): LanternError {
  const problems: Problem[] = error.issues.map((i) => {
    const field = i.path.join('.') || undefined;
    const value = field && input && typeof input === 'object' ? (input as Record<string, unknown>)[String(i.path[0])] : undefined;
    const expected = expectedOf(i);
    const described = field ? descriptionOf(schema, String(i.path[0])) : undefined;
    return {
      field,
      message: plainMessage(i, value, expected),
      ...(expected ? { expected } : {}),
      ...(value !== undefined ? { found: typeof value === 'string' ? value : JSON.stringify(value) } : {}),
      hint: !field
        ? `check the parameters of the ${what} together (the message says which disagree)`
        : described
          ? `correct ${field}: ${described}`
          : expected
            ? `correct ${field} to ${expected}`
            : `correct ${field}, or leave it out for its default`,
    };
  });
  return new LanternError('invalid-argument', `Invalid parameters for ${what}.`, problems);
}

/**
 * zod's own wording ("Invalid input: expected string, received undefined", "Too small: expected
 * number to be >0") said plainly; a schema's own message is kept. The expected value is shown beside it.
 */
export function plainMessage(i: z.core.$ZodIssue, value: unknown, expected: string | undefined): string {
  if (!/^(Invalid input|Invalid option|Too small|Too big)\b/.test(i.message)) return i.message;
  switch (i.code) {
    case 'invalid_type':
      return value === undefined ? 'missing: it is required' : `not ${expected ?? `a ${i.expected}`}`;
    case 'invalid_value':
      return 'not one of the accepted values';
    case 'too_small':
    case 'too_big':
      return expected ? `should be ${expected}` : i.message;
    default:
      return i.message;
  }
}

/** What a zod issue says the value should be: the allowed values, a bound, a type. */
export function expectedOf(i: z.core.$ZodIssue): string | undefined {
  switch (i.code) {
    case 'invalid_value':
      return i.values.map(String).join(' | ');
    case 'too_small':
      if (i.origin === 'string' && Number(i.minimum) === 1) return 'a value that is not empty';
      if (i.origin === 'array' || i.origin === 'set') return `at least ${i.minimum} item${Number(i.minimum) === 1 ? '' : 's'}`;
      return i.origin === 'string' ? `at least ${i.minimum} characters` : `a number ${i.inclusive ? '≥' : '>'} ${i.minimum}`;
    case 'too_big':
      if (i.origin === 'array' || i.origin === 'set') return `at most ${i.maximum} items`;
      return i.origin === 'string' ? `at most ${i.maximum} characters` : `a number ${i.inclusive ? '≤' : '<'} ${i.maximum}`;
    case 'invalid_type':
      return i.expected === 'int' ? 'a whole number' : `a ${i.expected}`;
    default:
      return undefined;
  }
}

/** The `.describe(…)` text of an object schema's parameter (through its default/optional wrappers). */
function descriptionOf(schema: z.ZodType | undefined, key: string): string | undefined {
  let s = (schema as { shape?: Record<string, z.ZodType> } | undefined)?.shape?.[key];
  for (let depth = 0; s && depth < 4; depth++) {
    if (s.description) return s.description;
    s = (s as unknown as { _zod: { def: { innerType?: z.ZodType } } })._zod.def.innerType;
  }
  return undefined;
}

/** Parses raw parameters with a schema; throws a LanternError naming every bad field. */
export function parseParams<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw paramsError(r.error, what, input, schema);
  return r.data;
}

/** The rows of an indicator's query after its `finish` step (the rows unchanged when it has none). */
export function finishRows<S extends z.ZodType>(
  def: Pick<IndicatorDef<S>, 'finish'>,
  rows: Record<string, unknown>[],
  params: z.infer<S>,
): Record<string, unknown>[] {
  return def.finish ? def.finish(rows, params) : rows;
}

/** Completes a definition with `compile` = parse, build, render. */
export function defineIndicator<S extends z.ZodType>(def: Omit<IndicatorDef<S>, 'compile'>): IndicatorDef<S> {
  return {
    ...def,
    compile(input, dialect) {
      return render(def.build(parseParams(def.params, input, `indicator ${def.id}`), dialect), dialect);
    },
  };
}
