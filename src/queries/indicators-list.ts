/** The catalog as plain data (for `lantern indicator list` and GET /api/v1/indicators). */
import { z } from 'zod';
import type { IndicatorInfo } from '../contract.ts';
import { getIndicator, indicators, type Labels, type Unit } from '../indicators/index.ts';
import { shapeOf } from './coerce.ts';
import { definitionPage, hasDefinition } from './indicator-docs.ts';

export interface IndicatorListing {
  id: string;
  label: Labels;
  unit: Unit;
  description: Labels;
  formula: string;
  source: string;
  /** The definition page, relative to the repository root (`lantern indicator show ID` prints it). */
  definition: string | null;
  note: Labels | null;
  perspectives: readonly string[];
  keys: readonly string[];
  columns: readonly { key: string; unit?: string; description: string }[];
  /** Parameters as JSON Schema (from the zod schema). */
  parameters: unknown;
  example: unknown;
}

export function listIndicators(): IndicatorListing[] {
  return indicators.map((d) => ({
    id: d.id,
    label: d.label,
    unit: d.unit,
    description: d.description,
    formula: d.formula,
    source: d.source,
    definition: hasDefinition(d.id) ? definitionPage(d.id) : null,
    note: d.note ?? null,
    perspectives: d.perspectives,
    keys: d.keys,
    columns: d.columns,
    parameters: z.toJSONSchema(d.params, { io: 'input', unrepresentable: 'any' }),
    example: d.example,
  }));
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
