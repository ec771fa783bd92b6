/**
 * `lantern fetch atlas --url URL` or `--mirror BASE --digits 4 [--bilateral --year 2016]`: downloads
 * one Growth Lab Atlas trade file ("International Trade Data (HS, 92)", Harvard Dataverse,
 * doi:10.7910/DVN/T4CHWJ) and imports it (the `atlas-csv` reader). Dataverse serves each file under
 * its own id (`https://dataverse.harvard.edu/api/access/datafile/ID`): give that link with `--url`,
 * or a folder holding the files under the Growth Lab's names (`hs92_country_product_year_4.csv.gz`,
 * `hs92_country_country_product_year_4_2016.csv.gz`) with `--mirror`. The download resumes (HTTP
 * Range) and a damaged gzip is refused and removed, as for `fetch baci`.
 */
import { createReadStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import { importFiles } from '../../ingest/index.ts';
import { downloadFile } from '../../sources/index.ts';
import type { CliContext } from '../context.ts';
import { fetchCommand } from './fetch.ts';

/** The Growth Lab's file name for a level (2, 4, 6) and, for the bilateral files, a year. */
export function atlasFileName(digits: number, year?: number): string {
  return year === undefined
    ? `hs92_country_product_year_${digits}.csv.gz`
    : `hs92_country_country_product_year_${digits}_${year}.csv.gz`;
}

/** Reads a gzip file through; a truncated or damaged one is refused in words. */
async function checkGzip(path: string, label: string): Promise<void> {
  try {
    await pipeline(createReadStream(path), createGunzip(), new Writable({ write: (_c, _e, cb) => cb() }));
  } catch (e) {
    throw new LanternError('bad-file', `${label} is corrupt: ${e instanceof Error ? e.message : String(e)}`, [
      {
        file: label,
        message: 'the downloaded gzip cannot be read',
        expected: 'a complete gzip file',
        hint: 'the damaged file was removed; run the same command again to download it afresh',
      },
    ]);
  }
}

interface FetchAtlasOptions {
  url?: string;
  mirror?: string;
  digits: string;
  bilateral?: boolean;
  year?: string;
  dir: string;
  import: boolean;
}

export function registerFetchAtlas(program: Command, ctx: CliContext): void {
  fetchCommand(program)
    .command('atlas')
    .description('download a Growth Lab Atlas trade file (Harvard Dataverse; resumable, a damaged one is refused) and import it')
    .option('--url <url>', 'the file’s download link (Dataverse: https://dataverse.harvard.edu/api/access/datafile/ID)')
    .option('--mirror <url>', 'a folder URL holding the files under the Growth Lab’s names')
    .option('--digits <n>', 'HS92 level: 2 | 4 | 6', '4')
    .option('--bilateral', 'the country × partner × product file (needs --year)')
    .option('--year <year>', 'year of a bilateral file')
    .option('--dir <folder>', 'where the file is kept (an interrupted download resumes from here)', 'lantern-downloads')
    .option('--no-import', 'only download')
    .action(async (opts: FetchAtlasOptions, cmd: Command) => {
      const digits = Number(opts.digits);
      if (opts.bilateral && !opts.year) {
        throw new LanternError('invalid-argument', 'A bilateral Atlas file is published per year: give --year.', [
          { field: '--year', message: 'missing', hint: 'e.g. --bilateral --year 2016' },
        ]);
      }
      const name = atlasFileName(digits, opts.bilateral ? Number(opts.year) : undefined);
      const url = opts.url ?? (opts.mirror ? `${opts.mirror.endsWith('/') ? opts.mirror : `${opts.mirror}/`}${name}` : undefined);
      if (!url) {
        throw new LanternError('invalid-argument', 'Where from? Give --url (the file’s Dataverse link) or --mirror.', [
          { field: '--url', message: 'no source given', hint: 'lantern fetch atlas --url https://dataverse.harvard.edu/api/access/datafile/ID' },
        ]);
      }
      const dir = resolve(ctx.effects.cwd, opts.dir);
      mkdirSync(dir, { recursive: true });
      const got = await downloadFile(url, join(dir, name), { check: (path) => checkGzip(path, name) });
      ctx.effects.stderr(
        got.cached ? `${name}: already downloaded\n` : `${name}: ${got.bytes} bytes${got.resumedFrom ? `, resumed from byte ${got.resumedFrom}` : ''}\n`,
      );
      if (!opts.import) return;
      await ctx.withStore(cmd, async (store) => {
        const summaries = await importFiles(store, [got.path], { format: 'atlas', now: ctx.effects.now });
        for (const s of summaries) ctx.effects.stdout(`${s.file}: run ${s.runId}, ${s.rowsLoaded} rows, ${s.status}\n`);
      });
    });
}
