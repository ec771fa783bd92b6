/**
 * The "world" of reported data: on a file with one reporter (the real Thai shrimp sample), world
 * shares and RCA divide by that reporter's own reports plus its partners' mirror figures, so they
 * read close to 100%. The figures must be exactly that (computed here from the file itself) and the
 * answer must say so in words — CLI notes, the API's meta, the country profile — while reconciled
 * data (BACI: every country) carries no such note.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/app.ts';
import { captureCli } from '../cli.ts';
import { hasShared, repoRoot } from '../shared.ts';
import { type ImportedSample, importSample, type Row, SHRIMP } from '../support/comtrade-file.ts';

const SCOPE = /world = the 1 reporter in this store \(THA\), not the world/;

describe.skipIf(!hasShared(...SHRIMP))('world shares on a one-reporter file (Thai shrimp sample)', () => {
  let sample: ImportedSample;
  let dir: string;
  let db: string;
  let rows: Row[];
  let api: Api;

  beforeAll(async () => {
    sample = await importSample(SHRIMP, 'world-scope');
    ({ dir, db, rows, api } = sample);
  }, 300_000);
  afterAll(async () => {
    await sample?.close();
  });

  /**
   * The file's own "world" exports of a year (and code, if given): Thailand's exports to every
   * partner but World, plus what Thailand imports from every other country (the mirror of their
   * exports to it; Thailand's imports from itself are no one's exports).
   */
  function fileWorld(year: number, code?: string): { tha: number; world: number } {
    const mine = rows.filter((r) => r.rep === 'THA' && r.year === year && (!code || r.code === code) && r.par !== 'W00');
    const tha = mine.filter((r) => r.flow === 'X').reduce((s, r) => s + r.v, 0);
    const mirror = mine.filter((r) => r.flow === 'M' && r.par !== 'THA').reduce((s, r) => s + r.v, 0);
    return { tha, world: tha + mirror };
  }

  it('world-share: the figure is THA ÷ (THA + its partners’ mirror exports), and the note says the world is one reporter', async () => {
    const want = fileWorld(2011, '030613');
    expect(want.tha / want.world).toBeGreaterThan(0.9); // what makes the note necessary
    const r = await captureCli(['indicator', 'world-share', '--country', 'THA', '--product', '030613', '--year', '2011', '--db', db, '--format', 'json'], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.rows[0].numerator).toBeCloseTo(want.tha, 0);
    expect(j.rows[0].denominator).toBeCloseTo(want.world, 0);
    expect(j.rows[0].value).toBeCloseTo(want.tha / want.world, 10);
    expect(j.notes.join(' ')).toMatch(SCOPE);
    expect(j.provenance.world.reporters).toBe(1);
    const table = await captureCli(['indicator', 'world-share', '--country', 'THA', '--product', '030613', '--year', '2011', '--db', db], { cwd: dir });
    expect(table.out + table.err).toMatch(SCOPE);
  });

  it('rca: x_w is the same one-reporter world over all products, and the note says so', async () => {
    const all = fileWorld(2011);
    const r = await captureCli(['indicator', 'rca', '--country', 'THA', '--product', '030613', '--year', '2011', '--db', db, '--format', 'json'], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.rows[0].x_i).toBeCloseTo(all.tha, 0);
    expect(j.rows[0].x_w).toBeCloseTo(all.world, 0);
    expect(j.notes.join(' ')).toMatch(SCOPE);
  });

  it('the country profile (API): the headline world share is the file’s, and meta says whose world it is', async () => {
    const res = await api.app.request('/api/v1/profiles/country/THA?from=2011&to=2011');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { headline: { worldShare: number } }; meta: { provenance: { world?: { reporters: number; note: string }; note?: string } } };
    const all = fileWorld(2011);
    expect(body.data.headline.worldShare).toBeCloseTo(all.tha / all.world, 10);
    expect(body.meta.provenance.world?.reporters).toBe(1);
    expect(body.meta.provenance.world?.note).toMatch(SCOPE);
    expect(body.meta.provenance.note).toMatch(SCOPE);
  });
});

describe('reconciled data has no such note (BACI: every country is in the data)', () => {
  it('world-share on a BACI release carries no world-scope note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-world-scope-'));
    const db = join(dir, 'baci.duckdb');
    try {
      const imp = await captureCli(['import', '--db', db, join(repoRoot, 'test', 'fixtures', 'baci', 'BACI_HS17_V202401.zip')], { cwd: dir });
      expect(imp.code, imp.err).toBe(0);
      const r = await captureCli(['indicator', 'world-share', '--country', 'CHN', '--year', '2019', '--db', db, '--format', 'json'], { cwd: dir });
      expect(r.code, r.err).toBe(0);
      const j = JSON.parse(r.out);
      expect(j.rows.length).toBeGreaterThan(0);
      expect(j.provenance.world).toBeUndefined();
      expect(j.notes.join(' ')).not.toMatch(/world = the/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
