/**
 * A transparent soft-power composite (`lantern softpower`, GET /api/v1/softpower, the dashboard's
 * Soft power page; definition: docs/indicators/soft-power.md). It is built only from components
 * Lantern holds or the user loads, each with its provenance:
 *
 *   exports      cultural goods exports of the basket in the year (indicator `value`, US$)
 *   world_share  the country's share of world exports of the basket (indicator `world-share`)
 *   growth       CAGR of those exports over `growthYears` years (indicator `cagr`)
 *   rca          revealed comparative advantage in the basket (indicator `rca`)
 *   centres      overseas cultural centres open by the end of the year (registry)
 *   agreements   partner countries with a cultural agreement signed by then (registry)
 *   treaties     partner countries with a film co-production treaty signed by then (registry)
 *   + user series (tourism arrivals, international students, an index's scores …), one value per country
 *
 * Each component is normalised across the countries that have it (minmax, zscore or rank; see
 * soft-power-math.ts), then averaged with the user's weights (default 1 each). The rank of each
 * country is reported with its range over `draws` random weight vectors (seeded), and, when the
 * user loads a published index, Spearman's ρ between its ranks and the composite's.
 *
 * Registry components count only the countries the registry covers: a country with no registry
 * rows of a kind has no value (not zero), and a component held by fewer than two countries is left
 * out with a note — never filled in.
 */
import { z } from 'zod';
import { LanternError } from '../errors.ts';
import { countryName, parseBasketSelector } from '../reference/index.ts';
import { sql, type Store } from '../store/index.ts';
import { parseParams } from '../indicators/index.ts';
import type { SoftPowerDefinition } from '../contract.ts';
import { iso3Schema, listOf } from './common.ts';
import { readPage } from './indicator-docs.ts';
import { runIndicator } from './indicator.ts';
import { readModel } from './read-model.ts';
import { defaultSpans, openScope } from './scope.ts';
import {
  composite,
  type Normalisation,
  normalisations,
  normalise,
  type RankRange,
  rankSensitivity,
  ranks,
  spearman,
} from './soft-power-math.ts';

export const builtInComponents = ['exports', 'world_share', 'growth', 'rca', 'centres', 'agreements', 'treaties'] as const;

const componentLabels: Record<string, { en: string; zh: string; unit: string }> = {
  exports: { en: 'Cultural goods exports', zh: '文化产品出口额', unit: 'US$' },
  world_share: { en: 'World export share', zh: '世界出口份额', unit: 'share' },
  growth: { en: 'Export growth (CAGR)', zh: '出口增长（年均复合）', unit: 'per year' },
  rca: { en: 'Revealed comparative advantage', zh: '显示性比较优势', unit: 'ratio' },
  centres: { en: 'Overseas cultural centres', zh: '海外文化中心', unit: 'count' },
  agreements: { en: 'Cultural agreement partners', zh: '文化协定伙伴国', unit: 'count' },
  treaties: { en: 'Co-production treaty partners', zh: '合拍协定伙伴国', unit: 'count' },
};

/** `exports=2,centres=1` → { exports: 2, centres: 1 }. */
const weightsSchema = z
  .string()
  .regex(/^\s*[a-z][a-z0-9_-]*\s*=\s*\d+(\.\d+)?\s*(,\s*[a-z][a-z0-9_-]*\s*=\s*\d+(\.\d+)?\s*)*$/, 'should be COMPONENT=WEIGHT,… e.g. exports=2,centres=1')
  .transform((s) => Object.fromEntries(s.split(',').map((p) => p.split('=').map((x) => x.trim())).map(([k, v]) => [k as string, Number(v)])));

