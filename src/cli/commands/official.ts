/**
 * `lantern official`: official published figures (e.g. MOFCOM's cultural-trade totals), each with
 * its scope, unit as printed, value in US dollars and source URL. `--lines` shows them as series
 * over years, one segment per scope and publisher, with a break marker wherever the scope changes.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import { officialFiguresModel, officialLinesModel, officialScopesModel } from '../../queries/index.ts';
import { decodeDataFile } from '../../text-encoding.ts';
import { sha256 } from '../../reference/index.ts';
import { loadOfficialSeries } from '../../reference/index.ts';
import type { CliContext } from '../context.ts';
import { type Column, listingOptions } from '../output.ts';
import { modelOptions, modelValues } from '../param-options.ts';

/**
 * Columns of a table: every key but the scope label of the other language, years shown as years (no
 * thousands separator). JSON, NDJSON and CSV print the rows whole, as the API sends them.
 */
function columns(rows: readonly object[], lang: 'en' | 'zh'): Column[] {
  const plain = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const other = lang === 'en' ? 'scope_zh' : 'scope_en';
  return Object.keys(rows[0] ?? {})
    .filter((key) => key !== other)
    .map((key) => (/year/.test(key) ? { key, display: plain } : { key }));
}

/** Prints rows: the table in the language asked for, every other format whole (the API's rows). */
function printRows(ctx: CliContext, cmd: Command, rows: readonly object[], lang: 'en' | 'zh'): void {
  const table = (cmd.optsWithGlobals() as { format?: string }).format ?? 'table';
  ctx.print(cmd, rows, table === 'table' ? columns(rows, lang) : undefined);
}

export function registerOfficial(program: Command, ctx: CliContext): void {
  const cmd = program.command('official').description('list official published figures with scope, unit and source URL');
  modelOptions(cmd, officialFiguresModel)
    .option('--scopes', 'list the scopes with their years instead of the figures')
    .option('--lang <lang>', 'scope labels in en | zh', 'en')
    .option('--lines', 'series over years for one --indicator and --flow: one segment per scope and publisher, break marked');
  const official = listingOptions(cmd).action(async (opts: Record<string, unknown>, c: Command) => {
    const lang = opts.lang === 'zh' ? 'zh' : opts.lang === 'en' || opts.lang === undefined ? 'en' : undefined;
    if (!lang) {
      throw new LanternError('invalid-argument', `Unknown language "${opts.lang}".`, [
        { field: '--lang', message: 'unknown language', expected: 'en | zh', found: String(opts.lang), hint: 'e.g. --lang zh' },
      ]);
    }
    await ctx.withStore(c, async (store) => {
      if (opts.scopes) {
        printRows(ctx, c, await officialScopesModel.open(store, {}), lang);
        return;
      }
      const asked = modelValues(officialFiguresModel, opts);
      if (opts.lines) printRows(ctx, c, (await officialLinesModel.open(store, asked)).points, lang);
      else printRows(ctx, c, await officialFiguresModel.open(store, asked), lang);
    });
  });

  official
    .command('load <file>')
    .description(
      'load official figures from a CSV (country,year,scope,indicator,flow,value,unit,value_usd,yoy_pct,publisher,reported_by,source_url,note); ' +
        'a figure with the same country, year, scope, indicator and flow replaces the stored one',
    )
    .option('--country <iso3>', 'country of rows without a country column')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      // `--country` is also an option of `official` itself, which commander may hand to the parent
      const country = (cmd.optsWithGlobals() as { country?: string }).country;
      const path = resolve(ctx.effects.cwd, file);
      let raw: Buffer;
      try {
        raw = readFileSync(path);
      } catch (e) {
        throw new LanternError('not-found', `Cannot read ${file}.`, [
          { file, message: 'cannot read the file', found: (e as NodeJS.ErrnoException).code ?? 'unreadable', hint: 'check the path (a relative path starts from the current folder)' },
        ]);
      }
      // GBK and UTF-16 files (as Excel saves Chinese tables) are read as they are; other bytes that
      // are not UTF-8 are refused with their line, never guessed.
      const { text, encoding } = decodeDataFile(raw, basename(path));
      await ctx.withStore(cmd, async (store) => {
        const n = await loadOfficialSeries(store, text, basename(path), sha256(text).slice(0, 12), {
          country: country?.toUpperCase(),
        });
        const note = encoding === 'utf-8' ? '' : ` (read as ${encoding.toUpperCase()})`;
        ctx.effects.stdout(`loaded ${n} official figure(s) from ${basename(path)}${note}\n`);
      });
    });
}
