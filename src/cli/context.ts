/**
 * What every CLI command is handed: the side effects (so tests run silent and repeatable), the
 * config from global flags and the environment, a store opened for the duration of the command,
 * and printing of listings (through output.ts, the one printer).
 */
import type { Command } from 'commander';
import type { Config } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { checkFormat, type Column, printRows } from './output.ts';
import { type OnProgress, progressBar } from './progress.ts';

export interface CliEffects {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  now: () => Date;
  /** The real stderr stream when it is a terminal: progress bars draw there. */
  tty?: NodeJS.WriteStream;
  /** Standard input when something is piped in (`-` as a file argument reads it); absent on a terminal. */
  stdin?: NodeJS.ReadableStream;
}

export interface CliContext {
  effects: CliEffects;
  config(cmd: Command): Config;
  /**
   * Opens the store named by --store / LANTERN_STORE (a ClickHouse cluster) or else --db /
   * LANTERN_DB (a DuckDB file), runs `fn`, and closes it whatever happens. When `lantern serve` has
   * the file open, borrows it from the server meanwhile (lease.ts).
   */
  withStore<T>(cmd: Command, fn: (store: Store) => Promise<T>, opts?: { readOnly?: boolean; fileOnly?: boolean }): Promise<T>;
  /**
   * Prints rows honouring --format (table|json|ndjson|csv) and --out. `wire`: the read model's
   * rows as the API sends them; JSON and NDJSON print those whole (so `--format json` and the API's
   * answer are the same objects), while `rows` and `columns` shape the table and CSV.
   */
  print(cmd: Command, rows: readonly object[], columns?: Column[], wire?: readonly object[]): void;
  /** A progress callback drawing a bar on a terminal; call `stop` when done. */
  progress(): { onProgress: OnProgress; stop: () => void };
}

/** The context of a command about to run (its config schema is imported here: help never needs it). */
export async function createContext(effects: CliEffects): Promise<CliContext> {
  const { loadConfig } = await import('../config/index.ts');
  const config = (cmd: Command) => {
    const o = cmd.optsWithGlobals();
    return loadConfig({ db: o.db, store: o.store, port: o.port, host: o.host }, effects.env);
  };
  return {
    effects,
    config,
    async withStore(cmd, fn, opts = {}) {
      checkFormat(cmd);
      // Imported here, not above: `lantern --help` and argument errors never load DuckDB.
      const [{ isClusterLocation, openStoreAt }, { prepareStore }, { leaseFromServer }] = await Promise.all([
        import('../store/index.ts'),
        import('../setup.ts'),
        import('./lease.ts'),
      ]);
      // `fileOnly`: the command reads the DuckDB file whatever --store says (cluster push copies it).
      const location = opts.fileOnly ? { ...config(cmd), store: undefined } : config(cmd);
      // A cluster has no file to borrow from a running server: every process talks to it over HTTP.
      const lease = isClusterLocation(location)
        ? undefined
        : await leaseFromServer(location.db, (line) => effects.stderr(`${line}
`));
      try {
        const store = await openStoreAt(location, { readOnly: opts.readOnly });
        try {
          const bar = progressBar(effects.tty);
          await prepareStore(store, { onProgress: bar.onProgress }).finally(bar.stop);
          return await fn(store);
        } finally {
          await store.close();
        }
      } finally {
        lease?.end();
      }
    },
    print: (cmd, rows, columns, wire) => printRows(cmd, effects, rows, columns, wire),
    progress: () => progressBar(effects.tty),
  };
}