export const softPowerParams = z.object({
  year: z.coerce.number().int().min(1950).max(2100).optional().describe('the year (default: the last year of trade data)'),
  basket: z.string().default('unesco-fcs-2009').describe('the cultural basket (basket[:domain][@scope])'),
  countries: listOf(iso3Schema).optional().describe('countries to rank (default: every exporter of the basket in the year)'),
  components: listOf(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'should be a component id such as exports')).optional().describe(`components to use (default: all of ${builtInComponents.join(', ')} and loaded series)`),
  weights: weightsSchema.optional().describe('weights per component, e.g. exports=2,centres=1 (default 1 each; 0 leaves one out)'),
  normalise: z.enum(normalisations, { error: `should be one of ${normalisations.join(', ')}` }).default('minmax').describe('minmax | zscore | rank'),
  growthYears: z.coerce.number().int().min(1).max(30).default(5).describe('years of the growth component (CAGR from year − N to year)'),
  draws: z.coerce.number().int().min(0, 'should be 0 or more').max(20000, 'should be at most 20000').default(1000).describe('random weight draws for the rank ranges (0: none)'),
  seed: z.string().max(64).default('lantern').describe('seed of the random weight draws'),
  source: z.string().optional().describe('trade data source (baci, comtrade …) when the store holds several'),
  published: z
    .string()
    .regex(/^[A-Za-z]{3}:\d+(\.\d+)?(,[A-Za-z]{3}:\d+(\.\d+)?)*$/, 'should be COUNTRY:RANK,… e.g. USA:1,GBR:2,CHN:3 (or COUNTRY:SCORE with publishedKind=score)')
    .optional()
    .describe('a published index to compare with: ranks (or scores) per country, COUNTRY:RANK,…'),
  publishedKind: z
    .enum(['rank', 'score'], { error: 'should be rank or score' })
    .default('rank')
    .describe('whether published gives ranks (1 is the top) or scores (the highest is the top)'),
  publishedName: z.string().max(80).optional().describe('the name of the published index (shown with ρ)'),
});
/** The fields that give a published index as text (the API's way; the CLI reads a file instead). */
export const publishedFields = ['published', 'publishedKind', 'publishedName'] as const;
export type SoftPowerParams = z.input<typeof softPowerParams>;

/** A series the user loads: one value per country (tourism arrivals, students, an index's scores). */
export interface UserSeries {
  id: string;
  label: string;
  /** File name or citation. */
  source: string;
  values: Map<string, number>;
}

/** A published index to compare with: ranks (1 = first) or scores (higher = better) per country. */
export interface PublishedIndex {
  name: string;
  source: string;
  values: Map<string, number>;
  kind: 'rank' | 'score';
}

/** What the composite takes beside its parameters: series and a published index read from files. */
export interface SoftPowerExtra {
  series?: UserSeries[];
  published?: PublishedIndex;
}

/** The published index given as `published=USA:1,GBR:2,…` (each country once), or undefined. */
function publishedFromParams(p: { published?: string; publishedKind: 'rank' | 'score'; publishedName?: string }): PublishedIndex | undefined {
  if (!p.published) return undefined;
  const values = new Map<string, number>();
  for (const part of p.published.split(',')) {
    const [c, r] = part.split(':') as [string, string];
    const iso3 = c.toUpperCase();
    if (values.has(iso3))
      throw new LanternError('invalid-argument', `Country ${iso3} is given twice in published.`, [{ field: 'published', message: 'a country appears twice', found: c }]);
    values.set(iso3, Number(r));
  }
  return { name: p.publishedName ?? 'published index', source: 'query parameter published', values, kind: p.publishedKind };
}

export interface SoftPowerComponent {
  id: string;
  label_en: string;
  label_zh: string;
  unit: string;
  weight: number;
  /** Countries with a value. */
  countries: number;
  used: boolean;
  /** Why a component is not used, when it is not. */
  note: string | null;
  provenance: { kind: 'trade' | 'registry' | 'user'; runs?: number[]; source: string; year: number | null };
}

export interface SoftPowerRow {
  country: string;
  name_en: string;
  name_zh: string;
  score: number;
  rank: number;
  rank_min: number | null;
  rank_max: number | null;
  rank_p5: number | null;
  rank_p95: number | null;
  coverage: number;
  published_rank: number | null;
  /** Raw and normalised value per component id. */
  components: Record<string, { raw: number | null; normalised: number | null }>;
}

export interface SoftPowerResult {
  year: number;
  basket: string;
  normalise: Normalisation;
  weights: Record<string, number>;
  draws: number;
  seed: string;
  components: SoftPowerComponent[];
  rows: SoftPowerRow[];
  comparison: { name: string; source: string; rho: number | null; n: number } | null;
  notes: string[];
}

async function tradeComponent(
  store: Store,
  id: string,
  indicator: string,
  p: { from: number; to: number; basket: string; source?: string },
): Promise<{ values: Map<string, number>; runs: number[] }> {
  // `basket[:domain][@scope]`, as the option says: the indicators take the three apart.
  const sel = parseBasketSelector(p.basket);
  const basket = { basket: sel.basketId, ...(sel.domain ? { domain: sel.domain } : {}), ...(sel.scope ? { scope: sel.scope } : {}) };
  const r = await runIndicator(store, indicator, { from: p.from, to: p.to, ...basket, side: 'export', ...(p.source ? { source: p.source } : {}) });
  const values = new Map<string, number>();
  for (const row of r.rows as { country: string; value: number | null; year: number }[]) {
    if (row.year === p.to && row.value !== null && Number.isFinite(row.value)) values.set(row.country, Number(row.value));
  }
  return { values, runs: r.provenance.runs.map((x) => x.id) };
}

