/**
 * The summaries live in the store and stay in step with the rows (queries/flow-totals.ts):
 * - after every step of a few seeded random sequences of imports, replacements and failed imports
 *   on a small BACI-shaped world, every summary (totals, basket rows, run statistics) equals a fresh
 *   computation from the rows, written here independently of the defining SELECTs;
 * - a store made before the summaries existed (migrations 050, 051 undone) gets them built once, with
 *   progress, and concurrent callers share that one build; reading never builds;
 * - basket rows a store wrote as text (before migration 053) read the same through the view.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/index.ts';
import { basketRowsReady, ensureFlowSummaries, flowTotalsReady, summaryBuilds } from '../../src/store/flow-totals.ts';
import { runIndicator } from '../../src/queries/index.ts';
import { prepareStore } from '../../src/setup.ts';
import { writeSyntheticBaci } from '../../src/sources/synthetic.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { raw, sql } from '../../src/store/sql.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-summaries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rows of `a` not in `b` (values rounded to the cent), both ways; empty when the two agree. */
async function difference(store: Store, a: string, b: string): Promise<number> {
  const [r] = await store.query<{ n: number }>(
    raw(`select ((select count(*) from (${a} except ${b})) + (select count(*) from (${b} except ${a})))::int as n`),
  );
  return r?.n ?? -1;
}

/** The rows the summaries must sum: reconciled, current runs, exports to a country. */
const ROWS = `from trade_flows t join import_runs r on r.id = t.run_id
  where r.perspective = 'reconciled' and r.replaced_by is null and t.flow = 'X' and t.partner_kind = 'country'`;

/** Checks each summary table against the rows; resolves to the number of disagreeing rows. */
async function disagreements(store: Store): Promise<Record<string, number>> {
  const exportSide = `select run_id, year, product, reporter as country, round(sum(value_usd), 2) as v ${ROWS} group by all`;
  const importSide = `select run_id, year, product, partner as country, round(sum(value_usd), 2) as v ${ROWS} group by all`;
  const totals = (side: string) =>
    `select run_id, year, product, country, round(v, 2) as v from flow_totals where side = '${side}'`;
  return {
    export: await difference(store, exportSide, totals('export')),
    import: await difference(store, importSide, totals('import')),
    country: await difference(
      store,
      `select run_id, year, reporter as country, round(sum(value_usd), 2) as v ${ROWS} group by all`,
      `select run_id, year, country, round(v, 2) as v from flow_country_totals where side = 'export'`,
    ),
    pair: await difference(
      store,
      `select run_id, year, reporter, partner, round(sum(value_usd), 2) as v ${ROWS} group by all`,
      `select run_id, year, exporter, importer, round(v, 2) as v from flow_pair_totals`,
    ),
    // The basket rows: every row of a basket product (any edition's codes), columns as trade_flows.
    basket: await difference(
      store,
      `select t.run_id, t.year, t.reporter, t.partner, t.product, t.classification, t.product_level, t.value_usd, t.quantity, t.quantity_unit ${ROWS}
         and t.product in (select code from basket_resolved b where b.edition = t.classification)`,
      'select run_id, year, reporter, partner, product, classification, product_level, value_usd, quantity, quantity_unit from flow_basket_rows',
    ),
    runs: await difference(
      store,
      `select id from import_runs where perspective = 'reconciled' and replaced_by is null`,
      'select run_id from flow_summary_runs',
    ),
    // Rows per run, goods/services, edition, level and year, with those of partner World, a country
    // and an area: every current run, whatever its source.
    stats: await difference(
      store,
      `select run_id, type_code, classification, product_level, year, count(*) as n, count(*) filter (where partner_kind = 'world') as nw,
         count(*) filter (where partner_kind = 'country') as nc, count(*) filter (where partner_kind = 'area') as na
         from trade_flows where run_id in (select id from import_runs where replaced_by is null) group by all`,
      'select run_id, type_code, classification, product_level, year, n, nw, nc, na from flow_run_stats',
    ),
    reporters: await difference(
      store,
      `select run_id, reporter, year, count(*) as n, count(*) filter (where partner_kind <> 'area') as nn,
         round(sum(value_usd) filter (where partner_kind <> 'area'), 2) as v
         from trade_flows where run_id in (select id from import_runs where replaced_by is null) group by all`,
      'select run_id, reporter, year, n, nn, round(v, 2) from flow_reporter_stats',
    ),
    statRuns: await difference(store, 'select id from import_runs where replaced_by is null', 'select run_id from flow_stats_runs'),
  };
}

