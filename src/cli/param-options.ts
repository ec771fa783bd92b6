/**
 * Command-line flags generated from a read model's zod parameter schema, so that a parameter, its
 * description and its default are declared once (in queries/) and the CLI, like the API's query
 * schema and its OpenAPI entry, follows it. `--min-size` is the field `minSize`; an enum's values
 * are listed as `a | b | c` (which option-checks.ts then enforces); a default is shown in the help
 * and applied by the schema itself, not by commander, so both edges apply the same one. A flag's
 * placeholder says what it takes (`--top <n>`, `--exporter <iso3>`, `--markets <iso3,…>`): a field's
 * own `.meta({ placeholder })` where it sets one, else read from its type and name (`placeholderOf`).
 *
 * @example
 *   paramOptions(cmd, marketFinderParams, ['exporter', 'product', 'year', ...dataKeys]);
 *   const p = paramValues(marketFinderParams, opts, skip);   // text values, parsed by the read model
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { LanternError } from '../errors.ts';
import { fieldKind, type ReadModel, shapeOf, spanWords } from '../queries/index.ts';

type ZodDef = { type: string; innerType?: unknown; defaultValue?: unknown; entries?: Record<string, string> };

function defOf(schema: unknown): ZodDef | undefined {
  return (schema as { _zod?: { def?: ZodDef } })?._zod?.def;
}

/** The default of a field (through optional/default wrappers), or undefined. */
function defaultOf(schema: unknown): unknown {
  for (let s = schema, i = 0; s && i < 10; i++) {
    const def = defOf(s);
    if (!def) return undefined;
    if (def.type === 'default') return typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
    s = def.innerType;
  }
  return undefined;
}

/** The values of an enum field, or undefined. */
function enumValues(schema: unknown): string[] | undefined {
  for (let s = schema, i = 0; s && i < 10; i++) {
    const def = defOf(s);
    if (!def) return undefined;
    if (def.type === 'enum' && def.entries) return Object.values(def.entries);
    s = def.innerType;
  }
  return undefined;
}

/** The flag of a field: `minSize` and `as_of` are `--min-size` and `--as-of`. */
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/_/g, '-');

/** Where commander keeps a field's flag value: `--as-of` as `asOf` (the field itself for camelCase names). */
const attribute = (key: string) => kebab(key).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Whether a number field takes only integers (through optional/default wrappers). */
function isInteger(schema: unknown): boolean {
  for (let s = schema, i = 0; s && i < 10; i++) {
    if (typeof (s as { isInt?: unknown }).isInt === 'boolean') return (s as { isInt: boolean }).isInt;
    s = defOf(s)?.innerType;
  }
  return false;
}

/** A placeholder set on the field (or a schema it wraps) with `.meta({ placeholder: 'code' })`. */
function declaredPlaceholder(schema: unknown): string | undefined {
  for (let s = schema, i = 0; s && i < 10; i++) {
    const meta = z.globalRegistry.get(s as z.ZodType) as { placeholder?: unknown } | undefined;
    if (typeof meta?.placeholder === 'string') return meta.placeholder;
    s = defOf(s)?.innerType;
  }
  return undefined;
}

/** Fields that name a country or market by its ISO alpha-3 code. */
const countryKeys = /^(country|countries|exporter|importer|reporter|partner|market|markets|iso3)$/;

/**
 * What a flag takes, for its `<placeholder>`: the field's declared placeholder; else an enum's
 * values when short (`<desc|asc>`); a year (`<year>`); a count or another number (`<n>`,
 * `<number>`); a country code (`<iso3>`, a list `<iso3,…>`); an HS code or basket (`<code>`);
 * otherwise the flag's own name (`--sort <sort>`, a list `--runs <run,…>`), never a bare `<value>`.
 */
export function placeholderOf(key: string, schema: unknown): string {
  const declared = declaredPlaceholder(schema);
  if (declared) return declared;
  const values = enumValues(schema);
  if (values && values.join('|').length <= 24) return values.join('|');
  const { kind } = fieldKind(schema);
  if (key === 'years') return 'span';
  if (key === 'year' || key === 'from' || key === 'to') return 'year';
  if (kind === 'number') return isInteger(schema) ? 'n' : 'number';
  const iso3 = countryKeys.test(key);
  if (kind === 'array') return `${iso3 ? 'iso3' : kebab(key).replace(/s$/, '')},…`;
  return iso3 ? 'iso3' : key === 'product' ? 'code' : kebab(key);
}

