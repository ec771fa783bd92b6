/** `lantern import`, `lantern datasets` and `lantern countries` through `runCli` (effects captured). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { captureCli } from '../cli.ts';
import { repoRoot } from '../shared.ts';

const fixture = (...p: string[]) => join(repoRoot, 'test', 'fixtures', ...p);

const cli = (args: string[]) => captureCli(args, { cwd: repoRoot, now: new Date('2026-11-23T12:00:00Z') });

describe('lantern import / datasets / countries', () => {
  it('imports, says so on a second run, lists the runs in every format', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'lantern-cli-')), 'store.duckdb');
    const a = await cli([
      'import',
      '--db',
      db,
      fixture('baci', 'BACI_HS17_V202401.zip'),
      fixture('comtrade-legacy', 'comtrade_legacy_22.csv'),
      '--output',
      'json',
    ]);
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    const summary = JSON.parse(a.out) as {
      file: string;
      format: string;
      run: number;
      status: string;
      rows: number;
      years: string;
    }[];
    expect(summary.map((s) => [s.file, s.format, s.status, s.rows, s.years])).toEqual([
      ['BACI_HS17_V202401.zip', 'baci-zip', 'imported', 7, '2019–2020'],
      ['comtrade_legacy_22.csv', 'comtrade-legacy-csv', 'imported', 6, '1989–2015'],
    ]);
    const b = await cli(['import', '--db', db, fixture('baci', 'BACI_HS17_V202401.zip')]);
    expect(b.code).toBe(0);
    expect(b.out).toContain(`already imported as run ${summary[0]?.run}`);

    const csv = await cli(['datasets', '--db', db, '--format', 'csv']);
    const rows = parse(csv.out, { columns: true }) as Record<string, string>[];
    expect(
      rows.map((r) => [r.id, r.source, r.format, r.release, r.file, r.rows, r.years, r.reporters]),
    ).toEqual([
      [
        String(summary[0]?.run),
        'baci',
        'baci-zip',
        'V202401',
        'BACI_HS17_V202401.zip',
        '7',
        '2019–2020',
        '6',
      ],
      [
        String(summary[1]?.run),
        'comtrade',
        'comtrade-legacy-csv',
        '',
        'comtrade_legacy_22.csv',
        '6',
        '1989–2015',
        '5',
      ],
    ]);
    expect(rows[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const table = await cli(['datasets', '--db', db]);
    expect(table.out).toContain('BACI_HS17_V202401.zip');
    const nd = await cli(['datasets', '--db', db, '--format', 'ndjson']);
    expect(nd.out.trim().split('\n')).toHaveLength(2);
  });

  it('bad input: exit code 1 and one clear message, nothing written', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'lantern-cli-')), 'store.duckdb');
    const r = await cli(['import', '--db', db, fixture('bad', 'non_numeric.csv')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error [bad-rows]: non_numeric.csv: 2 rows cannot be imported');
    expect(r.err).toContain('non_numeric.csv:2 column primaryValue');
    const d = await cli(['datasets', '--db', db, '--format', 'json']);
    expect(JSON.parse(d.out)).toEqual([]);
    const f = await cli(['import', '--db', db, '--format', 'nonsense', fixture('bad', 'non_numeric.csv')]);
    expect(f.code).toBe(1);
    expect(f.err).toContain('Unknown format "nonsense"');
  });

  it('countries: search, kinds, BACI and Comtrade codes', async () => {
    const r = await cli(['countries', '--search', 'taiwan', '--format', 'json']);
    expect(JSON.parse(r.out)).toEqual([
      expect.objectContaining({
        iso3: 'TWN',
        baci: expect.stringContaining('490'),
        comtrade: expect.stringContaining('490'),
      }),
    ]);
    const areas = await cli(['countries', '--kind', 'area', '--format', 'json']);
    const list = JSON.parse(areas.out) as { iso3: string; kind: string }[];
    expect(list.every((c) => c.kind === 'area')).toBe(true);
    expect(list.map((c) => c.iso3)).toContain('X899');
  });
});
