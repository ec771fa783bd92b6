/**
 * Share from part and whole: part / whole = the stated share.
 * The part is the level the share is about: the one nearest before it in its sentence ("exported
 * 93.3亿美元 …, 占…49.9%"), or right after it ("56% of the total – or $14.25BN"). The whole is a level
 * of the same metric, unit and period in the text that is larger and is not itself a part: a
 * total (exports/imports of a total_trade), the same scope without the part's province, firm or
 * category, or a broader scope. When the part is one side of a whole (overseas) and the other side
 * is stated too (domestic), the whole is their sum.
 */
import type { Claim } from '../extract.ts';
import { hits, PART_WORDS, partName, SUBSET_WORDS } from '../lexicon.ts';
import { eqOnly, type RuleContext } from './core.ts';
import { measureAsSubject, namedWhole, type ShareWording, shareWording } from '../shares.ts';
import { ANAPHOR, COMPLEMENTS, sideOf, sideOfText } from './sides.ts';

function partOf(ctx: RuleContext, sh: Claim): Claim | undefined {
  // The part is about what the share is about: the same partner market and part, when named.
  const fits = (c: Claim) => c.partner === sh.partner && (!sh.part || !c.part || c.part === sh.part);
  const levels = ctx.inDoc(sh.doc).levels;
  const inSentence = levels.filter((c) => c.sentence === sh.sentence && c.period === sh.period && fits(c));
  const before = inSentence.filter((c) => c.end <= sh.start);
  const after = inSentence.filter((c) => c.start >= sh.end && c.start - sh.end < 20);
  const near = before.filter((c) => c.metric === sh.metric).pop() ?? before.pop() ?? after[0] ?? worthAfter(inSentence, sh);
  if (near) return near;
  // The level just before, in the sentence before (same paragraph); of the share's measure first.
  const close = levels.filter((c) => c.end <= sh.start && sh.start - c.end < 60 && c.period === sh.period && fits(c));
  const sameMeasure = close.filter((c) => c.metric === sh.metric).pop();
  if (sameMeasure) return sameMeasure;
  // "出口额占进出口总额的比重为83.4%": a share whose subject is a measure (no partner, no part) is
  // about that measure's level, stated anywhere before it in the text (on the side the share names).
  if (!sh.partner && !sh.part && sh.metric && measureAsSubject(sh.sentence, wordingOf(sh)) === sh.metric) {
    const stated = levels.filter(
      (c) =>
        c.end <= sh.start &&
        c.metric === sh.metric &&
        c.period === sh.period &&
        c.entity === sh.entity &&
        c.scope === sh.scope &&
        !c.partner &&
        !c.part &&
        COMPLEMENTS.every((pair) => sideOf(sh, pair) === null || sideOf(c, pair) === sideOf(sh, pair)) &&
        eqOnly(c),
    );
    if (stated.length) return stated.pop();
  }
  // Never a level of another measure than the share's (the imports figure for a share of exports).
  const last = close.pop();
  return last && (!sh.metric || !last.metric || last.metric === sh.metric) ? last : undefined;
}

/** How the share is worded in its sentence (shares.ts): what is shared, and the whole it names. */
function wordingOf(sh: Claim): ShareWording {
  const at = Math.max(0, sh.sentence.indexOf(sh.quote));
  return shareWording(sh.sentence, at, at + sh.quote.length);
}

/**
 * "digital accounts for 68% of services exports, and is worth about £21bn", "made up 31 percent of
 * exports, at about $120 million": the part's value after the share.
 */
const WORTH = /^[^.;。；]{0,80}?(?:\b(?:and|which|it)\s+(?:is|are|was|were)\s+(?:worth|valued at)|\bworth\b|\bamounting to\b|,\s*at\b|价值|金额为|相当于)[^.;。；\d£$€¥]{0,20}$/i;
function worthAfter(inSentence: Claim[], sh: Claim): Claim | undefined {
  const next = inSentence.filter((c) => c.start >= sh.end).sort((a, b) => a.start - b.start)[0];
  if (!next) return undefined;
  const between = sh.sentence.slice(sh.sentence.indexOf(sh.quote) + sh.quote.length, sh.sentence.indexOf(next.quote));
  return WORTH.test(between) ? next : undefined;
}

