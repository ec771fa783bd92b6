/**
 * Compare: one indicator for several countries over years, as a long table and as a wide series
 * (one column per country) ready for a chart.
 *
 * `compareModel` is its descriptor (read-model.ts): without years it reads every year of the data
 * (`defaultSpans.compare`, filled in by `openScope`); the API sends `values` as its rows and
 * `series` and the indicator's own rows as the tables `series` and `raw`.
 *
 * @example
 *   const c = await compareModel.open(store, { countries: 'CHN,KOR,JPN,USA', indicator: 'world-share', basket: 'unesco-fcs-2009:books', years: '2015-2021' });
 */
import { z } from 'zod';
import type { CompareData } from '../contract.ts';
import { getIndicator, parseParams, type Scope } from '../indicators/index.ts';
import { countryName } from '../reference/index.ts';
import type { Store } from '../store/index.ts';
import { dataShape, groupPartners, groupSchema, iso3Schema, listOf, parseProductSelector, yearsSchema } from './common.ts';
import { runIndicator } from './indicator.ts';
import { indicatorInfo } from './indicators-list.ts';
import { flowSources } from './flow-sources.ts';
import { readModel } from './read-model.ts';
import { defaultSpans, openScope } from './scope.ts';

export const compareParams = z.object({
  countries: listOf(iso3Schema)
    .refine((l) => l.length >= 1, 'name at least one country')
    .describe('countries to compare'),
  indicator: z.string().meta({ placeholder: 'id' }).default('value').describe('indicator id (see `lantern indicator list`)'),
  years: yearsSchema.optional().describe('a year or a span (default: every year in the data)'),
  basket: z.string().meta({ placeholder: 'basket' }).optional().describe('basket[:domain] or an HS code'),
  side: z.enum(['export', 'import']).default('export').describe('the countries\' exports or imports'),
  partner: listOf(iso3Schema).optional().describe('partner countries (for bilateral indicators)'),
  group: groupSchema.optional(),
  ...dataShape,
});
export type CompareParams = z.input<typeof compareParams>;

/** Indicators whose figure is a country's own trade on one side: its source label applies as is. */
const sideValueIndicators = new Set(['value', 'yoy-growth', 'cagr', 'world-share']);

/** Indicators that need a span rather than one value per year. */
const spanIndicators = new Set(['cagr', 'trend-growth']);

/** The years of a question that gives none: every year of the data (through openScope, as at the edges). */
async function everyYear(store: Store, source: string | undefined): Promise<{ from: number; to: number }> {
  const { from, to } = await openScope(store, { source }, defaultSpans.compare);
  return { from, to };
}

export async function compare(store: Store, input: CompareParams): Promise<CompareData> {
  const q = parseParams(compareParams, input, 'compare');
  const def = getIndicator(q.indicator);
  const years = q.years ?? (await everyYear(store, q.source));
  const sel = parseProductSelector(q.basket);
  const grp = groupPartners(q.group, q.partner);
  const r = await runIndicator(store, def.id, {
    country: q.countries,
    partner: grp.partners,
    from: years.from,
    to: years.to,
    ...sel,
    side: q.side,
    runs: q.runs,
    source: q.source,
    perspective: q.perspective,
    view: q.view,
    flow: q.flow,
    level: q.level,
    trade: q.trade,
  });
  const countries = (r.params.country as string[]).map((iso3) => ({
    iso3,
    nameEn: countryName(iso3, 'en'),
    nameZh: countryName(iso3, 'zh'),
  }));
  const series: Record<string, number | null>[] = [];
  const ys = spanIndicators.has(def.id)
    ? [years.to]
    : Array.from({ length: years.to - years.from + 1 }, (_, i) => years.from + i);
  for (const y of ys) {
    const row: Record<string, number | null> = { year: y };
    for (const c of countries) {
      const hit = r.rows.filter((x) => x.year === y && x.country === c.iso3);
      // Bilateral indicators give one row per partner: the series keeps the value only when unique.
      row[c.iso3] = hit.length === 1 && typeof hit[0]!.value === 'number' ? (hit[0]!.value as number) : null;
    }
    series.push(row);
  }
  const sources =
    q.perspective !== 'reconciled' && r.params.perspective === 'reported' && sideValueIndicators.has(def.id)
      ? (await flowSources(store, r.params as unknown as Scope, countries.map((c) => c.iso3), years)).filter((l) => l.side === q.side)
      : [];
  const values = series.flatMap((row) =>
    countries.map((c) => ({ year: row.year as number, country: c.iso3, name_en: c.nameEn, name_zh: c.nameZh, value: row[c.iso3] ?? null })),
  );
  return {
    indicator: indicatorInfo(def.id),
    countries,
    years,
    provenance: r.provenance,
    notes: grp.note ? [...r.notes, grp.note] : r.notes,
    series,
    values,
    rows: r.rows,
    sql: r.sql,
    empty: r.empty,
    sources,
  };
}

/** Compare's descriptor: `lantern compare A B …` and GET /compare. */
export const compareModel = readModel({
  id: 'compare',
  summary: 'Compare countries: one indicator for several countries over years',
  params: compareParams,
  years: { span: defaultSpans.compare, field: 'years' },
  run: compare,
  rows: (r) => r.series,
  list: (r) => r.values,
  tables: (r) => ({ series: r.series, raw: r.rows }),
  provenance: (r) => ({
    runs: r.provenance.runs.map((x) => x.id),
    sql: `${r.sql.text}\n-- params: ${JSON.stringify(r.sql.params)}`,
    note: [r.indicator.label_en, r.provenance.perspective, ...r.notes].join(' · '),
    ...(r.sources.length ? { flowSources: r.sources } : {}),
  }),
});
