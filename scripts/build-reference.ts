/**
 * Builds the HS reference data that ships in `data/hs/` from the official files:
 *
 *   npm run build:reference -- DIR
 *
 * DIR is a folder in the layout of the official UNSD/Comtrade files as Lantern reads them
 * (`classifications/hs2022_nomenclature.csv`, `hs_concordance/hs_nomenclature_by_edition.csv`,
 * `hs_concordance/correlation/hsOLD_to_hsNEW.csv`, or UNSD's own .xls/.xlsx workbooks); the
 * default is $LANTERN_SHARED_DATA. The files are read and checked by the same code as
 * `lantern reference load` (hs-load.ts), then written as the compact derived tables described in
 * src/reference/bundled-hs.ts, gzipped. The output is deterministic: the same input gives the same
 * bytes. It prints each file's size, so a table that grows too big is seen at once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { dataPath } from '../src/reference/data-files.ts';
import {
  decodeHsCorrelations,
  decodeHsNames,
  encodeHsCorrelations,
  encodeHsNames,
  HS_CORRELATIONS_FILE,
  HS_NAMES_FILE,
} from '../src/reference/bundled-hs.ts';
import { collectReferenceTables, readReferencePath } from '../src/reference/hs-load.ts';

function main(argv: string[]): void {
  const dir = argv[0] ?? process.env.LANTERN_SHARED_DATA;
  if (!dir) {
    process.stderr.write('usage: npm run build:reference -- DIR   (a folder in the layout of shared/data)\n');
    process.exitCode = 2;
    return;
  }
  const tables = collectReferenceTables(readReferencePath(dir));
  const names = encodeHsNames(tables.byEdition);
  const correlations = encodeHsCorrelations(tables.byPair);
  // Round trip: what the store will load is what the official files say.
  const back = decodeHsNames(names);
  for (const [ed, { rows }] of tables.byEdition) {
    if ((back.get(ed)?.length ?? 0) !== rows.length) throw new Error(`${ed}: names do not round-trip`);
  }
  const backPairs = decodeHsCorrelations(correlations);
  for (const [pair, { rows }] of tables.byPair) {
    if ((backPairs.get(pair)?.length ?? 0) !== rows.length) throw new Error(`${pair}: links do not round-trip`);
  }
  const out = dataPath('hs');
  mkdirSync(out, { recursive: true });
  for (const [file, text] of [
    [HS_NAMES_FILE, names],
    [HS_CORRELATIONS_FILE, correlations],
  ] as const) {
    const gz = gzipSync(text, { level: 9 });
    writeFileSync(join(out, file), gz);
    process.stdout.write(
      `data/hs/${file}: ${text.split('\n').length - 2} rows, ${(text.length / 1e6).toFixed(2)} MB → ${(gz.length / 1e6).toFixed(2)} MB gzipped\n`,
    );
  }
  process.stdout.write(
    `editions: ${[...tables.byEdition.keys()].sort().join(' ')}\npairs: ${[...tables.byPair.keys()].sort().join(' ')}\n`,
  );
}

main(process.argv.slice(2));
