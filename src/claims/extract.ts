/**
 * Extraction: every quantitative claim of a document, with its meaning.
 *
 * For each sentence: quantities (quantities.ts) on the noise-masked text (noise.ts), then for each
 * quantity the rules below. Each rule reads only the sentence and, where a sentence leaves
 * something unsaid ("Among them, exports rose…"), the sentences before it in the same paragraph.
 *
 * - kind: money → level (change_abs after "increased by"); counted nouns → count; percent →
 *   cagr_pct ("average annual"), share_pct ("share", "accounting for", 占), change_pct (up/down
 *   words, "year-on-year"), else rate; percentage points → change_pp. Declines are negative.
 * - metric: for money and percentages the nearest metric keyword before the figure (exports,
 *   imports, "import and export", surplus, revenue…), else the first after it in its clause, else
 *   the nearest earlier in the paragraph, else the one the headline and lead name; a share's is
 *   what is shared (shares.ts); for counts the counted noun (visitors, users…) or count.
 * - subject: for money and percentages the scope phrase ("cultural products", "cultural services"…)
 *   nearest before in the paragraph; for counts the noun phrase counted.
 * - entity: the country nearest before the figure in its sentence that is not a partner ("exports
 *   to Japan"), else the first after it, else the paragraph's, else the document's main country;
 *   "my country", 我国 → the document's main country.
 * - period: periods.ts.
 * - qualifier: quantities.ts.
 * - "respectively" lists: the i-th figure takes the i-th item listed before (respectively.ts).
 */
import { z } from 'zod';
import { type ClaimDocument, normaliseWidth } from './documents.ts';
import {
  CAGR_WORDS,
  type CountryMention,
  CHANGE_WORDS,
  COUNT_NOUNS,
  DOWN_WORDS,
  findCountries,
  type Hit,
  hits,
  KINDS,
  type Kind,
  METRIC_KEYWORDS,
  METRICS,
  metricHits,
  type Metric,
  OWN_COUNTRY,
  partName,
  PART_WORDS,
  QUALIFIER_BEFORE,
  QUALIFIERS,
  type Qualifier,
  SCOPES,
  SHARE_WORDS,
  UP_WORDS,
} from './lexicon.ts';
import { findNoise, maskNoise } from './noise.ts';
import { partnerMentions, partnerOf } from './partners.ts';
import { assignRespectively } from './respectively.ts';
import { findYears, isSubAnnual, periodText as textOf, type YearMention } from './periods.ts';
import { codeTypos, type Quantity, scanQuantities } from './quantities.ts';
import { clauseBounds, type Sentence, splitSentences } from './sentences.ts';
import { namedWhole, shareWording, subjectMetric } from './shares.ts';

/** One quantitative claim. The first fields follow shared/gold/seeds-claims.json. */
export interface Claim {
  id: string;
  /** The document's file name. */
  doc: string;
  doc_id: string;
  start: number;
  end: number;
  quote: string;
  sentence: string;
  value: number;
  unit: string;
  kind: Kind;
  metric: Metric | null;
  subject: string | null;
  entity: string | null;
  period: string | null;
  qualifier: Qualifier;
  /** Scope id of what is measured (cultural_products, cultural_services…), when named. */
  scope: string | null;
  /** The rounding unit of the stated figure, in the claim's unit (99.89 billion → 1e7). */
  precision: number;
  /** The body named as the source ("according to the Ministry of Commerce"). */
  source: string | null;
  /** Set when the same sentence and figure occur earlier in the document (a repeated passage). */
  repeat_of: string | null;
  /** The partner market when the figure is about trade with one partner ("exports to Japan"). */
  partner: string | null;
  /** The part of the total the figure is about (a province, a kind of firm, a category of goods). */
  part: string | null;
}

/**
 * The claim contract (JSON output of `lantern claims extract`, rows of the ledger), checked where
 * claims cross a boundary (tests, and anyone reading claims back from JSON).
 */
export const claimSchema = z.object({
  id: z.string().regex(/^c[0-9a-f]{8}\.\d+$/, 'a claim id is c + 8 hex digits + . + offset'),
  doc: z.string().min(1),
  doc_id: z.string().regex(/^d[0-9a-f]{16}$/),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  quote: z.string().min(1),
  sentence: z.string().min(1),
  value: z.number().finite(),
  unit: z.string().min(1),
  kind: z.enum(KINDS),
  metric: z.enum(METRICS).nullable(),
  subject: z.string().nullable(),
  entity: z.string().nullable(),
  period: z
    .string()
    .regex(
      /^\d{4}(?:\.\.\d{4}|H[12]|Q[1-4]|M\d\d(?:\.\.\d{4}M\d\d)?)?$/,
      'a period is YYYY, YYYY..YYYY, YYYYH1, YYYYQ1, YYYYMmm or YYYYMmm..YYYYMmm',
    )
    .nullable(),
  qualifier: z.enum(QUALIFIERS),
  scope: z.string().nullable(),
  precision: z.number().nonnegative(),
  source: z.string().nullable(),
  repeat_of: z.string().nullable(),
  partner: z.string().nullable(),
  part: z.string().nullable(),
});

export interface ExtractOptions {
  /** Use the recogniser library for spelled-out and Chinese numerals (default true). */
  recogniser?: boolean;
}