/** A field's description, also when set on a schema it wraps (`groupSchema.optional()`). */
function descriptionOf(schema: unknown): string | undefined {
  for (let s = schema, i = 0; s && i < 10; i++) {
    const text = (s as { description?: string }).description;
    if (text) return text;
    s = defOf(s)?.innerType;
  }
  return undefined;
}

/** The help line of a field: its description, its values when an enum, its default. */
function helpOf(key: string, schema: unknown): string {
  const text = descriptionOf(schema) ?? key;
  const values = enumValues(schema);
  const listed = values && !text.includes(' | ') ? `${text}: ${values.join(' | ')}` : text;
  const d = defaultOf(schema);
  return d === undefined ? listed : `${listed} (default: ${Array.isArray(d) ? d.join(',') : String(d)})`;
}

/** Adds one flag per field of `schema` but those in `skip`: `--kebab-name <placeholder>`, or a bare flag for a boolean. */
export function paramOptions(cmd: Command, schema: unknown, skip: readonly string[] = []): Command {
  for (const [key, field] of Object.entries(shapeOf(schema) ?? {})) {
    if (skip.includes(key)) continue;
    const flag = fieldKind(field).kind === 'boolean' ? `--${kebab(key)}` : `--${kebab(key)} <${placeholderOf(key, field)}>`;
    cmd.option(flag, helpOf(key, field));
  }
  return cmd;
}

/** The values typed for the generated flags, keyed as the schema's fields (absent ones left out). */
export function paramValues(schema: unknown, opts: Record<string, unknown>, skip: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(shapeOf(schema) ?? {})
      .filter((key) => !skip.includes(key) && opts[attribute(key)] !== undefined)
      .map((key) => [key, opts[attribute(key)]]),
  );
}

/**
 * The flags of a read model (queries/read-model.ts): `--year` and `--years` when it reads years
 * (default: the store's last years, filled in by `model.open`), then one per parameter but those in
 * `skip` (positional arguments, and the data flags `dataOptions` adds). A model that reads no
 * years may have a `year` parameter of its own (a filter): it is a flag like the others.
 */
export function modelOptions(cmd: Command, model: Pick<ReadModel, 'params' | 'years'>, skip: readonly string[] = []): Command {
  if (model.years) {
    const last = model.years.span === 1 ? 'the latest in the data' : `${spanWords(model.years.span)} of data`;
    cmd.option('--year <year>', model.years.field === 'year' ? `the year (default: ${last})` : 'one year');
    if (model.years.field === 'years') cmd.option('--years <span>', `a span, e.g. 2015-2023 (default: ${last})`);
  }
  return paramOptions(cmd, model.params, model.years ? [...skip, 'year', 'years'] : skip);
}

/** The values typed for a read model's flags, keyed as its question (`year`, `years` and its fields). */
export function modelValues(model: Pick<ReadModel, 'params' | 'years'>, opts: Record<string, unknown>, skip: readonly string[] = []): Record<string, unknown> {
  const years = model.years ? { year: opts.year, years: opts.years } : {};
  return Object.fromEntries(
    Object.entries({ ...years, ...paramValues(model.params, opts, model.years ? [...skip, 'year', 'years'] : skip) }).filter(([, v]) => v !== undefined),
  );
}

/**
 * Flags a command offers for some of its targets, given for one that does not take them
 * (`indicator value --window 3`, `registry list institutions --document x`): refused, naming who
 * takes each, as the API refuses a parameter its route lacks (they were ignored silently).
 * `offeredBy` maps a field to the targets that take it; `takes` is what `target` takes.
 */
export function refuseFlagsNotTaken(
  opts: Record<string, unknown>,
  offeredBy: Record<string, readonly string[]>,
  takes: readonly string[],
  target: string,
): void {
  const stray = Object.keys(offeredBy).filter((key) => opts[attribute(key)] !== undefined && !takes.includes(key));
  if (!stray.length) return;
  const flags = stray.map((key) => `--${kebab(key)}`);
  const own = takes.filter((key) => Object.hasOwn(offeredBy, key)).map((key) => `--${kebab(key)}`);
  throw new LanternError('invalid-argument', `${target} takes no ${flags.join(', ')}.`, stray.map((key, i) => ({
    field: flags[i],
    message: `not a parameter of ${target}`,
    found: String(opts[attribute(key)]),
    expected: own.length ? own.join(' | ') : `no ${flags[i]}`,
    hint: `leave it out: it is a parameter of ${offeredBy[key]!.join(', ')}`,
  })));
}
