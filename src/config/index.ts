/**
 * Configuration: a loose spec (flags, environment) normalised into a strict one, with the defaults
 * and the description of every setting in one place. Secrets (the registry token, the Comtrade key,
 * the ClickHouse password) come from the environment or a flag, never from a file in the repository.
 * Tests check that each setting is documented in README.md and that every environment variable the
 * code reads is a setting here.
 */
import { z } from 'zod';
import { LanternError } from '../errors.ts';

export const configSchema = z.object({
  db: z
    .string()
    .min(1)
    .default('lantern.duckdb')
    .describe('Path of the DuckDB store file (created on first run). Env: LANTERN_DB. Flag: --db.'),
  port: z.coerce
    .number()
    .int()
    .min(0, 'should be a port number from 0 to 65535')
    .max(65535, 'should be a port number from 0 to 65535')
    .default(4173)
    .describe('Port of `lantern serve`. Env: LANTERN_PORT. Flag: --port.'),
  host: z
    .string()
    .default('127.0.0.1')
    .describe('Address `lantern serve` listens on (loopback by default). Env: LANTERN_HOST.'),
  sharedData: z
    .string()
    .optional()
    .describe('A folder laid out like shared/data (countries/, classifications/, hs_concordance/ …) to load reference data from. Env: LANTERN_SHARED_DATA.'),
  groups: z
    .string()
    .optional()
    .describe('A folder of your own country groups, laid out like data/groups/sources (groups.csv naming each group, its source and date, and the member files it names); they are offered beside the bundled groups by every command, the API and the dashboard. Env: LANTERN_GROUPS.'),
  token: z
    .string()
    .optional()
    .describe('Registry write token (secret), from `lantern token create`. Env: LANTERN_TOKEN. Flag: --token.'),
  progress: z
    .enum(['bar', 'ndjson'], { message: 'should be "bar" or "ndjson"' })
    .default('bar')
    .describe('How `lantern import` reports progress: a bar on a terminal, or "ndjson" JSON lines on stderr for programs. Env: LANTERN_PROGRESS.'),
  maxBodyBytes: z.coerce
    .number({ message: 'should be a number of bytes' })
    .int('should be a whole number of bytes')
    .min(1024, 'should be at least 1024 bytes')
    .default(1024 * 1024)
    .describe('Largest request body `lantern serve` accepts, in bytes (default 1 MiB); larger writes get 413 too-large. Env: LANTERN_MAX_BODY_BYTES.'),
  readConnections: z.coerce
    .number({ message: 'should be a number of connections' })
    .int('should be a whole number of connections')
    .min(0, 'should be 0 or more')
    .max(32, 'should be at most 32')
    .default(4)
    .describe('Connections `lantern serve` reads the DuckDB store on besides its main one (default 4; 0: every query on the main connection, one at a time). Env: LANTERN_READ_CONNECTIONS.'),
  heavyReads: z.coerce
    .number({ message: 'should be a number of statements' })
    .int('should be a whole number of statements')
    .min(1, 'should be at least 1')
    .max(32, 'should be at most 32')
    .optional()
    .describe(
      'Heavy statements (indicators, profiles, market finder) `lantern serve` runs at once; DuckDB then gets the cores left besides them, less one kept for light reads (default: from the cores, 1 on 2 cores). Env: LANTERN_HEAVY_READS.',
    ),
  threadNice: z.coerce
    .number({ message: 'should be a nice value from 0 to 19' })
    .int('should be a whole number from 0 to 19')
    .min(0, 'should be 0 (off) or more')
    .max(19, 'should be at most 19')
    .default(0)
    .describe(
      "On Linux, the priority (nice value) `lantern serve` gives its threads other than the event loop, DuckDB's statements among them: cheap answers stop waiting for a core behind heavy statements, and heavy answers yield to every other process of the machine (default 0: off; 10 measured in bench/RESULTS.md). Env: LANTERN_THREAD_NICE.",
    ),
  maxClaimTextBytes: z.coerce
    .number({ message: 'should be a number of bytes' })
    .int('should be a whole number of bytes')
    .min(1024, 'should be at least 1024 bytes')
    .default(2 * 1024 * 1024)
    .describe('Largest document `lantern claims check` reads, in bytes (default 2 MiB). Env: LANTERN_MAX_CLAIM_TEXT_BYTES.'),
  maxUnpackedBytes: z.coerce
    .number({ message: 'should be a number of bytes' })
    .int('should be a whole number of bytes')
    .min(1024 * 1024, 'should be at least 1 MiB')
    .default(8 * 1024 ** 3)
    .describe('Largest uncompressed size of a zip or gzip file `lantern import` unpacks, in bytes (default 8 GiB). Env: LANTERN_MAX_UNPACKED_BYTES.'),
  maxUnpackRatio: z.coerce
    .number({ message: 'should be a number' })
    .min(2, 'should be at least 2')
    .default(200)
    .describe('Largest ratio of uncompressed to compressed size of a zip or gzip file `lantern import` unpacks (default 200; real trade files compress about 10:1). Env: LANTERN_MAX_UNPACK_RATIO.'),
  clusterLockWaitMs: z.coerce
    .number({ message: 'should be a number of milliseconds' })
    .int('should be a whole number of milliseconds')
    .min(0, 'should be 0 or more')
    .default(30 * 60_000)
    .describe('How long an import or `cluster push` on a ClickHouse store waits for another writer to release the write lock, in milliseconds (default 30 minutes; 0 gives up at once). Env: LANTERN_CLUSTER_LOCK_WAIT_MS.'),
  comtradeKey: z
    .string()
    .min(1)
    .optional()
    .describe('UN Comtrade API subscription key (secret) for `lantern fetch comtrade`. Env: COMTRADE_KEY. Flag: --token.'),
  store: z
    .string()
    .optional()
    .describe('Run on a ClickHouse cluster instead of the DuckDB file: clickhouse://HOST:PORT[,HOST:PORT…]/DATABASE[?cluster=NAME] (HTTP ports, one per shard; fill it with `lantern cluster push`). Env: LANTERN_STORE. Flag: --store.'),
  clickhouse: z
    .string()
    .optional()
    .describe('ClickHouse HTTP URL(s), comma-separated, one per shard, for `lantern cluster`. Env: LANTERN_CLICKHOUSE. Flag: --clickhouse.'),
  clickhouseUser: z
    .string()
    .optional()
    .describe('ClickHouse user for `lantern cluster` and --store. Env: LANTERN_CLICKHOUSE_USER.'),
  clickhousePassword: z
    .string()
    .optional()
    .describe('ClickHouse password (secret) for `lantern cluster` and --store. Env: LANTERN_CLICKHOUSE_PASSWORD.'),
});

