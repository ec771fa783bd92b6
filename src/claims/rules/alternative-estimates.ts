/**
 * Two estimates of one quantity set side by side: "could be £3.6bn, compared to the official
 * figure of £1.9bn", "£3.5bn rather than the official estimate of £2.9bn", "而官方统计为…". They
 * measure the same thing by different methods; the gap between them is the news, not an error:
 * a definitional conflict, always not_comparable. Pairs another rule already relates (a stated
 * rate between the two estimates) are left to it.
 */
import type { Claim } from '../extract.ts';
import { fmt, type RuleContext, stated } from './core.ts';

/** "compared to the official figure of", "rather than the £22bn estimated in", "versus previous estimates of". */
const VERSUS = /\b(?:compared (?:to|with)|rather than|versus|vs\.?|against|instead of|whereas)\b|相比|而|对比/i;
const ESTIMATE =
  /\b(?:official|government|previous|earlier|provisional|published|previously (?:estimated|reported)|estimated)\b[^.;]{0,40}\b(?:figure|estimate|estimates|data|statistics|number|count|value)s?\b|\b(?:official|provisional)\s+(?:data|statistics|figures?|estimates?)|官方(?:数据|统计|估计)|此前(?:估计|统计)/i;

export function alternativeEstimates(ctx: RuleContext): void {
  const related = new Set(ctx.out.filter((r) => r.type !== 'definitional_conflict').flatMap((r) => pairKey(r.inputs, r.output)));
  for (const b of ctx.own.levels) {
    const a = ctx
      .inDoc(b.doc)
      .levels.filter((c) => c.sentence === b.sentence && c.end <= b.start && c.unit === b.unit && c.metric === b.metric && c.period === b.period)
      .pop();
    if (!a) continue;
    const off = b.sentence.indexOf(b.quote);
    const aOff = b.sentence.indexOf(a.quote);
    if (off < 0 || aOff < 0 || aOff >= off) continue;
    const between = b.sentence.slice(aOff + a.quote.length, off);
    if (!VERSUS.test(between) || !ESTIMATE.test(between) || between.length > 90) continue;
    if (related.has([a.id, b.id].sort().join('|'))) continue;
    ctx.push(conflict(a, b, between));
  }
}

function conflict(a: Claim, b: Claim, between: string) {
  return {
    type: 'definitional_conflict' as const,
    docs: [a.doc],
    inputs: [a.id, b.id],
    output: null,
    computed: b.value === 0 ? null : Number((a.value / b.value).toPrecision(6)),
    stated: null,
    computed_range: null,
    verdict: 'not_comparable' as const,
    arithmetic: `${stated(a)} vs ${stated(b)}${b.value === 0 ? '' : ` (${fmt(a.value / b.value, 'times')})`}: two estimates of one quantity`,
    note: `two estimates by different methods ("${between.trim().slice(0, 60)}"): a difference of method, not a contradiction`,
  };
}

/** Every pair of the claims a relation joins, as sorted keys. */
function pairKey(inputs: string[], output: string | null): string[] {
  const ids = [...inputs, ...(output ? [output] : [])];
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.push([ids[i], ids[j]].sort().join('|'));
  return out;
}
