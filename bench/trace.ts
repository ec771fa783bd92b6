/**
 * Statement traces for the import benchmark: every statement the DuckDB connection runs is timed
 * (wall and CPU of the whole process, user + system of every thread), so a `lantern import` can be
 * read statement by statement (`npm run bench:import -- --trace`). Work between statements (the
 * file's sha256 in Node, the commit) shows as the gaps.
 */
import { DuckDBConnection } from '@duckdb/node-api';
import { performance } from 'node:perf_hooks';

export interface Traced {
  /** The statement's first words, spaces folded. */
  text: string;
  ms: number;
  cpuMs: number;
}

/**
 * Prints DuckDB's `EXPLAIN ANALYZE` of a statement's query (an `insert into T …`'s SELECT) on the
 * same connection with the same parameters, so inside the import's transaction, where it sees the
 * run's uncommitted rows as the statement does. The statement itself then runs as usual.
 */
async function explainAnalyze(connection: DuckDBConnection, a: unknown[]): Promise<void> {
  const text = String(a[0]);
  const query = text.replace(/^\s*insert\s+into\s+\S+(\s*\([^)]*\))?\s+/i, '');
  const reader = await connection.runAndReadAll(`explain analyze ${query}`, ...(a.slice(1) as []));
  console.log(`--- explain analyze: ${text.replace(/\s+/g, ' ').trim().slice(0, 160)}`);
  for (const row of reader.getRows()) console.log(String(row[1]));
}

/**
 * Times every `run` and `runAndReadAll` of every DuckDB connection from now on; resolves the list
 * they fill. With `explain`, each statement whose text holds it is first run as `EXPLAIN ANALYZE`
 * (its plan printed; not timed).
 */
export function traceStatements(opts: { explain?: string } = {}): Traced[] {
  const out: Traced[] = [];
  const proto = DuckDBConnection.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  let depth = 0; // runAndReadAll runs through run: one entry per statement
  for (const name of ['run', 'runAndReadAll'] as const) {
    const original = proto[name] as (...a: unknown[]) => Promise<unknown>;
    proto[name] = async function (this: unknown, ...a: unknown[]) {
      if (depth > 0) return original.apply(this, a);
      depth++;
      if (opts.explain && String(a[0]).includes(opts.explain)) {
        try {
          await explainAnalyze(this as DuckDBConnection, a);
        } catch (e) {
          console.log(`--- explain analyze failed: ${(e as Error).message.split('\n')[0]}`);
        }
      }
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      try {
        return await original.apply(this, a);
      } finally {
        depth--;
        const c = process.cpuUsage(c0);
        out.push({ text: String(a[0]).replace(/\s+/g, ' ').trim().slice(0, 110), ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 });
      }
    };
  }
  return out;
}

/** The traced statements of at least `minMs` CPU, in order, with the sum of those left out. */
export function printTrace(list: Traced[], minMs = 20): void {
  let restMs = 0;
  let restCpu = 0;
  for (const s of list) {
    if (s.cpuMs < minMs && s.ms < minMs) {
      restMs += s.ms;
      restCpu += s.cpuMs;
      continue;
    }
    console.log(`${(s.cpuMs / 1000).toFixed(3).padStart(7)} s cpu ${(s.ms / 1000).toFixed(3).padStart(7)} s wall  ${s.text}`);
  }
  console.log(`${(restCpu / 1000).toFixed(3).padStart(7)} s cpu ${(restMs / 1000).toFixed(3).padStart(7)} s wall  (${list.filter((s) => s.cpuMs < minMs && s.ms < minMs).length} smaller statements)`);
}
