/**
 * Differences between two JSON answers of the same question on two engines (DuckDB, ClickHouse):
 * numbers to 1e-9 relative (sums in another order), times to the second (ClickHouse 18.16's
 * DateTime keeps whole seconds), and the keys that record how an answer was computed left out.
 */
/** Keys of an answer that record how it was computed rather than what it is. */
const HOW_KEYS = new Set(['sql', 'totals', 'basketRows']);

/** Differences between two JSON values, numbers to 1e-9 relative; paths as `data.rows[3].value`. */
export function differences(actual: unknown, expected: unknown, path = ''): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(Math.abs(expected), Math.abs(actual), 1e-300);
    return Math.abs(actual - expected) / scale > 1e-9 ? [`${path}: ${actual} ≠ ${expected}`] : [];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: not an array`];
    if (actual.length !== expected.length) return [`${path}.length: ${actual.length} ≠ ${expected.length}`];
    return expected.flatMap((e, i) => differences(actual[i], e, `${path}[${i}]`));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return [`${path}: ${JSON.stringify(actual)?.slice(0, 200)} is not an object`];
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)].filter((k) => !HOW_KEYS.has(k)));
    return [...keys].flatMap((k) =>
      differences((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], path ? `${path}.${k}` : k),
    );
  }
  // Times to the second: ClickHouse 18.16's DateTime keeps whole seconds (DateTime64 came in 20.1).
  const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
  if (typeof actual === 'string' && typeof expected === 'string' && iso.test(actual) && iso.test(expected))
    return actual.slice(0, 19) === expected.slice(0, 19) ? [] : [`${path}: ${actual} ≠ ${expected}`];
  return JSON.stringify(actual) === JSON.stringify(expected)
    ? []
    : [`${path}: ${JSON.stringify(actual)?.slice(0, 300)} ≠ ${JSON.stringify(expected)?.slice(0, 300)}`];
}

