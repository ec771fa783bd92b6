/**
 * Regression floor: the acceptance measurement of issue 5, run in `npm test`.
 * `lantern claims extract ../shared/seeds/*.txt --format json` and `lantern claims check … --format
 * json` are written to a temp dir and scored by ../shared/gold/score.mjs (--json); the floors are
 * the acceptance thresholds. Skipped with a message when ../shared is absent (fails under CI).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { hasShared, repoRoot, sharedPath } from '../shared.ts';

const present = hasShared('gold/score.mjs') && hasShared('seeds');

describe.skipIf(!present)('claims scored against shared/gold (acceptance floors)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-score-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const seeds = present
    ? readdirSync(sharedPath('seeds'))
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .map((f) => sharedPath('seeds', f))
    : [];

  async function cli(file: string, ...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      stdout: (s) => out.push(s),
      stderr: (s) => err.push(s),
      env: {},
      cwd: repoRoot,
      now: () => new Date('2026-11-23T00:00:00Z'),
    });
    expect(code, err.join('')).toBe(0);
    writeFileSync(join(dir, file), out.join(''));
    return join(dir, file);
  }

  it('meets the extraction and relation floors', async () => {
    const pred = await cli('pred.json', 'claims', 'extract', ...seeds, '--format', 'json');
    const rels = await cli(
      'check.json',
      '--db',
      join(dir, 'l.duckdb'),
      'claims',
      'check',
      ...seeds,
      '--isolated',
      '--format',
      'json',
    );
    const score = JSON.parse(
      execFileSync(
        process.execPath,
        [
          sharedPath('gold/score.mjs'),
          sharedPath('gold/seeds-claims.json'),
          pred,
          sharedPath('gold/seeds-relations.json'),
          rels,
          '--json',
        ],
        {
          encoding: 'utf8',
        },
      ),
    );
    console.log(
      `claims score: F1 ${score.extraction.f1.toFixed(3)} (P ${score.extraction.precision.toFixed(3)}, R ${score.extraction.recall.toFixed(3)}); ` +
        `period ${score.field_accuracy.period.acc.toFixed(3)}, metric ${score.field_accuracy.metric.acc.toFixed(3)}, entity ${score.field_accuracy.entity.acc.toFixed(3)}; ` +
        `relations found ${score.relations.found_rate.toFixed(3)}, right ${score.relations.correct_rate.toFixed(3)}, false alarms ${score.relations.false_alarms}`,
    );
    expect(score.extraction.f1).toBeGreaterThanOrEqual(0.95);
    expect(score.field_accuracy.period.acc).toBeGreaterThanOrEqual(0.9);
    expect(score.field_accuracy.metric.acc).toBeGreaterThanOrEqual(0.85);
    expect(score.field_accuracy.entity.acc).toBeGreaterThanOrEqual(0.85);
    expect(score.relations.found_rate).toBeGreaterThanOrEqual(0.9);
    expect(score.relations.correct_rate).toBeGreaterThanOrEqual(0.9);
    expect(score.relations.false_alarms).toBe(0);
  });
});
