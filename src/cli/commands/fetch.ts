/**
 * `lantern fetch`: downloads from online sources (online use). This module owns the parent command
 * and `fetch comtrade`; other areas attach their subcommands to it (fetch-reference.ts adds
 * `fetch reference` — find the parent with `program.commands.find((c) => c.name() === 'fetch')`,
 * or call `fetchCommand(program)`, which creates it when missing).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import { importFiles } from '../../ingest/index.ts';
import { assertCountry, comtradeCode } from '../../reference/index.ts';
import { fetchComtrade, hsEditionInForce } from '../../sources/index.ts';
import type { Store } from '../../store/index.ts';
import type { CliContext } from '../context.ts';
import { listingOptions } from '../output.ts';

/** The `fetch` parent command, created on first use. */
export function fetchCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'fetch') ??
    program
      .command('fetch')
      .description('download data from online sources (online use): comtrade, reference')
  );
}

/** `2015-2023`, `2019`, or `2015,2017,2019` → years. */
export function parseYearList(s: string): number[] {
  const out = new Set<number>();
  for (const part of s.split(',')) {
    const m = /^\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*$/.exec(part);
    const from = Number(m?.[1]);
    const to = Number(m?.[2] ?? m?.[1]);
    if (!m || to < from || to - from > 60) {
      throw new LanternError('invalid-argument', `Cannot read --years "${s}".`, [
        {
          field: 'years',
          message: 'not a year, a span or a list',
          expected: '2015-2023, 2019 or 2015,2017',
          found: s,
        },
      ]);
    }
    for (let y = from; y <= to; y++) out.add(y);
  }
  return [...out].sort((a, b) => a - b);
}

interface FetchComtradeCliOptions {
  reporter: string;
  years: string;
  basket?: string;
  codes?: string;
  partner?: string;
  flows?: string;
  services?: boolean;
  monthly?: boolean;
  token?: string;
  baseUrl?: string;
  keep?: string;
  delay?: string;
  import?: boolean;
}

/** Product codes per year from --codes or a basket resolved to the HS edition in force that year. */
async function codesFor(
  store: Store,
  opts: FetchComtradeCliOptions,
  warn: (s: string) => void,
): Promise<(year: number) => Promise<string[] | undefined>> {
  if (opts.codes) {
    const codes = opts.codes
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    return async () => codes;
  }
  if (!opts.basket) return async () => undefined;
  const { resolveBasket } = await import('../../reference/index.ts');
  const cache = new Map<string, string[]>();
  return async (year) => {
    const edition = hsEditionInForce(year);
    const hit = cache.get(edition);
    if (hit) return hit;
    const r = await resolveBasket(store, opts.basket as string, edition);
    for (const u of r.unresolved) warn(`basket code ${u.code} has no ${edition} equivalent: ${u.reason}`);
    const codes = [...new Set(r.codes.map((c) => c.code))].sort();
    cache.set(edition, codes);
    return codes;
  };
}

/**
 * Kept whole: the `fetch` command group's declarations (subcommands, options, help) with their
 * short actions; the work is done in sources/ and ingest/.
 */
