/**
 * Defaults from the data and product names, as a new user meets them: a Comtrade file that China
 * does not report is imported into a new store with no other step; commands without a country start
 * from the largest reporter (named on stderr), the API's `/status` gives the same default to the
 * dashboard, and product rows carry their HS names.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { openStore } from '../../src/store/db.ts';
import { captureCli } from '../cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-defaults-'));
const db = join(dir, 'store.duckdb');
const cli = (...args: string[]) => captureCli([...args, '--db', db], { cwd: dir });

// Comtrade API CSV (snake_case), reporters DEU and FRA; DEU has more trade.
const rows = [
  ['DEU', 'Germany', 'Import', 'POL', 'Poland', '4901', 'x', 900, 2021],
  ['DEU', 'Germany', 'Import', 'CHN', 'China', '9503', 'x', 700, 2022],
  ['DEU', 'Germany', 'Import', 'POL', 'Poland', '4901', 'x', 1000, 2022],
  ['DEU', 'Germany', 'Export', 'USA', 'United States', '4901', 'x', 50, 2022],
  ['FRA', 'France', 'Import', 'DEU', 'Germany', '4901', 'x', 300, 2022],
  ['FRA', 'France', 'Import', 'CHN', 'China', '9503', 'x', 200, 2023],
];
writeFileSync(
  join(dir, 'TradeData.csv'),
  [
    'reporter_iso,reporter_desc,flow_desc,partner_iso,partner_desc,cmd_code,cmd_desc,primary_value,ref_year',
    ...rows.map((r) => r.join(',')),
  ].join('\n'),
);

describe('defaults from the data, and product names', () => {
  it('a command without a country starts from the largest reporter, its last year', async () => {
    const imported = await cli('import', join(dir, 'TradeData.csv'));
    expect(imported.code, imported.err).toBe(0);
    const r = await cli('profile', 'country', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/<iso3>: DEU \(Germany\), the reporter with the most trade in the store/);
    const p = JSON.parse(r.out) as {
      country: { iso3: string };
      to: number;
      topProducts: { imports: { product: string; name: { en: string | null }; value: number }[] };
    };
    expect(p.country.iso3).toBe('DEU');
    expect(p.to).toBe(2022); // Germany's last year (France reports 2023, Germany does not)
    // product rows carry their HS names (HS2017, the edition in force in 2022)
    const books = p.topProducts.imports.find((x) => x.product === '4901');
    expect(books?.value).toBe(1000);
    expect(books?.name.en).toMatch(/printed books/i);
    expect(p.topProducts.imports.find((x) => x.product === '9503')?.name.en).toMatch(/toys/i);
    // the table of exported products shows names too
    const table = await cli('profile', 'country', 'DEU', '--years', '2022');
    expect(table.out).toMatch(/4901\s*│\s*Printed books/);
  });

  it('the API gives the dashboard the same default, with the largest partner and the reporters by size', async () => {
    const store = await openStore({ path: db, readOnly: true });
    try {
      const api = await createApi({ store, log: () => {} });
      const status = (await (await api.app.request('/api/v1/status')).json()) as {
        data: { defaults: { country: string; year: number; countries: string[]; partner: string } };
      };
      expect(status.data.defaults).toMatchObject({ country: 'DEU', year: 2022, countries: ['DEU', 'FRA'], partner: 'POL' });
      const profile = (await (await api.app.request('/api/v1/profiles/country/DEU?years=2022')).json()) as {
        data: { products: { product: string; name_en: string | null }[] };
      };
      expect(profile.data.products.find((x) => x.product === '4901')?.name_en).toMatch(/printed books/i);
    } finally {
      await store.close();
    }
  });

  it('an empty store says there is no default and how to get data', async () => {
    const r = await captureCli(['profile', 'country', '--db', join(dir, 'empty.duckdb')], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no-data.*No country given/);
    expect(r.err).toMatch(/lantern import FILE/);
  });
});