const agree = { export: 0, import: 0, country: 0, pair: 0, basket: 0, runs: 0, stats: 0, reporters: 0, statRuns: 0 };

async function freshStore(name: string): Promise<Store> {
  const store = await openStore({ path: join(dir, `${name}.duckdb`) });
  await prepareStore(store);
  return store;
}

const ECONOMIES = ['CHN', 'USA', 'DEU', 'FRA', 'GBR', 'ITA', 'JPN', 'BRA', 'IND', 'KOR', 'MEX', 'ZAF'];

/** An Atlas country × partner × HS6 file (whole dollars, 2019–2020), seeded: some partners repeat a row's key in another year. */
function atlasCsv(rng: () => number, codes: readonly string[]): string {
  const lines = ['location_code,partner_code,hs_product_code,year,export_value,import_value'];
  const seen = new Set<string>();
  for (let i = 0; i < 600; i++) {
    const [x, m] = [ECONOMIES[Math.floor(rng() * ECONOMIES.length)], ECONOMIES[Math.floor(rng() * ECONOMIES.length)]];
    const key = `${x},${m},${codes[Math.floor(rng() * codes.length)]},${2019 + Math.floor(rng() * 2)}`;
    if (x === m || seen.has(key)) continue;
    seen.add(key);
    lines.push(`${key},${Math.floor(rng() * 1e7)},0`);
  }
  return `${lines.join('\n')}\n`;
}

