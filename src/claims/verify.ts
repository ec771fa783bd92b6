/**
 * Verification of claims against the store, through `queries/` only: official published series of
 * the matching scope first (queries/official.ts), then trade data with the basket of the claim's
 * scope (queries/indicator.ts); counts against the registry's official dated counts
 * (queries/registry.ts).
 *
 * Verdicts are a closed union, each with its evidence (series id, scope, parameters, value, SQL)
 * and the command that shows the same figure:
 * - supported     the series gives the figure (within the rounding of the stated figure; a rounded
 *                 headline such as "about 90 billion" for 88.19 is supported, reason `rounded`);
 *                 a bound ("exceeded 200 billion") holds
 * - contradicted  the series of the same scope gives another figure (`mismatch`); the figure is
 *                 the series' figure off by a power of ten, as when 亿 (1e8) is read as billion
 *                 (`unit_error`); or it cannot be true whatever the series (`implausible`: a surplus
 *                 larger than exports)
 * - unverifiable  no series for that year, flow and entity, or only a series of another scope that
 *                 disagrees (a different definition is not a contradiction)
 *
 * Invariants: a claim is never contradicted by a figure of another scope, except for a unit error
 * (a power-of-ten ratio is independent of definitions); every verdict says which scope it used.
 */
import { isLanternError } from '../errors.ts';
import {
  countsQuery,
  datedCounts,
  findOfficialFigure,
  listOfficialSeries,
  type OfficialFigure,
  officialSeriesQuery,
  runIndicator,
} from '../queries/index.ts';
import { officialCurrency, officialUnits } from '../reference/index.ts';
import { render, type Store } from '../store/index.ts';
import type { Claim } from './extract.ts';
import { type Milestone, milestoneOf } from './milestones.ts';
import { describePeriod, isSubAnnual } from './periods.ts';
import { fmt } from './relate.ts';

export type Verdict = 'supported' | 'contradicted' | 'unverifiable';
export type VerdictReason =
  | 'match'
  | 'rounded'
  | 'bound_holds'
  | 'bound_fails'
  | 'milestone_holds'
  | 'milestone_fails'
  | 'mismatch'
  | 'unit_error'
  | 'implausible'
  | 'other_scope'
  | 'no_series'
  | 'trade_differs'
  | 'count_differs'
  | 'sub_annual'
  | 'partner_figure'
  | 'part_figure'
  | 'not_understood'
  | 'not_checkable';

/**
 * Why a claim stays unverifiable, for people: no published figure exists to check it against
 * (`no_data`), the text was not understood well enough to look one up (`not_understood`), or the
 * figure measures something the series do not (`not_comparable`: a half-year, a partner market).
 */
export function unverifiableBasis(v: Pick<Verification, 'verdict' | 'reason'>): 'no_data' | 'not_understood' | 'not_comparable' | null {
  if (v.verdict !== 'unverifiable') return null;
  if (v.reason === 'not_understood') return 'not_understood';
  if (['sub_annual', 'partner_figure', 'part_figure', 'other_scope'].includes(v.reason)) return 'not_comparable';
  return 'no_data';
}

export interface Evidence {
  source: 'official_series' | 'trade_data' | 'registry_counts';
  series_id: string | null;
  scope: string | null;
  scope_match: 'exact' | 'sub-scope' | 'other' | null;
  params: Record<string, string | number | null>;
  value: number | null;
  unit: string | null;
  yoy_pct: number | null;
  publisher: string | null;
  source_url: string | null;
  sql: { text: string; params: unknown };
  /** The CLI command that lists the same figures. */
  command: string;
}

export interface Verification {
  claim_id: string;
  verdict: Verdict;
  reason: VerdictReason;
  explanation: string;
  evidence: Evidence | null;
}

const MAP: Record<string, { indicator: string; flow: string }> = {
  exports: { indicator: 'value', flow: 'export' },
  imports: { indicator: 'value', flow: 'import' },
  total_trade: { indicator: 'turnover', flow: 'total' },
  balance: { indicator: 'balance', flow: 'surplus' },
};

