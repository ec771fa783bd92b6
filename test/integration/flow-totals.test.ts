/**
 * `flow_totals` (queries/flow-totals.ts) is a shortcut, never a different answer: on an imported
 * BACI-shaped world, every catalog indicator that reads reconciled data, and the read models built
 * on them, give the same rows reading the per-country totals as reading the rows themselves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicators } from '../../src/indicators/catalog.ts';
import { importFiles } from '../../src/ingest/index.ts';
import { countryProfile, marketFinder, productProfile, runIndicator } from '../../src/queries/index.ts';
import { useFlowTotals } from '../../src/queries/flow-totals.ts';
import { prepareStore } from '../../src/setup.ts';
import { writeSyntheticBaci } from '../../src/sources/synthetic.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';

let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-totals-'));
  const file = join(dir, 'BACI_HS07_V000000.csv');
  await writeSyntheticBaci({ path: file, rows: 40_000, seed: 5, years: [2016, 2019, 2020, 2021], edition: 'HS07' });
  store = await openStore({ path: join(dir, 'store.duckdb') });
  await prepareStore(store);
  await importFiles(store, [file]);
}, 120_000);

afterAll(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Rows in a stable order, numbers compared to 1e-9 relative (sums may add up in another order). */
function expectSameRows(a: readonly Record<string, unknown>[], b: readonly Record<string, unknown>[], what: string) {
  const key = (r: Record<string, unknown>) =>
    JSON.stringify(Object.entries(r).filter(([, v]) => typeof v !== 'number'));
  const sa = [...a].sort((x, y) => key(x).localeCompare(key(y)));
  const sb = [...b].sort((x, y) => key(x).localeCompare(key(y)));
  expect(sb.length, `${what}: row count`).toBe(sa.length);
  sa.forEach((ra, i) => {
    const rb = sb[i] as Record<string, unknown>;
    expect(Object.keys(rb).sort(), `${what}: columns`).toEqual(Object.keys(ra).sort());
    for (const [k, v] of Object.entries(ra)) {
      const w = rb[k];
      if (typeof v === 'number' && typeof w === 'number' && Number.isNaN(v)) {
        expect(w, `${what}: row ${i} ${k}`).toBeNaN();
      } else if (typeof v === 'number' && typeof w === 'number') {
        expect(Math.abs(v - w), `${what}: row ${i} ${k} ${v} vs ${w}`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(v)),
        );
      } else expect(w, `${what}: row ${i} ${k}`).toEqual(v);
    }
  });
}

describe('flow_totals', () => {
  it('holds the rows summed over partners, per side', async () => {
    await runIndicator(store, 'value', { from: 2021 }); // the first query builds it
    const [t] = await store.query<{ x: number; m: number; n: number }>(
      sql`select sum(case when side = 'export' then v end) as x, sum(case when side = 'import' then v end) as m, count(*)::int as n from flow_totals`,
    );
    const [f] = await store.query<{ v: number; n: number }>(
      sql`select sum(value_usd) as v, count(*)::int as n from trade_flows where flow = 'X' and partner_kind = 'country'`,
    );
    expect(t?.x).toBeCloseTo(f?.v as number, 0);
    expect(t?.m).toBeCloseTo(f?.v as number, 0);
    expect(t?.n).toBeLessThan(2 * (f?.n as number));
  });

  const reconciled = indicators.filter((d) => d.perspectives.includes('reconciled'));
  const cases = reconciled.flatMap((d) => [
    { id: d.id, input: { ...(d.example as Record<string, unknown>) } },
    // and for every country, where the totals matter most
    { id: d.id, input: { ...(d.example as Record<string, unknown>), country: undefined, partner: undefined } },
  ]);

  it.each(cases)('$id gives the same rows either way ($input.country)', async ({ id, input }) => {
    // DuckDB 1.5.5 answers export potential for every country wrongly on the rows when its join-order
    // optimizer reorders the candidate join (it drops markets: 89 of the 104 markets of visual arts
    // for AGO here; the same query with the join order as written, or with a filter on the
    // exporter, or on the totals, finds all 104). The comparison runs the rows as written.
    const engineBug = id === 'export-potential' && !input.country;
    if (engineBug) await store.run(`set disabled_optimizers = 'join_order'`);
    const rows = await runIndicator(store, id, { ...input, totals: false }).finally(() =>
      engineBug ? store.run(`set disabled_optimizers = ''`) : undefined,
    );
    const fast = await runIndicator(store, id, input);
    expect(rows.params.totals).toBe(false);
    expect(fast.params.totals).toBe(true);
    expect(rows.rows.length, `${id}: the example has rows`).toBeGreaterThan(0);
    expectSameRows(rows.rows, fast.rows, id);
  });

  it('the country profile, product profile and market finder give the same answers either way', async () => {
    const read = () =>
      Promise.all([
        countryProfile(store, { country: 'CHN', years: '2019-2021', basket: 'unesco-fcs-2009' }),
        productProfile(store, { product: 'unesco-fcs-2009:books', years: 2021 }),
        marketFinder(store, { exporter: 'CHN', product: 'unesco-fcs-2009', year: 2021 }),
      ]);
    useFlowTotals(store, false);
    const slow = JSON.parse(JSON.stringify(await read()));
    useFlowTotals(store, true);
    const fast = JSON.parse(JSON.stringify(await read()));
    // Everything but the echo of the parameters (which says how it was read) is the same.
    const strip = (x: unknown): unknown =>
      Array.isArray(x)
        ? x.map(strip)
        : x && typeof x === 'object'
          ? Object.fromEntries(
              Object.entries(x as Record<string, unknown>)
                .filter(([k]) => k !== 'totals' && k !== 'sql')
                .map(([k, v]) => [k, strip(v)]),
            )
          : typeof x === 'number'
            ? Number(x.toPrecision(12))
            : x;
    expect(strip(fast)).toEqual(strip(slow));
  });
});
