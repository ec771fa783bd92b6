/**
 * Builds the EBOPS 2010 code tree that ships in `data/ebops/ebops-2010.csv` from UN Comtrade's
 * services reference tables:
 *
 *   npm run build:ebops -- DIR
 *
 * DIR is a folder in the layout of shared/data (`classifications/ebops_2002_2010_comtrade_codes.csv`:
 * Comtrade's `cmd_eb` list, whose SDMX ids S, SK, SK1 … are the `cmdCode` of services records with
 * classification EB; `classifications/ebops_2010_comtrade_codes.csv`: the EBOPS 2010 items with
 * their numbered full names). Comtrade cuts the names of the SDMX list at 50 characters; a cut name
 * is completed from the numbered list when exactly one item there starts with it.
 *
 * The layout and the rules are `encodeEbopsTree` (src/reference/services.ts), which the tests compare
 * with the shipped file. Deterministic: the same input gives the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPath } from '../src/reference/data-files.ts';
import { encodeEbopsTree } from '../src/reference/services.ts';

function main(argv: string[]): void {
  const dir = argv[0] ?? process.env.LANTERN_SHARED_DATA;
  if (!dir) {
    process.stderr.write('usage: npm run build:ebops -- DIR   (a folder in the layout of shared/data)\n');
    process.exitCode = 2;
    return;
  }
  const { text, completed } = encodeEbopsTree(
    readFileSync(join(dir, 'classifications', 'ebops_2002_2010_comtrade_codes.csv'), 'utf8'),
    readFileSync(join(dir, 'classifications', 'ebops_2010_comtrade_codes.csv'), 'utf8'),
  );
  const out = dataPath('ebops', 'ebops-2010.csv');
  writeFileSync(out, text);
  process.stdout.write(`data/ebops/ebops-2010.csv: ${text.split('\n').length - 2} codes (${completed} cut names completed)\n`);
}

main(process.argv.slice(2));
