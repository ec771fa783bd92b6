/**
 * `lantern diff A B`: what changed between two releases — each side an import run id or a release
 * name (`lantern diff V202401 V202501`). Prints the totals before and after, the changes grouped by
 * reporter, year or product (`--by`), and the largest revisions in value and in share.
 */
import type { Command } from 'commander';
import { isLanternError, nameFieldAs } from '../../errors.ts';
import { releaseDiffModel } from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { type Column, emitResult, formatRows, resultOptions } from '../output.ts';
import { modelOptions, modelValues } from '../param-options.ts';

/** The two sides are the command's arguments; every other flag comes from the descriptor. */
const sides = ['a', 'b'];

const usd = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : '');
const pct = (v: unknown) => (typeof v === 'number' ? `${v >= 0 ? '+' : ''}${v.toFixed(2)}%` : '');
const pp = (v: unknown) => (typeof v === 'number' ? `${v >= 0 ? '+' : ''}${v.toFixed(3)} pp` : '');

function groupColumns(by: string): Column[] {
  return [
    { key: 'key', label: by },
    ...(by === 'year' ? [] : [{ key: 'name_en', label: 'name' }, ...(by === 'reporter' ? [{ key: 'name_zh', label: '名称' }] : [])]),
    { key: 'rows_a', label: 'rows A' },
    { key: 'rows_b', label: 'rows B' },
    { key: 'added' },
    { key: 'removed' },
    { key: 'revised' },
    { key: 'value_a', label: 'US$ A', display: usd },
    { key: 'value_b', label: 'US$ B', display: usd },
    { key: 'change_pct', label: 'change', display: pct },
    { key: 'share_change', label: 'share Δ', display: pp },
  ];
}

const revisionColumns: Column[] = [
  { key: 'year', display: (v) => String(v) },
  { key: 'reporter' },
  { key: 'partner' },
  { key: 'flow' },
  { key: 'product' },
  { key: 'value_a', label: 'US$ A', display: usd },
  { key: 'value_b', label: 'US$ B', display: usd },
  { key: 'change', label: 'change US$', display: usd },
  { key: 'change_pct', label: 'change', display: pct },
];

/** The library names the sides by their API parameters `a` and `b`; here they are the arguments typed. */
function namedAsArguments(e: unknown): never {
  if (isLanternError(e)) {
    for (const p of e.problems) {
      if (p.field !== 'a' && p.field !== 'b') continue;
      nameFieldAs(p, `<release-${p.field}>`);
    }
  }
  throw e;
}

export function registerDiff(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('diff <release-a> <release-b>')
    .description(
      'what changed between two releases: A and B are import run ids or release names (e.g. V202401 V202501); ' +
        'rows added, removed and revised, totals before and after, the largest revisions (works across import --replace)',
    );
  resultOptions(modelOptions(cmd, releaseDiffModel, sides)).action(async (a: string, b: string, o: Record<string, unknown>, c: Command) => {
    await ctx.withStore(c, async (store) => {
      const d = await releaseDiffModel.open(store, { a, b, ...modelValues(releaseDiffModel, o, sides) }).catch(namedAsArguments);
      const t = d.totals;
      const side = (s: typeof d.a) =>
        `${s.name} (run${s.runs.length > 1 ? 's' : ''} ${s.runs.join(', ')}; ${s.sources.join(', ')}${s.replaced_runs.length ? `; replaced: ${s.replaced_runs.join(', ')}` : ''})`;
      await emitResult(ctx, c, {
        json: d,
        rows: releaseDiffModel.rows(d),
        table: () =>
          [
            `Release diff: A = ${side(d.a)}, B = ${side(d.b)}\n`,
            `Totals: A ${t.rows_a.toLocaleString('en-US')} rows, US$ ${usd(t.value_a)}; B ${t.rows_b.toLocaleString('en-US')} rows, US$ ${usd(t.value_b)} (${pct(t.change_pct)})\n`,
            `Rows: ${t.added.rows.toLocaleString('en-US')} added (US$ ${usd(t.added.value)}), ${t.removed.rows.toLocaleString('en-US')} removed (US$ ${usd(t.removed.value)}), ` +
              `${t.revised.rows.toLocaleString('en-US')} revised (US$ ${usd(t.revised.value_a)} → ${usd(t.revised.value_b)}), ${t.unchanged.rows.toLocaleString('en-US')} unchanged\n\n`,
            `By ${d.by}:\n`,
            formatRows(d.groups, 'table', groupColumns(d.by)),
            `\nLargest revisions in value:\n`,
            d.largest_value.length ? formatRows(d.largest_value, 'table', revisionColumns) : '(no revised rows)\n',
            `\nLargest changes in share of the total (by ${d.by}):\n`,
            d.largest_share.length ? formatRows(d.largest_share, 'table', groupColumns(d.by)) : '(no share moved)\n',
            ...d.notes.map((n) => `note: ${n}\n`),
          ].join(''),
      });
    });
  });
}

