/**
 * Growth over a period: the level of the period before × (1 + rate) = the level now, where "the
 * period before" is the same stretch of the year before (同比, year on year: 2023H1 ← 2022H1,
 * 2023 ← 2022), or the period just before for a sequential rate (环比, month on month: 2023H1 ←
 * 2022H2, 2011M11 ← 2011M10). Levels join only on the same side (overseas with overseas). Two
 * currencies whose numbers agree are a currency slip. A sub-annual rate (January–October, on
 * year) set against a full-year level of the year before is a period mismatch: said, not
 * computed as a contradiction.
 */
import type { Claim } from '../extract.ts';
import { describePeriod, isSubAnnual } from '../periods.ts';
import { agrees, eqOnly, fmt, grow, growText, interval, MONEY, partsMatch, partsMatchLoose, previousPeriod, range, rate, type RuleContext, sameKey, stated } from './core.ts';
import { sameSides } from './sides.ts';

/** 环比, month-on-month, quarter-on-quarter: a change on the period just before, not a year before. */
const SEQUENTIAL = /环比|\b(?:month[- ]on[- ]month|quarter[- ]on[- ]quarter|m\/m|q\/q|mom|qoq|sequential(?:ly)?|from the previous (?:month|quarter|half))\b/i;

/** Whether a rate compares with the period just before (环比) rather than a year before (同比). */
export function isSequential(c: Claim): boolean {
  const off = c.sentence.indexOf(c.quote);
  if (off < 0) return false;
  const head = c.sentence.slice(0, off);
  const clauseHead = head.slice(Math.max(head.lastIndexOf(','), head.lastIndexOf('，'), head.lastIndexOf(';'), head.lastIndexOf('；')) + 1);
  const tail = c.sentence.slice(off + c.quote.length).split(/[,，;；。]/)[0] ?? '';
  const yearOnYear = /同比|year[- ]on[- ]year|\by\/y\b|yoy|on year\b/i;
  if (yearOnYear.test(clauseHead)) return false;
  return SEQUENTIAL.test(clauseHead) || (!yearOnYear.test(tail) && SEQUENTIAL.test(tail));
}

/** The period just before a sub-annual period: 2023H1 → 2022H2, 2023Q1 → 2022Q4, 2011M11 → 2011M10. */
export function periodJustBefore(p: string | null): string | null {
  if (!p) return null;
  const y = Number(p.slice(0, 4));
  let m = /^\d{4}H([12])$/.exec(p);
  if (m) return m[1] === '1' ? `${y - 1}H2` : `${y}H1`;
  m = /^\d{4}Q([1-4])$/.exec(p);
  if (m) return m[1] === '1' ? `${y - 1}Q4` : `${y}Q${Number(m[1]) - 1}`;
  m = /^\d{4}M(\d\d)$/.exec(p);
  if (m) return m[1] === '01' ? `${y - 1}M12` : `${y}M${String(Number(m[1]) - 1).padStart(2, '0')}`;
  return null;
}

