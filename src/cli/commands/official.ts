/**
 * `lantern official`: official published figures (e.g. MOFCOM's cultural-trade totals), each with
 * its scope, unit as printed, value in US dollars and source URL. `--lines` shows them as series
 * over years, one segment per scope and publisher, with a break marker wherever the scope changes.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import { listOfficialSeries, officialFigures, officialLinePoints, officialLines, officialScopes } from '../../queries/index.ts';
import { decodeDataFile } from '../../text-encoding.ts';
import { sha256 } from '../../reference/index.ts';
import { loadOfficialSeries } from '../../reference/index.ts';
import type { Store } from '../../store/index.ts';
import type { CliContext } from '../context.ts';
import { closest } from '../option-checks.ts';
import { type Column, listingOptions } from '../output.ts';

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

/** An unknown --scope would list nothing: it is refused with the scopes the store holds. */
async function checkScope(store: Store, scope: string): Promise<void> {
  const known = (await officialScopes(store)).map((r) => r.scope);
  if (known.some((k) => k === scope || k.startsWith(`${scope}.`))) return;
  const near = closest(scope, known);
  throw new LanternError('invalid-argument', `No official figures have the scope "${scope}".`, [
    {
      field: '--scope',
      message: 'unknown scope',
      expected: known.join(' | ') || 'a scope (no official figures are loaded)',
      found: scope,
      hint: near.length ? `did you mean ${near.join(', ')}?` : '`lantern official --scopes` lists them',
    },
  ]);
}

/**
 * Kept whole: the `official` commands' options and help with their short actions; the work is done
 * in queries/official.ts and reference/.
 */
export function registerOfficial(program: Command, ctx: CliContext): void {
  const official = listingOptions(
    program
      .command('official')
      .description('list official published figures with scope, unit and source URL')
      .option(
        '--scope <scope>',
        'only this scope (e.g. cultural_products); sub-scopes like cultural_products.belt_and_road with --sub-scopes',
      )
      .option('--sub-scopes', 'include the sub-aggregates of --scope')
      .option('--year <year>', 'only this year')
      .option('--indicator <indicator>', 'turnover | value | balance')
      .option('--flow <flow>', 'export | import | total | surplus')
      .option('--country <iso3>', 'only this country (ISO3)')
      .option('--scopes', 'list the scopes with their years instead of the figures')
      .option('--lang <lang>', 'scope labels in en | zh', 'en')
      .option(
        '--lines',
        'series over years for one --indicator and --flow: one segment per scope and publisher, break marked',
      ),
  ).action(async (opts: Record<string, string | boolean | undefined>, cmd: Command) => {
    const lang = opts.lang === 'zh' ? 'zh' : opts.lang === 'en' || opts.lang === undefined ? 'en' : undefined;
    if (!lang) {
      throw new LanternError('invalid-argument', `Unknown language "${opts.lang}".`, [
        { field: '--lang', message: 'unknown language', expected: 'en | zh', found: String(opts.lang), hint: 'e.g. --lang zh' },
      ]);
    }
    await ctx.withStore(cmd, async (store) => {
      if (opts.scopes) {
        printRows(ctx, cmd, await officialScopes(store), lang);
        return;
      }
      const year = typeof opts.year === 'string' ? Number(opts.year) : undefined;
      if (year !== undefined && !Number.isInteger(year)) {
        throw new LanternError('invalid-argument', `--year must be a year, not "${opts.year}".`, [
          { field: 'year', message: 'not a year', expected: 'e.g. 2019', found: String(opts.year) },
        ]);
      }
      if (typeof opts.scope === 'string') await checkScope(store, opts.scope);
      const filter = {
        scope: opts.scope as string | undefined,
        includeSubScopes: !!opts.subScopes,
        year,
        indicator: opts.indicator as string | undefined,
        flow: opts.flow as string | undefined,
        country: opts.country as string | undefined,
      };
      if (!opts.lines) {
        printRows(ctx, cmd, await officialFigures(store, filter), lang);
        return;
      }
      const rows = await listOfficialSeries(store, filter);
      const kinds = [...new Set(rows.map((r) => `${r.indicator}/${r.flow}`))];
      if (kinds.length > 1) {
        throw new LanternError('scope-mismatch', 'A line is one indicator and one flow.', [
          {
            field: 'indicator',
            message: 'several indicators/flows selected',
            found: kinds.join(', '),
            hint: 'add --indicator and --flow, e.g. --indicator value --flow export',
          },
        ]);
      }
      printRows(ctx, cmd, officialLinePoints(officialLines(rows).segments), lang);
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