/** Official scopes that a claim's scope may be checked against, the same definition first. */
export const SCOPE_SERIES: Record<string, string[]> = {
  cultural_products: ['cultural_products', 'core_cultural_products', 'cultural_goods_unesco'],
  core_cultural_products: ['core_cultural_products'],
  cultural_services: ['cultural_services', 'cultural_services_broad'],
  cultural_trade: ['cultural_trade', 'cultural_products_and_services'],
  cultural_entertainment_services: [],
  // UNCTAD's creative goods (HS) and services (EBOPS); DCMS's creative industries (by industry of
  // the business for services, by commodity for goods) are related, never the same definition.
  creative_goods: ['creative_goods', 'creative_industries_goods'],
  creative_services: ['creative_services', 'creative_industries_services'],
  creative_industries_goods: ['creative_industries_goods', 'creative_goods'],
  creative_industries_services: ['creative_industries_services', 'creative_services'],
  // Korea's content industry exports (MCST / KOCCA survey of 11 sectors).
  content_industry: ['content_industry'],
};

const POWERS = [10, 100, 1000, 1e4];

/**
 * Checks one claim: official series first; when none of the claim's own scope settles it, trade
 * data in the store with the basket that matches the claim's scope.
 */
export async function verifyClaim(
  store: Store,
  claim: Claim,
  opts: { docDate?: string | null } = {},
): Promise<Verification> {
  if (claim.kind === 'count')
    return (
      (await verifyWithRegistry(store, claim, opts.docDate ?? null)) ?? (await verifyOfficial(store, claim))
    );
  const guard = notAnnualTotal(claim);
  if (guard) return guard;
  const official = await verifyOfficial(store, claim);
  if (official.reason !== 'no_series' && official.reason !== 'other_scope') return official;
  const trade = await verifyWithTrade(store, claim);
  return trade ?? official;
}

/**
 * Figures that no annual series of a country's total can check, whatever the store holds: a
 * sub-annual figure (a half-year is not the year: comparing them would accuse a right figure), a
 * figure for a part (a province, a kind of firm, a category of goods) and a figure for one partner
 * market ("exports to the United States"), which are not the total.
 */
export function notAnnualTotal(claim: Claim): Verification | null {
  if (isSubAnnual(claim.period))
    return {
      claim_id: claim.id,
      verdict: 'unverifiable',
      reason: 'sub_annual',
      explanation: `a figure for ${describePeriod(claim.period)} is not compared with annual series: part of a year is not the year`,
      evidence: null,
    };
  if (claim.part && claim.kind !== 'change_pct')
    return {
      claim_id: claim.id,
      verdict: 'unverifiable',
      reason: 'part_figure',
      explanation: `a figure for ${claim.part} (a part of the total) is not compared with the series of the whole`,
      evidence: null,
    };
  if (claim.part)
    return {
      claim_id: claim.id,
      verdict: 'unverifiable',
      reason: 'part_figure',
      explanation: `the growth of ${claim.part} (a part of the total) is not the growth of the whole`,
      evidence: null,
    };
  if (claim.partner)
    return {
      claim_id: claim.id,
      verdict: 'unverifiable',
      reason: 'partner_figure',
      explanation: `a figure for one partner market (${claim.partner}) is not compared with ${claim.entity ?? 'the country'}'s total`,
      evidence: null,
    };
  return null;
}

/** What a counted noun phrase counts in the registry's official dated counts. */
export const REGISTRY_SUBJECTS: [RegExp, { subject: string; metric: string }][] = [
  [
    /\b(?:overseas|foreign)\s+(?:chinese\s+)?cultural cent(?:er|re)s\b|\bcultural cent(?:er|re)s (?:abroad|overseas)\b|海外(?:中国)?文化中心/i,
    { subject: 'cultural-centre', metric: 'established' },
  ],
  [
    /\b(?:national )?cultural export bases?\b|文化出口基地/i,
    { subject: 'export-base', metric: 'designated' },
  ],
  [
    /\bco-?production (?:agreements|treaties)\b|\bagreements to (?:make|co-produce|produce) (?:movies|films)\b|合拍(?:协议|协定)/i,
    { subject: 'co-production-treaty', metric: 'partner-countries' },
  ],
  [
    /\b(?:cooperati(?:ve|on) (?:agreements|documents|deals)|action plans|agreements)\b[^.]*\bBelt and Road\b|一带一路[^。]*合作文件/i,
    { subject: 'cooperation-document', metric: 'signed-with-bri-countries' },
  ],
  [
    /\b(?:cultural (?:cooperation )?agreements|signed agreements) with \d[\d,]* countries\b|文化合作协定/i,
    { subject: 'cultural-agreement', metric: 'partner-countries' },
  ],
];

/**
 * A count checked against the registry's official dated counts (queries/registry.ts): supported
 * when a published count of the same thing equals it (the nearest in date to the document first);
 * counts grow over time, so a different figure is reported with its date, not called a
 * contradiction.
 */