/** A Comtrade Plus CSV (the columns the reader needs): exports and imports, partners a country or the World, HS 2012. */
function comtradeCsv(rng: () => number, codes: readonly string[]): string {
  const lines = ['typeCode,freqCode,refYear,refMonth,reporterISO,flowCode,partnerISO,partner2ISO,classificationCode,cmdCode,customsCode,motCode,primaryValue'];
  for (let i = 0; i < 500; i++) {
    const x = ECONOMIES[Math.floor(rng() * ECONOMIES.length)] as string;
    const m = rng() < 0.2 ? 'W00' : (ECONOMIES[Math.floor(rng() * ECONOMIES.length)] as string);
    if (x === m) continue;
    const code = rng() < 0.05 ? 'TOTAL' : (codes[Math.floor(rng() * codes.length)] as string);
    lines.push(`C,A,${2019 + Math.floor(rng() * 3)},52,${x},${rng() < 0.5 ? 'X' : 'M'},${m},W00,H4,${code},C00,0,${Math.floor(rng() * 1e7) + 1}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('trade summaries in the store', () => {
  it.each([1, 2, 3])('equal a fresh computation after every step of random sequence %i', async (seq) => {
    const rng = seedrandom(`summaries-${seq}`);
    const store = await freshStore(`seq-${seq}`);
    const names: string[] = [];
    let step = 0;
    try {
      for (; step < 5; step++) {
        const op = names.length === 0 ? 'import' : (['import', 'replace', 'fail'] as const)[Math.floor(rng() * 3)];
        const name = op === 'import' || names.length === 0 ? `BACI_HS07_V00000${names.length}.csv` : (names[Math.floor(rng() * names.length)] as string);
        const path = join(dir, `${seq}-${step}`);
        rmSync(path, { recursive: true, force: true });
        const file = join(mkdtempSync(`${path}-`), name);
        if (op === 'fail') {
          // A bad row in the middle: the import fails and must leave rows and summaries as they were.
          writeFileSync(file, 't,i,j,k,v,q\n2019,156,842,950510,12.5,1\n2019,156,842,950510,not-a-number,1\n');
          await expect(importFiles(store, [file], { format: 'baci', replace: true, hsEdition: 'HS2007' })).rejects.toThrow();
        } else {
          const years = [2018 + Math.floor(rng() * 2), 2020 + Math.floor(rng() * 2)];
          await writeSyntheticBaci({ path: file, rows: 2000 + Math.floor(rng() * 2000), seed: `${seq}-${step}`, years, edition: 'HS07', countries: 20, products: 40 });
          await importFiles(store, [file], { format: 'baci', replace: op === 'replace', hsEdition: 'HS2007' });
          if (op === 'import') names.push(name);
        }
        expect(await disagreements(store), `sequence ${seq}, step ${step} (${op} ${name})`).toEqual(agree);
      }
      const [n] = await store.query<{ n: number; b: number }>(
        sql`select (select count(*) from flow_totals)::int as n, (select count(*) from flow_basket_rows)::int as b`,
      );
      expect(n?.n).toBeGreaterThan(0);
      expect(n?.b).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('equal a fresh computation after every step of a sequence of Atlas, Comtrade and BACI files', async () => {
    const seq = 4;
    // The row readers' runs: Atlas (reconciled, summed from trade_flows_wide) and Comtrade (reported:
    // statistics only), beside a BACI run, with replacements and a failed Atlas import.
    const rng = seedrandom(`summaries-sources-${seq}`);
    const store = await freshStore(`sources-${seq}`);
    const basket = (await store.query<{ code: string }>(sql`select distinct code from basket_resolved where edition = 'HS1992' and length(code) = 6 order by code limit 25`)).map((r) => r.code);
    const codes = [...basket, '010121', '271019', '870323', '300490', '610910'];
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)] as T;
    try {
      const steps = ['atlas', 'comtrade', 'baci', pick(['atlas', 'comtrade'] as const), 'fail'] as const;
      for (const [step, kind] of steps.entries()) {
        const sub = mkdtempSync(join(dir, `src-${seq}-${step}-`));
        if (kind === 'baci') {
          const file = join(sub, 'BACI_HS07_V000000.csv');
          await writeSyntheticBaci({ path: file, rows: 2000, seed: `${seq}-${step}`, years: [2019, 2020], edition: 'HS07', countries: 15, products: 30 });
          await importFiles(store, [file], { format: 'baci', hsEdition: 'HS2007' });
        } else if (kind === 'comtrade') {
          const file = join(sub, 'TradeData.csv');
          writeFileSync(file, comtradeCsv(rng, codes));
          await importFiles(store, [file], { format: 'comtrade', replace: true });
        } else {
          const file = join(sub, 'atlas_country_partner.csv');
          const text = atlasCsv(rng, codes);
          // A failed import (an unknown country in the last row) must leave rows and summaries as they were.
          writeFileSync(file, kind === 'fail' ? `${text}QQQ,USA,970110,2020,5\n` : text);
          const done = importFiles(store, [file], { format: 'atlas', replace: true });
          if (kind === 'fail') await expect(done).rejects.toThrow();
          else await done;
        }
        expect(await disagreements(store), `sequence ${seq}, step ${step} (${kind})`).toEqual(agree);
      }
      const [n] = await store.query<{ atlas: number; basket: number; stats: number }>(
        sql`select (select count(*) from flow_totals_named)::int as atlas, (select count(*) from flow_basket_rows_named)::int as basket,
              (select count(*) from flow_run_stats s join import_runs r on r.id = s.run_id where r.source = 'comtrade')::int as stats`,
      );
      expect(n?.atlas).toBeGreaterThan(0);
      expect(n?.basket).toBeGreaterThan(0);
      expect(n?.stats).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('are built once for a store made by an older version, with progress, and shared by concurrent callers', async () => {
    const path = join(dir, 'older.duckdb');
    let store = await openStore({ path });
    await prepareStore(store);
    const file = join(mkdtempSync(join(dir, 'older-')), 'BACI_HS07_V000009.csv');
    await writeSyntheticBaci({ path: file, rows: 5000, seed: 9, years: [2019, 2020, 2021], edition: 'HS07', countries: 20, products: 40 });
    const [imported] = await importFiles(store, [file], { format: 'baci', hsEdition: 'HS2007' });
    // Undo migrations 050 to 053: the store is now as an older Lantern left it.
    await store.run(
      "drop view flow_totals; drop table flow_totals_named; drop table baci_totals; drop table flow_country_totals; drop table flow_pair_totals; drop table flow_summary_runs; drop view flow_basket_rows; drop table flow_basket_rows_named; drop table baci_basket_rows; drop table flow_basket_codes; drop table flow_run_stats; drop table flow_reporter_stats; drop table flow_stats_runs; delete from schema_migrations where id in (50, 51, 52, 53)",
    );
    await store.close();

    store = await openStore({ path }); // applies 050 and 051: empty tables
    try {
      expect(await flowTotalsReady(store, [imported!.runId])).toBe(false);
      // Reading before the build reads the rows and builds nothing.
      const before = await runIndicator(store, 'rca', { from: 2021, to: 2021, basket: 'unesco-fcs-2009', by: 'domain' });
      expect(before.params.totals).toBe(false);
      expect(summaryBuilds(store)).toBe(0);

      const events: { done: number; total?: number }[] = [];
      const [a, b] = await Promise.all([
        ensureFlowSummaries(store, { onProgress: (e) => events.push(e) }),
        ensureFlowSummaries(store),
      ]);
      expect([a, b]).toEqual([1, 1]);
      expect(summaryBuilds(store)).toBe(1);
      // Three run-years of summaries and the run's statistics.
      expect(events.map((e) => `${e.done}/${e.total}`)).toEqual(['1/4', '2/4', '3/4', '4/4']);
      expect(await disagreements(store)).toEqual(agree);
      expect(await ensureFlowSummaries(store)).toBe(0);

      const [x, y] = await Promise.all([
        runIndicator(store, 'rca', { from: 2021, to: 2021, basket: 'unesco-fcs-2009', by: 'domain' }),
        runIndicator(store, 'rca', { from: 2021, to: 2021, basket: 'unesco-fcs-2009', by: 'domain' }),
      ]);
      expect(x.params.totals).toBe(true);
      expect(y.rows).toEqual(x.rows);
      expect(summaryBuilds(store)).toBe(1);
      expect(x.rows.length).toBe(before.rows.length);
    } finally {
      await store.close();
    }
  });
  it('kept as text by a store summarised before migration 053 read the same through the view, and a new import writes numbers', async () => {
    const path = join(dir, 'before-053.duckdb');
    let store = await openStore({ path });
    await prepareStore(store);
    const file = join(mkdtempSync(join(dir, 'before-053-')), 'BACI_HS07_V000013.csv');
    await writeSyntheticBaci({ path: file, rows: 3000, seed: 13, years: [2020, 2021], edition: 'HS07', countries: 15, products: 30 });
    const [first] = await importFiles(store, [file], { format: 'baci', hsEdition: 'HS2007' });
    const input = { from: 2021, to: 2021, basket: 'unesco-fcs-2009', country: undefined };
    const read = await runIndicator(store, 'partner-share', input);
    // Undo migration 053: the run's basket rows as an older Lantern wrote them, named as text.
    await store.run(
      "create table old_rows as select * from flow_basket_rows; drop view flow_basket_rows; drop table flow_basket_rows_named; drop table baci_basket_rows; alter table old_rows rename to flow_basket_rows; delete from schema_migrations where id = 53",
    );
    await store.close();
    store = await openStore({ path }); // applies 053: the text rows move to flow_basket_rows_named
    try {
      const [n] = await store.query<{ named: number; numbers: number }>(
        sql`select (select count(*) from flow_basket_rows_named)::int as named, (select count(*) from baci_basket_rows)::int as numbers`,
      );
      expect(n?.named).toBeGreaterThan(0);
      expect(n?.numbers).toBe(0);
      expect(await basketRowsReady(store, [first!.runId], 'unesco-fcs-2009')).toBe(true);
      const after = await runIndicator(store, 'partner-share', input);
      expect(after.params.basketRows).toBe(true);
      expect(after.rows).toEqual(read.rows);
      // A second file: its basket rows go to baci_basket_rows; both runs read through the view.
      const second = join(mkdtempSync(join(dir, 'before-053-')), 'BACI_HS07_V000014.csv');
      await writeSyntheticBaci({ path: second, rows: 3000, seed: 14, years: [2021], edition: 'HS07', countries: 15, products: 30 });
      await importFiles(store, [second], { format: 'baci', hsEdition: 'HS2007' });
      const [m] = await store.query<{ numbers: number }>(sql`select count(*)::int as numbers from baci_basket_rows`);
      expect(m?.numbers).toBeGreaterThan(0);
      expect(await disagreements(store)).toEqual(agree);
    } finally {
      await store.close();
    }
  });
  it('left out by an import with summaries: false are built by the next prepareStore, equal to the rows', async () => {
    const store = await freshStore('deferred');
    try {
      const file = join(mkdtempSync(join(dir, 'deferred-')), 'BACI_HS07_V000012.csv');
      await writeSyntheticBaci({ path: file, rows: 3000, seed: 12, years: [2020, 2021], edition: 'HS07', countries: 15, products: 30 });
      const [imported] = await importFiles(store, [file], { format: 'baci', hsEdition: 'HS2007', summaries: false });
      expect(await flowTotalsReady(store, [imported!.runId])).toBe(false);
      const [n] = await store.query<{ n: number }>(sql`select (select count(*) from flow_totals) + (select count(*) from flow_stats_runs) as n`);
      expect(Number(n?.n)).toBe(0);
      await prepareStore(store);
      expect(await flowTotalsReady(store, [imported!.runId])).toBe(true);
      expect(await disagreements(store)).toEqual(agree);
    } finally {
      await store.close();
    }
  });
  it('serve a basket only when every code of it was written at import (a code added later reads the rows)', async () => {
    const store = await freshStore('basket-codes');
    try {
      const file = join(mkdtempSync(join(dir, 'basket-codes-')), 'BACI_HS07_V000011.csv');
      await writeSyntheticBaci({ path: file, rows: 3000, seed: 11, years: [2021], edition: 'HS07', countries: 15, products: 30 });
      const [imported] = await importFiles(store, [file], { format: 'baci', hsEdition: 'HS2007' });
      const runs = [imported!.runId];
      const input = { from: 2021, to: 2021, basket: 'unesco-fcs-2009', country: undefined };
      expect(await basketRowsReady(store, runs, 'unesco-fcs-2009')).toBe(true);
      const fromSummary = await runIndicator(store, 'partner-share', input);
      expect(fromSummary.params.basketRows).toBe(true);
      // A code of the basket the import did not know: the scan reads the rows again.
      await store.run(
        sql`insert into basket_resolved (basket_id, edition, code, domain, source_code, source_codes, mapping) values ('unesco-fcs-2009', 'HS2007', '010121', 'A', '010121', '010121', 'identity')`,
      );
      expect(await basketRowsReady(store, runs, 'unesco-fcs-2009')).toBe(false);
      const fromRows = await runIndicator(store, 'partner-share', input);
      expect(fromRows.params.basketRows).toBe(false);
      expect(fromRows.rows.length).toBeGreaterThan(0);
      await store.run(sql`delete from basket_resolved where code = '010121' and basket_id = 'unesco-fcs-2009'`);
      expect((await runIndicator(store, 'partner-share', input)).rows).toEqual(fromSummary.rows);
    } finally {
      await store.close();
    }
  });

  it('are built whole for a run that records no years (rows written by hand), not marked built while empty', async () => {
    const path = join(dir, 'no-years.duckdb');
    const store = await openStore({ path });
    try {
      await prepareStore(store);
      const file = join(mkdtempSync(join(dir, 'no-years-')), 'BACI_HS07_V000010.csv');
      await writeSyntheticBaci({ path: file, rows: 2000, seed: 10, years: [2020, 2021], edition: 'HS07', countries: 12, products: 30 });
      const [imported] = await importFiles(store, [file], { format: 'baci', hsEdition: 'HS2007' });
      await store.run(
        raw(`delete from flow_totals_named; delete from baci_totals; delete from flow_country_totals; delete from flow_pair_totals; delete from flow_summary_runs; delete from flow_basket_rows_named; delete from baci_basket_rows; delete from flow_basket_codes;
             update import_runs set year_min = null, year_max = null where id = ${imported!.runId}`),
      );
      expect(await ensureFlowSummaries(store)).toBe(1);
      const [n] = await store.query<{ n: number }>(sql`select count(*)::int as n from flow_totals where run_id = ${imported!.runId}`);
      expect(n?.n).toBeGreaterThan(0);
      expect(await disagreements(store)).toEqual(agree);
    } finally {
      await store.close();
    }
  });
});
