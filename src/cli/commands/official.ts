/**
 * `lantern official`: official published figures (e.g. MOFCOM's cultural-trade totals), each with
 * its scope, unit as printed, value in US dollars and source URL. `--lines` shows them as series
 * over years, one segment per scope and publisher, with a break marker wherever the scope changes.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import { listOfficialSeries, officialLines, officialScopes, scopeLabel } from '../../queries/index.ts';
import { sha256 } from '../../reference/index.ts';
import { loadOfficialSeries } from '../../reference/index.ts';
import { type CliContext, listingOptions } from '../context.ts';
import type { Column } from '../output.ts';

/** Columns of a listing, with years shown as years (no thousands separator) in tables. */
function columns(rows: readonly Record<string, unknown>[]): Column[] {
  const plain = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return Object.keys(rows[0] ?? {}).map((key) => (/year/.test(key) ? { key, display: plain } : { key }));
}

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
        { field: 'lang', message: 'unknown language', expected: 'en | zh', found: String(opts.lang) },
      ]);
    }
    await ctx.withStore(cmd, async (store) => {
      if (opts.scopes) {
        const scopes = (await officialScopes(store)).map((r) => ({ ...r, label: scopeLabel(r.scope, lang) }));
        ctx.print(cmd, scopes, columns(scopes));
        return;
      }
      const year = typeof opts.year === 'string' ? Number(opts.year) : undefined;
      if (year !== undefined && !Number.isInteger(year)) {
        throw new LanternError('invalid-argument', `--year must be a year, not "${opts.year}".`, [
          { field: 'year', message: 'not a year', expected: 'e.g. 2019', found: String(opts.year) },
        ]);
      }
      const rows = await listOfficialSeries(store, {
        scope: opts.scope as string | undefined,
        includeSubScopes: !!opts.subScopes,
        year,
        indicator: opts.indicator as string | undefined,
        flow: opts.flow as string | undefined,
        country: opts.country as string | undefined,
      });
      if (!opts.lines) {
        const labelled = rows.map((r) => ({ ...r, scope_label: scopeLabel(r.scope, lang) }));
        ctx.print(cmd, labelled, columns(labelled));
        return;
      }
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
      const { segments } = officialLines(rows);
      const points = segments.flatMap((s, i) =>
        s.points.map((p, j) => ({
          segment: i + 1,
          break: j === 0 && s.break ? `break (${s.breakReason})` : '',
          scope: s.scope,
          scope_label: scopeLabel(s.scope, lang),
          publisher: s.publisher,
          year: p.year,
          value_usd: p.value_usd,
          value: p.value,
          unit: p.unit,
          yoy_pct: p.yoy_pct,
          source_url: p.source_url,
        })),
      );
      ctx.print(cmd, points, columns(points));
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
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (e) {
        throw new LanternError('not-found', `Cannot read ${file}.`, [
          { file, message: 'cannot read the file', found: (e as NodeJS.ErrnoException).code ?? 'unreadable', hint: 'check the path (a relative path starts from the current folder)' },
        ]);
      }
      await ctx.withStore(cmd, async (store) => {
        const n = await loadOfficialSeries(store, text, basename(path), sha256(text).slice(0, 12), {
          country: country?.toUpperCase(),
        });
        ctx.effects.stdout(`loaded ${n} official figure(s) from ${basename(path)}\n`);
      });
    });
}