async function verifyWithRegistry(
  store: Store,
  claim: Claim,
  docDate: string | null,
): Promise<Verification | null> {
  if (claim.metric !== 'count') return null;
  // What is counted: the words around the figure (not the whole sentence, which may count other things).
  const at = claim.sentence.indexOf(claim.quote);
  const text =
    at >= 0
      ? claim.sentence.slice(Math.max(0, at - 60), at + claim.quote.length + 120)
      : (claim.subject ?? '');
  const hit = REGISTRY_SUBJECTS.find(([re]) => re.test(text));
  if (!hit || !claim.entity) return null;
  const { subject, metric } = hit[1];
  let rows: Awaited<ReturnType<typeof datedCounts>>;
  try {
    rows = await datedCounts(store, { subject, metric, country: claim.entity });
  } catch {
    return null; // the registry tables are absent from this store
  }
  if (!rows.length) return null;
  const when = docDate ?? (claim.period && /^\d{4}/.test(claim.period) ? claim.period.slice(-4) : null);
  const t = (d: string) => Date.parse(d.length === 4 ? `${d}-07-01` : d.length === 7 ? `${d}-15` : d);
  const near = when
    ? [...rows].sort((a, b) => Math.abs(t(a.as_of) - t(when)) - Math.abs(t(b.as_of) - t(when)))
    : rows;
  const withinYears = (r: (typeof rows)[0]) => !when || Math.abs(t(r.as_of) - t(when)) <= 2.5 * 365 * 864e5;
  const match = near.find((r) => r.value === claim.value && withinYears(r));
  const ref = match ?? (near[0] as (typeof rows)[0]);
  const evidence: Evidence = {
    source: 'registry_counts',
    series_id: ref.id,
    scope: `${subject}/${metric}`,
    scope_match: 'exact',
    params: { subject, metric, country: claim.entity, as_of: ref.as_of, registry_count: ref.registry_count },
    value: ref.value,
    unit: 'count',
    yoy_pct: null,
    publisher: null,
    source_url: ref.source_url,
    sql: render(countsQuery({ subject, metric, country: claim.entity }), store.dialect),
    command: `lantern registry list counts --country ${claim.entity} --subject ${subject}`,
  };
  const listed = near
    .slice(0, 4)
    .map((r) => `${r.value} as of ${r.as_of}`)
    .join(', ');
  if (match)
    return {
      claim_id: claim.id,
      verdict: 'supported',
      reason: 'match',
      explanation: `official count of ${subject} (${metric}) for ${claim.entity}: ${match.value} as of ${match.as_of}${claim.qualifier !== 'eq' ? ` (the claim says ${claim.qualifier} ${claim.value}; the count was published as a round figure)` : ''}${match.registry_count !== null ? `; the registry lists ${match.registry_count}` : ''}`,
      evidence,
    };
  return {
    claim_id: claim.id,
    verdict: 'unverifiable',
    reason: 'count_differs',
    explanation: `official counts of ${subject} (${metric}) for ${claim.entity}: ${listed}${when ? ` (document of ${when})` : ' (the document has no date)'}; counts change over time, so a different figure at another date is not a contradiction`,
    evidence,
  };
}

/** Baskets of traded goods that measure a claim's scope (goods only: services are not in trade data). */
export const SCOPE_BASKETS: Record<string, string> = {
  cultural_products: 'unesco-fcs-2009',
  core_cultural_products: 'unesco-fcs-2009',
};

/**
 * Trade data with the named basket (queries/indicator.ts, indicator `value`): the claim's
 * exports, imports, total (exports + imports) or balance (exports − imports) recomputed from the
 * store's flows. A basket is one definition among several, so trade data supports a figure or
 * shows a unit error; a difference is reported, not called a contradiction.
 *
 * Kept whole: one claim against trade data in the order a reader checks it: basket, years, the
 * query, the comparison, the verdict with its evidence.
 */