async function registryCounts(store: Store, id: 'centres' | 'agreements' | 'treaties', year: number): Promise<Map<string, number>> {
  const end = `${year}-12-31`;
  const rows =
    id === 'centres'
      ? await store.query<{ country: string; n: number }>(
          sql`select home_country as country, count(case when (opened_end <= cast(${end} as date) or opened_by_end <= cast(${end} as date))
                and (closed_start is null or closed_start > cast(${end} as date)) then 1 end) as n
              from registry_institutions where kind = 'cultural-centre' group by home_country`,
        )
      : await store.query<{ country: string; n: number }>(
          sql`select home_country as country, count(distinct case when signed_end <= cast(${end} as date) or signed_by_end <= cast(${end} as date) then partner end) as n
              from registry_agreements where kind = ${id === 'treaties' ? 'co-production-treaty' : 'cultural-agreement'} and partner is not null
              group by home_country`,
        );
  return new Map(rows.map((r) => [r.country, Number(r.n)]));
}

/**
 * Builds the composite.
 *
 * @example
 *   const r = await softPower(store, { year: 2021, weights: 'exports=2,centres=1' }, { series: [students] });
 *   r.rows[0]; // { country, score, rank, rank_min, rank_max, … }
 *
 * Kept whole: the composite's steps in the order of docs/indicators/soft-power.md: components,
 * normalisation, weights, ranks, random draws, comparison.
 */