export function growthOverPeriod(ctx: RuleContext): void {
  for (const g of ctx.rates) {
    if (!g.metric || !g.period || g.period.includes('..') && !isSubAnnual(g.period)) continue;
    const prev = isSequential(g) ? periodJustBefore(g.period) : previousPeriod(g.period);
    if (!prev) continue;
    const yearBefore = String(Number(g.period.slice(0, 4)) - 1);
    if (!ctx.isOwn(g) && !ctx.reaches(g.entity, prev, g.period, yearBefore)) continue;
    const atPrev = ctx.levelsAt(g.entity, prev);
    const atNow = ctx.levelsAt(g.entity, g.period);
    // The same thing: metric, entity, scope, partner, part, and side (overseas with overseas).
    const thing = (c: Claim) => c.metric === g.metric && sameKey(c, { ...g, unit: c.unit }) && c.partner === g.partner && sameSides(c, g);
    const same = (c: Claim) => thing(c) && partsMatch(c, g);
    // The level of the rate's own part first ("music revenues rose 16.4 percent", not streaming's).
    const ownPartFirst = (pred: (c: Claim) => boolean, pool: readonly Claim[]) =>
      ctx.find((c) => pred(c) && c.part === g.part, g, pool) ?? ctx.find(pred, g, pool);
    let prior = ownPartFirst((c) => same(c) && eqOnly(c), atPrev);
    let now = ownPartFirst(same, atNow);
    // A figure given in two currencies ("$25BN (JPY3.8TR)"): pair the levels of one currency.
    if (prior && now && prior.unit !== now.unit) {
      const unit = (prior as Claim).unit;
      const nowAlt = ctx.find((c) => same(c) && c.unit === unit, g, atNow);
      const priorAlt = ctx.find((c) => same(c) && eqOnly(c) && c.unit === (now as Claim).unit, g, atPrev);
      if (nowAlt) now = nowAlt;
      else if (priorAlt) prior = priorAlt;
    }
    if (prior && now && prior.unit === now.unit) {
      ctx.check('growth', [prior, g], now, grow, growText, now.unit, `level ${prev} grown by the ${g.period} rate = level ${g.period}`);
      continue;
    }
    if (prior && now && MONEY.test(prior.unit) && MONEY.test(now.unit)) {
      currencySlip(ctx, prior, g, now);
      continue;
    }
    // A sub-annual rate next to a full-year level of the year before: not the same base. The
    // full-year level may be another text's, naming the part the rate's text leaves unsaid.
    if (now && isSubAnnual(g.period) && !isSequential(g)) {
      const annual = ctx.find((c) => thing(c) && partsMatchLoose(c, now) && eqOnly(c), g, ctx.levelsAt(g.entity, yearBefore));
      if (annual && annual.unit === now.unit) {
        const computed = rate([annual.value, now.value]);
        ctx.push({
          type: 'period_mismatch',
          docs: [annual.doc, now.doc, g.doc],
          inputs: [annual.id, now.id],
          output: g.id,
          computed: Number(computed.toPrecision(6)),
          stated: g.value,
          computed_range: null,
          verdict: 'not_comparable',
          arithmetic: `${stated(now)} (${describePeriod(now.period)}) / ${stated(annual)} (${describePeriod(annual.period)}) − 1 = ${computed.toFixed(1)}%, but the stated ${stated(g)} compares with ${describePeriod(prev)}`,
          note: 'a part of a year set against a full year: not comparable, not a contradiction',
        });
      }
    }
  }
}

/**
 * Levels in two currencies that agree with the rate only as bare numbers (84.68亿美元 × 1.0616 =
 * 89.89, written 89.89亿元): the arithmetic holds once both are in one currency, so one currency
 * label is wrong. Inconsistent even across texts (no definition makes the numbers agree); the
 * suspect is the figure whose currency the other figures of the same thing do not use.
 */
function currencySlip(ctx: RuleContext, prior: Claim, g: Claim, now: Claim): void {
  const r = range([interval(prior), interval(g)], grow);
  if (!agrees(r, now)) return;
  const computed = grow([prior.value, g.value]);
  const others = ctx.levels.filter(
    (c) => c !== prior && c !== now && c.metric === now.metric && c.entity === now.entity && c.scope === now.scope && c.part === now.part && sameSides(c, now),
  );
  const uses = (unit: string) => others.filter((c) => c.unit === unit).length;
  const suspect = uses(prior.unit) > uses(now.unit) ? now : uses(now.unit) > uses(prior.unit) ? prior : now;
  const usual = suspect === now ? prior.unit : now.unit;
  ctx.push(
    {
      type: 'growth',
      docs: [prior.doc, g.doc, now.doc],
      inputs: [prior.id, g.id],
      output: now.id,
      computed: Number(computed.toPrecision(10)),
      stated: now.value,
      computed_range: [Number(r[0].toPrecision(10)), Number(r[1].toPrecision(10))],
      verdict: 'inconsistent',
      arithmetic: `${stated(prior)} × (1 + ${stated(g)}) = ${fmt(computed, prior.unit)}; stated ${stated(now)}: the numbers agree but the currencies differ (${prior.unit} and ${now.unit})`,
      note: 'a currency slip: the arithmetic holds only with both figures in one currency',
      suspect: suspect.id,
      suspect_reason: `"${suspect.quote}" is in ${suspect.unit} where the other figures of the same series are in ${usual}: with ${usual} the growth holds exactly`,
    },
    { sameDefinition: true },
  );
}
