/**
 * Order of magnitude.
 * - Conversions: a figure given in two currencies side by side ("2.5 trillion yen (about US$24
 *   billion)") implies an exchange rate; all pairs of the same two currencies in one text imply
 *   about one rate. A pair whose rate is off from the others' by a power of ten holds a unit slip
 *   ("million" written for "billion"): inconsistent, the converted figure named as the suspect.
 *   Pairs within 3% of the others' rate are consistent.
 * - A part larger than its whole is caught by the share and bound rules; a sum off by a power of
 *   ten is named a unit slip by RuleContext.check.
 */
import type { Claim } from '../extract.ts';
import { fmt, fmtFactor, MONEY, type RuleContext, stated, unitSlip } from './core.ts';

/** Money figures in two currencies standing side by side: "X (about Y)", "X, or around Y", "X（约Y）". */
export function conversionPairs(claims: readonly Claim[]): [Claim, Claim][] {
  const money = claims.filter((c) => MONEY.test(c.unit) && c.kind === 'level').sort((a, b) => a.doc.localeCompare(b.doc) || a.start - b.start);
  const out: [Claim, Claim][] = [];
  for (let i = 0; i + 1 < money.length; i++) {
    const a = money[i] as Claim;
    const b = money[i + 1] as Claim;
    if (a.doc !== b.doc || a.unit === b.unit || a.sentence !== b.sentence) continue;
    const off = a.sentence.indexOf(a.quote);
    const bOff = a.sentence.indexOf(b.quote, off + a.quote.length);
    if (off < 0 || bOff < 0) continue;
    const between = a.sentence.slice(off + a.quote.length, bOff);
    if (!/^\s*(?:[(（]\s*(?:about|around|approximately|approx\.?|roughly|some|or|约|合|折合)?\s*|,?\s*or\s+(?:about|around|roughly)?\s*|\/\s*)$/i.test(between)) continue;
    out.push([a, b]);
    i++;
  }
  return out;
}

export function conversions(ctx: RuleContext): void {
  const pairs = conversionPairs(ctx.own.claims);
  const byKey = new Map<string, [Claim, Claim][]>();
  for (const p of pairs) {
    const key = `${p[0].doc}|${p[0].unit}|${p[1].unit}`;
    byKey.set(key, [...(byKey.get(key) ?? []), p]);
  }
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    const rates = list.map(([a, b]) => a.value / b.value);
    const sorted = [...rates].sort((x, y) => x - y);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    list.forEach(([a, b], i) => {
      const r = rates[i] as number;
      const slip = unitSlip(r, median);
      const ok = Math.abs(r / median - 1) <= 0.03;
      if (!ok && !slip) return; // another rate (another date, a rounded conversion): nothing to say
      ctx.push({
        type: 'conversion',
        docs: [a.doc],
        inputs: [a.id, b.id],
        output: null,
        computed: Number(r.toPrecision(6)),
        stated: Number(median.toPrecision(6)),
        computed_range: null,
        verdict: ok ? 'consistent' : 'inconsistent',
        arithmetic: `${stated(a)} / ${stated(b)} = ${Number(r.toPrecision(5))} ${a.unit} per ${b.unit}; the text's other conversions imply ${Number(median.toPrecision(5))}${ok ? ' → consistent' : ` → off by a factor of ${fmtFactor(r / median)}`}`,
        note: ok ? 'one exchange rate across the text' : 'a unit slip in the conversion',
        ...(ok
          ? {}
          : {
              suspect: b.id,
              suspect_reason: `${b.quote} should be about ${fmt(a.value / median, b.unit)} at the text's own rate: a unit slip (off by ${fmtFactor(r / median)}×)`,
            }),
      });
    });
  }
}
