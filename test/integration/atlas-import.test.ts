/**
 * Growth Lab (Atlas) trade files through `lantern import`, with no other step: the real 2016 HS92
 * country × product sample (../shared/data/atlas_samples; world and China totals checked against an
 * independent sum of the file, read here), and a hand-made country × partner × product file in the
 * newer Dataverse column names (with a services row, left out with a warning).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { captureCli } from '../cli.ts';
import { hasShared, sharedPath } from '../shared.ts';

const SAMPLE = ['data', 'atlas_samples', 'hs92_country_product_year_4_2016.csv.gz'];
const dir = mkdtempSync(join(tmpdir(), 'lantern-atlas-'));

async function query<T>(db: string, q: ReturnType<typeof sql>): Promise<T[]> {
  const store = await openStore({ path: db, readOnly: true });
  try {
    return await store.query<T & Record<string, unknown>>(q);
  } finally {
    await store.close();
  }
}

describe('Atlas trade files', () => {
  it.skipIf(!hasShared(...SAMPLE))('the real 2016 HS92 sample imports; world and China totals are the file’s', async () => {
    const db = join(dir, 'sample.duckdb');
    const r = await captureCli(['import', sharedPath(...SAMPLE), '--db', db], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/atlas-csv/);
    // independent sums, from the file itself
    const lines = gunzipSync(readFileSync(sharedPath(...SAMPLE))).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('location_code,hs_product_code,year,export_value');
    let world = 0;
    let china = 0;
    for (const l of lines.slice(1)) {
      const [c, , , v] = l.split(',');
      world += Number(v);
      if (c === 'CHN') china += Number(v);
    }
    const [t] = await query<{ rows: number; world: number; china: number; cls: string; partners: string; runs: string }>(
      db,
      sql`select count(*) as rows, sum(value_usd) as world, sum(value_usd) filter (where reporter = 'CHN') as china,
                 string_agg(distinct classification, ',') as cls, string_agg(distinct partner_kind, ',') as partners,
                 (select string_agg(source || '/' || perspective, ',') from import_runs) as runs
          from trade_flows`,
    );
    expect(Number(t?.rows)).toBe(lines.length - 1);
    expect(Number(t?.world)).toBe(world);
    expect(Number(t?.china)).toBe(china);
    expect(world).toBe(16_170_583_297_234); // as SOURCE.md states
    expect(t?.cls).toBe('HS1992');
    expect(t?.partners).toBe('world');
    expect(t?.runs).toBe('atlas/reconciled');
  });

  it('a country × partner × product file in the newer column names; services rows left out with a warning', async () => {
    const file = join(dir, 'hs92_country_country_product_year_4_2021.csv');
    writeFileSync(
      file,
      [
        'country_id,country_iso3_code,partner_country_id,partner_iso3_code,product_id,product_hs92_code,year,export_value,import_value',
        '156,CHN,840,USA,1,9503,2021,1000,20',
        '156,CHN,276,DEU,2,4901,2021,250,0',
        '276,DEU,156,CHN,2,4901,2021,75,250',
        '156,CHN,840,USA,9,travel,2021,500,0',
        '840,USA,156,CHN,1,9503,2021,0,1000',
      ].join('\n'),
    );
    const db = join(dir, 'bilateral.duckdb');
    const r = await captureCli(['import', file, '--db', db], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/1 rows whose product is not an HS code were left out \(travel/);
    const rows = await query<{ reporter: string; partner: string; product: string; value_usd: number }>(
      db,
      sql`select reporter, partner, product, value_usd from trade_flows order by reporter, partner`,
    );
    expect(rows.map((x) => [x.reporter, x.partner, x.product, Number(x.value_usd)])).toEqual([
      ['CHN', 'DEU', '4901', 250],
      ['CHN', 'USA', '9503', 1000],
      ['DEU', 'CHN', '4901', 75],
    ]);
    // with partners, the indicators read it like BACI
    const v = await captureCli(['indicator', 'value', '--country', 'CHN', '--year', '2021', '--format', 'json', '--db', db], { cwd: dir });
    expect(v.code, v.err).toBe(0);
    expect(JSON.stringify(JSON.parse(v.out))).toMatch(/1250/);
  });
});
