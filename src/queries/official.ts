/**
 * Official published series (`official_series`): listing, finding the figure a claim refers to,
 * and building lines over years that respect scope.
 *
 * Invariant: figures of different scope (goods vs goods-and-services, core vs broad, national vs a
 * sub-aggregate) — or of the same scope name from a different publisher, whose definitions differ
 * (NBS 2003–2013, customs 2011, MOFCOM 2016+) — are never joined into one line. `officialLines`
 * returns segments, each of one scope and publisher, and marks every change with `break: true`.
 *
 * @example
 *   const rows = await listOfficialSeries(store, { scope: 'cultural_products', flow: 'export' });
 *   const { segments } = officialLines(rows);   // segments[i].break === true where the scope changes
 */
import { z } from 'zod';
import type { OfficialFigure, OfficialLinePoint, OfficialRowInfo, OfficialScopeRow } from '../contract.ts';
import { LanternError } from '../errors.ts';
import { parseParams } from '../indicators/index.ts';
import { editDistance } from '../reference/index.ts';
import { raw, type Sql, sql, startsWith, type Store, whereAll } from '../store/index.ts';
import { readModel } from './read-model.ts';

export type { OfficialFigure };

export interface OfficialFilter {
  country?: string;
  year?: number;
  /** Exact scope, e.g. 'cultural_products'; with `includeSubScopes`, also 'cultural_products.*'. */
  scope?: string;
  includeSubScopes?: boolean;
  indicator?: string;
  flow?: string;
}

/** The SQL of a listing (pure: no I/O). Values are bound parameters. */
export function officialSeriesQuery(f: OfficialFilter = {}): Sql {
  const conds: Sql[] = [];
  if (f.country) conds.push(sql`country = ${f.country.toUpperCase()}`);
  if (f.year !== undefined) conds.push(sql`year = ${f.year}`);
  if (f.scope)
    conds.push(
      f.includeSubScopes
        ? sql`(scope = ${f.scope} or ${startsWith(raw('scope'), `${f.scope}.`)})`
        : sql`scope = ${f.scope}`,
    );
  if (f.indicator) conds.push(sql`indicator = ${f.indicator}`);
  if (f.flow) conds.push(sql`flow = ${f.flow}`);
  return sql`select id, country, year, scope, indicator, flow, value, unit, value_usd, yoy_pct, publisher, reported_by, source_url, note
    from official_series ${whereAll(conds)} order by scope, indicator, flow, year, id`;
}

/** Official figures matching a filter, each with its scope, unit and source URL. */
export async function listOfficialSeries(store: Store, f: OfficialFilter = {}): Promise<OfficialFigure[]> {
  return store.query<OfficialFigure>(officialSeriesQuery(f));
}

/** Official figures matching a filter, with their scope's label in English and Chinese (`lantern official`, `/official`). */
export async function officialFigures(store: Store, f: OfficialFilter = {}): Promise<OfficialRowInfo[]> {
  return (await listOfficialSeries(store, f)).map((r) => ({ ...r, ...scopeLabels(r.scope) }));
}

/** The scopes in the store with their labels, years and number of figures. */
export async function officialScopes(store: Store): Promise<OfficialScopeRow[]> {
  const rows = await store.query<Omit<OfficialScopeRow, 'scope_en' | 'scope_zh'>>(
    sql`select scope, count(*) as figures, min(year) as first_year, max(year) as last_year from official_series group by scope order by scope`,
  );
  return rows.map(({ scope, ...rest }) => ({ scope, ...scopeLabels(scope), ...rest }));
}

/**
 * The official figures a claim could be checked against: same year, indicator and flow; the
 * figure of the asked scope first, then the other scopes of that year (so a checker can say "this
 * figure is the goods-and-services total, not goods"). Each row says its scope, unit and source.
 */
export async function findOfficialFigure(
  store: Store,
  q: { year: number; indicator?: string; flow?: string; scope?: string; country?: string },
): Promise<(OfficialFigure & { scope_match: 'exact' | 'sub-scope' | 'other' })[]> {
  const rows = await listOfficialSeries(store, {
    year: q.year,
    indicator: q.indicator,
    flow: q.flow,
    country: q.country,
  });
  const rank = (s: string) => (!q.scope || s === q.scope ? 0 : s.startsWith(`${q.scope}.`) ? 1 : 2);
  return rows
    .map((r) => ({
      ...r,
      scope_match: (['exact', 'sub-scope', 'other'] as const)[rank(r.scope)] as
        | 'exact'
        | 'sub-scope'
        | 'other',
    }))
    .sort(
      (a, b) => rank(a.scope) - rank(b.scope) || a.scope.localeCompare(b.scope) || a.id.localeCompare(b.id),
    );
}

/** The publishing body without the parenthetical detail ("MOFCOM (spokesperson …)" → "MOFCOM"). */
export function publisherFamily(publisher: string | null): string {
  return (publisher ?? 'unknown').replace(/\s*\(.*\)\s*$/, '').trim() || 'unknown';
}

export interface OfficialPoint {
  year: number;
  value_usd: number | null;
  value: number;
  unit: string;
  yoy_pct: number | null;
  source_url: string;
  id: string;
}

