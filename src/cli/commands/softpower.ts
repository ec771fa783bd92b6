/**
 * `lantern softpower`: the soft-power composite (queries/soft-power.ts; definition
 * docs/indicators/soft-power.md) — components with provenance, normalisation and weights set here,
 * each country's rank with its range over random weights, and ρ against a published index.
 * `lantern softpower definition`: the definition page (`softPowerDefinitionModel`), the object GET
 * /api/v1/softpower/definition sends as data.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import {
  builtInComponents,
  parseCountryValues,
  publishedFields,
  publishedKind,
  type PublishedIndex,
  softPowerDefinition,
  softPowerDefinitionModel,
  softPowerModel,
  type UserSeries,
} from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { emitResult, formatRows, resultOptions } from '../output.ts';
import { modelOptions, modelValues } from '../param-options.ts';

/** Flags written here: the published index is a file at the CLI (the API takes it as text). */
const ownFlags = [...publishedFields];

const collect = (v: string, prev: string[] = []) => [...prev, v];

const COMPONENT_ID = /^[a-z][a-z0-9_-]*$/;
const MAX_SEED = 64;

/**
 * `--components` and `--seed` as typed, before the model reads them: an empty list (the model then
 * found no component it could normalise), an id that cannot be one (`Exports`), a blank seed (the
 * draws' seed silently "") or one over 64 characters. `--draws 0` is refused with the other counts
 * (cli/option-checks.ts).
 */
function checkComponentsAndSeed(o: Record<string, unknown>): void {
  const components = o.components as string | undefined;
  const expected = `component ids, comma-separated: ${builtInComponents.join(', ')} or a --series name`;
  if (components !== undefined && !components.split(',').some((s) => s.trim())) {
    throw new LanternError('invalid-argument', '--components: the list is empty.', [
      { field: '--components', message: 'empty list', expected, found: components, hint: 'e.g. --components exports,rca, or leave --components out to use them all' },
    ]);
  }
  const bad = (components ?? '').split(',').map((s) => s.trim()).filter((s) => s && !COMPONENT_ID.test(s));
  if (bad.length) {
    throw new LanternError('invalid-argument', `--components: "${bad[0]}" is not a component id.`, [
      { field: '--components', message: 'not a component id', expected, found: bad.join(','), hint: `ids are lower case, e.g. --components ${bad[0]?.toLowerCase()}` },
    ]);
  }
  const seed = o.seed as string | undefined;
  if (seed !== undefined && (!seed.trim() || seed.length > MAX_SEED)) {
    const blank = !seed.trim();
    throw new LanternError('invalid-argument', blank ? '--seed: the seed is blank.' : `--seed: the seed is longer than ${MAX_SEED} characters.`, [
      {
        field: '--seed',
        message: blank ? 'blank seed' : 'seed too long',
        expected: `a word or number of 1 to ${MAX_SEED} characters that fixes the random weight draws`,
        found: seed,
        hint: 'e.g. --seed 2024, or leave --seed out for the default "lantern"',
      },
    ]);
  }
}

function readText(ctx: CliContext, file: string): string {
  try {
    return readFileSync(resolve(ctx.effects.cwd, file), 'utf8');
  } catch (e) {
    throw new LanternError('not-found', `Cannot read ${file}.`, [{ file, message: (e as Error).message }]);
  }
}

/** `lantern softpower definition`: the page is bundled, no store is opened. */
function registerDefinition(cmd: Command, ctx: CliContext): void {
  const sub = cmd.command('definition').description(softPowerDefinitionModel.summary);
  resultOptions(sub).action(async (_o: unknown, c: Command) => {
    const d = softPowerDefinition();
    await emitResult(ctx, c, { json: d, rows: softPowerDefinitionModel.rows(d), table: () => `${d.definition_markdown.trimEnd()}\n\n(${d.page})\n` });
  });
}

export function registerSoftpower(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('softpower')
    .description(
      'a transparent soft-power composite: cultural exports (level, world share, growth), RCA, overseas centres, agreements and co-production treaties, your own series; ranks with their range over random weights; ρ against a published index',
    );
  modelOptions(cmd, softPowerModel, ownFlags)
    .option('--series <name=file>', 'a series of your own: CSV country,value (repeatable), e.g. students=students.csv', collect, [])
    .option('--published <file>', 'a published index to compare with: CSV country,rank (or country,score)');
  resultOptions(cmd).action(async (o: Record<string, unknown>, c: Command) => {
    checkComponentsAndSeed(o);
    const series: UserSeries[] = (o.series as string[]).map((s) => {
      const m = /^([a-z][a-z0-9_-]*)=(.+)$/.exec(s);
      if (!m) throw new LanternError('invalid-argument', `--series "${s}" should be NAME=FILE.`, [{ field: 'series', message: 'not NAME=FILE', found: s, hint: 'e.g. --series students=students.csv' }]);
      const file = m[2] as string;
      return { id: m[1] as string, label: m[1] as string, source: basename(file), values: parseCountryValues(readText(ctx, file), basename(file)) };
    });
    const pubFile = o.published as string | undefined;
    const published: PublishedIndex | undefined = pubFile
      ? (() => {
          const text = readText(ctx, pubFile);
          return { name: basename(pubFile), source: basename(pubFile), values: parseCountryValues(text, basename(pubFile)), kind: publishedKind(text) };
        })()
      : undefined;
    await ctx.withStore(c, async (store) => {
      const r = await softPowerModel.open(store, modelValues(softPowerModel, o, ownFlags), { series, published });
      const num = (d: number) => (v: unknown) => (typeof v === 'number' ? v.toFixed(d) : '');
      await emitResult(ctx, c, {
        json: r,
        rows: softPowerModel.rows(r),
        table: () =>
          [
            `Soft-power composite, ${r.year}, basket ${r.basket}; normalisation ${r.normalise}; rank ranges over ${r.draws} random weight draws (seed ${r.seed})\n`,
            formatRows(r.components as unknown as Record<string, unknown>[], 'table', [
              { key: 'id', label: 'component' },
              { key: 'label_en', label: 'what' },
              { key: 'weight' },
              { key: 'countries' },
              { key: 'used', display: (v) => (v ? 'yes' : 'no') },
              { key: 'provenance', label: 'source', display: (v) => { const p = v as { source: string; runs?: number[] }; return `${p.source}${p.runs?.length ? ` (runs ${p.runs.join(',')})` : ''}`; } },
              { key: 'note' },
            ]),
            formatRows(r.rows as unknown as Record<string, unknown>[], 'table', [
              { key: 'rank' },
              { key: 'country' },
              { key: 'name_en', label: 'name' },
              { key: 'name_zh', label: '名称' },
              { key: 'score', display: num(3) },
              { key: 'rank_min', label: 'rank range', display: (v, row) => (v === null ? '' : `${v}–${(row as { rank_max: number }).rank_max}`) },
              { key: 'coverage', label: 'components' },
              ...(r.comparison ? [{ key: 'published_rank', label: `${r.comparison.name} rank` }] : []),
            ]),
            r.comparison ? `Spearman ρ with ${r.comparison.name}: ${r.comparison.rho === null ? 'n/a' : r.comparison.rho.toFixed(3)} over ${r.comparison.n} countries\n` : '',
            ...r.notes.map((n) => `note: ${n}\n`),
          ].join(''),
      });
    });
  });
  registerDefinition(cmd, ctx);
}