export type Config = z.infer<typeof configSchema>;

/** Environment variable for each setting that has one. */
export const configEnv: Partial<Record<keyof Config, string>> = {
  db: 'LANTERN_DB',
  port: 'LANTERN_PORT',
  host: 'LANTERN_HOST',
  sharedData: 'LANTERN_SHARED_DATA',
  groups: 'LANTERN_GROUPS',
  token: 'LANTERN_TOKEN',
  progress: 'LANTERN_PROGRESS',
  maxBodyBytes: 'LANTERN_MAX_BODY_BYTES',
  readConnections: 'LANTERN_READ_CONNECTIONS',
  heavyReads: 'LANTERN_HEAVY_READS',
  threadNice: 'LANTERN_THREAD_NICE',
  maxClaimTextBytes: 'LANTERN_MAX_CLAIM_TEXT_BYTES',
  maxUnpackedBytes: 'LANTERN_MAX_UNPACKED_BYTES',
  maxUnpackRatio: 'LANTERN_MAX_UNPACK_RATIO',
  clusterLockWaitMs: 'LANTERN_CLUSTER_LOCK_WAIT_MS',
  comtradeKey: 'COMTRADE_KEY',
  store: 'LANTERN_STORE',
  clickhouse: 'LANTERN_CLICKHOUSE',
  clickhouseUser: 'LANTERN_CLICKHOUSE_USER',
  clickhousePassword: 'LANTERN_CLICKHOUSE_PASSWORD',
};

/** The settings that are secrets: never printed, never written to a file by Lantern. */
export const secretSettings: readonly (keyof Config)[] = ['token', 'comtradeKey', 'clickhousePassword'];

/**
 * Builds the strict config: flags win over the environment, which wins over defaults. A bad value
 * is a LanternError 'invalid-config' naming the setting, where it came from, and the fix; a
 * secret's value is never repeated in the message.
 *
 * @example loadConfig({ db: 'x.duckdb' }, process.env).port // 4173 unless LANTERN_PORT says otherwise
 */
export function loadConfig(
  flags: Partial<Record<keyof Config, unknown>> = {},
  env: Record<string, string | undefined> = process.env,
): Config {
  const loose: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape) as (keyof Config)[]) {
    const name = configEnv[key];
    const fromEnv = name ? env[name] : undefined;
    if (flags[key] !== undefined) {
      loose[key] = flags[key];
      origin[key] = 'flag';
    } else if (fromEnv !== undefined && fromEnv !== '') {
      loose[key] = fromEnv;
      origin[key] = `environment variable ${name}`;
    }
  }
  const parsed = configSchema.safeParse(loose);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '') as keyof Config;
    const secret = secretSettings.includes(key);
    const value = loose[key];
    return {
      // Named as the user set it: the flag as typed, or the environment variable.
      field: origin[key] === 'flag' ? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : (configEnv[key] ?? key),
      message: /received NaN/.test(issue.message) ? 'not a number' : issue.message,
      found: secret ? '(secret, not shown)' : typeof value === 'string' ? value : JSON.stringify(value),
      expected: configSchema.shape[key]?.description,
      hint: `set by the ${origin[key] ?? 'default'}; fix or unset it`,
    };
  });
  throw new LanternError(
    'invalid-config',
    `Invalid configuration: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`,
    problems,
  );
}
