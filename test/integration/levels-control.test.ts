/**
 * The HS level a user chooses (`--level`, `level=` in the API, the dashboard's control) is the depth
 * of product groups, not a filter on the rows stored at that level: at level 4, HS6 rows are summed
 * to their heading, rows stored at 4 digits count as they are, and a chapter the data holds only
 * at 2 digits stays a chapter; every flow is counted once (indicators/base.ts `countedRows`). So the
 * total at any level is the file's total.
 *
 * Checked on two real samples (../shared/data/comtrade_samples, UN Comtrade via comtradr), imported
 * with the CLI into new stores, against sums of the files computed here (test/support/comtrade-file):
 * - the EU27 wood sample: imports reported at HS2, HS4 and HS6 side by side (codes that do not
 *   overlap, plus areas not specified);
 * - Thailand's shrimp trade: HS6 only, exports and imports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { openStore } from '../../src/store/index.ts';
import { captureCli } from '../cli.ts';
import { hasShared, sharedPath } from '../shared.ts';
import { dedupedTotals, type Row, SHRIMP, sharedRows, WOOD } from '../support/comtrade-file.ts';

function close(actual: unknown, expected: number, what: string): void {
  expect(typeof actual, what).toBe('number');
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    Math.abs(expected) * 1e-9 + 1e-6,
  );
}

/** A code as grouped at `level`: cut to `level` digits, a coarser code as it is. */
const at = (code: string, level: number) => code.slice(0, level);

const dir = mkdtempSync(join(tmpdir(), 'lantern-levels-control-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function importFresh(name: string, parts: string[]): Promise<string> {
  const db = join(dir, `${name}.duckdb`);
  const r = await captureCli(['import', '--db', db, sharedPath(...parts)], { cwd: dir });
  expect(r.code, r.err).toBe(0);
  return db;
}

async function cli(db: string, ...args: string[]) {
  const r = await captureCli([...args, '--db', db, '--format', 'json'], { cwd: dir });
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out);
}

/** The API's envelope for `path` on the store (read-only, as `lantern serve --read-only`). */
async function api(db: string, path: string) {
  const store = await openStore({ path: db, readOnly: true });
  try {
    const { app } = await createApi({ store, log: () => {} });
    const res = await app.request(`/api/v1${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as { data?: Record<string, unknown>; rows?: Record<string, unknown>[]; meta?: Record<string, unknown> };
  } finally {
    await store.close();
  }
}

describe.skipIf(!hasShared(...WOOD))('the EU27 wood sample (HS2, HS4 and HS6 side by side) at each level', () => {
  let db: string;
  let rows: Row[];
  beforeAll(async () => {
    rows = sharedRows(WOOD);
    db = await importFresh('wood', WOOD);
  });

  it('the file mixes levels, so the levels differ', () => {
    expect(new Set(rows.map((r) => r.code.length))).toEqual(new Set([2, 4, 6]));
  });

  for (const level of [4, 2] as const) {
    it(`level ${level}: Germany's imports by product are the file's codes summed to ${level} digits; the total is the file's`, async () => {
      const year = 2022;
      const mine = rows.filter((r) => r.rep === 'DEU' && r.flow === 'M' && r.year === year);
      const byGroup = dedupedTotals(mine, (r) => at(r.code, level));
      const total = dedupedTotals(mine, () => 'all').get('all')!;
      expect(total).toBeGreaterThan(4e10);
      const v = await cli(db, 'indicator', 'value', '--importer', 'DEU', '--year', String(year), '--level', String(level), '--by', 'product');
      expect(v.provenance.level).toBe(level);
      expect(v.provenance.levels).toEqual([2, 4, 6]);
      expect(Object.keys(Object.fromEntries(v.rows.map((r: { product: string }) => [r.product, 1]))).sort()).toEqual([...byGroup.keys()].sort());
      for (const r of v.rows) close(r.value, byGroup.get(r.product)!, `DEU ${r.product}`);
      // Every group is at most `level` digits, and is named.
      for (const r of v.rows) {
        expect(r.product.length).toBeLessThanOrEqual(level);
        expect(r.product_name, r.product).toEqual(expect.any(String));
      }
      expect(v.notes.join(' ')).toMatch(new RegExp(`HS level ${level}: the ${level === 4 ? '6' : '4, 6'}-digit codes are summed to their ${level}-digit`));
      // The country profile (API, as the dashboard reads it) gives the file's total at this level too.
      const a = await api(db, `/profiles/country/DEU?years=${year}&level=${level}`);
      close((a.data as { headline: { imports: number } }).headline.imports, total, `API DEU imports at level ${level}`);
      // Top products of either side: Germany's imports where it is among the top importers' list.
      const top = (a.data as { products: { product: string; imports: number | null }[] }).products.filter((t) => t.imports !== null);
      expect(top.length).toBeGreaterThan(0);
      for (const t of top) {
        expect(t.product.length).toBeLessThanOrEqual(level);
        close(t.imports, byGroup.get(t.product)!, `API top product ${t.product}`);
      }
    });
  }

  it('every reporter and year at level 4: the API indicator equals the file, areas included', async () => {
    const expected = dedupedTotals(
      rows.filter((r) => r.flow === 'M'),
      (r) => `${r.rep}|${r.year}`,
    );
    const a = await api(db, '/indicators/value/values?from=2018&to=2022&side=import&level=4&limit=5000');
    const got = (a.rows ?? (a.data as unknown as Record<string, unknown>[]))!;
    expect(got.length).toBe(expected.size);
    for (const g of got) close(g.value, expected.get(`${g.country}|${g.year}`)!, `${g.country} ${g.year}`);
  });

  it('a heading with --level 4: --product 4412 reads 4412 and its subheadings, summed', async () => {
    const mine = rows.filter((r) => r.flow === 'M' && r.year === 2021 && r.code.startsWith('4412'));
    const expected = dedupedTotals(mine, (r) => r.rep);
    const v = await cli(db, 'indicator', 'value', '--side', 'import', '--year', '2021', '--product', '4412', '--level', '4');
    expect(v.rows.length).toBe(expected.size);
    for (const r of v.rows) close(r.value, expected.get(r.country)!, `${r.country} 4412`);
  });
});