async function verifyWithTrade(store: Store, claim: Claim): Promise<Verification | null> {
  const basket = SCOPE_BASKETS[claim.scope ?? ''];
  const year = claim.period && /^\d{4}$/.test(claim.period) ? Number(claim.period) : null;
  const SIDES: Record<string, ('export' | 'import')[]> = {
    exports: ['export'],
    imports: ['import'],
    total_trade: ['export', 'import'],
    balance: ['export', 'import'],
  };
  const sides = SIDES[claim.metric ?? ''];
  if (
    !basket ||
    year === null ||
    !sides ||
    !claim.entity ||
    claim.entity === 'WLD' ||
    claim.unit !== 'USD' ||
    claim.kind !== 'level'
  )
    return null;
  const values: Record<string, number> = {};
  let lastSql: { text: string; params: unknown } | null = null;
  for (const side of sides) {
    try {
      const r = await runIndicator(store, 'value', {
        country: [claim.entity],
        from: year,
        to: year,
        side,
        basket,
        by: 'total',
      });
      if (!r.rows.length) return null;
      values[side] = r.rows.reduce((sum, row) => sum + Number(row.value ?? 0), 0);
      lastSql = r.sql;
    } catch (e) {
      if (isLanternError(e)) return null; // no trade data for that year or basket: nothing to say
      throw e;
    }
  }
  const value =
    claim.metric === 'balance'
      ? (values.export ?? 0) - (values.import ?? 0)
      : Object.values(values).reduce((a, b) => a + b, 0);
  const command = sides
    .map(
      (side) =>
        `lantern indicator value --country ${claim.entity} --year ${year} --side ${side} --basket ${basket}`,
    )
    .join(' && ');
  const evidence: Evidence = {
    source: 'trade_data',
    series_id: null,
    scope: basket,
    scope_match: null,
    params: {
      indicator: 'value',
      country: claim.entity,
      year,
      side: sides.join('+'),
      basket,
      ...(sides.length > 1 ? { exports: values.export ?? null, imports: values.import ?? null } : {}),
    },
    value,
    unit: 'USD',
    yoy_pct: null,
    publisher: null,
    source_url: null,
    sql: lastSql ?? { text: '', params: [] },
    command,
  };
  const base = { claim_id: claim.id, evidence };
  const tol = Math.max(claim.precision / 2, 0.005 * Math.abs(value));
  const what = `trade data, basket ${basket}, ${claim.entity} ${year} ${sides.join(' + ')}: ${fmt(value, 'USD')}`;
  if (Math.abs(claim.value - value) <= tol)
    return {
      ...base,
      verdict: 'supported',
      reason: 'match',
      explanation: `${what}; stated ${fmt(claim.value, 'USD')}`,
    };
  for (const p of POWERS)
    for (const f of [p, 1 / p])
      if (value !== 0 && Math.abs(claim.value * f - value) <= Math.max(tol * f, 0.005 * Math.abs(value)))
        return {
          ...base,
          verdict: 'contradicted',
          reason: 'unit_error',
          explanation: `${what} = the stated ${fmt(claim.value, 'USD')} × ${f >= 1 ? f : `1/${1 / f}`}: a unit error`,
        };
  return {
    ...base,
    verdict: 'unverifiable',
    reason: 'trade_differs',
    explanation: `${what}; stated ${fmt(claim.value, 'USD')} (${(((claim.value - value) / (value || 1)) * 100).toFixed(0)}%): the basket may define the scope differently from the claim's source`,
  };
}

/**
 * Checks one claim against official series. Pure apart from the store reads through queries/.
 * A level stated as a milestone ("for the first time", "a record") is also checked against the
 * earlier years of the series (checkMilestone).
 */
export async function verifyOfficial(store: Store, claim: Claim): Promise<Verification> {
  const v = await verifyOfficialFigure(store, claim);
  const m = milestoneOf(claim);
  return m ? checkMilestone(store, claim, m, v) : v;
}

/**
 * "首次突破100亿美元", "topped $10 billion for the first time", "a record $10.2 billion": every
 * earlier year of the official series of the claim's own scope was below the stated level (above
 * it, for a low milestone). An earlier year beyond it (outside the rounding of both figures)
 * contradicts the claim, with that year as the evidence. Checked only when the figure itself was
 * understood (an annual level in US dollars with its country, metric and a named scope) and not
 * already contradicted; otherwise the verdict of the figure stands and says why the milestone was
 * not checked.
 */
