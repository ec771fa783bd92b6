/**
 * `lantern fetch reference`: downloads the HS nomenclature of every edition and the UNSD
 * correlation tables from the official sources (or a mirror) and loads them in one transaction.
 *
 * `fetch` is the ingest area's parent command (commands/fetch.ts); the manifest (commands/index.ts)
 * registers it first. If no `fetch` command exists, this creates it.
 */
import type { Command } from 'commander';
import { fetchReference } from '../../reference/index.ts';
import type { CliContext } from '../context.ts';

/** Adds `reference` to the `fetch` command (creating `fetch` when no other module did). */
export function attachFetchReference(program: Command, ctx: CliContext, fetchImpl?: typeof fetch): Command {
  const parent =
    program.commands.find((c) => c.name() === 'fetch') ??
    program.command('fetch').description('download data from online sources (online use)');
  const existing = parent.commands.find((c) => c.name() === 'reference');
  if (existing) return existing;
  return parent
    .command('reference')
    .description(
      'download the HS nomenclature (UN Comtrade H0–H6) and the 21 UNSD correlation tables (.xlsx and legacy .xls workbooks) and load them; ' +
        '--mirror URL fetches a folder laid out like ../shared/data instead',
    )
    .option('--mirror <url>', 'base URL of a mirror in the ../shared/data layout')
    .option('--comtrade-url <url>', 'base URL of the Comtrade reference tables', undefined)
    .option('--unsd-url <url>', 'base URL of the UNSD correlation workbooks', undefined)
    .action(async (opts: { mirror?: string; comtradeUrl?: string; unsdUrl?: string }, cmd: Command) => {
      await ctx.withStore(cmd, async (store) => {
        const bar = ctx.progress();
        try {
          const s = await fetchReference(store, {
            fetch: fetchImpl,
            mirror: opts.mirror,
            comtradeBase: opts.comtradeUrl,
            unsdBase: opts.unsdUrl,
            onProgress: (done, total, label) => bar.onProgress({ done, total, unit: 'steps', label }),
          });
          bar.stop();
          const out = ctx.effects.stdout;
          for (const f of s.files)
            out(
              `${f.kind.padEnd(16)} ${f.subject.padEnd(14)} ${String(f.rows).padStart(7)} rows  ${f.file}\n`,
            );
          const bytes = s.downloaded.reduce((a, d) => a + d.bytes, 0);
          out(
            `downloaded ${s.downloaded.length} file(s), ${bytes.toLocaleString('en-US')} bytes; loaded ${s.editions.length} edition(s) and ${s.pairs.length} correlation table(s); ${s.baskets} basket(s) re-resolved\n`,
          );
        } finally {
          bar.stop();
        }
      });
    });
}

export function registerFetchReference(program: Command, ctx: CliContext): void {
  attachFetchReference(program, ctx);
}
