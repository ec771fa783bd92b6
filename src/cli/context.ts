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

/** The user's own country groups (setting `groups`), beside the bundled ones, for this process. */
export async function useConfiguredGroups(config: Pick<Config, 'groups'>): Promise<void> {
  if (config.groups) (await import('../reference/index.ts')).useOwnGroups(config.groups);
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
      const [{ isClickHouseStore, isClusterLocation, openStoreAt }, { prepareStore }, { leaseFromServer }] = await Promise.all([
        import('../store/index.ts'),
        import('../setup.ts'),
        import('./lease.ts'),
      ]);
      // `fileOnly`: the command reads the DuckDB file whatever --store says (cluster push copies it).
      const location = opts.fileOnly ? { ...config(cmd), store: undefined } : config(cmd);
      await useConfiguredGroups(location);
      // A cluster has no file to borrow from a running server: every process talks to it over HTTP.
      const lease = isClusterLocation(location)
        ? undefined
        : await leaseFromServer(location.db, (line) => effects.stderr(`${line}
`));
      try {
        const store = await openStoreAt(location, { readOnly: opts.readOnly });
        // A cluster is written by imports (and `cluster push`) only: any other command's write is
        // refused, naming the command and the way round (store/clickhouse.ts refuseWrites).
        if (isClickHouseStore(store) && !CLUSTER_WRITERS.has(commandPath(cmd))) {
          store.refuseWrites(`\`lantern ${commandPath(cmd)}\``);
          // Commands that always write are refused before they read anything (a token check, a file).
          if (WRITE_COMMANDS.has(commandPath(cmd))) store.checkWritable();
        }
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

/** Commands that write to a ClickHouse store (the import appends runs; store/clickhouse/append.ts). */
const CLUSTER_WRITERS = new Set(['import']);

/** Commands that always write to the store: on a cluster they are refused as soon as it opens. */
const WRITE_COMMANDS = new Set([
  'registry add',
  'registry update',
  'registry remove',
  'registry import',
  'token create',
  'token revoke',
  'official load',
  'basket add',
  'basket remove',
  'population load',
  'reference load',
]);

/** `registry add` for the command `lantern registry add`. */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
