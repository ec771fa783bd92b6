/**
 * The catalog as plain data (for `lantern indicator list` and GET /api/v1/indicators), and as a
 * read-model descriptor (`indicatorListModel`: no parameters, no store read; the API sends the list
 * as `rows`); one indicator with its definition page (`indicatorModel`: `lantern indicator show
 * ID`, GET /api/v1/indicators/{id}).
 */
import { z } from 'zod';
import type { IndicatorDetail, IndicatorInfo } from '../contract.ts';
import { getIndicator, indicators, parseParams } from '../indicators/index.ts';
import { shapeOf } from './coerce.ts';
import { definitionPage, hasDefinition, readDefinition } from './indicator-docs.ts';
import { readModel } from './read-model.ts';

/** The whole catalog, as `/indicators` lists it and `lantern indicator list --format json` prints it. */
export function listIndicators(): IndicatorInfo[] {
  return indicators.map((d) => indicatorInfo(d.id));
}

/** An indicator as `/indicators` lists it and `/compare` names it (contract.ts `IndicatorInfo`). */
export function indicatorInfo(id: string): IndicatorInfo {
  const def = getIndicator(id);
  return {
    id: def.id,
    label_en: def.label.en,
    label_zh: def.label.zh,
    unit: def.unit,
    description_en: def.description.en,
    description_zh: def.description.zh,
    formula: def.formula,
    source: def.source,
    definition: hasDefinition(def.id) ? definitionPage(def.id) : null,
    note_en: def.note?.en ?? null,
    note_zh: def.note?.zh ?? null,
    perspectives: def.perspectives,
    keys: def.keys,
    columns: def.columns,
    parameters: Object.entries(shapeOf(def.params) ?? {}).map(([name, s]) => ({ name, description: (s as { description?: string }).description ?? '' })),
  };
}

/** One flat row per indicator (CSV, and the CLI's table): the parameters' names joined with spaces. */
export function indicatorListRows(list: readonly IndicatorInfo[]): Record<string, unknown>[] {
  return list.map((d) => ({
    id: d.id,
    label: d.label_en,
    label_zh: d.label_zh,
    unit: d.unit,
    formula: d.formula,
    parameters: d.parameters.map((p) => p.name).join(' '),
    note: d.note_en ?? '',
    definition: d.definition ?? '',
  }));
}

export const indicatorListModel = readModel({
  id: 'indicators',
  summary: 'The indicator catalog: id, label (English, Chinese), unit, formula, source, parameters',
  params: z.object({}),
  rowsOnly: true,
  run: async () => listIndicators(),
  rows: indicatorListRows,
  list: (d) => d,
  provenance: () => ({}),
});

/** The catalog example as query text: arrays joined with commas. */
export function exampleQuery(example: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(example).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
}

/** One indicator as listed, with its definition page and its example as a call (contract.ts `IndicatorDetail`). */
export function indicatorDetail(id: string): IndicatorDetail {
  const def = getIndicator(id);
  const page = hasDefinition(def.id) ? readDefinition(def.id) : null;
  const example = def.example as Record<string, unknown>;
  return {
    ...indicatorInfo(def.id),
    definition_title: page?.title ?? null,
    definition_markdown: page?.markdown ?? null,
    definition_sections: page?.sections ?? null,
    example,
    exampleUrl: `/api/v1/indicators/${def.id}/values?${new URLSearchParams(exampleQuery(example))}`,
  };
}

export const indicatorParams = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'should be an indicator id such as rca (see /indicators)')
    .meta({ placeholder: 'id' })
    .describe('the indicator, e.g. rca (`lantern indicator list` lists them)'),
});

export const indicatorModel = readModel({
  id: 'indicator',
  summary: 'One indicator: definition page (markdown), formula, parameters and an example call',
  params: indicatorParams,
  run: async (_store, p: z.input<typeof indicatorParams>) => indicatorDetail(parseParams(indicatorParams, p, 'indicator').id),
  /** One row per section of its page (CSV, NDJSON). */
  rows: (d) => Object.entries(d.definition_sections ?? {}).map(([section, text]) => ({ id: d.id, section, text })),
  provenance: () => ({}),
});