/** An estimate set against another ("£31bn, rather than the £22bn estimated"): the second is the alternative. */
const ALTERNATIVE = /\b(?:rather than|compared (?:to|with)|instead of|versus|vs\.?|against)\s+(?:the\s+)?(?:\w+\s+){0,4}$/i;
const isAlternative = (c: Claim) => {
  const at = c.sentence.indexOf(c.quote);
  return at > 0 && ALTERNATIVE.test(c.sentence.slice(Math.max(0, at - 60), at));
};

/**
 * A level that can hold `part`: another, larger level of the same country, period and unit, on no
 * partner market, stated exactly, and not the alternative of a pair of competing estimates.
 */
const holds = (part: Claim, c: Claim) =>
  c !== part && c.unit === part.unit && c.period === part.period && c.entity === part.entity && !c.partner && c.value > part.value && eqOnly(c) && !isAlternative(c);
/** A level that can be the whole of `part`: one that holds it and is itself of no part. */
const aWholeOf = (part: Claim, c: Claim) => holds(part, c) && !c.part;

/**
 * The whole a share names ("68 per cent of creative services exports"): a level of that scope
 * stated before the share in its text, larger than the part, and not the alternative of a pair of
 * competing estimates ("£31bn, rather than the £22bn estimated" — the share is of the text's own
 * estimate). The nearest such level before the share.
 */
function namedWholeOf(ctx: RuleContext, part: Claim, sh: Claim): Claim | undefined {
  const at = sh.sentence.indexOf(sh.quote);
  if (at < 0 || !sh.scope || !/^\s*of\b|^\s*的/i.test(sh.sentence.slice(at + sh.quote.length))) return undefined;
  return ctx
    .inDoc(sh.doc)
    .levels.filter((c) => c.end <= sh.start && c.sentence !== sh.sentence && c.scope === sh.scope && c.metric === sh.metric && aWholeOf(part, c))
    .pop();
}

/**
 * "其中，灯具出口32.4亿美元，…，占工艺美术品出口额的37.8%", "12 percent of handicraft exports": a
 * whole named by a part word is the level of that part (a category, a province) stated in the
 * text, of the part's measure and larger than it.
 */
function wholeNamedByPart(ctx: RuleContext, part: Claim, sh: Claim): Claim | undefined {
  const named = hits(wordingOf(sh).whole, PART_WORDS);
  const name = named.length === 1 ? partName((named[0] as { text: string }).text) : null;
  if (!name || part.part === name) return undefined;
  return ctx
    .inDoc(sh.doc)
    .levels.filter((c) => c.part === name && c.metric === part.metric && holds(part, c))
    .sort((a, b) => Math.abs(a.start - part.start) - Math.abs(b.start - part.start))[0];
}

/**
 * "Overseas sales made up 610 billion won, or 32.8 percent of the industry's revenue": a part on one
 * side of a pair (overseas) of a whole the share names, when the text states neither the other side
 * (otherSideOf) nor a whole of that name: the nearest larger level of the same measure and scope on
 * neither side, not the alternative of a pair of estimates.
 */
function wholeOfSide(ctx: RuleContext, part: Claim, sh: Claim): Claim | undefined {
  const pairs = COMPLEMENTS.filter((pair) => sideOf(part, pair) !== null);
  if (!pairs.length || part.part || part.partner || !namedWhole(wordingOf(sh))) return undefined;
  return ctx
    .inDoc(sh.doc)
    .levels.filter((c) => c.metric === part.metric && c.scope === part.scope && aWholeOf(part, c) && pairs.every((pair) => sideOf(c, pair) === null))
    .sort((a, b) => Math.abs(a.start - part.start) - Math.abs(b.start - part.start))[0];
}

