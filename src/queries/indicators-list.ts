/** The catalog as plain data (for `lantern indicator list` and GET /api/v1/indicators). */
import { z } from 'zod';
import { indicators, type Labels, type Unit } from '../indicators/index.ts';
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
