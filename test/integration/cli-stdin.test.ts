/**
 * `-` as standard input for the commands that read files: `lantern import -` (a BACI file piped in,
 * named with --name) and `lantern claims extract|check -`. The same bytes read from the file and from
 * standard input give the same rows and the same claims.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureCli } from '../cli.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const baci = join(root, 'test', 'fixtures', 'baci', 'BACI_HS17_Y2019_V202401.csv');
const news = join(root, 'test', 'fixtures', 'claims', 'news.md');

describe('- reads standard input', () => {
  it('lantern import - --name FILE imports what is piped in, recorded under that name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-stdin-'));
    const db = join(dir, 's.duckdb');
    const text = readFileSync(baci, 'utf8');
    const r = await captureCli(['import', '-', '--name', 'BACI_HS17_Y2019_V202401.csv', '--db', db, '--output', 'json'], { cwd: dir, stdin: text });
    expect(r.code, r.err).toBe(0);
    const [s] = JSON.parse(r.out) as { file: string; rows: number; release: string; format: string }[];
    // rows and value summed from the file's text, outside Lantern
    const lines = text.trim().split('\n').slice(1);
    expect(s).toMatchObject({ file: 'BACI_HS17_Y2019_V202401.csv', rows: lines.length, release: 'V202401', format: 'baci-csv' });
    const ind = await captureCli(['indicator', 'value', '--exporter', 'CHN', '--year', '2019', '--db', db, '--format', 'json'], { cwd: dir });
    const chn = lines.map((l) => l.split(',')).filter((f) => f[1] === '156').reduce((sum, f) => sum + Number(f[4]) * 1000, 0);
    expect((JSON.parse(ind.out).rows as { value: number }[])[0]?.value).toBeCloseTo(chn, 6);
    // the same file again from disk is the same import
    const again = await captureCli(['import', baci, '--db', db, '--output', 'json'], { cwd: dir });
    expect(JSON.parse(again.out)[0].status).toBe('unchanged');
  });

  it('refuses - with nothing piped in, and - twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-stdin-'));
    const none = await captureCli(['import', '-', '--db', join(dir, 's.duckdb')], { cwd: dir });
    expect(none.code).not.toBe(0);
    expect(none.err).toContain('nothing is piped in');
    const twice = await captureCli(['claims', 'extract', '-', '-'], { cwd: dir, stdin: 'x' });
    expect(twice.code).not.toBe(0);
    expect(twice.err).toContain('once');
  });

  it('lantern claims extract - finds the same claims as the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-stdin-'));
    const fromFile = await captureCli(['claims', 'extract', news, '--format', 'json'], { cwd: dir });
    const fromStdin = await captureCli(['claims', 'extract', '-', '--name', 'news.md', '--format', 'json'], { cwd: dir, stdin: readFileSync(news) });
    expect(fromStdin.code, fromStdin.err).toBe(0);
    const pick = (out: string) => (JSON.parse(out) as { text: string; value: number }[]).map((c) => [c.text, c.value]);
    expect(pick(fromStdin.out)).toEqual(pick(fromFile.out));
    expect(pick(fromFile.out).length).toBeGreaterThan(2);
  });
});
