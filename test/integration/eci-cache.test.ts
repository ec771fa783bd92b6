/**
 * ECI and PCI are computed from the complete RCA matrix, which the query layer keeps per store and
 * per state of its trade rows (queries/indicator.ts indicatorRows): asked again, the same answer;
 * after a --replace, the answer of the new rows (the same as a store holding only them), never the
 * kept one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/index.ts';
import { runIndicator } from '../../src/queries/index.ts';
import { prepareStore } from '../../src/setup.ts';
import { writeSyntheticBaci } from '../../src/sources/synthetic.ts';
import { openStore } from '../../src/store/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-eci-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function world(sub: string, seed: number): Promise<string> {
  const file = join(mkdtempSync(join(dir, sub)), 'BACI_HS07_V000001.csv');
  await writeSyntheticBaci({ path: file, rows: 6000, seed, years: [2021], edition: 'HS07', countries: 25, products: 60 });
  return file;
}

describe('ECI kept per store state', () => {
  it('answers again from the kept matrix, and from the new rows after a replace', async () => {
    const [a, b] = [await world('a-', 1), await world('b-', 2)];
    const store = await openStore({ path: join(dir, 'one.duckdb') });
    const only = await openStore({ path: join(dir, 'only-b.duckdb') });
    try {
      await prepareStore(store);
      await prepareStore(only);
      await importFiles(store, [a], { format: 'baci', hsEdition: 'HS2007' });
      const first = await runIndicator(store, 'eci', { from: 2021 });
      expect(first.rows.length).toBeGreaterThan(5);
      expect((await runIndicator(store, 'eci', { from: 2021 })).rows).toEqual(first.rows);

      await importFiles(store, [b], { format: 'baci', hsEdition: 'HS2007', replace: true });
      await importFiles(only, [b], { format: 'baci', hsEdition: 'HS2007' });
      const after = await runIndicator(store, 'eci', { from: 2021 });
      expect(after.rows).not.toEqual(first.rows);
      expect(after.rows).toEqual((await runIndicator(only, 'eci', { from: 2021 })).rows);
    } finally {
      await store.close();
      await only.close();
    }
  });
});
