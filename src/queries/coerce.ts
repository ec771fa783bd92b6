/**
 * Query strings and command-line options are text; the read models' parameter schemas speak numbers, booleans and arrays.
 * `coerceQuery` reads a zod object schema's shape and converts each query value to the type its
 * field expects, so the same zod schema serves the library, the CLI and HTTP — without loosening
 * it with `z.coerce` (which would turn "abc" into NaN silently).
 *
 * Arrays accept `?a=1&a=2` and `?a=1,2`. Unknown keys, and other fields given more than once, are
 * reported by the caller.
 */
import type { z } from 'zod';

type AnyDef = { type: string; innerType?: unknown; in?: unknown; element?: unknown; options?: unknown[]; shape?: unknown };

function defOf(schema: unknown): AnyDef | undefined {
  const s = schema as { _zod?: { def?: AnyDef }; def?: AnyDef } | undefined;
  return s?._zod?.def ?? s?.def;
}

/** The base kind of a field: number, boolean, array (with its element), or text. */
export function fieldKind(schema: unknown, depth = 0): { kind: 'number' | 'boolean' | 'array' | 'text'; element?: unknown } {
  const def = defOf(schema);
  if (!def || depth > 10) return { kind: 'text' };
  switch (def.type) {
    case 'number':
    case 'int':
    case 'bigint':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      return { kind: 'array', element: def.element };
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return fieldKind(def.innerType, depth + 1);
    case 'pipe': {
      // z.preprocess(fn, z.array(…)) is a pipe from a transform to an array: still a list.
      const inner = fieldKind(def.in, depth + 1);
      if (inner.kind !== 'text') return inner;
      const out = fieldKind((def as { out?: unknown }).out, depth + 1);
      return out.kind === 'array' ? out : inner;
    }
    case 'union': {
      const kinds = (def.options ?? []).map((o) => fieldKind(o, depth + 1).kind);
      if (kinds.length && kinds.every((k) => k === 'number')) return { kind: 'number' };
      const arr = (def.options ?? []).find((o) => fieldKind(o, depth + 1).kind === 'array');
      if (arr) return fieldKind(arr, depth + 1);
      return { kind: 'text' };
    }
    default:
      return { kind: 'text' };
  }
}

function convert(value: string, kind: 'number' | 'boolean' | 'array' | 'text'): unknown {
  if (kind === 'number') {
    const t = value.trim();
    return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t) ? Number(t) : value;
  }
  if (kind === 'boolean') {
    if (value === 'true' || value === '1' || value === '') return true;
    if (value === 'false' || value === '0') return false;
    return value;
  }
  return value;
}

/** The shape of an object schema (also through optional/pipe wrappers), or undefined. */
export function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  const def = defOf(schema);
  if (!def) return undefined;
  if (def.type === 'object') {
    const s = schema as { shape?: Record<string, unknown> };
    return s.shape ?? (def.shape as Record<string, unknown>);
  }
  if (def.type === 'pipe') return shapeOf(def.in);
  if (def.innerType) return shapeOf(def.innerType);
  return undefined;
}

type FieldKinds = Record<string, { kind: ReturnType<typeof fieldKind>['kind']; elementKind: ReturnType<typeof fieldKind>['kind'] }>;
const NO_FIELDS: FieldKinds = {};
/** The kind of each field of a schema, read once per schema (the API converts every request's query with it). */
const kindsBySchema = new WeakMap<object, FieldKinds>();
function kindsOf(schema: z.ZodType): FieldKinds {
  let kinds = kindsBySchema.get(schema);
  if (!kinds) {
    kinds = {};
    for (const [key, field] of Object.entries(shapeOf(schema) ?? {})) {
      if (!field) continue;
      const { kind, element } = fieldKind(field);
      kinds[key] = { kind, elementKind: kind === 'array' ? fieldKind(element).kind : 'text' };
    }
    kindsBySchema.set(schema, kinds);
  }
  return kinds;
}

/**
 * A query string's values by name (`key → all values`, in the order sent). The record has no
 * prototype, so `__proto__` is a name like any other (a plain object would take it as its
 * prototype and drop it); a pair without a name is kept under ''.
 */
export function queryValues(params: URLSearchParams): Record<string, string[]> {
  const raw: Record<string, string[]> = Object.create(null);
  for (const [key, value] of params) (raw[key] ??= []).push(value);
  return raw;
}

/**
 * Converts raw query values (`key → all values`) to the types of `schema`'s fields.
 * Keys not in the schema are returned in `unknown`; a field that takes one value but was given
 * several, in `repeated` (its values kept whole, for the message).
 */
export function coerceQuery(
  schema: z.ZodType | undefined,
  raw: Record<string, string[]>,
  ignore: readonly string[] = [],
): { value: Record<string, unknown>; unknown: string[]; repeated: { key: string; values: string[] }[] } {
  const kinds = schema ? kindsOf(schema) : NO_FIELDS;
  const value: Record<string, unknown> = {};
  const unknown: string[] = [];
  const repeated: { key: string; values: string[] }[] = [];
  for (const [key, values] of Object.entries(raw)) {
    if (ignore.includes(key)) continue;
    // Own keys only: `constructor` or `toString` is no parameter, though every object inherits one.
    const field = Object.hasOwn(kinds, key) ? kinds[key] : undefined;
    if (!field) {
      unknown.push(key);
      continue;
    }
    const { kind, elementKind: ek } = field;
    if (kind !== 'array' && values.length > 1) repeated.push({ key, values });
    if (kind === 'array') {
      value[key] = values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter((v) => v !== '')
        .map((v) => convert(v, ek));
    } else {
      value[key] = convert(values[values.length - 1] ?? '', kind);
    }
  }
  return { value, unknown, repeated };
}
