/**
 * Benchmark of economic complexity at full size: ECI and PCI over every country × HS6 product of a
 * BACI-shaped year, through Lantern's query layer (`runIndicator`), with the two steps timed
 * apart: the SQL presence matrix (the complete RCA matrix, positive entries) and the TypeScript
 * eigenvector step (`finish`). Also the complete RCA matrix by product (zero rows included).
 *
 * Data: the seeded synthetic BACI-shaped world (src/sources/synthetic.ts), one year, imported with
 * `importFiles` like a CEPII release. No goal is set in the issue; the numbers say what a user
 * waits for.
 *
 *   npm run bench:complexity                    # 10 million rows (takes a while)
 *   npm run bench:complexity -- --rows 500000   # a quick run
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getIndicator } from '../src/indicators/catalog.ts';
import { finishRows } from '../src/indicators/types.ts';
import { importFiles } from '../src/ingest/index.ts';
import { runIndicator } from '../src/queries/index.ts';
import { ensureReferenceData } from '../src/reference/index.ts';
import { writeSyntheticBaci } from '../src/sources/synthetic.ts';
import { openStore } from '../src/store/db.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}
const ROWS = Number(arg('rows', '10000000'));
const SEED = arg('seed', '7');
const YEAR = 2021;

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-bench-cx-'));
  try {
    console.log(`Lantern economic complexity benchmark — ${ROWS.toLocaleString('en-US')} rows, seed ${SEED}`);
    const file = join(dir, `BACI_HS07_Y${YEAR}_V000000.csv`);
    let t0 = performance.now();
    const info = await writeSyntheticBaci({ path: file, rows: ROWS, seed: SEED, years: [YEAR], edition: 'HS07' });
    console.log(`synthetic world: ${info.rows.toLocaleString('en-US')} rows, ${info.countries.length} economies, ${s(performance.now() - t0)}`);
    const store = await openStore({ path: join(dir, 'bench.duckdb') });
    await ensureReferenceData(store);
    t0 = performance.now();
    const [imp] = await importFiles(store, [file]);
    console.log(`import: ${imp?.rowsLoaded.toLocaleString('en-US')} rows in ${s(performance.now() - t0)}`);

    // Warm-up (the query layer's summary of trade_flows is cached per store).
    await runIndicator(store, 'value', { from: YEAR });

    t0 = performance.now();
    const rca = await runIndicator(store, 'rca', { from: YEAR, by: 'product' });
    const tRca = performance.now() - t0;
    console.log(`RCA by product, complete matrix: ${rca.rows.length.toLocaleString('en-US')} rows in ${s(tRca)}`);

    t0 = performance.now();
    const eci = await runIndicator(store, 'eci', { from: YEAR });
    const tEci = performance.now() - t0;
    const e = eci.rows[0] ?? {};
    console.log(
      `ECI through runIndicator: ${eci.rows.length} countries, ${String(e.products)} products, λ = ${String(e.eigenvalue)}, ${s(tEci)}`,
    );

    // The two steps apart, on the parameters runIndicator resolved.
    const def = getIndicator('pci');
    const params = def.params.parse(eci.params);
    t0 = performance.now();
    const matrix = await store.query(def.build(params, store.dialect));
    const tSql = performance.now() - t0;
    t0 = performance.now();
    const pci = finishRows(def, matrix, params);
    const tTs = performance.now() - t0;
    console.log(
      `PCI: SQL presence matrix ${matrix.length.toLocaleString('en-US')} positive entries in ${s(tSql)}; TypeScript eigenvector step (${pci.length} products) in ${s(tTs)}`,
    );
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
