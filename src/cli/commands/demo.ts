/**
 * `lantern demo`: loads the seeded synthetic world (the benchmarks' BACI-shaped generator) into the
 * store, so every dashboard page has something to show. The run's release is recorded as
 * `synthetic-seed-N`, which is how the API and the dashboard tell synthetic data apart (a banner
 * on every page). Importing the same world twice changes nothing (same bytes, same sha256).
 */
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import { DEMO_ROWS, loadDemoWorld } from '../../ingest/index.ts';
import type { CliContext } from '../context.ts';

function parseYears(s: string): number[] {
  const m = /^(\d{4})(?:\s*[-–]\s*(\d{4}))?$/.exec(s.trim());
  if (!m) throw new LanternError('invalid-argument', `Cannot read --years "${s}".`, [{ field: 'years', message: 'bad year span', expected: '2015-2022 or 2021', found: s }]);
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (to < from || to - from > 40) throw new LanternError('invalid-argument', `--years ${s} is not a span of at most 40 years.`, [{ field: 'years', message: 'bad span', found: s }]);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('load the seeded synthetic demo world (BACI-shaped, HS 2007 like the bundled UNESCO basket, marked synthetic) to explore the dashboard')
    .option('--rows <n>', 'number of trade rows to generate', String(DEMO_ROWS))
    .option('--seed <n>', 'random seed (the same seed gives the same world)', '1')
    .option('--years <span>', 'years of the world', '2015-2022')
    .action(async (opts: { rows: string; seed: string; years: string }, cmd: Command) => {
      const rows = Number(opts.rows);
      const seed = Number(opts.seed);
      if (!Number.isInteger(rows) || rows < 1000 || rows > 200_000_000) {
        throw new LanternError('invalid-argument', `--rows ${opts.rows} is not a whole number from 1000 to 200000000.`, [{ field: '--rows', message: 'bad row count', expected: 'a whole number from 1000 to 200000000', found: opts.rows, hint: 'e.g. --rows 300000' }]);
      }
      if (!Number.isInteger(seed)) throw new LanternError('invalid-argument', `--seed ${opts.seed} is not a whole number.`, [{ field: 'seed', message: 'bad seed', found: opts.seed }]);
      const years = parseYears(opts.years);
      ctx.effects.stderr(`generating ${rows.toLocaleString('en-US')} synthetic rows (seed ${seed}, ${years[0]}–${years.at(-1)})…\n`);
      await ctx.withStore(cmd, async (store) => {
        const bar = ctx.progress();
        try {
          const s = await loadDemoWorld(store, { rows, seed, years }, { onProgress: bar.onProgress, now: ctx.effects.now });
          bar.stop();
          ctx.effects.stdout(
            `${s.status === 'unchanged' ? 'already loaded' : 'loaded'}: run ${s.runId}, ${s.rowsLoaded.toLocaleString('en-US')} rows, ${s.yearMin}–${s.yearMax}, ${s.reporters} reporters (release ${s.release})\n` +
              'This is SYNTHETIC data for exploring the features; the dashboard shows a banner on every page.\nRun `npx lantern serve` (or `npm start`) and open http://127.0.0.1:4173/\n',
          );
        } finally {
          bar.stop();
        }
      });
    });
}
