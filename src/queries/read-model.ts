/**
 * Read-model descriptors: what the CLI and the API need to know about a read model, declared once
 * beside it, as indicators/catalog.ts declares an indicator. A descriptor names the model, its
 * parameters (a zod schema with descriptions and defaults, which the API's query schema and its
 * OpenAPI entry, and the CLI's flags, are generated from), how many of the store's last years it
 * reads when none are asked, how it runs, and how its answer is flattened and described.
 *
 * Invariant: `open` is the one entry both edges call. It fills in the years a question leaves out
 * through `openScope` (scope.ts), so the same question gets the same answer — the wire type of
 * src/contract.ts — at both edges (test/integration/cli-api-agree.test.ts).
 *
 * @example
 *   const d = await countryProfileModel.open(store, { country: 'CHN', from: 2019 });
 *   countryProfileModel.rows(d);        // the flat rows of CSV / NDJSON / Parquet
 */
import { z } from 'zod';
import type { ApiProvenance } from '../contract.ts';
import type { Store } from '../store/index.ts';
import { yearsSchema } from './common.ts';
import { openScope, type YearsAsked } from './scope.ts';

/**
 * A read model as the edges see it. `P` is its zod parameter schema, `D` the wire type it returns,
 * `X` what it takes beside its parameters that is not text (the soft-power composite's series read
 * from the CLI's files): absent at the API.
 */
export interface ReadModel<P extends z.ZodObject = z.ZodObject, D = unknown, X = undefined> {
  /** Kebab-case name, e.g. `country-profile`. */
  id: string;
  /** One line: what the model answers (the route's summary, the command's description). */
  summary: string;
  /** Its parameters, with descriptions and defaults; text values are accepted (query strings, flags). */
  params: P;
  /**
   * How many of the store's last years of trade it reads when the question gives none
   * (`defaultSpans` in scope.ts), and the field that takes them: `years` ("2015-2023") or `year`.
   * Absent for a model that reads no years.
   */
  years?: { span: number; field: 'years' | 'year' };
  /** Runs the model on parameters whose years are given. */
  run(store: Store, params: z.input<P>, extra?: X): Promise<D>;
  /** The answer as flat rows (CSV, NDJSON, Parquet: `lantern … --format csv`, the route's `.csv`). */
  rows(d: D): Record<string, unknown>[];
  /** Where the answer's numbers come from, as the API's `meta.provenance` carries it. */
  provenance(d: D): ApiProvenance;
  /**
   * The answer is a list (the country list, the import runs): the API sends it as `rows` (paged)
   * and no `data`; `lantern … --format json` prints the list.
   */
  rowsOnly?: boolean;
  /** The answer's own list, sent as the API's `rows` (paged) beside `data`; absent: no `rows`. */
  list?(d: D): readonly object[];
  /** Other tables of the answer, for the API's `.csv?table=NAME`. */
  tables?(d: D): Record<string, readonly object[]>;
  /** Runs the model on a question as asked: its parameters, with years (`year`, `years`, `from`, `to`) optional. */
  open(store: Store, asked: Record<string, unknown>, extra?: X): Promise<D>;
}

/** A descriptor without `open`, which `readModel` derives from `run` and `years`. */
export type ReadModelSpec<P extends z.ZodObject, D, X = undefined> = Omit<ReadModel<P, D, X>, 'open'>;

/** Completes a descriptor: `open` fills in the years left out (openScope) and runs it. */
export function readModel<P extends z.ZodObject, D, X = undefined>(spec: ReadModelSpec<P, D, X>): ReadModel<P, D, X> {
  return {
    ...spec,
    async open(store, asked, extra) {
      // A model that reads no years may have `from` / `to` parameters of its own (the registry's timeline).
      if (!spec.years) return spec.run(store, asked as z.input<P>, extra);
      const { from: _from, to: _to, ...rest } = asked;
      const opened = await openScope(store, asked as YearsAsked, spec.years.span);
      const given = spec.years.field === 'years' ? opened.years : opened.to;
      if (spec.years.field === 'years') delete rest.year;
      return spec.run(store, { ...rest, [spec.years.field]: given } as z.input<P>, extra);
    },
  };
}

const yearField = z.number().int().min(1900).max(2100);

/** How a default span reads in help: "the last year", "the last 10 years", "every year". */
export function spanWords(span: number): string {
  return span === 1 ? 'the last year' : Number.isFinite(span) ? `the last ${span} years` : 'every year';
}

/**
 * The question a model takes at the edges: its parameters with the years optional (the store's last
 * `span` years when none are given), and `from` / `to` as the other way to give a span; less the
 * fields in `omit` (those the API takes in its path). The API's query schema is built from it.
 */
export function askedSchema(model: Pick<ReadModel, 'params' | 'years'>, omit: readonly string[] = []): z.ZodObject {
  const params = z.object(Object.fromEntries(Object.entries(model.params.shape).filter(([key]) => !omit.includes(key))));
  if (!model.years) return params;
  const all = `${spanWords(model.years.span)} in the store`;
  return params.extend({
    [model.years.field]: (model.years.field === 'years' ? yearsSchema : yearField)
      .optional()
      .describe(model.years.field === 'years' ? `a year or a span, e.g. 2015-2023 (default: ${all})` : `the year (default: ${all})`),
    from: yearField.optional().describe('first year (alternative to years)'),
    to: yearField.optional().describe('last year (alternative to years)'),
  });
}
