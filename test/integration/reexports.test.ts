/**
 * Re-exports as a flow (issue 15): Comtrade's re-export (RX) and re-import (RM) rows are stored by
 * the import and read with `flow=reexport` (API), `--flow reexport` (CLI), each as its reporter
 * reports it; `/status` says whether the store has any.
 *
 * The fixture is hand-made in the real Comtrade Plus CSV layout (test/fixtures/comtrade-reexports,
 * README there): Hong Kong and Singapore report exports, imports, re-exports and re-imports; Hong
 * Kong's 2022 re-exports to the US hold a heading (9701) and one of its subheadings (970110) in one
 * report, so counting each flow once matters. Every expected figure is summed here from the file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { openStore } from '../../src/store/index.ts';
import { captureCli } from '../cli.ts';
import { dedupedSum, rowsOf } from '../support/comtrade-file.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const FILE = join(FIXTURES, 'comtrade-reexports', 'reexports_hs_2021_2022.csv');
/** Goods rows with exports and imports only (X, M), beside services rows. */
const NO_RX = join(FIXTURES, 'comtrade-services', 'services_ebops2010_2021_2022.csv');
const rows = rowsOf(readFileSync(FILE, 'utf8'));

const dir = mkdtempSync(join(tmpdir(), 'lantern-reexports-'));
const db = join(dir, 'rx.duckdb');
const dbPlain = join(dir, 'plain.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(store: string, ...args: string[]) {
  const r = await captureCli([...args, '--db', store], { cwd: dir });
  return r;
}

async function api(store: string, path: string) {
  const s = await openStore({ path: store, readOnly: true });
  try {
    const { app } = await createApi({ store: s, log: () => {} });
    const res = await app.request(`/api/v1${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  } finally {
    await s.close();
  }
}

/** A reporter's own figures of one flow in a year, each report's codes counted once. */
const reported = (rep: string, flow: string, year: number) => dedupedSum(rows, (r) => r.rep === rep && r.flow === flow && r.year === year);

beforeAll(async () => {
  for (const [store, file] of [
    [db, FILE],
    [dbPlain, NO_RX],
  ] as const) {
    const r = await cli(store, 'import', file);
    expect(r.code, r.err).toBe(0);
  }
}, 120_000);

describe('re-exports of a Comtrade file', () => {
  it('the fixture holds re-exports the count-once rule matters for', () => {
    // 9701 (5000) holds 970110 (3000) in one report: a plain sum would say 9500.
    expect(reported('HKG', 'RX', 2022)).toBe(6500);
    expect(rows.filter((r) => r.rep === 'HKG' && r.flow === 'RX' && r.year === 2022).reduce((s, r) => s + r.v, 0)).toBe(9500);
  });

  it('/status says the store has re-exports; a store of exports and imports has none', async () => {
    expect((await api(db, '/status')).body.data.trade.reexports).toBe(true);
    expect((await api(dbPlain, '/status')).body.data.trade.reexports).toBe(false);
  });

  it('the country profile with flow=reexport: re-exports and re-imports as reported, equal to the file', async () => {
    for (const year of [2021, 2022]) {
      const { status, body } = await api(db, `/profiles/country/HKG?years=${year}&flow=reexport`);
      expect(status, JSON.stringify(body)).toBe(200);
      const t = body.data.trend.find((x: { year: number }) => x.year === year);
      expect(t.exports).toBeCloseTo(reported('HKG', 'RX', year), 6);
      expect(t.imports).toBeCloseTo(reported('HKG', 'RM', year), 6);
      const src = body.data.totals.rows.find((x: { year: number }) => x.year === year);
      expect(src.exports_source).toBe('reporter');
      expect(body.meta.provenance.note).toMatch(/reported \(reporter view\)/);
      expect(body.meta.provenance.note).toMatch(/re-exports \(flow RX\) and re-imports \(RM\)/);
    }
    // Partners of the re-exports: the file's own sums per partner.
    const { body } = await api(db, '/profiles/country/HKG?years=2022&flow=reexport');
    for (const par of ['USA', 'CHN', 'JPN']) {
      const p = body.data.partners.find((x: { partner: string }) => x.partner === par);
      expect(p?.exports, par).toBeCloseTo(dedupedSum(rows, (r) => r.rep === 'HKG' && r.par === par && r.flow === 'RX' && r.year === 2022), 6);
    }
  });

  it('without flow the same profile reads exports and imports (Trade Map view), not the re-exports', async () => {
    const { body } = await api(db, '/profiles/country/HKG?years=2022');
    const t = body.data.trend.find((x: { year: number }) => x.year === 2022);
    expect(t.exports).toBeCloseTo(reported('HKG', 'X', 2022), 6);
    expect(t.imports).toBeCloseTo(reported('HKG', 'M', 2022), 6);
    expect(t.exports).not.toBeCloseTo(reported('HKG', 'RX', 2022), 6);
  });

  it('the value indicator and the CLI give the same re-export totals', async () => {
    const { body } = await api(db, '/indicators/value/values?country=HKG,SGP&from=2022&flow=reexport');
    const byCountry = new Map(body.rows.map((r: { country: string; value: number }) => [r.country, r.value]));
    expect(byCountry.get('HKG')).toBeCloseTo(reported('HKG', 'RX', 2022), 6);
    expect(byCountry.get('SGP')).toBeCloseTo(reported('SGP', 'RX', 2022), 6);
    const r = await cli(db, 'profile', 'country', 'SGP', '--year', '2022', '--flow', 'reexport', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.trend.find((x: { year: number }) => x.year === 2022).exports).toBeCloseTo(reported('SGP', 'RX', 2022), 6);
  });

  it('re-exports asked of data without any are refused, naming the flow and what to import', async () => {
    const { status, body } = await api(dbPlain, '/profiles/country/DEU?years=2022&flow=reexport');
    expect(status).toBe(404);
    expect(body.code).toBe('no-data');
    const p = body.errors.find((e: { field?: string }) => e.field === 'flow');
    expect(p.message).toMatch(/no re-export \(RX\) or re-import \(RM\) rows/);
    expect(p.hint).toMatch(/--flows X,M,RX,RM/);
    const bad = await api(db, '/profiles/country/HKG?years=2022&flow=transit');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/export or reexport/);
  });
});