async function checkMilestone(store: Store, claim: Claim, m: Milestone, v: Verification): Promise<Verification> {
  const said = `"${m.words}"`;
  const map = claim.metric ? MAP[claim.metric] : undefined;
  const year = claim.period && /^\d{4}$/.test(claim.period) ? Number(claim.period) : null;
  const scope = SCOPE_SERIES[claim.scope ?? '']?.[0];
  const note = (why: string): Verification => ({ ...v, explanation: `${v.explanation}; ${said} not checked: ${why}` });
  if (v.verdict === 'contradicted') return v;
  if (!claim.metric || year === null || !claim.entity)
    return note('the figure’s year, country or measure was not understood well enough to read the earlier years');
  if (!map || !/^[A-Z]{3}$/.test(claim.unit)) return note(`no official series of ${claim.metric.replace('_', ' ')} in ${claim.unit} holds the earlier years`);
  if (!scope) return note(`the text does not say which definition ("${claim.subject ?? claim.quote}") the series should have`);
  const rows = (await listOfficialSeries(store, { indicator: map.indicator, flow: map.flow, country: claim.entity, scope }))
    .filter((r) => r.scope === scope && r.year < year && levelIn(r, claim.unit) !== null)
    .sort((a, b) => a.year - b.year);
  const lv = (r: OfficialFigure) => levelIn(r, claim.unit) as number;
  if (!rows.length) return note(`no official ${scope} figure for ${claim.entity} before ${year}`);
  const high = m.direction === 'high';
  // A threshold ("topped $10 billion") is exact; a stated level ("a record $11.5 billion") is rounded.
  const threshold = claim.qualifier !== 'eq' && claim.qualifier !== 'approx';
  const tolOf = (r: OfficialFigure) => Math.max(threshold ? 0 : claim.precision / 2, refPrecision(r, false) / 2);
  const against = rows.filter((r) => (high ? lv(r) > claim.value + tolOf(r) : lv(r) < claim.value - tolOf(r)));
  const listed = rows.map((r) => `${r.year} ${fmt(lv(r), claim.unit)}`).join(', ');
  const missing = Array.from({ length: year - (rows[0] as OfficialFigure).year }, (_, i) => (rows[0] as OfficialFigure).year + i).filter(
    (y) => !rows.some((r) => r.year === y),
  );
  const gaps = missing.length ? `; the series has no figure for ${yearRanges(missing)}` : '';
  const side = high ? 'below' : 'above';
  const first = against[0];
  if (first)
    return {
      claim_id: claim.id,
      verdict: 'contradicted',
      reason: 'milestone_fails',
      explanation: `${said}: the official ${scope} series for ${claim.entity} was already ${high ? 'above' : 'below'} ${fmt(claim.value, claim.unit)} in ${first.year}, at ${fmt(lv(first), claim.unit)} (earlier years: ${listed})`,
      evidence: {
        source: 'official_series',
        series_id: first.id,
        scope: first.scope,
        scope_match: 'exact',
        params: { year: first.year, indicator: map.indicator, flow: map.flow, country: claim.entity, scope, milestone: m.kind, stated_year: year },
        value: lv(first),
        unit: claim.unit,
        yoy_pct: first.yoy_pct,
        publisher: first.publisher,
        source_url: first.source_url,
        sql: render(officialSeriesQuery({ indicator: map.indicator, flow: map.flow, country: claim.entity, scope }), store.dialect),
        command: `lantern official --indicator ${map.indicator} --flow ${map.flow} --country ${claim.entity} --scope ${scope}`,
      },
    };
  const earlier = `every earlier year of the official ${scope} series was ${side} ${fmt(claim.value, claim.unit)}: ${listed}${gaps}`;
  // Confirmed only on an unbroken run of years up to the year before: a gap could hide a crossing.
  if (missing.length) return { ...v, explanation: `${v.explanation}; ${said}: ${earlier}, so it is not confirmed` };
  if (v.verdict === 'supported')
    return {
      ...v,
      reason: 'milestone_holds',
      explanation: `${v.explanation}; ${said}: ${earlier}`,
      evidence: v.evidence ? { ...v.evidence, params: { ...v.evidence.params, milestone: m.kind, earlier_years: rows.map((r) => r.year).join(',') } } : v.evidence,
    };
  return { ...v, explanation: `${v.explanation}; ${said}: ${earlier}, but ${year} itself is not checked` };
}

/** An official figure in a currency (never converted): pounds as printed × unit, dollars as value_usd. */
function levelIn(r: OfficialFigure, currency: string): number | null {
  if (currency === 'USD') return r.value_usd;
  return officialCurrency(r.unit) === currency ? r.value * (officialUnits[r.unit] ?? 1) : null;
}

/** Years as ranges: 1998–2001, 2004, 2006–2007. */
function yearRanges(years: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < years.length; i++) {
    let j = i;
    while (j + 1 < years.length && (years[j + 1] as number) === (years[j] as number) + 1) j++;
    out.push(j > i ? `${years[i]}–${years[j]}` : `${years[i]}`);
    i = j;
  }
  return out.join(', ');
}

/**
 * The figure itself against the official series of its year.
 *
 * Kept whole: the steps of one check against the official series (understood, country, candidate
 * scopes and currency, year, comparison, verdict with evidence) in the order a reader follows them.
 */
