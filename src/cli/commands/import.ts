/** `lantern import FILE…`: detect, validate, normalise and load trade files, one run per file. */
import type { Command } from 'commander';
import { importFiles } from '../../ingest/index.ts';
import type { Store } from '../../store/index.ts';
import { formatNames } from '../../sources/index.ts';
import { namedEncoding } from '../../text-encoding.ts';
import type { CliContext } from '../context.ts';
import { checkOneStdin, STDIN, stdinAsFile } from '../stdin.ts';

/**
 * Kept whole: the `import` command's options and help with one action that hands the files to
 * ingest/.
 */
export function registerImport(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('import')
    .description(
      'import trade data files (BACI csv/zip, Comtrade CSV/JSON/bulk/legacy, OTS JSON, Kaggle commodity CSV); the format is detected',
    )
    .argument('<files...>', 'files to import (.csv, .csv.gz, .txt.gz, .json, BACI release .zip); - reads standard input')
    .option('--name <file>', 'the file name of standard input (-): detects the format and is recorded as the file', 'stdin')
    .option('--format <format>', `the files' format: ${formatNames.join(' | ')}`)
    .option('--release <release>', 'the release of the data (e.g. BACI V202401; BACI names give it)')
    .option(
      '--hs-edition <edition>',
      'HS edition when the file does not say (e.g. HS17, HS2012; OTS default HS2012)',
    )
    .option(
      '--basket <basket>',
      "BACI: keep only the HS6 codes of a basket (e.g. unesco-fcs-2009), resolved to the file's HS edition",
    )
    .option(
      '--encoding <encoding>',
      "the files' text encoding when it is not UTF-8 (older Comtrade downloads are latin1; a file that is not UTF-8 is refused without it): latin1 | iso-8859-1 | windows-1252 | gbk | gb18030 | utf-8",
    )
    .option('--replace', 'replace earlier imports of the same file name and format, atomically')
    .option('--skip-bad-rows', 'import the good rows; record each bad row in rejected_rows with its reason')
    .option('--output <format>', 'summary format: table | json | ndjson | csv')
    .option('--out <file>', 'write the summary to a file instead of stdout')
    .addHelpText(
      'after',
      '\nEach file is one transaction: a failed or interrupted import leaves the store as it was.\nImporting the same file again changes nothing; --replace swaps the earlier run.\n(--format names the INPUT format here; the summary format is --output.)',
    );
  cmd.action(
    async (
      files: string[],
      opts: {
        format?: string;
        release?: string;
        hsEdition?: string;
        encoding?: string;
        basket?: string;
        replace?: boolean;
        skipBadRows?: boolean;
        output?: string;
        out?: string;
        name: string;
      },
      c: Command,
    ) => {
      const config = ctx.config(c);
      const encoding = opts.encoding === undefined ? undefined : namedEncoding(opts.encoding);
      checkOneStdin(files);
      const piped = files.includes(STDIN) ? await stdinAsFile(ctx, opts.name) : undefined;
      const paths = files.map((f) => (f === STDIN ? (piped as { path: string }).path : f));
      try {
      await ctx.withStore(c, async (store) => {
        // LANTERN_PROGRESS=ndjson: progress as JSON lines on stderr, for programs driving the CLI.
        const bar =
          config.progress === 'ndjson'
            ? {
                onProgress: (e: object) => ctx.effects.stderr(`${JSON.stringify({ progress: e })}\n`),
                stop: () => {},
              }
            : ctx.progress();
        try {
          const summaries = await importFiles(store, paths, {
            format: opts.format,
            release: opts.release,
            hsEdition: opts.hsEdition,
            encoding,
            replace: opts.replace,
            skipBadRows: opts.skipBadRows,
            unpackLimits: { maxUnpackedBytes: config.maxUnpackedBytes, maxUnpackRatio: config.maxUnpackRatio },
            productsFor: opts.basket ? basketProducts(ctx, opts.basket) : undefined,
            onProgress: bar.onProgress,
            now: ctx.effects.now,
          });
          bar.stop();
          const rows = summaries.map((s) => ({
            file: s.file,
            format: s.format,
            run: s.runId,
            status: s.status,
            rows: s.rowsLoaded,
            rejected: s.rowsRejected,
            years:
              s.yearMin === null
                ? ''
                : s.yearMin === s.yearMax
                  ? String(s.yearMin)
                  : `${s.yearMin}–${s.yearMax}`,
            reporters: s.reporters,
            release: s.release,
            message: s.message,
            warnings: s.warnings.join('; '),
          }));
          ctx.print(fakeFormat(c, opts.output), rows);
        } finally {
          bar.stop();
        }
      });
      } finally {
        piped?.cleanup();
      }
    },
  );
}

/** `ctx.print` reads --format; for this command the listing format is --output. */
function fakeFormat(cmd: Command, output: string | undefined): Command {
  return { optsWithGlobals: () => ({ ...cmd.optsWithGlobals(), format: output }) } as unknown as Command;
}

/** Keeps only a basket's codes, resolved to the file's HS edition (`--basket` of import and fetch baci). */
export function basketProducts(
  ctx: CliContext,
  basket: string,
): (edition: string, tx: Store) => Promise<readonly string[]> {
  return async (edition, tx) => {
    const { resolveBasket } = await import('../../reference/index.ts');
    const r = await resolveBasket(tx, basket, edition);
    for (const u of r.unresolved)
      ctx.effects.stderr(`warning: basket code ${u.code} has no ${edition} equivalent: ${u.reason}\n`);
    return r.codes.map((c) => c.code);
  };
}