/**
 * A share of one side ("domestic income came in at $10.67BN for a 49% share") whose text states no
 * whole for that year: the whole another text states for the same country, measure, year and
 * currency (the largest such level there, on no side of the pair). Across texts a failed check is
 * not_comparable (each text may convert or define the whole its own way).
 */
function wholeInAnotherText(ctx: RuleContext, part: Claim, sh: Claim): Claim | undefined {
  const pair = COMPLEMENTS.find((p) => sideOf(part, p) !== null && sideOf(sh, p) === sideOf(part, p));
  if (!pair || !part.entity || !part.period || part.partner || part.part) return undefined;
  return ctx
    .levelsAt(part.entity, part.period)
    .filter(
      (c) =>
        c.doc !== sh.doc &&
        c.metric === part.metric &&
        c.unit === part.unit &&
        !c.partner &&
        !c.part &&
        c.value > part.value &&
        sideOf(c, pair) === null,
    )
    .sort((a, b) => b.value - a.value)[0];
}

/**
 * The whole of a part: a larger level of the same country, period and unit, on no partner market,
 * of the measure the share names (占出口总额 → exports, 占进出口总额 → the total trade), that
 * contains the part: the total trade of an export or import figure, the same scope without the
 * part's province, firm, category or partner, or a broader scope. "34 percent of the total" says
 * the figure is a part of the text's total even when its subject is no part we know ("rattan
 * products"): the level of that measure stated before the share, whatever category the text is about.
 */
function wholeOf(ctx: RuleContext, part: Claim, sh: Claim): Claim | undefined {
  const named = namedWhole(wordingOf(sh));
  // "其中，动画片出口15.2亿美元，占比39.4%": a share among the parts of a whole just stated is of that whole.
  const ofTotal = named?.total || (!named && SUBSET_WORDS.test(sh.sentence.slice(0, Math.max(0, sh.sentence.indexOf(sh.quote)))));
  const flowOfTotal = (c: Claim) => c.metric === 'total_trade' && (part.metric === 'exports' || part.metric === 'imports');
  const contains = (c: Claim) =>
    (flowOfTotal(c) && c.scope === part.scope) ||
    (c.metric === part.metric && (c.scope === part.scope ? !c.part && (!!part.part || !!part.partner) : !!part.scope?.startsWith(c.scope ?? '\u0000')));
  const ofTheTotal = (c: Claim) =>
    ofTotal &&
    !part.part &&
    c.end <= sh.start &&
    eqOnly(c) &&
    (c.metric === part.metric || flowOfTotal(c)) &&
    (c.scope === part.scope || !part.scope);
  const candidates = ctx
    .inDoc(sh.doc)
    .levels.filter(
      (c) =>
        c !== part &&
        c.period === part.period &&
        c.entity === part.entity &&
        c.unit === part.unit &&
        (c.value > part.value || c.qualifier === 'gt' || c.qualifier === 'gte') &&
        !c.partner &&
        (!named?.metric || c.metric === named.metric) &&
        (contains(c) || ofTheTotal(c)),
    );
  // "of the total": the text's total of the part's measure, the largest (a level near the part may
  // be another part: "Woodcarvings contributed $640m, … Exports to the Netherlands, 12 percent of the total").
  if (ofTotal && !named?.metric)
    return candidates.sort((a, b) => Number(a.metric !== part.metric) - Number(b.metric !== part.metric) || b.value - a.value)[0];
  return candidates.sort((a, b) => Math.abs(a.start - part.start) - Math.abs(b.start - part.start))[0];
}

/**
 * The other side of the whole a part is on, stated in the same text: "overseas revenue accounted
 * for 56% of the total – or $14.25BN – while domestic revenues pulled in $10.97BN". The whole is
 * then the sum of the two sides, exact where a stated total is rounded. Only for a share said of
 * that side.
 */
