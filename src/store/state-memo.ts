/**
 * Values that depend only on what the store holds (the HS editions loaded, a nomenclature's names),
 * computed once per store state instead of once per request.
 *
 * A DuckDB store counts its changes (`DuckDBStore.version`: every write statement, transaction,
 * appender, and the file given back after another process had it); a value is kept with the
 * version it was computed at and used while the version stays. Single-flight: callers asking while
 * it is computed share the one computation. A value computed while a write lands is not kept. On a
 * store that does not count its changes (ClickHouse: other processes write to it) every call
 * computes.
 */
import { isDuckDBStore, type Store } from './db.ts';

interface Kept {
  version: number;
  value: Promise<unknown>;
}

const memos = new WeakMap<Store, Map<string, Kept>>();
/** Values kept per store, at most (keys may carry a user's parameter: a source name). */
const MAX_KEPT = 256;

/** `compute()`'s value for `key` on `store`, computed once per store state. */
export function memoByState<T>(store: Store, key: string, compute: () => Promise<T>): Promise<T> {
  if (!isDuckDBStore(store)) return compute();
  let kept = memos.get(store);
  if (!kept) memos.set(store, (kept = new Map()));
  const version = store.version;
  const hit = kept.get(key);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  const value = compute();
  const entry: Kept = { version, value };
  kept.delete(key);
  kept.set(key, entry);
  if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value as string); // the oldest
  const forget = () => {
    if (kept.get(key) === entry) kept.delete(key);
  };
  // A failure is not kept; nor is a value whose computation a write overlapped.
  value.then(() => {
    if (store.version !== version) forget();
  }, forget);
  return value;
}