async function verifyOfficialFigure(store: Store, claim: Claim): Promise<Verification> {
  const map = claim.metric ? MAP[claim.metric] : undefined;
  const year = claim.period && /^\d{4}$/.test(claim.period) ? Number(claim.period) : null;
  const money = /^[A-Z]{3}$/.test(claim.unit);
  const isRate = claim.kind === 'change_pct' && claim.unit === 'percent';
  const base = { claim_id: claim.id };
  const guard = notAnnualTotal(claim);
  if (guard) return guard;
  if (!map || year === null || (!(money && claim.kind === 'level') && !isRate)) {
    // No metric or no year: we did not understand the claim; otherwise it is a kind of figure
    // (a count, a share, a duration) that official trade series do not hold.
    const understood = !!claim.metric && year !== null;
    return {
      ...base,
      verdict: 'unverifiable',
      reason: understood ? 'not_checkable' : 'not_understood',
      explanation: why(claim, map, year),
      evidence: null,
    };
  }
  // Series exist for several countries and for the world: a figure whose country was not read
  // is not checked against any of them.
  if (!claim.entity)
    return {
      ...base,
      verdict: 'unverifiable',
      reason: 'not_understood',
      explanation: `we could not tell which country (or the world) "${claim.quote}" is about`,
      evidence: null,
    };
  const wanted = SCOPE_SERIES[claim.scope ?? ''] ?? [];
  const q = {
    year,
    indicator: map.indicator,
    flow: map.flow,
    country: claim.entity ?? undefined,
    scope: wanted[0],
  };
  const rows = await findOfficialFigure(store, q);
  const filterSql = render(
    officialSeriesQuery({
      year,
      indicator: map.indicator,
      flow: map.flow,
      country: claim.entity ?? undefined,
    }),
    store.dialect,
  );
  const command = `lantern official --year ${year} --indicator ${map.indicator} --flow ${map.flow}${claim.entity ? ` --country ${claim.entity}` : ''}`;
  const evidence = (
    r: (OfficialFigure & { scope_match: 'exact' | 'sub-scope' | 'other' }) | null,
  ): Evidence => ({
    source: 'official_series',
    series_id: r?.id ?? null,
    scope: r?.scope ?? null,
    scope_match: r ? (r.scope === wanted[0] ? 'exact' : r.scope_match) : null,
    params: {
      year,
      indicator: map.indicator,
      flow: map.flow,
      country: claim.entity,
      scope: wanted[0] ?? null,
    },
    value: r ? (isRate ? r.yoy_pct : levelIn(r, claim.unit)) : null,
    unit: r ? (isRate ? 'percent' : levelIn(r, claim.unit) === null ? officialCurrency(r.unit) : claim.unit) : null,
    yoy_pct: r?.yoy_pct ?? null,
    publisher: r?.publisher ?? null,
    source_url: r?.source_url ?? null,
    sql: filterSql,
    command,
  });
  // Candidates: national scopes only (not "cultural_products.belt_and_road"), in the claim's
  // currency (figures are never converted), same definition first.
  const level = (r: OfficialFigure) => (isRate ? r.yoy_pct : levelIn(r, claim.unit));
  const national = rows.filter((r) => !r.scope.includes('.') && level(r) !== null);
  const rank = (s: string) => (wanted.includes(s) ? wanted.indexOf(s) : 100);
  national.sort((a, b) => rank(a.scope) - rank(b.scope));
  // Only the claim's own definition can contradict it; related series (the broad services
  // definition, UNESCO's goods) can support it or show a unit error, not refute it.
  const same = national.filter((r) => r.scope === wanted[0]);
  const other = national.filter((r) => r.scope !== wanted[0]);

  if (!national.length) {
    const otherCurrency = rows.find((r) => !r.scope.includes('.') && !isRate && officialCurrency(r.unit) !== claim.unit);
    if (otherCurrency)
      return {
        ...base,
        verdict: 'unverifiable',
        reason: 'not_checkable',
        explanation: `the official ${otherCurrency.scope} figure for ${claim.entity} in ${year} is in ${officialCurrency(otherCurrency.unit)}; the claim is in ${claim.unit} (figures are never converted: no exchange rate in the store)`,
        evidence: evidence(otherCurrency),
      };
    if (money && claim.metric === 'balance') {
      const imp = await implausibleBalance(store, claim, year);
      if (imp)
        return {
          ...base,
          verdict: 'contradicted',
          reason: 'implausible',
          explanation: imp.text,
          evidence: { ...evidence(null), ...imp.evidence },
        };
    }
    return {
      ...base,
      verdict: 'unverifiable',
      reason: 'no_series',
      explanation: `no official ${map.indicator}/${map.flow} figure for ${claim.entity ?? 'any country'} in ${year}`,
      evidence: evidence(null),
    };
  }

  // Of several figures of one definition (a first estimate and a revision), the nearest to the claim.
  const nearest = (rs: typeof national) => [...rs].sort((a, b) => Math.abs((level(a) as number) - claim.value) - Math.abs((level(b) as number) - claim.value))[0];
  const ref = (nearest(same) ?? other[0]) as OfficialFigure & { scope_match: 'exact' | 'sub-scope' | 'other' };
  const refValue = level(ref) as number;
  const scopeNote = same.length
    ? ''
    : ` — note: the series is "${ref.scope}", the claim says "${claim.subject ?? claim.scope ?? 'unspecified'}" (scope wording differs)`;
  const unit = isRate ? 'percent' : claim.unit;
  const tol = Math.max(claim.precision / 2, refPrecision(ref, isRate) / 2);
  const diff = claim.value - refValue;
  const show = (v: number) => fmt(v, unit);
  // A gap between two rates is in percentage points, and relative to the series' rate.
  const gapText = () =>
    isRate
      ? `off by ${fmt(diff, 'pp')}, ${((diff / refValue) * 100).toFixed(1)}% of the series' rate`
      : `off by ${show(diff)}, ${((diff / refValue) * 100).toFixed(1)}%`;

  if (
    claim.qualifier === 'gt' ||
    claim.qualifier === 'gte' ||
    claim.qualifier === 'lt' ||
    claim.qualifier === 'lte'
  ) {
    const holds =
      claim.qualifier === 'gt'
        ? refValue > claim.value - tol
        : claim.qualifier === 'gte'
          ? refValue >= claim.value - tol
          : claim.qualifier === 'lt'
            ? refValue < claim.value + tol
            : refValue <= claim.value + tol;
    if (holds)
      return {
        ...base,
        verdict: 'supported',
        reason: 'bound_holds',
        explanation: `${ref.scope} ${year}: ${show(refValue)} is ${claim.qualifier} ${show(claim.value)}${scopeNote}`,
        evidence: evidence(ref),
      };
    if (!same.length)
      return {
        ...base,
        verdict: 'unverifiable',
        reason: 'other_scope',
        explanation: `only a series of another scope: ${ref.scope} ${year} = ${show(refValue)}${scopeNote}`,
        evidence: evidence(ref),
      };
    return {
      ...base,
      verdict: 'contradicted',
      reason: 'bound_fails',
      explanation: `${ref.scope} ${year}: ${show(refValue)} is not ${claim.qualifier} ${show(claim.value)}`,
      evidence: evidence(ref),
    };
  }
  if (Math.abs(diff) <= tol + 1e-9 * Math.abs(refValue))
    return {
      ...base,
      verdict: 'supported',
      reason: 'match',
      explanation: `${ref.scope} ${year}: ${show(refValue)}; stated ${show(claim.value)} (±${show(tol)})${scopeNote}`,
      evidence: evidence(ref),
    };
  // A rounded headline: the stated figure, read at its significant digits, covers the series'.
  const coarse = coarsePrecision(claim.value) / 2;
  if (!isRate && Math.abs(diff) <= coarse && Math.abs(diff) <= 0.05 * Math.abs(refValue))
    return {
      ...base,
      verdict: 'supported',
      reason: 'rounded',
      explanation: `${ref.scope} ${year}: ${show(refValue)}; the stated ${show(claim.value)} is that figure rounded (${gapText()})${scopeNote}`,
      evidence: evidence(ref),
    };
  // A unit error needs a series of the claim's definition or a related one (not any series).
  if (!isRate && wanted.includes(ref.scope)) {
    for (const p of POWERS)
      for (const f of [p, 1 / p]) {
        if (Math.abs(claim.value * f - refValue) <= Math.max(tol * f, 0.001 * Math.abs(refValue)))
          return {
            ...base,
            verdict: 'contradicted',
            reason: 'unit_error',
            explanation: `${ref.scope} ${year}: ${show(refValue)} = the stated ${show(claim.value)} × ${f >= 1 ? f : `1/${1 / f}`}: a unit error${f === 10 ? ' (亿 = 1e8 is a tenth of a billion: 601亿 = 60.1 billion)' : ''}${scopeNote}`,
            evidence: evidence(ref),
          };
      }
  }
  if (!same.length)
    return {
      ...base,
      verdict: 'unverifiable',
      reason: 'other_scope',
      explanation: `only a series of another scope: ${ref.scope} ${year} = ${show(refValue)}${scopeNote}; a different definition is not a contradiction`,
      evidence: evidence(ref),
    };
  return {
    ...base,
    verdict: 'contradicted',
    reason: 'mismatch',
    explanation: `${ref.scope} ${year}: ${show(refValue)}; stated ${show(claim.value)} (${gapText()}, beyond the rounding ±${isRate ? fmt(tol, 'pp') : show(tol)})`,
    evidence: evidence(ref),
  };
}

