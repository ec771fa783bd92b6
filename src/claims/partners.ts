/**
 * Partner markets: who a reporter trades with, kept apart from who reports.
 *
 * A country or region is a partner market, not the maker of a figure, when
 * - it follows a flow word and its preposition: "exports to the United States", "sales in Japan",
 *   "imports from Japan", "trade with ASEAN", 对美国出口, 出口到东南亚 ("exports from the UK" names
 *   the exporter);
 * - the sentence is about buyers or markets ("Japan was the biggest importer of Korean albums",
 *   "by country, …, followed by China at …", 出海市场收入排名前5的地区分别是美国、日本…) and the
 *   mention is a country's name, not an adjective ("Korean albums" names the maker);
 * - it is a world region (Southeast Asia, Europe, 东南亚): regions are markets, never the reporter.
 * A figure's partner is the partner mention in its clause, else the one before it in its sentence
 * when its own clause names no flow ("…, which brought in $23.3 million").
 */
import { type CountryMention, findCountries, METRIC_KEYWORDS, REGIONS, WHOLE_MARKERS } from './lexicon.ts';
import { clauseBounds } from './sentences.ts';

const FLOW_THEN_PREP =
  /\b(?:(?:exports?|exported|exporting|shipments?|shipped|outbound)\b[^.;:!?]{0,40}?\b(?:to|into)|(?:sales|sold|selling)\b[^.;:!?]{0,40}?\b(?:to|into|in)|(?:imports?|imported|importing)\b[^.;:!?]{0,40}?\bfrom|(?:trade|traded)\b[^.;:!?]{0,20}?\bwith)\s+(?:the\s+)?$/i;
/** 出口到美国, 销往东南亚, 进口自日本; 对美国出口, 与东盟贸易 (the preposition and the flow around the name). */
const CJK_PARTNER_BEFORE = /(?:出口|销往|运往)(?:到|至)?\s*$|进口自\s*$/;
const CJK_PREP_BEFORE = /(?:对|向|从|自|与|同)\s*$/;
const CJK_PARTNER_AFTER = /^\s*(?:的)?(?:出口|进口|贸易)/;
/** A sentence about buyers or markets: the countries it names (not adjectives) are partners. */
const ROLE =
  /\b(?:importers?|buyers?|destinations?|(?:export|overseas|foreign|top|largest|biggest) markets?|by (?:country|market|destination|region)|followed by)\b|出口市场|海外市场|出海市场|目的地|进口国/i;
/** A Chinese name in a role sentence is a partner when nothing qualifies it (美国、日本 / 美国超过三成). */
const CJK_LISTED_AFTER = /^(?:$|[、，,；;。和与及]|超过|占|达|约|为|以|居|排|位|列|是|分别)/;

/** What stands between two names of one list: "Uganda and Tanzania", "Japan, Korea or Thailand", 美国、日本. */
const LISTED_WITH = /^\s*(?:,|，|、|和|与|及|以及|(?:,\s*)?(?:and|or|&))\s*(?:the\s+)?$/i;

/** The partner mentions of a sentence (countries and regions). */
export function partnerMentions(t: string): CountryMention[] {
  const out: CountryMention[] = [];
  const role = ROLE.test(t);
  for (const m of findCountries(t)) {
    const before = t.slice(Math.max(0, m.start - 60), m.start);
    const after = t.slice(m.end, m.end + 6);
    const possessive = /^['’]s\b/.test(after);
    if (
      FLOW_THEN_PREP.test(before) ||
      CJK_PARTNER_BEFORE.test(before) ||
      (CJK_PREP_BEFORE.test(before) && CJK_PARTNER_AFTER.test(after)) ||
      (role && !m.adjective && !possessive && (!/[\u4e00-\u9fff]/.test(m.text) || CJK_LISTED_AFTER.test(after)))
    )
      out.push(m);
  }
  // "exports to Uganda and Tanzania", 对美国、日本出口: a country listed with a partner is one too.
  for (const m of findCountries(t)) {
    const prev = out.filter((p) => p.end <= m.start).pop();
    if (prev && !out.includes(m) && !out.some((o) => o.start === m.start) && LISTED_WITH.test(t.slice(prev.end, m.start))) out.push(m);
  }
  for (const [re, name] of REGIONS) {
    re.lastIndex = 0;
    for (const m of t.matchAll(re)) {
      const start = m.index ?? 0;
      if (out.some((o) => start < o.end && o.start < start + m[0].length)) continue;
      out.push({ start, end: start + m[0].length, iso3: name, text: m[0] });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The partner market of the figure at [qStart, qEnd) in sentence t, or null. */
export function partnerOf(t: string, qStart: number, qEnd: number, partners: readonly CountryMention[]): string | null {
  if (!partners.length) return null;
  const clause = clauseBounds(t, qStart);
  const inClause = partners.filter((p) => p.start >= clause.start && p.end <= clause.end);
  const before = inClause.filter((p) => p.end <= qStart);
  if (before.length) return (before[before.length - 1] as CountryMention).iso3;
  // "…，占出口总额的15.9%": the words after 占 / "accounted for" name the whole, not who the figure is about.
  const whole = t.slice(clause.start, qStart).search(new RegExp(WHOLE_MARKERS.source, 'i'));
  const head = t.slice(clause.start, whole >= 0 ? clause.start + whole : qStart);
  // "…, 其中美国超过三成" / "followed by China at $51m": the clause itself names no flow.
  const flowHere = METRIC_KEYWORDS.some(([re]) => new RegExp(re.source, 'i').test(head));
  if (inClause.length && !flowHere) return (inClause[0] as CountryMention).iso3;
  if (flowHere || /\b(?:total|overall|in all|altogether)\b|总/i.test(head)) return null;
  const earlier = partners.filter((p) => p.end <= clause.start);
  void qEnd;
  return earlier.length ? (earlier[earlier.length - 1] as CountryMention).iso3 : null;
}