export async function softPower(
  store: Store,
  input: SoftPowerParams,
  extra: SoftPowerExtra = {},
): Promise<SoftPowerResult> {
  const p = parseParams(softPowerParams, input, 'the soft-power composite');
  const notes: string[] = [];
  const year = p.year ?? (await openScope(store, { source: p.source }, defaultSpans.softPower)).to;
  const givenPublished = extra.published ?? publishedFromParams(p);
  const series = extra.series ?? [];
  const known = [...builtInComponents, ...series.map((s) => s.id)];
  const wanted = p.components ?? known;
  const unknown = wanted.filter((c) => !known.includes(c));
  const badWeights = Object.keys(p.weights ?? {}).filter((c) => !known.includes(c));
  if (unknown.length || badWeights.length) {
    throw new LanternError('invalid-argument', `Unknown component${unknown.length + badWeights.length > 1 ? 's' : ''}: ${[...unknown, ...badWeights].join(', ')}.`, [
      ...[...unknown, ...badWeights].map((c) => ({ field: unknown.includes(c) ? 'components' : 'weights', message: 'not a component', found: c, expected: known.join(' | '), hint: 'load your own series with --series NAME=FILE' })),
    ]);
  }
  const weights = Object.fromEntries(wanted.map((c) => [c, p.weights?.[c] ?? 1]));

  const raw = new Map<string, Map<string, number>>();
  const components: SoftPowerComponent[] = [];
  const add = (id: string, values: Map<string, number>, provenance: SoftPowerComponent['provenance'], label?: { en: string; zh: string; unit: string }) => {
    const l = label ?? componentLabels[id] ?? { en: id, zh: id, unit: '' };
    raw.set(id, values);
    components.push({ id, label_en: l.en, label_zh: l.zh, unit: l.unit, weight: weights[id] ?? 0, countries: values.size, used: false, note: null, provenance });
  };
  const trade = { from: year, to: year, basket: p.basket, source: p.source };
  const tradeIds: [string, string, { from: number; to: number }][] = [
    ['exports', 'value', { from: year, to: year }],
    ['world_share', 'world-share', { from: year, to: year }],
    ['growth', 'cagr', { from: year - p.growthYears, to: year }],
    ['rca', 'rca', { from: year, to: year }],
  ];
  for (const [id, indicator, span] of tradeIds) {
    if (!wanted.includes(id)) continue;
    try {
      const t = await tradeComponent(store, id, indicator, { ...trade, ...span });
      add(id, t.values, { kind: 'trade', runs: t.runs, source: `indicator ${indicator}, basket ${p.basket}, ${span.from === span.to ? span.to : `${span.from}–${span.to}`}`, year });
    } catch (e) {
      if (!(e instanceof LanternError) || id !== 'growth') throw e;
      add(id, new Map(), { kind: 'trade', source: `indicator cagr, basket ${p.basket}`, year });
      notes.push(`growth: ${e.message}`);
    }
  }
  for (const id of ['centres', 'agreements', 'treaties'] as const) {
    if (!wanted.includes(id)) continue;
    add(id, await registryCounts(store, id, year), { kind: 'registry', source: `registry (${id === 'centres' ? 'registry_institutions, cultural-centre' : `registry_agreements, ${id === 'treaties' ? 'co-production-treaty' : 'cultural-agreement'}`}), in force by ${year}-12-31`, year });
  }
  for (const s of series) if (wanted.includes(s.id)) add(s.id, s.values, { kind: 'user', source: s.source, year: null }, { en: s.label, zh: s.label, unit: '' });

  // The countries ranked: those asked for, else every exporter of the basket in the year.
  const countries = p.countries ?? [...(raw.get('exports') ?? raw.values().next().value ?? new Map()).keys()].sort();
  const inScope = new Set(countries);
  const normalised = new Map<string, Map<string, number>>();
  for (const c of components) {
    const vals = new Map([...(raw.get(c.id) as Map<string, number>)].filter(([k]) => inScope.has(k)));
    c.countries = vals.size;
    if (c.weight <= 0) {
      c.note = 'weight 0';
      continue;
    }
    const n = normalise(vals, p.normalise);
    if (!n) {
      c.note = vals.size < 2 ? `held by ${vals.size} of the countries ranked: cannot be normalised` : 'the same value for every country: cannot be normalised';
      notes.push(`${c.id} left out: ${c.note}.`);
      continue;
    }
    c.used = true;
    normalised.set(c.id, n);
  }
  // Nothing to rank is an answer, not an error: the components say why each is left out.
  if (!normalised.size) {
    notes.push('No component can be normalised for these countries: every component has fewer than two countries or no spread (rank more countries, or load series with --series).');
    return { year, basket: p.basket, normalise: p.normalise, weights: {}, draws: p.draws, seed: p.seed, components, rows: [], comparison: null, notes };
  }
  const usedWeights = Object.fromEntries([...normalised.keys()].map((id) => [id, weights[id] as number]));
  const scores = composite(normalised, usedWeights, countries);
  const rank = ranks(new Map([...scores].map(([k, v]) => [k, v.score])));
  const sens = p.draws > 0 ? rankSensitivity(normalised, usedWeights, countries, { draws: p.draws, seed: p.seed }) : new Map<string, RankRange>();
  let published: Map<string, number> | undefined;
  let comparison: SoftPowerResult['comparison'] = null;
  if (givenPublished) {
    const pub = givenPublished;
    published = pub.kind === 'rank' ? pub.values : ranks(pub.values);
    const inBoth = new Map([...published].filter(([k]) => scores.has(k)));
    const s = spearman(rank, pub.kind === 'rank' ? inBoth : ranks(new Map([...pub.values].filter(([k]) => scores.has(k)))));
    comparison = { name: pub.name, source: pub.source, ...s };
    if (s.rho === null) notes.push(`${pub.name}: only ${s.n} countries in common with the composite; ρ needs 3.`);
  }
  const rows: SoftPowerRow[] = [...scores]
    .map(([c, v]) => ({
      country: c,
      name_en: countryName(c, 'en'),
      name_zh: countryName(c, 'zh'),
      score: v.score,
      rank: rank.get(c) as number,
      rank_min: sens.get(c)?.min ?? null,
      rank_max: sens.get(c)?.max ?? null,
      rank_p5: sens.get(c)?.p5 ?? null,
      rank_p95: sens.get(c)?.p95 ?? null,
      coverage: v.coverage,
      published_rank: published?.get(c) ?? null,
      components: Object.fromEntries(
        components.map((k) => [k.id, { raw: raw.get(k.id)?.get(c) ?? null, normalised: normalised.get(k.id)?.get(c) ?? null }]),
      ),
    }))
    .sort((a, b) => a.rank - b.rank || (a.country < b.country ? -1 : 1));
  return { year, basket: p.basket, normalise: p.normalise, weights: usedWeights, draws: p.draws, seed: p.seed, components, rows, comparison, notes };
}

