/**
 * The catalog as plain data (for `lantern indicator list` and GET /api/v1/indicators), and as a
 * read-model descriptor (`indicatorListModel`: no parameters, no store read; the API sends the list
 * as `rows`).
 */
import { z } from 'zod';
import type { IndicatorInfo } from '../contract.ts';
import { getIndicator, indicators } from '../indicators/index.ts';
import { shapeOf } from './coerce.ts';
import { definitionPage, hasDefinition } from './indicator-docs.ts';
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
