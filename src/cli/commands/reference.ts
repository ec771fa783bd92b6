/**
 * `lantern reference`: what reference data the store holds; `reference load PATH…` loads the HS
 * nomenclature of every edition and the UNSD correlation tables from a folder (the layout of
 * ../shared/data) or files (including a user's correlation table in the UNSD layout);
 * `reference products` looks codes up.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import { loadReferenceFiles, readReferencePath, referenceStatus } from '../../reference/index.ts';
import { parseEdition } from '../../reference/index.ts';
import { sql } from '../../store/index.ts';
import type { CliContext } from '../context.ts';
import { listingOptions } from '../output.ts';

/**
 * Kept whole: the `reference` command group's declarations (subcommands, options, help) with their
 * short actions; the work is done in reference/.
 */
export function registerReference(program: Command, ctx: CliContext): void {
  const reference = listingOptions(
    program
      .command('reference')
      .description(
        'reference data in the store (HS nomenclature per edition, correlation tables); subcommands load and look up',
      ),
  ).action(async (_opts, cmd: Command) => {
    await ctx.withStore(cmd, async (store) => {
      const rows = await referenceStatus(store);
      if (rows.length === 0) {
        ctx.effects.stderr(
          'no HS nomenclature or correlation tables loaded: run `lantern reference load DIR` or `lantern fetch reference`\n',
        );
      }
      ctx.print(cmd, rows);
    });
  });

  reference
    .command('load [paths...]')
    .description(
      'load HS nomenclature and correlation tables from a folder laid out like ../shared/data ' +
        '(classifications/hs2022_nomenclature.csv, hs_concordance/hs_nomenclature_by_edition.csv, hs_concordance/correlation/hsOLD_to_hsNEW.csv) ' +
        'or from files, e.g. a correlation table in the UNSD layout ("HS 2022","HS 2017",Relationship) as CSV, or UNSD\'s own .xls/.xlsx workbook ' +
        '(UNSD workbook names are also found in folders). One transaction; baskets are re-resolved. ' +
        'Without paths, the folder of LANTERN_SHARED_DATA.',
    )
    .action(async (given: string[], _opts, cmd: Command) => {
      const fallback = ctx.config(cmd).sharedData;
      const paths = given.length > 0 ? given : fallback ? [fallback] : [];
      if (paths.length === 0) {
        throw new LanternError('invalid-argument', 'Which folder? Give one, or set LANTERN_SHARED_DATA.', [
          {
            field: 'paths',
            message: 'no folder or file given',
            hint: 'lantern reference load ../shared/data   (or: lantern fetch reference)',
          },
        ]);
      }
      const full = paths.map((p) => resolve(ctx.effects.cwd, p));
      const missing = paths.filter((_, i) => !existsSync(full[i] as string));
      if (missing.length) {
        throw new LanternError(
          'not-found',
          `Not found: ${missing.join(', ')}`,
          missing.map((m) => ({ file: m, message: 'no such file or folder', hint: 'check the path (a relative path starts from the current folder)' })),
        );
      }
      const files = full.flatMap((p) => readReferencePath(p));
      await ctx.withStore(cmd, async (store) => {
        const bar = ctx.progress();
        try {
          const summary = await loadReferenceFiles(store, files, {
            onProgress: (done, total, label) => bar.onProgress({ done, total, unit: 'steps', label }),
          });
          bar.stop();
          const out = ctx.effects.stdout;
          for (const f of summary.files)
            out(
              `${f.kind.padEnd(16)} ${f.subject.padEnd(14)} ${String(f.rows).padStart(7)} rows  ${f.file}\n`,
            );
          out(
            `loaded ${summary.editions.length} nomenclature edition(s) and ${summary.pairs.length} correlation table(s); ${summary.baskets} basket(s) re-resolved\n`,
          );
        } finally {
          bar.stop();
        }
      });
    });

  listingOptions(
    reference
      .command('products')
      .description('look up HS codes and descriptions')
      .option('--edition <edition>', 'HS edition (default HS2022)')
      .option('--code <prefix>', 'codes starting with this prefix')
      .option('--search <text>', 'descriptions containing this text')
      .option('--level <level>', 'HS level: 2 | 4 | 6'),
  ).action(
    async (opts: { edition?: string; code?: string; search?: string; level?: string }, cmd: Command) => {
      const edition = parseEdition(opts.edition ?? 'HS2022');
      await ctx.withStore(cmd, async (store) => {
        const rows = await store.query(
          sql`select edition, code, level, parent, description from hs_products
            where edition = ${edition}
              and (${opts.code ?? null}::varchar is null or starts_with(code, ${opts.code ?? ''}))
              and (${opts.search ?? null}::varchar is null or description ilike ${`%${opts.search ?? ''}%`})
              and (${opts.level ?? null}::varchar is null or level = ${Number(opts.level ?? 0)})
            order by code limit 5000`,
        );
        ctx.print(cmd, rows);
      });
    },
  );
}
