/**
 * Country groups as a partner / market filter (`group=`), on the real EU27 wood sample imported
 * into a new store with nothing else: the API's figures for a group equal the independent sum of
 * the file over the group's members (read here from the shipped groups table through /groups).
 * A group of the user's own (setting `groups`, LANTERN_GROUPS: a folder laid out like
 * data/groups/sources), Belt-and-Road style, filters the same way; a folder without groups.csv or
 * reusing a bundled id is refused naming the setting.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/app.ts';
import { useOwnGroups } from '../../src/reference/index.ts';
import { captureCli } from '../cli.ts';
import { hasShared } from '../shared.ts';
import { type ImportedSample, importSample, type Row, WOOD } from '../support/comtrade-file.ts';

describe.skipIf(!hasShared(...WOOD))('country groups on the EU27 wood sample', () => {
  let sample: ImportedSample;
  let api: Api;
  let rows: Row[];
  const get = async (path: string) => (await api.app.request(`/api/v1${path}`)).json() as Promise<Record<string, any>>;

  beforeAll(async () => {
    sample = await importSample(WOOD, 'groups');
    api = sample.api;
    rows = sample.rows.filter((r) => r.flow === 'M');
  }, 300_000);
  afterAll(async () => {
    useOwnGroups(undefined);
    await sample?.close();
  });

  /** A folder of the user's own groups: groups.csv and one member file. */
  function ownGroups(name: string, id: string, members: string[]): string {
    const dir = join(sample.dir, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'groups.csv'),
      'id,name_en,name_zh,file,filter_column,filter_value,publisher,source_url,as_of,note\n' +
        `${id},Belt and Road partners (my list),“一带一路”合作伙伴（自定义）,bri.csv,,,Me,https://example.org/my-bri-list,2025-05-01,countries I count as partners\n`,
    );
    writeFileSync(join(dir, 'bri.csv'), `Code,Country\n${members.map((c) => `${c},${c}`).join('\n')}\n`);
    return dir;
  }

  /** Germany's imports of a year from `partners`, each report's codes counted once (no code under a present ancestor). */
  function germanyImports(year: number, partners: Set<string>): number {
    const mine = rows.filter((r) => r.rep === 'DEU' && r.year === year && partners.has(r.par));
    const present = new Set(mine.map((r) => `${r.par}|${r.code}`));
    return mine
      .filter((r) => ![2, 4].filter((n) => n < r.code.length).some((n) => present.has(`${r.par}|${r.code.slice(0, n)}`)))
      .reduce((s, r) => s + r.v, 0);
  }

  it('/groups lists each group with its source and date', async () => {
    const g = await get('/groups');
    const ids = g.rows.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['eu27', 'asean', 'wb-high', 'wb-upper-middle', 'wb-lower-middle', 'wb-low']));
    for (const r of g.rows) expect(r.source_url).toMatch(/^https:\/\//);
    const bad = await get('/groups/g77');
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).toContain('eu27');
  });

  it("country profile with group=wb-upper-middle: Germany's imports from the group's members, as the file sums them", async () => {
    const members = new Set<string>((await get('/groups/wb-upper-middle')).data.members);
    expect(members.has('CHN')).toBe(true);
    const p = await get('/profiles/country/DEU?group=wb-upper-middle');
    expect(p.ok, JSON.stringify(p).slice(0, 400)).toBe(true);
    const year = p.data.year as number;
    const expected = germanyImports(year, members);
    expect(expected).toBeGreaterThan(1e9);
    expect(p.data.headline.imports).toBeCloseTo(expected, -1);
    for (const r of p.data.partners) expect(members.has(r.partner), r.partner).toBe(true);
    expect(p.meta.provenance.note).toMatch(/partners: Upper middle income \(World Bank\)/);
    // The whole world is more.
    const all = await get('/profiles/country/DEU');
    expect(all.data.headline.imports).toBeGreaterThan(p.data.headline.imports);
  });

  it('market finder with group=asean keeps ASEAN markets only; compare with group= sums over the members', async () => {
    const m = await get('/markets?exporter=CHN&group=eu27');
    expect(m.ok, JSON.stringify(m).slice(0, 400)).toBe(true);
    const eu = new Set<string>((await get('/groups/eu27')).data.members);
    expect(m.rows.length).toBeGreaterThan(0);
    for (const r of m.rows) expect(eu.has(r.market), r.market).toBe(true);
    const none = await get('/markets?exporter=CHN&group=asean');
    expect(none.rows).toEqual([]);
    const c = await get('/compare?countries=CHN&indicator=value&group=eu27');
    expect(c.ok, JSON.stringify(c).slice(0, 400)).toBe(true);
    const year = Math.max(...c.rows.map((r: { year: number }) => r.year));
    const chn = c.rows.find((r: { year: number }) => r.year === year).value;
    // China's exports to EU members: their reports of imports from China (mirror), codes counted once per report.
    const reports = rows.filter((r) => r.par === 'CHN' && r.year === year && eu.has(r.rep));
    const present = new Set(reports.map((r) => `${r.rep}|${r.code}`));
    const expected = reports
      .filter((r) => ![2, 4].filter((n) => n < r.code.length).some((n) => present.has(`${r.rep}|${r.code.slice(0, n)}`)))
      .reduce((s, r) => s + r.v, 0);
    expect(chn).toBeCloseTo(expected, -1);
  });

  it('a group of your own (LANTERN_GROUPS), Belt-and-Road style: served by /groups/{id}, filters partners (and their concentration) as the file sums them', async () => {
    const members = ['BLR', 'CHN', 'CZE', 'HUN', 'POL', 'RUS', 'SRB', 'UKR'];
    useOwnGroups(ownGroups('mine', 'bri-mine', members));
    const g = await get('/groups/bri-mine');
    expect(g.data.members).toEqual(members);
    expect(g.data.name_zh).toBe('“一带一路”合作伙伴（自定义）');
    const p = await get('/profiles/country/DEU?group=bri-mine');
    expect(p.ok, JSON.stringify(p).slice(0, 400)).toBe(true);
    const expected = germanyImports(p.data.year as number, new Set(members));
    expect(expected).toBeGreaterThan(1e8);
    expect(p.data.headline.imports).toBeCloseTo(expected, -1);
    for (const r of p.data.partners) expect(members, r.partner).toContain(r.partner);
    // Concentration over the group's members: shares of their total, as the file gives them.
    const each = members.map((m) => germanyImports(p.data.year as number, new Set([m]))).filter((v) => v > 0);
    const hhi = each.reduce((s, v) => s + (v / expected) ** 2, 0);
    expect(p.data.concentration.imports.markets).toBe(each.length);
    expect(p.data.concentration.imports.hhi_partners).toBeCloseTo(hhi, 6);
    expect(p.data.concentration.imports.equivalent_partners).toBeLessThanOrEqual(each.length);
    // The catalog indicator with the members as a partner list (what the dashboard sends for a
    // group) filters before it sums, so its shares are of the members' total too.
    const year = p.data.year as number;
    const ind = await get(`/indicators/hhi-partners/values?country=DEU&side=import&partner=${members.join(',')}&from=${year}&to=${year}`);
    expect(ind.ok, JSON.stringify(ind).slice(0, 400)).toBe(true);
    const [row] = ind.rows as { hh: number; n: number }[];
    expect(row!.n).toBe(each.length);
    expect(row!.hh).toBeCloseTo(hhi, 6);
  });

  it('a groups folder without groups.csv, or reusing a bundled id, is refused naming the setting', async () => {
    const missing = await captureCli(['markets', '--exporter', 'CHN', '--group', 'bri-mine', '--db', join(sample.dir, 'none.duckdb')], {
      cwd: sample.dir,
      env: { LANTERN_GROUPS: join(sample.dir, 'no-such-folder') },
    });
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/groups/);
    expect(missing.err).toContain('groups.csv');
    expect(() => useOwnGroups(ownGroups('clash', 'eu27', ['DEU']))).toThrow(/bundled/);
  });
});
