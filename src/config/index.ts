/**
 * Configuration: a loose spec (flags, environment) normalised into a strict one, with the defaults
 * and the description of every setting in one place. A test checks that each setting is
 * documented in README.md.
 */
import { z } from 'zod';

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
});

export type Config = z.infer<typeof configSchema>;

/** Environment variable for each setting that has one. */
export const configEnv: Partial<Record<keyof Config, string>> = {
  db: 'LANTERN_DB',
  port: 'LANTERN_PORT',
  host: 'LANTERN_HOST',
  sharedData: 'LANTERN_SHARED_DATA',
};

/** Builds the strict config: flags win over the environment, which wins over defaults. */
export function loadConfig(
  flags: Partial<Record<keyof Config, unknown>> = {},
  env: Record<string, string | undefined> = process.env,
): Config {
  const loose: Record<string, unknown> = {};
  for (const key of Object.keys(configSchema.shape) as (keyof Config)[]) {
    const fromEnv = configEnv[key] ? env[configEnv[key]!] : undefined;
    const value = flags[key] ?? (fromEnv === '' ? undefined : fromEnv);
    if (value !== undefined) loose[key] = value;
  }
  return configSchema.parse(loose);
}