export function registerFetch(program: Command, ctx: CliContext): void {
  const sub = fetchCommand(program).command('comtrade');
  listingOptions(sub)
    .description(
      'download trade data from the UN Comtrade API (one request per year, split at the 100k-row cap) and import it',
    )
    .requiredOption('--reporter <country>', 'reporter: ISO3 (CHN), ISO2 or Comtrade/ISO number')
    .requiredOption('--years <years>', 'years: 2015-2023, 2019 or 2015,2017')
    .option(
      '--basket <basket>',
      "product codes of a basket (e.g. unesco-fcs-2009 or unesco-fcs-2009:books), resolved to each year's HS edition",
    )
    .option(
      '--codes <codes>',
      'product codes, comma-separated (HS, or EBOPS with --services); default all products',
    )
    .option(
      '--partner <countries>',
      'partners (ISO3 or Comtrade numbers, comma-separated; 0 = World); default all',
    )
    .option('--flows <flows>', 'flows, comma-separated', 'X,M,RX,RM')
    .option('--services', 'services (typeCode S, EBOPS) instead of goods')
    .option('--monthly', 'monthly data instead of annual')
    .option(
      '--token <key>',
      'Comtrade subscription key (default $COMTRADE_KEY); without one the public preview returns at most 500 rows',
    )
    .option('--base-url <url>', 'API base URL', 'https://comtradeapi.un.org')
    .option('--keep <dir>', 'keep the downloaded JSON answers in this folder')
    .option('--delay <ms>', 'pause between requests in ms', '1100')
    .option('--no-import', 'only download (with --keep)')
    .action(async (opts: FetchComtradeCliOptions, cmd: Command) => {
      const reporter = assertCountry(opts.reporter);
      const reporterCode = comtradeCode(reporter.iso3);
      if (!reporterCode) {
        throw new LanternError('unknown-country', `${reporter.iso3} has no Comtrade code.`, [
          { field: 'reporter', message: 'no Comtrade code', found: opts.reporter },
        ]);
      }
      const partnerCode = opts.partner
        ?.split(',')
        .map((p) => (p.trim() === '0' ? '0' : comtradeCode(assertCountry(p).iso3)))
        .join(',');
      const years = parseYearList(opts.years);
      if (!opts.import && !opts.keep) {
        throw new LanternError(
          'invalid-argument',
          '--no-import needs --keep DIR (otherwise nothing would be left).',
          [{ field: 'keep', message: 'missing --keep' }],
        );
      }
      const token = opts.token ?? ctx.config(cmd).comtradeKey;
      const dir = opts.keep ?? mkdtempSync(join(tmpdir(), 'lantern-comtrade-'));
      if (opts.keep) mkdirSync(dir, { recursive: true });
      await ctx.withStore(cmd, async (store) => {
        const warnings: string[] = [];
        const bar = ctx.progress();
        try {
          if (!token)
            warnings.push(
              'no --token / $COMTRADE_KEY: using the public preview endpoint (at most 500 rows an answer)',
            );
          const { files, warnings: w } = await fetchComtrade({
            reporterCode,
            years,
            codesFor: await codesFor(store, opts, (s) => warnings.push(s)),
            partnerCode,
            flows: opts.flows?.split(',').map((f) => f.trim().toUpperCase()),
            typeCode: opts.services ? 'S' : 'C',
            freqCode: opts.monthly ? 'M' : 'A',
            token,
            baseUrl: opts.baseUrl,
            outDir: dir,
            delayMs: Number(opts.delay),
            onProgress: (done, total, label) =>
              bar.onProgress({ done, total, unit: 'years', label: `comtrade ${label}` }),
          });
          bar.stop();
          warnings.push(...w);
          const rows: Record<string, unknown>[] = [];
          if (opts.import) {
            // A year with no data is reported as such, never stored as an empty import run.
            const withData = files.filter((f) => f.count > 0);
            for (const f of files.filter((x) => x.count === 0)) {
              rows.push({ year: f.year, file: basename(f.path), rows: 0, run: null, status: 'no data', truncated: false });
            }
            const summaries = await importFiles(
              store,
              withData.map((f) => f.path),
              { format: 'comtrade-api-json', now: ctx.effects.now },
            );
            summaries.forEach((s, i) => {
              rows.push({
                year: withData[i]?.year,
                file: s.file,
                rows: s.rowsLoaded,
                run: s.runId,
                status: s.status,
                truncated: withData[i]?.truncated ?? false,
              });
              warnings.push(...s.warnings.map((x) => `${s.file}: ${x}`));
            });
            rows.sort((a, b) => Number(a.year) - Number(b.year));
          } else {
            for (const f of files)
              rows.push({ year: f.year, file: f.path, rows: f.count, truncated: f.truncated });
          }
          ctx.print(cmd, rows);
          for (const w2 of warnings) ctx.effects.stderr(`warning: ${w2}\n`);
        } finally {
          bar.stop();
          if (!opts.keep) rmSync(dir, { recursive: true, force: true });
        }
      });
    });
}