function otherSideOf(ctx: RuleContext, part: Claim, sh: Claim): Claim | undefined {
  for (const pair of COMPLEMENTS) {
    const side = sideOf(part, pair);
    // The share itself is said of that side ("overseas revenue accounted for 56%"); a share that
    // names another whole ("自研游戏占到了中国游戏市场收入的8成") is taken of that whole.
    if (side === null || sideOf(sh, pair) !== side) continue;
    const other = ctx.inDoc(part.doc).levels.filter(
      (c) =>
        c !== part &&
        c.unit === part.unit &&
        c.period === part.period &&
        c.entity === part.entity &&
        c.metric === part.metric &&
        c.partner === part.partner &&
        eqOnly(c) &&
        sideOf(c, pair) === 1 - side,
    );
    if (other.length) return other.sort((a, b) => Math.abs(a.start - part.start) - Math.abs(b.start - part.start))[0];
  }
  return undefined;
}

/**
 * A share of one side said with no figure in its text ("in 2023, when overseas pulled in a 51%
 * share"): the part and the whole another text states for the same country, measure and year —
 * the part on that side (named in its sentence, or in the sentence before when its sentence goes
 * on about it: "overseas sales … The total was around 11 billion dollars"), the whole the largest
 * level of that text on no side.
 */
function partAndWholeInAnotherText(ctx: RuleContext, sh: Claim): [Claim, Claim] | undefined {
  const pair = COMPLEMENTS.find((p) => sideOf(sh, p) !== null);
  if (!pair || !sh.entity || !sh.period) return undefined;
  const side = sideOf(sh, pair);
  const sideOfLevel = (c: Claim) => sideOf(c, pair) ?? (ANAPHOR.test(c.sentence) ? sideOfText(ctx.sentenceBefore(c), pair) : null);
  const pool = ctx.levelsAt(sh.entity, sh.period);
  const same = (c: Claim) => c.doc !== sh.doc && c.metric === sh.metric && !c.partner && !c.part;
  for (const part of pool.filter((c) => same(c) && sideOfLevel(c) === side)) {
    const whole = pool
      .filter((c) => same(c) && c.doc === part.doc && c.unit === part.unit && c.value > part.value && sideOfLevel(c) === null)
      .sort((a, b) => b.value - a.value)[0];
    if (whole) return [part, whole];
  }
  return undefined;
}

export function shareOfWhole(ctx: RuleContext): void {
  for (const sh of ctx.claims.filter((c) => c.kind === 'share_pct' && c.metric && c.metric !== 'market_share')) {
    const part = partOf(ctx, sh);
    // Another text's share meets a text being related only through a part or whole taken across texts.
    if (!ctx.isOwn(sh) && !ctx.reaches(sh.entity, sh.period) && !(part && ctx.reaches(part.entity, part.period))) continue;
    if (!part) {
      const across = partAndWholeInAnotherText(ctx, sh);
      if (across)
        ctx.check('share', across, sh, ([p, x]) => ((p as number) / (x as number)) * 100, ([p, x]) => `${p} / ${x}`, 'percent', 'part / whole, both from another text');
      continue;
    }
    const other = eqOnly(part) ? otherSideOf(ctx, part, sh) : undefined;
    if (other) {
      ctx.check(
        'share',
        [part, other],
        sh,
        ([p, o]) => ((p as number) / ((p as number) + (o as number))) * 100,
        ([p, o]) => `${p} / (${p} + ${o})`,
        'percent',
        'one side / (both sides): the whole is the sum of its two sides',
      );
      continue;
    }
    const whole =
      wholeOf(ctx, part, sh) ?? wholeNamedByPart(ctx, part, sh) ?? namedWholeOf(ctx, part, sh) ?? wholeOfSide(ctx, part, sh) ?? wholeInAnotherText(ctx, part, sh);
    if (!whole) continue;
    ctx.check(
      'share',
      [part, whole],
      sh,
      ([p, x]) => ((p as number) / (x as number)) * 100,
      ([p, x]) => `${p} / ${x}`,
      'percent',
      whole.qualifier === 'gt' || whole.qualifier === 'gte' ? 'part / whole (the whole is stated as a lower bound)' : 'part / whole',
    );
  }
}
