/**
 * `lantern fetch baci --release V202501 [--hs HS17] [--basket …]`: downloads a CEPII BACI release
 * zip (public, Etalab Open Licence 2.0) and imports it with its provenance (source, release, file,
 * sha256). The download goes to a folder (`--dir`, default `lantern-downloads`) and resumes an
 * interrupted one (HTTP Range); a corrupt zip is refused in words and removed. The import reads
 * each member straight from the zip stream (nothing unpacked to disk: sources/baci.ts) and, with
 * `--basket`, keeps only the basket's rows, resolved to the release's HS edition.
 *
 * URL layout (CEPII's download folder): `https://www.cepii.fr/DATA_DOWNLOAD/baci/data/BACI_HS17_V202501.zip`;
 * `--mirror URL` replaces the folder (tests serve fixtures from 127.0.0.1).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import { importFiles } from '../../ingest/index.ts';
import { checkZip, downloadFile } from '../../sources/index.ts';
import type { CliContext } from '../context.ts';
import { fetchCommand } from './fetch.ts';
import { basketProducts } from './import.ts';

export const BACI_DOWNLOAD_URL = 'https://www.cepii.fr/DATA_DOWNLOAD/baci/data/';
const BACI_EDITIONS = ['HS92', 'HS96', 'HS02', 'HS07', 'HS12', 'HS17', 'HS22'] as const;

/** `V202501` / `202501` / `V202401b` → the release as CEPII names it. */
export function baciRelease(s: string): string {
  const m = /^v?(\d{6}[a-z]?)$/i.exec(s.trim());
  if (!m) {
    throw new LanternError('invalid-argument', `Cannot read --release "${s}".`, [
      { field: '--release', message: 'not a BACI release name', expected: 'V202501 (V + year + month, as CEPII names it)', found: s },
    ]);
  }
  return `V${(m[1] as string).toLowerCase()}`;
}

/** `HS17` / `hs2017` / `17` → CEPII's `HS17`. */
export function baciEdition(s: string): string {
  const digits = s.trim().replace(/^hs/i, '');
  const two = digits.length === 4 ? digits.slice(2) : digits;
  const ed = `HS${two}`;
  if (!(BACI_EDITIONS as readonly string[]).includes(ed)) {
    throw new LanternError('invalid-argument', `Unknown BACI edition "${s}".`, [
      { field: '--hs', message: 'not an HS edition BACI publishes', expected: BACI_EDITIONS.join(' | '), found: s },
    ]);
  }
  return ed;
}

/** CEPII's file name and URL of a release. */
export function baciReleaseUrl(release: string, edition: string, base = BACI_DOWNLOAD_URL): { name: string; url: string } {
  const name = `BACI_${edition}_${release}.zip`;
  return { name, url: `${base.endsWith('/') ? base : `${base}/`}${name}` };
}

interface FetchBaciOptions {
  release: string;
  hs: string;
  basket?: string;
  dir: string;
  mirror?: string;
  import: boolean;
}

export function registerFetchBaci(program: Command, ctx: CliContext): void {
  fetchCommand(program)
    .command('baci')
    .description('download a CEPII BACI release zip (resumable; a corrupt one is refused) and import it with its provenance')
    .requiredOption('--release <name>', 'the release, as CEPII names it, e.g. V202501')
    .option('--hs <edition>', `HS edition of the release: ${BACI_EDITIONS.join(' | ')}`, 'HS17')
    .option('--basket <basket>', 'keep only this basket’s rows, e.g. unesco-fcs-2009')
    .option('--dir <folder>', 'where the zip is kept (an interrupted download resumes from here)', 'lantern-downloads')
    .option('--mirror <url>', 'a folder URL holding BACI_HSxx_Vyyyymm.zip (default: CEPII’s download folder)')
    .option('--no-import', 'only download')
    .action(async (opts: FetchBaciOptions, cmd: Command) => {
      const release = baciRelease(opts.release);
      const edition = baciEdition(opts.hs);
      const { name, url } = baciReleaseUrl(release, edition, opts.mirror ?? BACI_DOWNLOAD_URL);
      const dir = resolve(ctx.effects.cwd, opts.dir);
      mkdirSync(dir, { recursive: true });
      const bar = ctx.progress();
      const got = await downloadFile(url, join(dir, name), {
        onBytes: (done, total) => bar.onProgress({ done, total: total ?? done, unit: 'bytes', label: name }),
        check: (path) => checkZip(path, name),
      }).finally(() => bar.stop());
      ctx.effects.stderr(
        got.cached
          ? `${name}: already downloaded (${got.bytes} bytes)\n`
          : `${name}: ${got.bytes} bytes${got.resumedFrom ? `, resumed from byte ${got.resumedFrom}` : ''}\n`,
      );
      if (!opts.import) return;
      await ctx.withStore(cmd, async (store) => {
        const summaries = await importFiles(store, [got.path], {
          format: 'baci',
          release,
          productsFor: opts.basket ? basketProducts(ctx, opts.basket) : undefined,
          now: ctx.effects.now,
        });
        for (const s of summaries)
          ctx.effects.stdout(
            `${s.file}: run ${s.runId}, ${s.rowsLoaded} rows, ${s.yearMin}–${s.yearMax}, ${s.status}${opts.basket ? ` (basket ${opts.basket})` : ''}\n`,
          );
      });
    });
}
