/**
 * The country list as a read model (`lantern countries`, GET /api/v1/countries): the countries,
 * territories, historical entities, areas and the world of reference/countries.ts with their codes
 * and names, filtered by kind, region or a search; and one of them by code (`countryModel`: `lantern
 * countries CODE`, GET /api/v1/countries/{code}). Reads no store: the list is bundled.
 *
 * @example
 *   countryList({ kind: ['area'] });          // the areas
 *   countryList({ search: 'china' });         // CHN, HKG, MAC, TWN …
 */
import { z } from 'zod';
import type { CountryRow } from '../contract.ts';
import { parseParams } from '../indicators/index.ts';
import { LanternError } from '../errors.ts';
import { assertCountry, countryRow, countryRows, listCountries } from '../reference/index.ts';
import { listOf } from './common.ts';
import { readModel } from './read-model.ts';

const kinds = ['country', 'territory', 'historical', 'area', 'world'] as const;

export const countryListParams = z.object({
  kind: listOf(z.enum(kinds)).optional().describe('keep these kinds, comma-separated: country, territory, historical, area, world'),
  search: z.string().min(1).meta({ placeholder: 'text' }).optional().describe('only entries whose code or name (English or Chinese) contains this text'),
  region: z.string().min(1).optional().describe('only this M49 region, e.g. Asia'),
});
export type CountryListParams = z.input<typeof countryListParams>;

/** The entities a question keeps, in the order of the list. */
export function countryList(input: CountryListParams): CountryRow[] {
  const p = parseParams(countryListParams, input, 'country list');
  return countryRows({ kind: p.kind, q: p.search, region: p.region === undefined ? undefined : regionOf(p.region) });
}

/**
 * The M49 region asked for, spelt as the list spells it ("asia" is Asia); an unknown one is
 * refused with the regions there are (it listed no rows, as if the region had no countries).
 */
function regionOf(asked: string): string {
  const regions = [...new Set(listCountries().map((c) => c.region).filter((r): r is string => Boolean(r)))].sort();
  const hit = regions.find((r) => r.toLowerCase() === asked.trim().toLowerCase());
  if (hit) return hit;
  throw new LanternError('invalid-argument', `No M49 region "${asked}".`, [
    {
      field: 'region',
      message: 'unknown region',
      expected: regions.join(' | '),
      found: asked,
      hint: `give one of ${regions.join(', ')} (any case)`,
    },
  ]);
}

export const countryListModel = readModel({
  id: 'countries',
  summary: 'Countries, territories, areas and historical entities with ISO codes and names (English, Chinese)',
  params: countryListParams,
  rowsOnly: true,
  run: async (_store, p: CountryListParams) => countryList(p),
  rows: (d) => d as unknown as Record<string, unknown>[],
  list: (d) => d,
  provenance: () => ({}),
});

export const countryParams = z.object({
  code: z.string().min(2).max(3).meta({ placeholder: 'code' }).describe('ISO alpha-3, alpha-2 or numeric code, e.g. CHN, cn, 156'),
});
export type CountryParams = z.input<typeof countryParams>;

/** One entity by code (an unknown code is refused with the nearest names). */
export function countryByCode(input: CountryParams): CountryRow {
  const p = parseParams(countryParams, input, 'country');
  return countryRow(assertCountry(p.code));
}

export const countryModel = readModel({
  id: 'country',
  summary: 'One country by ISO alpha-3, alpha-2 or numeric code',
  params: countryParams,
  run: async (_store, p: CountryParams) => countryByCode(p),
  rows: (d) => [d as unknown as Record<string, unknown>],
  provenance: () => ({}),
});
