/**
 * The soft-power composite on a hand-computed three-country example (docs/indicators/soft-power.md):
 *
 *   exports 2020 (HS2007 970110, FCS core): CHN 300, USA 100, JPN 180 (thousand US$)
 *     minmax → CHN 1, USA 0, JPN (180 − 100) / 200 = 0.4
 *   students (a user series): CHN 10, USA 60, JPN 30
 *     minmax → CHN 0, USA 1, JPN (30 − 10) / 50 = 0.4
 *   weights exports=1, students=3 → CHN 0.25, USA 0.75, JPN 0.4 → ranks USA 1, JPN 2, CHN 3.
 *
 * Sensitivity: with two components a draw is (w, 1 − w), w uniform; CHN = w, USA = 1 − w, JPN = 0.4.
 * w > 0.6: CHN 1, USA 3, JPN 2; 0.4 < w < 0.6: USA and CHN above 0.4, JPN 3; w < 0.4: USA 1, JPN 2,
 * CHN 3. So CHN and USA range 1–3, JPN 2–3 (rank 3 with probability 0.2: p5 2, p95 3).
 * A published index ranking USA 1, JPN 2, CHN 3 agrees exactly: ρ = 1.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../cli.ts';
import { normalise, rankSensitivity } from '../../src/queries/soft-power-math.ts';
import { repoRoot } from '../shared.ts';

let dir: string;
let db: string;
const cli = (...args: string[]) => captureCli([...args, '--db', db], { cwd: dir });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-softpower-'));
  db = join(dir, 's.duckdb');
  writeFileSync(join(dir, 'BACI_HS07_Y2020_V202401.csv'), 't,i,j,k,v,q\n2020,156,842,970110,300,1\n2020,842,392,970110,100,1\n2020,392,156,970110,180,1\n');
  writeFileSync(join(dir, 'students.csv'), 'country,value\nCHN,10\nUSA,60\nJPN,30\n');
  writeFileSync(join(dir, 'index.csv'), 'country,rank\nUSA,1\nJPN,2\nCHN,3\n');
  const imp = await cli('import', join(dir, 'BACI_HS07_Y2020_V202401.csv'));
  expect(imp.code, imp.err).toBe(0);
});

describe('soft-power composite', () => {
  it('normalises, weights and ranks as computed by hand, with the rank ranges and ρ', async () => {
    const r = await cli('softpower', '--year', '2020', '--components', 'exports,students', '--weights', 'exports=1,students=3', '--series', 'students=students.csv', '--published', 'index.csv', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    const row = (c: string) => out.rows.find((x: { country: string }) => x.country === c);
    expect(out.rows.map((x: { country: string; rank: number }) => [x.country, x.rank])).toEqual([['USA', 1], ['JPN', 2], ['CHN', 3]]);
    expect(row('CHN').score).toBeCloseTo(0.25, 12);
    expect(row('USA').score).toBeCloseTo(0.75, 12);
    expect(row('JPN').score).toBeCloseTo(0.4, 12);
    expect(row('JPN').components.exports).toEqual({ raw: 180000, normalised: expect.closeTo(0.4, 12) });
    expect(row('JPN').components.students).toEqual({ raw: 30, normalised: expect.closeTo(0.4, 12) });
    expect([row('CHN').rank_min, row('CHN').rank_max]).toEqual([1, 3]);
    expect([row('USA').rank_min, row('USA').rank_max]).toEqual([1, 3]);
    expect([row('JPN').rank_min, row('JPN').rank_max, row('JPN').rank_p5, row('JPN').rank_p95]).toEqual([2, 3, 2, 3]);
    expect(out.comparison).toMatchObject({ rho: 1, n: 3, name: 'index.csv' });
    // provenance of each component
    const exp = out.components.find((c: { id: string }) => c.id === 'exports');
    expect(exp.provenance).toMatchObject({ kind: 'trade', runs: [1] });
    expect(out.components.find((c: { id: string }) => c.id === 'students').provenance).toMatchObject({ kind: 'user', source: 'students.csv' });
  });

  // With exports alone the composite ranks CHN 1 (300), JPN 2 (180), USA 3 (100).
  it('a published index given as ranks under another column name (published_rank) or as scores is read the right way round', async () => {
    const rho = async (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      const r = await cli('softpower', '--year', '2020', '--components', 'exports', '--published', name, '--format', 'json');
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out).comparison.rho as number;
    };
    expect(await rho('pub-rank.csv', 'country,published_rank\nCHN,1\nJPN,2\nUSA,3\n')).toBe(1);
    expect(await rho('pub-rank-rev.csv', 'country,published_rank\nCHN,3\nJPN,2\nUSA,1\n')).toBe(-1);
    expect(await rho('pub-score.csv', 'iso3,score\nCHN,91.5\nJPN,50\nUSA,10\n')).toBe(1);
    expect(await rho('pub-score-2024.csv', 'country,score_2024\nCHN,10\nJPN,50\nUSA,91.5\n')).toBe(-1);
    // The API: ranks by default, scores with publishedKind=score.
    const { openStore } = await import('../../src/store/db.ts');
    const { createApi } = await import('../../src/api/app.ts');
    const store = await openStore({ path: db, readOnly: true });
    try {
      const api = await createApi({ store, log: () => {} });
      const apiRho = async (q: string) => {
        const res = await api.app.request(`/api/v1/softpower?year=2020&components=exports&${q}`);
        const body = (await res.json()) as { data: { comparison: { rho: number } } };
        expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(200);
        return body.data.comparison.rho;
      };
      expect(await apiRho('published=CHN:1,JPN:2,USA:3')).toBe(1);
      expect(await apiRho('published=CHN:91.5,JPN:50,USA:10&publishedKind=score')).toBe(1);
      expect(await apiRho('published=CHN:91.5,JPN:50,USA:10')).toBe(-1);
      // The definition page, as /indicators/{id} gives an indicator's: the file's text, split in its sections.
      const def = (await (await api.app.request('/api/v1/softpower/definition')).json()) as { data: { definition_markdown: string; definition_sections: Record<string, string> } };
      expect(def.data.definition_markdown).toBe(readFileSync(join(repoRoot, 'docs', 'indicators', 'soft-power.md'), 'utf8'));
      expect(Object.keys(def.data.definition_sections)).toEqual(expect.arrayContaining(['Definition', 'Worked example', 'References']));
    } finally {
      await store.close();
    }
  });

  it('the same seed gives the same ranges; registry components held by no country ranked are left out with a note', async () => {
    const a = JSON.parse((await cli('softpower', '--year', '2020', '--seed', 's1', '--draws', '300', '--format', 'json')).out);
    const b = JSON.parse((await cli('softpower', '--year', '2020', '--seed', 's1', '--draws', '300', '--format', 'json')).out);
    expect(a.rows).toEqual(b.rows);
    expect(a.components.find((c: { id: string }) => c.id === 'centres')).toMatchObject({ used: false });
    expect(a.notes.join(' ')).toContain('centres left out');
  });

  it('rejects bad weights, an unknown component and a bad series file with clear errors', async () => {
    const w = await cli('softpower', '--year', '2020', '--weights', 'exports:2');
    expect(w.code).not.toBe(0);
    expect(w.err).toContain('weights');
    const u = await cli('softpower', '--year', '2020', '--components', 'charm');
    expect(u.err).toContain('charm');
    writeFileSync(join(dir, 'bad.csv'), 'country,value\nCHINA,1\nUSA,x\n');
    const s = await cli('softpower', '--year', '2020', '--series', 'x=bad.csv');
    expect(s.code).not.toBe(0);
    expect(s.err).toMatch(/line 2|:2/);
  });

  it('math: rank normalisation and the sensitivity of a dominated country', () => {
    expect([...normalise(new Map([['A', 5], ['B', 1], ['C', 3]]), 'rank')!]).toEqual([['A', 1], ['B', 0], ['C', 0.5]]);
    expect(normalise(new Map([['A', 2], ['B', 2]]), 'minmax')).toBeUndefined();
    // C is last on both components: its rank is 3 whatever the weights
    const n = new Map([['x', new Map([['A', 1], ['B', 0.5], ['C', 0]])], ['y', new Map([['A', 0], ['B', 1], ['C', 0]])]]);
    const s = rankSensitivity(n, { x: 1, y: 1 }, ['A', 'B', 'C'], { draws: 200, seed: 't' });
    expect(s.get('C')).toEqual({ min: 3, max: 3, p5: 3, p95: 3 });
  });
});