describe.skipIf(!hasShared(...SHRIMP))('Thailand’s shrimp trade (HS6 only) at levels 4 and 2', () => {
  let db: string;
  let rows: Row[];
  beforeAll(async () => {
    rows = sharedRows(SHRIMP).filter((r) => r.flow === 'X' || r.flow === 'M');
    db = await importFresh('shrimp', SHRIMP);
  });

  for (const level of [4, 2] as const) {
    it(`level ${level}: Thai exports and imports by product are the HS6 rows summed to ${level} digits`, async () => {
      expect(new Set(rows.map((r) => r.code.length))).toEqual(new Set([6]));
      for (const flow of ['X', 'M'] as const) {
        const side = flow === 'X' ? '--exporter' : '--importer';
        const mine = rows.filter((r) => r.rep === 'THA' && r.flow === flow && r.year >= 2007 && r.year <= 2011);
        const expected = dedupedTotals(mine, (r) => `${r.year}|${at(r.code, level)}`);
        const v = await cli(db, 'indicator', 'value', side, 'THA', '--years', '2007-2011', '--level', String(level), '--by', 'product');
        expect(v.provenance).toMatchObject({ level, levels: [6] });
        expect(v.rows.length).toBe(expected.size);
        for (const r of v.rows) {
          expect(r.product).toHaveLength(level);
          close(r.value, expected.get(`${r.year}|${r.product}`)!, `THA ${flow} ${r.year} ${r.product}`);
        }
        expect(v.notes.join(' ')).toMatch(new RegExp(`the 6-digit codes are summed to their ${level}-digit`));
      }
      // The profile's totals per year equal the file's at this level (and at the default level).
      const totals = dedupedTotals(
        rows.filter((r) => r.rep === 'THA'),
        (r) => `${r.flow}|${r.year}`,
      );
      const p = await cli(db, 'profile', 'country', 'THA', '--years', '2007-2011', '--level', String(level));
      expect(p.totals.rows.length).toBe(5);
      for (const t of p.totals.rows) {
        close(t.exports, totals.get(`X|${t.year}`)!, `THA exports ${t.year}`);
        close(t.imports, totals.get(`M|${t.year}`)!, `THA imports ${t.year}`);
      }
      const a = await api(db, `/profiles/country/THA?years=2011&level=${level}`);
      close((a.data as { headline: { exports: number } }).headline.exports, totals.get('X|2011')!, `API THA exports 2011 at level ${level}`);
    });
  }

});