export interface OfficialSegment {
  /** Segment key: scope and publisher family (and the country, when the rows hold several). */
  key: string;
  country: string | null;
  scope: string;
  publisher: string;
  indicator: string;
  flow: string;
  /** True when this segment does not continue the previous one (a different scope or publisher). */
  break: boolean;
  breakReason: 'country' | 'scope' | 'publisher' | null;
  /** Years missing inside the segment (a line over them is an interpolation, not data). */
  gaps: number[];
  points: OfficialPoint[];
}

/**
 * Builds lines over years from official figures of ONE indicator and flow (throws a plain Error —
 * a bug — if given several). Segments are ordered by first year; a segment whose scope or
 * publisher differs from the one before is marked `break: true`.
 */
export function officialLines(rows: readonly OfficialFigure[]): { segments: OfficialSegment[] } {
  const kinds = new Set(rows.map((r) => `${r.indicator}/${r.flow}`));
  if (kinds.size > 1)
    throw new Error(`officialLines takes one indicator and flow; got ${[...kinds].join(', ')}`);
  const groups = new Map<string, OfficialFigure[]>();
  // Figures of several countries (the world and its largest exporters) are never one line.
  const countries = new Set(rows.map((r) => r.country));
  for (const r of rows) {
    const key = `${countries.size > 1 ? `${r.country} | ` : ''}${r.scope} | ${publisherFamily(r.publisher)}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const segments: OfficialSegment[] = [...groups.entries()]
    .map(([key, list]) => {
      list.sort((a, b) => a.year - b.year);
      const first = list[0] as OfficialFigure;
      const years = new Set(list.map((r) => r.year));
      const gaps: number[] = [];
      for (let y = first.year; y <= (list[list.length - 1] as OfficialFigure).year; y++)
        if (!years.has(y)) gaps.push(y);
      return {
        key,
        scope: first.scope,
        publisher: publisherFamily(first.publisher),
        indicator: first.indicator,
        flow: first.flow,
        country: first.country,
        break: false,
        breakReason: null as 'country' | 'scope' | 'publisher' | null,
        gaps,
        points: list.map((r) => ({
          year: r.year,
          value_usd: r.value_usd,
          value: r.value,
          unit: r.unit,
          yoy_pct: r.yoy_pct,
          source_url: r.source_url,
          id: r.id,
        })),
      };
    })
    .sort((a, b) => (a.points[0]?.year ?? 0) - (b.points[0]?.year ?? 0) || a.key.localeCompare(b.key));
  segments.forEach((s, i) => {
    const prev = segments[i - 1];
    if (!prev) return;
    if (prev.country !== s.country) {
      s.break = true;
      s.breakReason = 'country';
    } else if (prev.scope !== s.scope) {
      s.break = true;
      s.breakReason = 'scope';
    } else if (prev.publisher !== s.publisher) {
      s.break = true;
      s.breakReason = 'publisher';
    }
  });
  return { segments };
}

const scopeLabelOf: Record<string, { en: string; zh: string }> = {
  cultural_products: { en: 'Cultural products (goods)', zh: '文化产品' },
  core_cultural_products: { en: 'Core cultural products (goods)', zh: '核心文化产品' },
  cultural_services: { en: 'Cultural services', zh: '文化服务' },
  cultural_services_broad: { en: 'Cultural services (broad definition)', zh: '文化服务（广义）' },
  cultural_products_and_services: { en: 'Cultural products and services', zh: '文化产品和服务' },
  cultural_trade: { en: 'Foreign cultural trade (products and services)', zh: '对外文化贸易' },
  cultural_goods_unesco: { en: 'Cultural goods (UNESCO definition)', zh: '文化商品（联合国教科文组织定义）' },
  belt_and_road: { en: 'Belt and Road countries', zh: '“一带一路”沿线国家' },
  brics: { en: 'BRICS countries', zh: '金砖国家' },
  visual_arts: { en: 'visual arts', zh: '视觉艺术品' },
  guangdong: { en: 'Guangdong', zh: '广东' },
  creative_goods: { en: 'Creative goods (UNCTAD)', zh: '创意产品（联合国贸发会议定义）' },
  creative_services: { en: 'Creative services (UNCTAD)', zh: '创意服务（联合国贸发会议定义）' },
  content_industry: { en: 'Content industry (Korea, MCST/KOCCA)', zh: '内容产业（韩国文化体育观光部）' },
  creative_industries_services: { en: 'Creative industries, services (UK DCMS)', zh: '创意产业服务（英国文化媒体体育部）' },
  creative_industries_goods: { en: 'Creative industries, goods (UK DCMS)', zh: '创意产业商品（英国文化媒体体育部）' },
};

/**
 * A readable label of a scope in English or Chinese; a sub-scope is labelled "parent — part"
 * (`cultural_products.belt_and_road` → "文化产品 — “一带一路”沿线国家"). Unknown scopes stay as written.
 */
export function scopeLabel(scope: string, lang: 'en' | 'zh' = 'en'): string {
  return scope
    .split('.')
    .map((part) => scopeLabelOf[part]?.[lang] ?? part)
    .join(' — ');
}

function scopeLabels(scope: string): { scope_en: string; scope_zh: string } {
  return { scope_en: scopeLabel(scope, 'en'), scope_zh: scopeLabel(scope, 'zh') };
}

/** The points of the lines as rows, segment by segment (`lantern official --lines`, `/official/lines` rows). */
export function officialLinePoints(segments: readonly OfficialSegment[]): OfficialLinePoint[] {
  return segments.flatMap((s, i) =>
    s.points.map((p, j) => ({
      segment: i + 1,
      key: s.key,
      break: j === 0 && s.break ? `break (${s.breakReason})` : '',
      scope: s.scope,
      ...scopeLabels(s.scope),
      publisher: s.publisher,
      ...p,
    })),
  );
}

/**
 * The question of `lantern official` and `/official`: which figures. Codes and words as typed
 * (query strings, flags); a year is a whole number.
 */
export const officialParams = z.object({
  country: z.string().regex(/^[A-Za-z]{3}$/, 'should be an ISO alpha-3 code such as CHN').optional().describe('only this country (ISO alpha-3)'),
  year: z.coerce.number().int('should be a whole year such as 2021').min(1900).max(2100).optional().describe('only this year'),
  scope: z.string().min(1).optional().describe('only this scope, e.g. cultural_products'),
  subScopes: z.boolean().optional().describe('with scope: also its sub-aggregates, e.g. cultural_products.belt_and_road'),
  indicator: z.enum(['turnover', 'value', 'balance']).optional().describe('only this indicator'),
  flow: z.enum(['export', 'import', 'total', 'surplus', 'deficit']).optional().describe('only this flow'),
});
export type OfficialParams = z.input<typeof officialParams>;

/** An unknown scope would list nothing: it is refused with the scopes the store holds. */
async function checkScope(store: Store, scope: string): Promise<void> {
  const known = (await officialScopes(store)).map((r) => r.scope);
  if (known.some((k) => k === scope || k.startsWith(`${scope}.`))) return;
  const near = known
    .map((k) => ({ k, d: editDistance(scope.toLowerCase(), k.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(x.k.length / 2)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.k);
  throw new LanternError('invalid-argument', `No official figures have the scope "${scope}".`, [
    {
      field: 'scope',
      message: 'unknown scope',
      expected: known.join(' | ') || 'a scope (no official figures are loaded)',
      found: scope,
      hint: near.length ? `did you mean ${near.join(', ')}?` : '`lantern official --scopes` lists them',
    },
  ]);
}

/** The filter of a question, its scope checked against the store. */
async function officialFilter(store: Store, input: OfficialParams): Promise<OfficialFilter> {
  const p = parseParams(officialParams, input, 'official figures');
  if (p.scope) await checkScope(store, p.scope);
  return { ...p, country: p.country?.toUpperCase(), includeSubScopes: p.subScopes };
}

const sourcesOf = (rows: readonly { source_url: string }[]) => ({ sources: [...new Set(rows.map((r) => r.source_url))] });

/** The official figures of a question (`lantern official`, `/official`). */
export const officialFiguresModel = readModel({
  id: 'official',
  summary: 'Official published figures with scope, unit and source URL',
  params: officialParams,
  rowsOnly: true,
  run: async (store: Store, p: OfficialParams) => officialFigures(store, await officialFilter(store, p)),
  rows: (d) => d as unknown as Record<string, unknown>[],
  list: (d) => d,
  provenance: sourcesOf,
});

/** The scopes of the official series (`lantern official --scopes`, `/official/scopes`). */
export const officialScopesModel = readModel({
  id: 'official-scopes',
  summary: 'The scopes of the official series, with years and number of figures',
  params: z.object({}),
  rowsOnly: true,
  run: (store: Store) => officialScopes(store),
  rows: (d) => d as unknown as Record<string, unknown>[],
  list: (d) => d,
  provenance: () => ({}),
});

/**
 * Lines over years (`lantern official --lines`, `/official/lines`): the points of the segments of
 * one indicator and flow; figures of several are refused, naming them.
 */
export const officialLinesModel = readModel({
  id: 'official-lines',
  summary: 'Lines over years for one indicator and flow: one segment per scope and publisher, breaks marked',
  params: officialParams,
  rowsOnly: true,
  run: async (store: Store, p: OfficialParams) => {
    const rows = await listOfficialSeries(store, await officialFilter(store, p));
    const kinds = [...new Set(rows.map((r) => `${r.indicator}/${r.flow}`))];
    if (kinds.length > 1)
      throw new LanternError('scope-mismatch', 'A line is one indicator and one flow.', [
        { field: 'indicator', message: 'several indicators/flows selected', found: kinds.join(', '), hint: 'give indicator and flow, e.g. indicator value and flow export' },
      ]);
    return { points: officialLinePoints(officialLines(rows).segments), sources: sourcesOf(rows) };
  },
  rows: (d) => d.points as unknown as Record<string, unknown>[],
  list: (d) => d.points,
  provenance: (d) => d.sources,
});
