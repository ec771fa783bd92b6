import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, verbOf } from './main.ts';

function capture(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    effects: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), env, cwd: '.', now: () => new Date('2026-01-01') },
  };
}

describe('lantern CLI', () => {
  it('prints help listing the commands', async () => {
    const c = capture();
    expect(await runCli(['--help'], c.effects)).toBe(0);
    expect(c.out.join('')).toContain('status');
  });

  it('groups the verbs of --help by task, in the order of the manifest', async () => {
    const c = capture();
    expect(await runCli(['--help'], c.effects)).toBe(0);
    const help = c.out.join('');
    const { commandGroups } = await import('./commands/index.ts');
    const at = commandGroups.map((g) => help.indexOf(`\n${g.heading}\n`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Within a group, the manifest's order rather than the alphabet: import before datasets.
    expect(help.indexOf('\n  import ')).toBeLessThan(help.indexOf('\n  datasets '));
    expect(help.indexOf('\n  import ')).toBeGreaterThan(at[0]!);
    // `fetch reference` is attached to `fetch` without waiting for other modules.
    const fetchHelp = capture();
    expect(await runCli(['fetch', '--help'], fetchHelp.effects)).toBe(0);
    expect(fetchHelp.out.join('')).toMatch(/comtrade[\s\S]*reference/);
  });

  it('lists every command module of the folder in the manifest exactly once', async () => {
    const { readdirSync } = await import('node:fs');
    const { commandModules } = await import('./commands/index.ts');
    const onDisk = readdirSync(new URL('./commands/', import.meta.url))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect([...commandModules()].sort()).toEqual(onDisk);
  });

  it('lists the store tables as JSON on an in-memory store', async () => {
    const c = capture();
    expect(await runCli(['status', '--db', ':memory:', '--format', 'json'], c.effects)).toBe(0);
    const status = JSON.parse(c.out.join('')) as { tables: { name: string }[] };
    expect(status.tables.map((t) => t.name)).toContain('trade_flows');
  });

  it('takes the store from LANTERN_DB', async () => {
    const c = capture({ LANTERN_DB: ':memory:' });
    expect(await runCli(['status', '--format', 'csv'], c.effects)).toBe(0);
    expect(c.out.join('').split('\n')[0]).toBe('table_name,kind,rows');
  });

  it('rejects an unknown format with one clear line and a non-zero exit', async () => {
    const c = capture();
    expect(await runCli(['status', '--db', ':memory:', '--format', 'xml'], c.effects)).toBe(1);
    expect(c.err.join('')).toMatch(/invalid-argument.*Unknown output format "xml"/s);
  });

  it('refuses a wrong --format before it opens (or creates) the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-cli-args-'));
    try {
      const db = join(dir, 'new.duckdb');
      for (const argv of [
        ['status', '--db', db, '--format', 'xml'],
        ['indicator', 'rca', '--db', db, '--year', '2020', '--format', 'xml'],
      ]) {
        const c = capture();
        expect(await runCli(argv, c.effects)).toBe(1);
        expect(c.err.join('')).toMatch(/Unknown output format "xml"/);
        expect(existsSync(db)).toBe(false);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad numbers and missing files before it opens (or creates) the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-cli-args-'));
    try {
      const db = join(dir, 'new.duckdb');
      const cases: [string[], RegExp][] = [
        [['import', join(dir, 'typo.csv')], /not-found.*No such file: .*typo\.csv/s],
        [['claims', 'check', join(dir, 'missing.txt')], /not-found.*No such file: .*missing\.txt/s],
        [['indicator', 'export-potential', '--window', 'five'], /--window: "five" is not a positive whole number/],
        [['markets', '--exporter', 'CHN', '--product', '950510', '--min-size', 'lots'], /--min-size: "lots" is not a number/],
        [['markets', '--exporter', 'CHN', '--product', '950510', '--ease-floor', '1e'], /--ease-floor: "1e" is not a number/],
        [['demo', '--rows', '0'], /--rows: "0" is not a positive whole number/],
      ];
      for (const [argv, message] of cases) {
        const c = capture();
        expect(await runCli(['--db', db, ...argv], c.effects), argv.join(' ')).toBe(1);
        expect(c.err.join(''), argv.join(' ')).toMatch(message);
        expect(existsSync(db), argv.join(' ')).toBe(false);
      }
      // A good number still passes the edge (and the command then opens the store).
      const ok = capture();
      expect(await runCli(['--db', ':memory:', 'markets', '--exporter', 'CHN', '--product', '950510', '--min-size', '1.5e6'], ok.effects)).toBe(1);
      expect(ok.err.join('')).not.toMatch(/--min-size/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds the verb past global options and `help`', () => {
    expect(verbOf(['--db', 'x.duckdb', 'import', 'f.csv'])).toBe('import');
    expect(verbOf(['--debug', 'help', 'markets'])).toBe('markets');
    expect(verbOf(['--version'])).toBeUndefined();
  });
});