const SOURCE_RE =
  /\b(?:according to|data (?:from|released by|published by)|figures (?:from|released by)|statistics (?:from|of))\s+(?:the\s+)?(?:(?:latest|most recent)\s+[\w\s]*?(?:of|from)\s+(?:data\s+from\s+)?(?:the\s+)?)?((?:[A-Z][\w&’'-]*\s?(?:of\s|for\s|and\s|on\s)?)+)|([\u4e00-\u9fff]{2,12}(?:部|局|署|委员会|办公室|中心))(?:数据|发布|统计)/;

/** All claims of a document. */
export function extractClaims(doc: ClaimDocument, opts: ExtractOptions = {}): Claim[] {
  const norm = codeTypos(normaliseWidth(doc.text));
  const masked = maskNoise(norm, findNoise(norm));
  const sentences = splitSentences(norm);
  const lead = documentPeriod(sentences, doc.date ? Number(doc.date.slice(0, 4)) : null);
  // Without a date, "this year" and "last year" count from the year the lead reports.
  const docYear = doc.date ? Number(doc.date.slice(0, 4)) : lead.year;
  const mainCountry = mainCountryOf(sentences, norm, doc.lang);
  const docMetric = documentMetric(sentences);
  const docScope = documentScope(sentences);
  const claims: Claim[] = [];
  const bySentence = new Map<string, Claim[]>();
  let carried: { period: YearMention | null; span: YearMention | null; para: number } = {
    period: null,
    span: null,
    para: -1,
  };

  for (const s of sentences) {
    const years = findYears(s.text);
    const ownPeriod = years.length ? years : null;
    if (carried.para !== s.para) carried = { period: null, span: null, para: s.para };
    const contextYear = yearOfMention(carried.period, docYear) ?? lead.year;
    const ms = masked.slice(s.start, s.end);
    const cjk = doc.lang === 'zh' || /[\u4e00-\u9fff]{2}/.test(ms);
    const quantities =
      /[\d〇零一二两三四五六七八九十百千万亿]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|dozen|half|thirds?|quarters?|a million|a billion)\b/i.test(
        ms,
      )
        ? scanQuantities(ms, { cjk, recogniser: opts.recogniser })
        : [];
    quantities.push(...multipleWords(ms, quantities));
    quantities.sort((a, b) => a.start - b.start);
    shareQualifiers(ms, quantities);
    const paraText = paragraphBefore(sentences, s, norm);
    const prevFrom: { idx: number } = { idx: -1 };
    const first = claims.length;
    quantities.forEach((q, qi) => {
      const c = buildClaim(doc, s, q, quantities, qi, {
        years,
        carried: ownPeriod ? null : carried.period,
        carriedSpan: carried.span,
        docYear,
        contextYear,
        docPeriod: lead.period,
        mainCountry,
        docMetric,
        docScope,
        paraText,
        prevFrom,
      });
      if (c) claims.push(c);
    });
    assignRespectively(claims.slice(first), s.text, s.start, mainCountry);
    // Carry the sentence's period (a span wins over single years) to the next sentences.
    if (ownPeriod) {
      const span = ownPeriod.find((y) => y.to !== undefined);
      // Not the year of a figure compared with ("…, compared with $37.5bn a year earlier").
      const told = ownPeriod.filter((y) => !comparedFigureYear(ms, quantities, y));
      carried.period = (told.length ? told : ownPeriod)[(told.length ? told : ownPeriod).length - 1] as YearMention;
      if (span) carried.span = span;
    }
  }
  // Repeated passages: the same sentence and figure earlier in the document.
  for (const c of claims) {
    const key = `${c.sentence}\u0000${c.quote}\u0000${c.value}`;
    const list = bySentence.get(key);
    if (list?.length) c.repeat_of = (list[0] as Claim).id;
    bySentence.set(key, [...(list ?? []), c]);
  }
  return claims;
}

interface Ctx {
  years: YearMention[];
  carried: YearMention | null;
  /** The last span ("from 2009 to 2021") earlier in the paragraph. */
  carriedSpan: YearMention | null;
  docYear: number | null;
  /** The year talked about before this sentence (carried in the paragraph, else the lead's). */
  contextYear: number | null;
  /** The document's own period, from its headline and lead. */
  docPeriod: string | null;
  mainCountry: string | null;
  /** What the document measures, when its headline and lead name one thing (documentMetric). */
  docMetric: Metric | null;
  /** The scope the document is about, when its headline and lead name one (documentScope). */
  docScope: Hit | null;
  paraText: { text: string; start: number };
  prevFrom: { idx: number };
}

/**
 * Kept whole: the rules that turn a figure's surroundings into a claim (change or share, flow,
 * balance, period, country) in the order they apply, each with its example.
 */
function buildClaim(
  doc: ClaimDocument,
  s: Sentence,
  q: Quantity,
  all: Quantity[],
  qi: number,
  ctx: Ctx,
): Claim | null {
  const t = s.text;
  const clause = clauseBounds(t, q.start);
  const clauseText = t.slice(clause.start, clause.end);
  const before = t.slice(clause.start, q.start);
  const after = t.slice(q.end, clause.end);
  const isMoney = /^[A-Z]{3}$/.test(q.unit);
  let kind: Kind;
  let value = q.value;
  let unit = q.unit;
  if (isMoney) {
    kind =
      /\b(?:increas\w*|decreas\w*|rose|fell|grew|declin\w*|dropp?\w*|up|down)\s+by\s+(?:about\s+|around\s+|some\s+)?$/i.test(
        before,
      )
        ? 'change_abs'
        : 'level';
    if (kind === 'change_abs' && DOWN_WORDS.test(before)) value = -Math.abs(value);
  } else if (q.unit === 'pp') {
    kind = 'change_pp';
    if (falls(before, after)) value = -Math.abs(value);
  } else if (q.unit === 'percent') {
    const near = `${before} ${after}`;
    // "up 12.8% from 2018", "rose 15.1%", "19% more than in 2018", "topped … by more than 14
    // percent", 同比增长4.25%: the words right at the figure make it a change, whatever share
    // words stand elsewhere in the sentence.
    const changeHere =
      /\b(?:(?<!\b(?:made|makes|make|making|adds|added|add)\s)up|down|rose|fell|grew|increased|decreased|declined|dropped|jumped|surged|climbed|gained|slipped|by)\s+(?:more than |about |over |nearly |almost |some |around )?$|(?:增长|下降|增加|减少|上升|下滑|提高|降低|增幅为?|降幅为?)\s*$/i.test(
        before,
      ) || /^\s*(?:more|less|higher|lower)\s+than\b/i.test(after);
    if (CAGR_WORDS.test(near)) kind = 'cagr_pct';
    else if (changeHere && !/\b(?:share|stake|proportion)\s+(?:\w+\s+){0,2}by\s*$/i.test(before)) kind = 'change_pct';
    else if (/^[一二两三四五六七八九十\d.]+\s*成$/.test(t.slice(q.start, q.end).trim())) kind = 'share_pct';
    else if (
      q.source === 'words' &&
      q.value < 100 &&
      /half|third|quarter|fifth|tenth/i.test(t.slice(q.start, q.end)) &&
      !/\bby\s*$/.test(before)
    )
      kind = 'share_pct';
    else if (SHARE_WORDS.test(near) && !/\bby\s*$/.test(before)) kind = 'share_pct';
    // "32.8 percent of the industry's revenue": a percentage of a named whole.
    else if (/^\s*of\s+(?:the|its|their|his|her|all|total|overall|global|world)\b/i.test(after) && !/\bby\s*$/.test(before)) kind = 'share_pct';
    else if (UP_WORDS.test(near) || DOWN_WORDS.test(near) || CHANGE_WORDS.test(near)) kind = 'change_pct';
    // "exports to France stood at 180 million euros, or 17.1 percent": a percentage set beside a
    // level as another way of saying it is that level's share.
    else if (besideLevel(t, all[qi - 1], q)) kind = 'share_pct';
    // "其中策略类达41.47%", "东南亚约38%": a bare percentage in a breakdown is a share.
    else if (/其中|\b(?:of which|among them|of these)\b/i.test(t.slice(0, q.start))) kind = 'share_pct';
    else kind = 'rate';
    if ((kind === 'change_pct' || kind === 'cagr_pct') && falls(before, after)) value = -Math.abs(value);
  } else if (q.unit === 'times') {
    kind = 'ratio';
  } else if (q.unit === 'count') {
    kind = 'count';
  } else {
    kind = 'level';
  }
  // A deficit is a negative balance.
  const metric = metricFor(t, q, kind, clauseText, ctx.paraText.text, ctx.docMetric);
  if (
    metric === 'balance' &&
    /\bdeficits?\b|逆差/i.test(t.slice(Math.max(0, q.start - 40), q.start)) &&
    kind === 'level'
  )
    value = -Math.abs(value);
  if (kind === 'share_pct' && metric === null) unit = 'percent';

  // Period.
  let period = periodFor(t, q, all, qi, kind, ctx);
  if (kind === 'share_pct' && period && period.includes('..') && ctx.years.some((y) => y.since))
    period = null;

  const entity = entityFor(t, q, ctx, kind);
  // ¥ is the yen in a figure about Japan, the yuan otherwise.
  if (unit === 'CNY' && /^[¥￥]/.test(t.slice(q.start, q.end).trim()) && entity === 'JPN') unit = 'JPY';
  const subject =
    isMoney || unit === 'percent' || unit === 'pp'
      ? scopeSubject(t, q, ctx.paraText.text, ctx.docScope)
      : countSubject(t, q);
  const scope = isMoney || unit === 'percent' || unit === 'pp' ? scopeId(subject) : null;
  const start = s.start + q.start;
  const end = s.start + q.end;
  return {
    id: claimId(doc, start),
    doc: doc.name,
    doc_id: doc.id,
    start,
    end,
    quote: doc.text.slice(start, end),
    sentence: doc.text.slice(s.start, s.end),
    value: round(value),
    unit,
    kind,
    metric,
    subject: subject?.text ?? null,
    entity,
    period,
    qualifier: q.qualifier,
    scope,
    precision: q.precision,
    source: sourceFor(t, ctx.paraText.text),
    repeat_of: null,
    partner: isMoney || unit === 'percent' || unit === 'pp' ? partnerOf(t, q.start, q.end, partnerMentions(t)) : null,
    part: isMoney || unit === 'percent' ? partFor(t, q, subject?.text ?? null) : null,
  };
}

/**
 * A bound word governs the figures coordinated with it: "topping 100 million dollars in 2020 and
 * 200 million dollars the next year", "超过30亿元和20亿元" — the second has no qualifier of its own;
 * and the conversion written in brackets after a bounded figure.
 */
function shareQualifiers(ms: string, qs: Quantity[]): void {
  for (let i = 1; i < qs.length; i++) {
    const a = qs[i - 1] as Quantity;
    const b = qs[i] as Quantity;
    if (b.qualifier !== 'eq' || a.qualifier === 'eq' || a.unit !== b.unit) continue;
    const between = ms.slice(a.end, b.start);
    if (/^\s*(?:(?:in|for|during)\s+(?:19|20)\d\d\s*)?,?\s*(?:and|or|和|及|与|、)\s*$/i.test(between)) b.qualifier = a.qualifier;
  }
  // "surpassed 300 billion won ($230 million)": a conversion in brackets is bounded as its figure is.
  for (let i = 1; i < qs.length; i++) {
    const a = qs[i - 1] as Quantity;
    const b = qs[i] as Quantity;
    const money = /^[A-Z]{3}$/;
    if (b.qualifier !== 'eq' || a.qualifier === 'eq' || a.unit === b.unit || !money.test(a.unit) || !money.test(b.unit)) continue;
    if (/^\s*[(（]\s*$/.test(ms.slice(a.end, b.start))) b.qualifier = a.qualifier;
  }
}

const MULTIPLE_VALUES: Record<string, number> = { double: 2, twice: 2, triple: 3, treble: 3, quadruple: 4, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const MULTIPLE_RE =
  /\b(double[ds]?|doubling|twice|tripl(?:e[ds]?|ing)|trebl(?:e[ds]?|ing)|quadrupl(?:e[ds]?|ing)|(two|three|four|five|six|seven|eight|nine|ten)fold|(\d+(?:\.\d+)?)-fold)\b|翻(?:了)?(一|两|二|三)番|翻番/gi;

/**
 * Multiples written as words: double, twice, tripled, fivefold, 3-fold, 翻一番 (×2), 翻两番 (×4).
 * "twice as many", "more than double": the qualifier comes from the words before.
 */
function multipleWords(ms: string, taken: readonly Quantity[]): Quantity[] {
  const out: Quantity[] = [];
  for (const m of ms.matchAll(MULTIPLE_RE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (taken.some((q) => start < q.end && q.start < end)) continue;
    const w = m[0].toLowerCase();
    let value: number;
    if (m[3]) value = Number(m[3]);
    else if (m[2]) value = MULTIPLE_VALUES[m[2].toLowerCase()] ?? Number.NaN;
    else if (w.startsWith('翻')) value = m[4] === '两' || m[4] === '二' ? 4 : m[4] === '三' ? 8 : 2;
    else value = MULTIPLE_VALUES[w.replace(/(?:e?[ds]|ing)$/, '').replace(/^doubl$/, 'double').replace(/^tripl$/, 'triple').replace(/^trebl$/, 'treble').replace(/^quadrupl$/, 'quadruple')] ?? Number.NaN;
    if (!Number.isFinite(value)) continue;
    // "a double-digit rise", "double taxation": not a multiple of a figure.
    if (/^[\s-]*(?:digit|taxation|bill|feature|album|standard|check)/i.test(ms.slice(end, end + 12))) continue;
    const before = ms.slice(Math.max(0, start - 24), start);
    const qualifier = QUALIFIER_BEFORE.find(([re]) => re.test(before))?.[1] ?? 'eq';
    out.push({ start, end, value, unit: 'times', precision: 0.2, qualifier, source: 'words' });
  }
  return out;
}

/**
 * Whether a percentage restates the money level just before it ("180 million euros, or 17.1
 * percent"): the level is not a change ("rose by $5bn, or 12 percent" is a rate of growth).
 */
function besideLevel(t: string, prev: Quantity | undefined, q: Quantity): boolean {
  if (!prev || !/^[A-Z]{3}$/.test(prev.unit)) return false;
  if (!/^\s*[,，]\s*or\s+(?:about |around |nearly |almost |roughly |some |just over |just under )?$/i.test(t.slice(prev.end, q.start))) return false;
  // "Overseas sales made up 610 billion won, or 32.8 percent": "made up" is no rise.
  const head = t.slice(clauseBounds(t, prev.start).start, prev.start).replace(/\b(?:made|makes?|making) up\b/gi, '');
  return !UP_WORDS.test(head) && !DOWN_WORDS.test(head) && !/\bby\s*$/i.test(head);
}

/** Whether the direction word nearest before a change (else right after it) says it fell. */
function falls(before: string, after: string): boolean {
  const last = (re: RegExp, s: string) => {
    let i = -1;
    for (const m of s.matchAll(new RegExp(re.source, 'gi'))) i = m.index ?? i;
    return i;
  };
  const d = last(DOWN_WORDS, before);
  const u = last(UP_WORDS, before);
  if (d >= 0 || u >= 0) return d > u;
  const a = after.slice(0, 25);
  return DOWN_WORDS.test(a) && !UP_WORDS.test(a);
}

const round = (v: number) => Number(v.toPrecision(12));

/** A stable claim id: the document id and the start offset. */
export function claimId(doc: Pick<ClaimDocument, 'id'>, start: number): string {
  return `c${doc.id.slice(1, 9)}.${start}`;
}

// ---------------------------------------------------------------- metric

function metricFor(t: string, q: Quantity, kind: Kind, clauseText: string, para: string, docMetric: Metric | null): Metric | null {
  if (kind === 'count') {
    const after = t.slice(q.end, q.end + 60).replace(/^\s+/, '');
    const words = after.split(/\s+/).slice(0, 4);
    for (let i = 0; i < words.length; i++) {
      const w = words.slice(i).join(' ');
      for (const [re, m] of COUNT_NOUNS) if (re.test(w)) return m;
    }
    if (
      /^(?:people|persons|viewers|audiences?)\b|^人/i.test(after) &&
      /\b(?:reach\w*|cover\w*|attract\w*)\b|覆盖/i.test(t.slice(0, q.start))
    )
      return /attract/i.test(t.slice(0, q.start)) ? 'visitors' : 'reach';
    // "the number of visitors has exceeded 500 million": no noun after, the counted noun is before.
    if (!/^[a-z\u4e00-\u9fff]/.test(after)) {
      const head = t.slice(clauseBounds(t, q.start).start, q.start);
      for (const [re, m] of COUNT_NOUNS) {
        const words = head.split(/\s+/);
        if (
          words.some(
            (w) => re.test(w) && re.exec(w)?.[0].length === w.replace(/[^\w\u4e00-\u9fff]/g, '').length,
          )
        )
          return m;
      }
    }
    // "用户规模约6.66亿人": a Chinese measure word after, the counted noun before.
    if (/^[人个家名位]/.test(after)) {
      const head = t.slice(clauseBounds(t, q.start).start, q.start);
      for (const [re, m] of COUNT_NOUNS) if (new RegExp(re.source.replace(/^\^/, '').replace(/\|\^/g, '|'), 'i').test(head) && /[\u4e00-\u9fff]/.test(head)) return m;
    }
    if (
      /^times\b|^次/.test(after) &&
      /\b(?:play\w*|view\w*|watch\w*|stream\w*|click\w*|download\w*)\b|播放|观看|浏览/i.test(t)
    )
      return 'views';
    return 'count';
  }
  if (
    q.unit === 'years' ||
    q.unit === 'months' ||
    q.unit === 'days' ||
    q.unit === 'weeks' ||
    q.unit === 'hours'
  )
    return 'duration';
  if (kind === 'share_pct' && /\bmarket share|market shares|市场份额|市场占有率/i.test(clauseText))
    return 'market_share';
  // "出口额占进出口总额的比重为81.7%": a share measures what is shared, named before 占 /
  // "accounted for"; else the whole it names ("31 percent of exports").
  if (kind === 'share_pct') {
    const wording = shareWording(t, q.start, q.end);
    const shared = subjectMetric(t, wording) ?? namedWhole(wording)?.metric;
    if (shared) return shared;
  }
  const hs = metricHits(t);
  const prior = hs.filter((h) => h.end <= q.start);
  if (prior.length) return (prior[prior.length - 1] as Hit).label as Metric;
  const clause = clauseBounds(t, q.start);
  const later = hs.find((h) => h.start >= q.end && h.start < clause.end);
  if (later) return later.label as Metric;
  const ph = metricHits(para);
  if (ph.length) return (ph[ph.length - 1] as Hit).label as Metric;
  // "Rattan products accounted for 1.1 billion dollars" in a text about exports: a figure whose
  // paragraph names no measure goes on about the document's subject.
  if (docMetric && (/^[A-Z]{3}$/.test(q.unit) || q.unit === 'percent')) return docMetric;
  // "the anime industry rose 15.1% to 2.5 trillion yen", "the market was at …": an industry's
  // or a market's size is its revenue.
  if (/\b(?:industry|market|sector)\b|产业|行业|市场/i.test(`${para} ${t}`) && (/^[A-Z]{3}$/.test(q.unit) || q.unit === 'percent' || q.unit === 'times'))
    return 'revenue';
  return null;
}

// ---------------------------------------------------------------- subject and scope

function scopeSubject(t: string, q: Quantity, para: string, docScope: Hit | null): { text: string; scope: string } | null {
  const hs = hits(t, SCOPES);
  const prior = hs.filter((h) => h.end <= q.start);
  const pick = prior.length ? prior[prior.length - 1] : hs.find((h) => h.start >= q.end);
  if (pick) return { text: pick.text.toLowerCase(), scope: pick.label };
  const ph = hits(para, SCOPES);
  // A paragraph naming no scope goes on about the document's ("对东盟出口1560亿元" after a lead on
  // cultural products).
  const last = ph[ph.length - 1] ?? docScope;
  return last ? { text: last.text.toLowerCase(), scope: last.label } : null;
}

function scopeId(subject: { scope: string } | null): string | null {
  return subject?.scope ?? null;
}

function countSubject(t: string, q: Quantity): { text: string; scope: string } | null {
  const after = t.slice(q.end).replace(/^\s+/, '');
  const m = /^(?:of\s+(?:these|those|the)\s+)?([^,;:.。，；()“”"]{1,80})/.exec(after);
  if (!m) return null;
  const words = (m[1] ?? '').split(/\s+/);
  const stop = words.findIndex(
    (w, i) =>
      i > 0 &&
      /^(?:that|which|who|while|and|in|on|at|during|since|from|by|to|for|this|last|annually|overseas|worldwide)$/i.test(
        w,
      ),
  );
  const text = words
    .slice(0, stop > 0 ? Math.min(stop, 8) : 8)
    .join(' ')
    .trim();
  return text ? { text, scope: '' } : null;
}

// ---------------------------------------------------------------- part of a whole

/**
 * The part of a total a money figure or percentage is about: a part word (lexicon PART_WORDS) in
 * its clause before it, else earlier in its sentence when its own clause names no subject ("…,
 * 增长0.4%"), provided no scope phrase of the whole stands between the part word and the figure
 * ("广东出口文化产品73.5亿美元" is Guangdong's; "在文化产品出口中,视觉艺术品出口…" is the category's).
 */
function partFor(t: string, q: Quantity, scopeText: string | null): string | null {
  // A part word naming a share's whole ("占工艺美术品出口额的37.8%", "44 percent of handicraft
  // exports") is what the share is of, not the subject of that figure or of the clauses after it.
  const namesWhole = (h: { start: number }) => {
    const before = t.slice(clauseBounds(t, h.start).start, h.start);
    return /占[^\d０-９]*$/.test(before) || /(?:percent|per cent|%|share|proportion)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$/i.test(before);
  };
  const hs = hits(t, PART_WORDS).filter((h) => h.end <= q.start && !namesWhole(h));
  // "$233 million worth of albums": the part named right after the figure.
  const worth = /^[’'\s-]*(?:worth|in sales|in exports)\s+of\s+(?:\w+\s+){0,2}?$/i;
  const after = hits(t, PART_WORDS).find((h) => h.start >= q.end && worth.test(t.slice(q.end, h.start).replace(/^\s*(?:U\.S\.\s+)?dollars/i, '')));
  if (after) hs.push(after);
  if (!hs.length) return null;
  const clause = clauseBounds(t, q.start);
  const inClause = hs.filter((h) => h.start >= clause.start);
  const clauseHasSubject = hits(t.slice(clause.start, q.start), [...SCOPES, ...METRIC_KEYWORDS]).length > 0;
  const pick = inClause.length ? inClause[inClause.length - 1] : clauseHasSubject ? undefined : hs[hs.length - 1];
  if (!pick) return null;
  void scopeText;
  return partName(pick.text);
}

// ---------------------------------------------------------------- entity

/** The world as the entity: "global trade in creative goods", "world exports", 全球贸易. */
const WORLD =
  /\b(?:global|world|worldwide)\s+(?:trade|exports|imports|sales|box office)\b|\bworld(?:'s|’s)? (?:total|trade)\b|全球(?:贸易|出口)|世界(?:贸易|出口)/gi;

const PARTNER_BEFORE =
  /\b(?:to|from|with|into|towards?|against|versus|vs\.?|than)\s+(?:the\s+)?$|(?:对|向|从|与|同)$/i;

/** "exports of films from Chile": the country after "from" is the exporter, not a partner. */
const EXPORTER_FROM = /\b(?:exports?|exported|exporting|shipments?|shipped)\b[^.;:!?]{0,40}?\bfrom\s+(?:the\s+)?$/i;

/** A mention that names a partner market or a counterpart, not the maker of a figure. */
function notReporter(t: string, m: CountryMention, partners: readonly CountryMention[]): boolean {
  if (partners.some((p) => p.start === m.start)) return true;
  if (!PARTNER_BEFORE.test(t.slice(Math.max(0, m.start - 12), m.start))) return false;
  return !EXPORTER_FROM.test(t.slice(Math.max(0, m.start - 60), m.start));
}

function entityFor(t: string, q: Quantity, ctx: Ctx, kind: Kind): string | null {
  const partners = partnerMentions(t);
  const mentions = findCountries(t).filter((m) => !notReporter(t, m, partners));
  WORLD.lastIndex = 0;
  // The world is the whole a share is taken of, not who holds it.
  if (kind !== 'share_pct')
    for (const m of t.matchAll(WORLD))
      mentions.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, iso3: 'WLD', text: m[0] });
  OWN_COUNTRY.lastIndex = 0;
  for (const m of t.matchAll(OWN_COUNTRY))
    if (ctx.mainCountry)
      mentions.push({
        start: m.index ?? 0,
        end: (m.index ?? 0) + m[0].length,
        iso3: ctx.mainCountry,
        text: m[0],
      });
  mentions.sort((a, b) => a.start - b.start);
  const prior = mentions.filter((m) => m.end <= q.start);
  if (prior.length) return (prior[prior.length - 1] as { iso3: string }).iso3;
  const clause = clauseBounds(t, q.start);
  const later = mentions.find((m) => m.start >= q.end && m.start < clause.end);
  if (later) return later.iso3;
  const pt = ctx.paraText.text;
  const paraPartners = partnerMentions(pt);
  const para = findCountries(pt).filter((m) => !notReporter(pt, m, paraPartners));
  // The document's country when the paragraph names it too; else the paragraph's last.
  if (ctx.mainCountry && para.some((m) => m.iso3 === ctx.mainCountry)) return ctx.mainCountry;
  if (para.length) return (para[para.length - 1] as { iso3: string }).iso3;
  return ctx.mainCountry;
}

/**
 * What a document measures: the one metric its headline and lead (the first two paragraphs, at
 * most five sentences) name ("Vietnam's handicraft exports hit record"); null when they name
 * several (exports, imports and their total) or none.
 */
function documentMetric(sentences: readonly Sentence[]): Metric | null {
  const named = new Set(leadOf(sentences).flatMap((s) => metricHits(s.text).map((h) => h.label)));
  return named.size === 1 ? ([...named][0] as Metric) : null;
}

/** The scope a document is about: the one its headline and lead name (its first mention), else null. */
function documentScope(sentences: readonly Sentence[]): Hit | null {
  const named = leadOf(sentences).flatMap((s) => hits(s.text, SCOPES));
  return new Set(named.map((h) => h.label)).size === 1 ? (named[0] as Hit) : null;
}

/** A document's headline and lead: its first two paragraphs, at most five sentences. */
function leadOf(sentences: readonly Sentence[]): Sentence[] {
  const paras = [...new Set(sentences.map((s) => s.para))].slice(0, 2);
  return sentences.filter((s) => paras.includes(s.para)).slice(0, 5);
}

/**
 * The country a document is about: the most mentioned one that is not a partner market, a
 * mention in the headline and lead (first five sentences) counting twice; own-country phrases
 * (我国) count for China in Chinese texts when nothing else is named. A text naming only partner
 * markets ("Exports to Japan were…", 对日本出口…) has no known reporter: null, never the partner.
 */
function mainCountryOf(sentences: readonly Sentence[], norm: string, lang: 'en' | 'zh'): string | null {
  const counts = new Map<string, number>();
  for (const s of sentences) {
    const partners = partnerMentions(s.text);
    for (const m of findCountries(s.text)) {
      if (notReporter(s.text, m, partners)) continue;
      counts.set(m.iso3, (counts.get(m.iso3) ?? 0) + (s.index < 5 ? 2 : 1));
    }
  }
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  if (!best && lang === 'zh' && /我国/.test(norm)) return 'CHN';
  return best;
}

// ---------------------------------------------------------------- period

function periodFor(t: string, q: Quantity, all: Quantity[], qi: number, kind: Kind, ctx: Ctx): string | null {
  const before = t.slice(Math.max(0, q.start - 14), q.start);
  const yearsHere = ctx.years;
  // The year in force where a mention stands: the last written year before it in the sentence.
  const yearAt = (m: YearMention): number | null => {
    const prior = yearsHere.filter((y) => y.end <= m.start && !y.months && !y.relative && !y.base && y.to === undefined);
    return prior.length ? (prior[prior.length - 1] as YearMention).year : ctx.contextYear;
  };
  // "In the same period last year, exports were $4.18bn" in a text on the first half: 2023H1.
  const subAnnual = (() => {
    const own = yearsHere.find((y) => y.months);
    const p = own ? textOf(own, ctx.docYear, yearAt(own)) : ctx.carried?.months ? textOf(ctx.carried, ctx.docYear, ctx.contextYear) : ctx.docPeriod;
    return isSubAnnual(p) ? p : null;
  })();
  const periodText = (m: YearMention, docYear: number | null) => {
    const p = textOf(m, docYear, yearAt(m));
    return m.samePeriod && p && subAnnual ? subAnnual.replace(/\d{4}/g, p.slice(0, 4)) : p;
  };
  const span =
    yearsHere.find((y) => y.to !== undefined) ??
    (yearsHere.length ? undefined : (ctx.carriedSpan ?? undefined));
  const sinceSpan = yearsHere.find((y) => y.since);
  const isFrom = /\bfrom\s*$|(?:从|由)\s*$/i.test(before);
  const prev = all[qi - 1];
  const isTo =
    /\bto\s*$|(?:到|至|增至|增长到|达到)\s*$/.test(before) &&
    !!prev &&
    /\bfrom\s*$|(?:从|由)\s*$/i.test(t.slice(Math.max(0, prev.start - 14), prev.start));
  if (span && span.to !== undefined) {
    if (isFrom) return String(span.year);
    if (isTo) return String(span.to);
    if (kind === 'cagr_pct') return `${span.year}..${span.to}`;
  }
  const clause = clauseBounds(t, q.start);
  const inClauseOf = (y: YearMention) => y.start >= clause.start && y.end <= clause.end;
  // "grown 70 percent over the past three years; it was $136m in 2020 … $231m last year": the
  // change spans the years the sentence names (else the N years to the publication year).
  const past = PAST_YEARS.exec(t.slice(clause.start, clause.end));
  if (past && (kind === 'change_pct' || kind === 'ratio' || kind === 'cagr_pct')) {
    const named = yearsHere
      .filter((y) => !y.months && y.to === undefined && !y.base)
      .map((y) => Number(textOf(y, ctx.docYear, ctx.contextYear)))
      .filter((y) => Number.isFinite(y) && y > 1900);
    if (named.length >= 2) return `${Math.min(...named)}..${Math.max(...named)}`;
    const n = numberWord(past[1] ?? past[2] ?? '');
    if (ctx.docYear !== null && n) return `${ctx.docYear - n}..${ctx.docYear}`;
  }
  // "up 7.4 percent from 849 million dollars in 2022", "against 160 million dollars in 2023": the
  // year written after a figure compared with is that figure's, a base for the others.
  const baseOfOther = (y: YearMention) => comparedFigureYear(t, all.filter((_, i) => i !== qi), y);
  // Base years of comparisons and event years told in passing are not the figure's period.
  const explicit = yearsHere.filter((y) => !y.base && !baseOfOther(y) && (!y.event || inClauseOf(y)));
  if (!explicit.length) {
    const base = yearsHere.find((y) => (y.base || baseOfOther(y)) && inClauseOf(y));
    // "up 12% on 2021" with no other year: the change is over the year after the base.
    if (base && (kind === 'change_pct' || kind === 'change_pp' || kind === 'change_abs'))
      return String(base.year + 1);
  }
  if (explicit.length) {
    // The nearest year to the figure; within the same clause first.
    const inClause = explicit.filter(inClauseOf);
    const pool = inClause.length ? inClause : explicit;
    // "$3.9bn in 2021": a year attached right after the figure is its own.
    const attached = pool.find(
      (y) => y.start >= q.end && /^\s*(?:in|during|for|as of)?\s*(?:the\s+)?$/i.test(t.slice(q.end, y.start)),
    );
    if (attached) return periodText(attached, ctx.docYear);
    const dist = (y: YearMention) => (y.end <= q.start ? q.start - y.end : y.start - q.end);
    const best = [...pool].sort((a, b) => dist(a) - dist(b))[0] as YearMention;
    if (best.since && kind === 'share_pct') return null;
    return periodText(best, ctx.docYear);
  }
  if (sinceSpan) return periodText(sinceSpan, ctx.docYear);
  if (ctx.carried) return textOf(ctx.carried, ctx.docYear, ctx.contextYear);
  // A flow (money, a change, a share) is about the document's period; a count of things
  // ("52 member companies", "160 events") is a present state, not a figure of that period.
  return kind === 'count' ? null : ctx.docPeriod;
}

/** Whether a year is written right after a figure compared with ("from $849m in 2022"): that figure's alone. */
function comparedFigureYear(t: string, figures: readonly Quantity[], y: YearMention): boolean {
  return figures.some((p) => y.start >= p.end && COMPARED_WITH.test(t.slice(Math.max(0, p.start - 24), p.start)) && YEAR_AFTER_FIGURE.test(t.slice(p.end, y.start)));
}

/** Words that introduce the figure a change is measured from. */
const COMPARED_WITH = /\b(?:from|against|compared (?:with|to)|versus|vs\.?|(?<!\b(?:more|less|fewer|rather|other)\s)than)\s+(?:about |around |nearly |some |roughly )?$/i;
/** A year written right after a figure: "849 million dollars in 2022". */
const YEAR_AFTER_FIGURE = /^\s*(?:in|during|for)?\s*(?:the\s+)?$/i;

const PAST_YEARS = /\b(?:over|in|during|across|for) the (?:past|last|previous) (\w+) years\b|(?:近|过去|最近)(\S{1,2}?)年/i;
const numberWord = (w: string): number =>
  /^\d+$/.test(w) ? Number(w) : ({ two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, 两: 2, 三: 3, 五: 5, 十: 10 } as Record<string, number>)[w.toLowerCase()] ?? 0;

/** The year a mention stands for (a sub-annual period's year, a span's last year). */
function yearOfMention(m: YearMention | null, docYear: number | null): number | null {
  if (!m) return null;
  const p = textOf(m, docYear, null);
  if (!p) return null;
  return Number((p.includes('..') ? (p.split('..')[1] as string) : p).slice(0, 4));
}

/**
 * The document's own period: the first period its headline and lead
 * state (first five sentences), a sub-annual one when the lead names one (上半年 in the headline, 2022年 in the lead →
 * 2022H1). Base years, event years and names do not count.
 */
export function documentPeriod(
  sentences: readonly Sentence[],
  docYear: number | null,
): { period: string | null; year: number | null } {
  const mentions = sentences
    .slice(0, 5)
    .flatMap((s) => findYears(s.text))
    .filter((m) => !m.base && !m.event && !m.since && !m.contextual);
  const firstYear = mentions.find((m) => !m.relative && !m.yearless && m.to === undefined)?.year ?? null;
  const year = firstYear ?? (docYear !== null ? (yearOfMention(mentions[0] ?? null, docYear) ?? null) : null);
  const sub = mentions.find((m) => m.months);
  if (sub) {
    const p = textOf(sub, docYear, year);
    if (p) return { period: p, year: Number(p.slice(0, 4)) };
  }
  const first = mentions.find((m) => m.to === undefined);
  const p = first ? textOf(first, docYear, year) : null;
  return { period: p, year: p ? Number(p.slice(0, 4)) : year };
}

// ---------------------------------------------------------------- source and paragraph

function sourceFor(t: string, para: string): string | null {
  const m = SOURCE_RE.exec(t) ?? SOURCE_RE.exec(para);
  if (!m) return null;
  const name = (m[1] ?? m[2] ?? '').trim().replace(/\s+(?:of|for|and|on)$/, '');
  return name.length >= 3 ? name : null;
}

/** The paragraph text up to (and including) the sentence: where unsaid context comes from. */
function paragraphBefore(sentences: Sentence[], s: Sentence, norm: string): { text: string; start: number } {
  let i = s.index;
  while (i > 0 && (sentences[i - 1] as Sentence).para === s.para) i--;
  const first = sentences[i] as Sentence;
  return { text: norm.slice(first.start, s.start), start: first.start };
}
