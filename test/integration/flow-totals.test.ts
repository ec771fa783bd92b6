/**
 * `flow_totals` (store/flow-totals.ts, written by the import) is a shortcut, never a different answer: on an imported
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
import { useFlowTotals } from '../../src/store/flow-totals.ts';
import { prepareStore } from '../../src/setup.ts';
import { writeSyntheticBaci } from '../../src/sources/synthetic.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { raw, sql } from '../../src/store/sql.ts';

let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-totals-'));
  const file = join(dir, 'BACI_HS07_V000000.csv');
  await writeSyntheticBaci({ path: file, rows: 40_000, seed: 5, years: [2016, 2019, 2020, 2021], edition: 'HS07' });
  store = await openStore({ path: join(dir, 'store.duckdb') });
  await prepareStore(store);
  await importFiles(store, [file]);
});

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
    // The import wrote it: no query builds anything.
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
    const rows = await runIndicator(store, id, { ...input, totals: false });
    const fast = await runIndicator(store, id, input);
    expect(rows.params.totals).toBe(false);
    expect(fast.params.totals).toBe(true);
    expect(rows.rows.length, `${id}: the example has rows`).toBeGreaterThan(0);
    expectSameRows(rows.rows, fast.rows, id);
  });

  it('export potential with a partner filter and no exporter reads the totals, and agrees with the rows', async () => {
    const input = { ...(indicators.find((d) => d.id === 'export-potential')?.example as Record<string, unknown>) };
    const scope = { ...input, country: undefined, partner: ['USA', 'JPN'] };
    const rows = await runIndicator(store, 'export-potential', { ...scope, totals: false });
    const fast = await runIndicator(store, 'export-potential', scope);
    expect(fast.params.totals).toBe(true);
    expect(new Set(fast.rows.map((r) => r.partner))).toEqual(new Set(['USA', 'JPN']));
    expectSameRows(rows.rows, fast.rows, 'export-potential --partner');
  });

  it('holds the per-country and per-pair sums the totals and the rows give', async () => {
    const [c] = await store.query<{ n: number; d: number }>(
      sql`select count(*)::int as n, sum(abs(c.v - t.v)) as d from flow_country_totals c join (select run_id, year, side, country, sum(v) as v from flow_totals group by all) t using (run_id, year, side, country)`,
    );
    const [p] = await store.query<{ n: number; d: number }>(
      sql`select count(*)::int as n, sum(abs(p.v - f.v)) as d from flow_pair_totals p join (select year, reporter, partner, sum(value_usd) as v from trade_flows where flow = 'X' and partner_kind = 'country' group by all) f on f.year = p.year and f.reporter = p.exporter and f.partner = p.importer`,
    );
    const [n] = await store.query<{ c: number; p: number }>(
      sql`select (select count(*) from flow_country_totals)::int as c, (select count(*) from flow_pair_totals)::int as p`,
    );
    expect(c?.n).toBe(n?.c);
    expect(p?.n).toBe(n?.p);
    expect(c?.d).toBeLessThan(1e-3);
    expect(p?.d).toBeLessThan(1e-3);
  });

  // DuckDB 1.5.5's common-subplan optimizer merged the reporter-side and partner-side scans of the
  // trade_flows view below into one that keeps only the reporter: every partner-side sum was keyed
  // by the exporter, and the join lost a fifth of its rows (export potential for all countries lost
  // markets). store/db.ts switches that optimizer off; the same query over a plain table is the check.
  it('two aggregates of the trade_flows view, one per side, joined: the same rows as over a plain table', async () => {
    const shape = (from: string) =>
      `with xk as (select t.reporter as i, substr(t.product, 1, 2) as grp, sum(t.value_usd) as x from ${from} t where t.year = 2021 and t.flow = 'X' and t.partner_kind = 'country' group by all), mk as (select t.partner as j, substr(t.product, 1, 2) as grp, sum(t.value_usd) as m from ${from} t where t.year = 2021 and t.flow = 'X' and t.partner_kind = 'country' group by all) select xk.i as i, mk.j as j, xk.grp as grp, xk.x as x, mk.m as m from xk join mk on mk.grp = xk.grp`;
    await store.run('create or replace temp table flows_copy as select * from trade_flows');
    const view = await store.query(raw(shape('trade_flows')));
    const table = await store.query(raw(shape('flows_copy')));
    expect(view.length).toBeGreaterThan(1000);
    expectSameRows(table, view, 'view vs table');
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
                .filter(([k]) => k !== 'totals' && k !== 'basketRows' && k !== 'sql')
                .map(([k, v]) => [k, strip(v)]),
            )
          : typeof x === 'number'
            ? Number(x.toPrecision(12))
            : x;
    expect(strip(fast)).toEqual(strip(slow));
  });
});
