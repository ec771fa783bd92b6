import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLanternError } from '../errors.ts';
import { repoRoot } from '../../test/shared.ts';
import { configEnv, configSchema, loadConfig, secretSettings } from './index.ts';

/** Every .ts file under a folder, tests excluded. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [p] : [];
  });
}

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('config', () => {
  it('applies defaults, then the environment, then flags', () => {
    expect(loadConfig({}, {})).toMatchObject({ db: 'lantern.duckdb', port: 4173, host: '127.0.0.1' });
    expect(loadConfig({}, { LANTERN_DB: 'x.duckdb', LANTERN_PORT: '9000' })).toMatchObject({ db: 'x.duckdb', port: 9000 });
    expect(loadConfig({ db: 'flag.duckdb' }, { LANTERN_DB: 'x.duckdb' }).db).toBe('flag.duckdb');
  });

  it('rejects a bad port with a message that says the fix', () => {
    expect(() => loadConfig({ port: 70000 }, {})).toThrow(/port number from 0 to 65535/);
  });

  it('documents every setting in README.md, with its environment variable', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    for (const key of Object.keys(configSchema.shape)) {
      expect(readme, `README.md should document setting ${key}`).toMatch(new RegExp(`\\| ${key} \\|`));
      const env = configEnv[key as keyof typeof configEnv];
      if (env) expect(readme).toContain(env);
      expect(configSchema.shape[key as keyof typeof configSchema.shape].description, `${key} needs a description`).toBeTruthy();
    }
  });

  it('reads the registry token, progress style, Comtrade key and ClickHouse settings from the environment', () => {
    const c = loadConfig(
      {},
      {
        LANTERN_TOKEN: 'lt_abc',
        LANTERN_PROGRESS: 'ndjson',
        COMTRADE_KEY: 'k123',
        LANTERN_CLICKHOUSE: 'http://127.0.0.1:8123',
        LANTERN_CLICKHOUSE_USER: 'lantern',
        LANTERN_CLICKHOUSE_PASSWORD: 'pw',
      },
    );
    expect(c).toMatchObject({
      token: 'lt_abc',
      progress: 'ndjson',
      comtradeKey: 'k123',
      clickhouse: 'http://127.0.0.1:8123',
      clickhouseUser: 'lantern',
      clickhousePassword: 'pw',
    });
    // unset or empty: no token (writes are refused later with a hint), progress drawn as a bar
    const unset = loadConfig({}, { LANTERN_TOKEN: '' });
    expect([unset.token, unset.progress]).toEqual([undefined, 'bar']);
    // a flag wins over the environment
    expect(loadConfig({ token: 'lt_flag' }, { LANTERN_TOKEN: 'lt_env' }).token).toBe('lt_flag');
  });

  it('reports a bad setting as invalid-config naming the setting and where it came from', () => {
    const e = thrown(() => loadConfig({}, { LANTERN_PROGRESS: 'json', LANTERN_PORT: 'eighty' }));
    expect(isLanternError(e) && e.code).toBe('invalid-config');
    const problems = isLanternError(e) ? e.problems : [];
    expect(problems.map((p) => [p.field, p.found, p.hint])).toEqual([
      // Named as the user set it: the environment variable, and the value as typed.
      ['LANTERN_PORT', 'eighty', 'set by the environment variable LANTERN_PORT; fix or unset it'],
      ['LANTERN_PROGRESS', 'json', 'set by the environment variable LANTERN_PROGRESS; fix or unset it'],
    ]);
    expect(problems[1]?.message).toBe('should be "bar" or "ndjson"');
  });

  it('never repeats a secret in an error', () => {
    const e = thrown(() => loadConfig({ comtradeKey: 12345 }, {}));
    expect(isLanternError(e) && e.problems[0]).toMatchObject({ field: '--comtrade-key', found: '(secret, not shown)' });
    expect(String(e)).not.toContain('12345');
    expect(secretSettings).toEqual(['token', 'comtradeKey', 'clickhousePassword']);
  });

  it('knows every environment variable the code reads (none is read around the config)', () => {
    const known = new Set(Object.values(configEnv));
    const read = new Map<string, string>();
    for (const file of sources(join(repoRoot, 'src'))) {
      const text = readFileSync(file, 'utf8');
      // process.env.NAME, env.NAME, env['NAME'] (effects.env, ctx.effects.env, …)
      for (const m of text.matchAll(/\benv(?:\.|\[['"])([A-Z][A-Z0-9_]*)\b/g))
        read.set(m[1] as string, relative(repoRoot, file));
    }
    const unknown = [...read].filter(([name]) => !known.has(name)).map(([n, f]) => `${n} (${f})`);
    expect(unknown, 'read these through loadConfig, with a setting in configSchema').toEqual([]);
    // and the test itself can see a direct read: this file's own pattern finds one in a sample
    expect('ctx.effects.env.LANTERN_SECRET'.match(/\benv(?:\.|\[['"])([A-Z][A-Z0-9_]*)\b/)?.[1]).toBe('LANTERN_SECRET');
  });
});