/** The composite's descriptor: `lantern softpower` and GET /softpower (the last year of trade by default). */
export const softPowerModel = readModel({
  id: 'softpower',
  summary: 'Soft-power composite: components with provenance, normalisation and weights you set, ranks with their range over random weights, ρ with a published index',
  params: softPowerParams,
  years: { span: defaultSpans.softPower, field: 'year' },
  run: (store: Store, params: SoftPowerParams, extra?: SoftPowerExtra) => softPower(store, params, extra),
  rows: (r) => softPowerRows(r),
  list: (r) => softPowerRows(r),
  tables: (r) => ({ components: r.components.map(({ provenance, ...c }) => ({ ...c, source: provenance.source, kind: provenance.kind })) }),
  provenance: (r) => ({ runs: [...new Set(r.components.flatMap((c) => c.provenance.runs ?? []))], note: r.notes.join(' ') || undefined }),
});

/**
 * The composite's definition page (docs/indicators/soft-power.md), as `indicatorModel` gives an
 * indicator's: `lantern softpower definition`, GET /softpower/definition. Bundled: no store read.
 */
export const softPowerDefinitionModel = readModel({
  id: 'softpower-definition',
  summary: 'The soft-power composite’s definition page (docs/indicators/soft-power.md): components, normalisation, weights, sensitivity, worked example, references',
  params: z.object({}),
  run: async () => softPowerDefinition(),
  /** One row per section of the page (CSV, NDJSON). */
  rows: (d) => Object.entries(d.definition_sections).map(([section, text]) => ({ section, text })),
  provenance: () => ({}),
});

/** The definition page as `softPowerDefinitionModel` answers it (contract.ts `SoftPowerDefinition`). */
export function softPowerDefinition(): SoftPowerDefinition {
  const page = readPage('soft-power');
  return { page: page.page, definition_title: page.title, definition_markdown: page.markdown, definition_sections: page.sections };
}

/** Flat rows for CSV, NDJSON and Parquet: one column per component's raw and normalised value. */
export function softPowerRows(r: SoftPowerResult): Record<string, unknown>[] {
  return r.rows.map(({ components, ...rest }) => ({
    ...rest,
    ...Object.fromEntries(Object.entries(components).flatMap(([id, v]) => [[id, v.raw], [`${id}_norm`, v.normalised]])),
  }));
}

/**
 * Reads `country,value` CSV text (header required; extra columns ignored) into a map: a user series
 * or a published index. Bad lines are reported together with their line numbers.
 */
export function parseCountryValues(text: string, file: string): Map<string, number> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const ci = header.findIndex((h) => ['country', 'iso3', 'code'].includes(h));
  const vi = valueColumn(header);
  if (ci < 0 || vi < 0) {
    throw new LanternError('csv-missing-column', `${file} needs a country column and a value (or rank, score) column.`, [
      { file, line: 1, message: 'missing column', expected: 'country,value (or iso3,rank / country,score)', found: lines[0] ?? '' },
    ]);
  }
  const out = new Map<string, number>();
  const problems: { file: string; line: number; column: string; message: string; found: string }[] = [];
  lines.slice(1).forEach((l, i) => {
    if (!l.trim()) return;
    const f = l.split(',').map((x) => x.trim());
    const c = (f[ci] ?? '').toUpperCase();
    const v = Number(f[vi]);
    if (!/^[A-Z]{3}$/.test(c)) problems.push({ file, line: i + 2, column: header[ci] as string, message: 'not an ISO 3166 alpha-3 code', found: f[ci] ?? '' });
    else if (f[vi] === '' || !Number.isFinite(v)) problems.push({ file, line: i + 2, column: header[vi] as string, message: 'not a number', found: f[vi] ?? '' });
    else if (out.has(c)) problems.push({ file, line: i + 2, column: header[ci] as string, message: 'country given twice', found: c });
    else out.set(c, v);
  });
  if (problems.length) throw new LanternError('bad-rows', `${file}: ${problems.length} line(s) cannot be read; nothing was used.`, problems);
  return out;
}

/**
 * The column of a country file that holds the figures: `value`, `rank` or `score`, else the first
 * column named with one of them (`published_rank`, `score_2024`, `rank (2023)`); -1 when none is.
 */
function valueColumn(header: readonly string[]): number {
  const exact = header.findIndex((h) => ['value', 'rank', 'score'].includes(h));
  return exact >= 0 ? exact : header.findIndex((h) => /rank|score|value/.test(h) && !['country', 'iso3', 'code'].includes(h));
}

/**
 * Whether a published file gives ranks (its figures' column is named with `rank`: `rank`,
 * `published_rank` …; 1 is the top) or scores (any other name: the highest is the top).
 */
export function publishedKind(text: string): 'rank' | 'score' {
  const header = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  return /rank/.test(header[valueColumn(header)] ?? '') ? 'rank' : 'score';
}
