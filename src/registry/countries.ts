/**
 * Country checks for the registry, through the reference layer (src/reference/countries.ts):
 * a registry row names a country or territory by its ISO 3166 alpha-3 code — not World, an area
 * or a historical entity.
 */
import { countryName, getCountry } from '../reference/countries.ts';

/** True when `code` is the alpha-3 key of a current country or territory. */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  const c = getCountry(code);
  return c !== undefined && (c.kind === 'country' || c.kind === 'territory');
}

/** The country's name in English or Chinese, or the code itself when unknown. */
export function countryLabel(code: string, lang: 'en' | 'zh' = 'en'): string {
  return countryName(code, lang);
}
