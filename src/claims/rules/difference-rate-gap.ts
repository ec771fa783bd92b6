/**
 * Difference: a gap in percentage points between two rates ("grew 45.2%, 23 percentage points
 * above the overall growth", 高出…23个百分点): the rate nearest before the gap minus the rate of
 * the whole (the same metric and period, no part) = gap.
 */
import type { Claim } from '../extract.ts';
import type { RuleContext } from './core.ts';

const ABOVE = /高出|高于|超出|快于|\b(?:above|higher than|faster than|more than|ahead of|outpac\w*)\b/i;
const BELOW = /低于|慢于|\b(?:below|lower than|slower than|behind)\b/i;

export function rateGap(ctx: RuleContext): void {
  for (const gap of ctx.own.claims.filter((c) => c.kind === 'change_pp' && c.unit === 'pp')) {
    const rates = ctx.inDoc(gap.doc).rates;
    const near = gap.sentence;
    const above = ABOVE.test(near);
    const below = BELOW.test(near);
    if (!above && !below) continue;
    // The rate of the part: the nearest change before the gap in its sentence.
    const own = rates
      .filter((c) => c.sentence === gap.sentence && c.end <= gap.start)
      .sort((a, b) => b.start - a.start)[0];
    if (!own) continue;
    // The rate of the whole: same metric and period, no part, elsewhere in the text.
    const whole = rates
      .filter(
        (c: Claim) =>
          c !== own && c.metric === own.metric && c.period === own.period && !c.part && !c.partner && c.entity === own.entity,
      )
      .sort((a, b) => a.start - b.start)[0];
    if (!whole) continue;
    const sign = below ? -1 : 1;
    ctx.check(
      'difference',
      [own, whole],
      { ...gap, value: Math.abs(gap.value) * sign },
      ([a, b]) => (a as number) - (b as number),
      ([a, b]) => `${a} − ${b}`,
      'pp',
      'the gap between two growth rates, in percentage points',
    );
  }
}
