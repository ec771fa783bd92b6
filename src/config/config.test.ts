import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/shared.ts';
import { configEnv, configSchema, loadConfig } from './index.ts';

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
});