/** A balance cannot exceed exports: compare with the exports of the nearest years (any scope). */
async function implausibleBalance(
  store: Store,
  claim: Claim,
  year: number,
): Promise<{ text: string; evidence: Partial<Evidence> } | null> {
  const exportsRows = (
    await listOfficialSeries(store, {
      indicator: 'value',
      flow: 'export',
      country: claim.entity ?? undefined,
    })
  ).filter((r) => !r.scope.includes('.') && r.value_usd !== null && Math.abs(r.year - year) <= 3);
  if (!exportsRows.length) return null;
  const max = exportsRows.reduce((m, r) => ((r.value_usd as number) > (m.value_usd as number) ? r : m));
  if (Math.abs(claim.value) <= 1.5 * (max.value_usd as number)) return null;
  return {
    text: `a surplus of ${fmt(claim.value, 'USD')} in ${year} would exceed exports: the largest official export figure within 3 years is ${fmt(max.value_usd as number, 'USD')} (${max.scope} ${max.year}), and a surplus is at most the exports`,
    evidence: {
      series_id: max.id,
      scope: max.scope,
      value: max.value_usd,
      unit: 'USD',
      source_url: max.source_url,
      publisher: max.publisher,
      params: {
        indicator: 'value',
        flow: 'export',
        country: claim.entity,
        years: `${year - 3}..${year + 3}`,
      },
      sql: render(
        officialSeriesQuery({ indicator: 'value', flow: 'export', country: claim.entity ?? undefined }),
        store.dialect,
      ),
      command: `lantern official --indicator value --flow export${claim.entity ? ` --country ${claim.entity}` : ''}`,
    },
  };
}

/** The rounding unit of an official figure as printed (88.19 billion → 0.01e9; 881.9亿 → 0.1e8). */
function refPrecision(r: OfficialFigure, isRate: boolean): number {
  const printed = isRate ? r.yoy_pct : r.value;
  if (printed === null) return 0;
  const dec = String(printed).split('.')[1]?.length ?? 0;
  const mult = isRate ? 1 : (officialUnits[r.unit] ?? 1);
  return 10 ** -dec * mult;
}

/** The place value of the last significant digit: 90e9 → 10e9, 88.19e9 → 0.01e9 (at most). */
function coarsePrecision(v: number): number {
  if (v === 0) return 1;
  let m = 10 ** Math.floor(Math.log10(Math.abs(v)));
  while (m > 1e-6 && Math.abs(Math.round(v / m) * m - v) > 1e-9 * Math.abs(v)) m /= 10;
  return m;
}

function why(claim: Claim, map: unknown, year: number | null): string {
  if (!claim.metric) return `we could not tell what "${claim.quote}" measures (exports, imports, revenue…)`;
  if (!map) return `no official series measures ${claim.metric.replace('_', ' ')} (${claim.kind.replace('_', ' ')})`;
  if (year === null)
    return claim.period
      ? `the period ${describePeriod(claim.period)} is not a single year`
      : `we could not tell which year "${claim.quote}" refers to`;
  return `a ${claim.kind} in ${claim.unit} is not checked against official series`;
}

/** Verifies many claims (repeats inherit the verdict of the first mention). */
export async function verifyClaims(
  store: Store,
  claims: readonly Claim[],
  docDates: ReadonlyMap<string, string | null> = new Map(),
): Promise<Verification[]> {
  const out: Verification[] = [];
  const byId = new Map<string, Verification>();
  for (const c of claims) {
    const first = c.repeat_of ? byId.get(c.repeat_of) : undefined;
    const v = first
      ? { ...first, claim_id: c.id }
      : await verifyClaim(store, c, { docDate: docDates.get(c.doc_id) ?? null });
    byId.set(c.id, v);
    out.push(v);
  }
  return out;
}
