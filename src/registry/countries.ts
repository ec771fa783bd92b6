/**
 * Country checks for the registry, through the reference layer (src/reference/countries.ts):
 * a registry row names a country or territory by its ISO 3166 alpha-3 code — not World, an area
 * or a historical entity.
 */
import worldCountries from 'world-countries';
import { countryName, getCountry } from '../reference/index.ts';

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

let points: Map<string, [number, number]> | undefined;

/**
 * A representative point of a country ([lat, lon], from the world-countries package), for placing
 * an institution whose source gives no coordinates. Not the institution's location.
 */
export function countryPoint(code: string): [number, number] | null {
  points ??= new Map(
    worldCountries
      .filter((c) => c.latlng?.length === 2)
      .map((c) => [c.cca3, [c.latlng[0], c.latlng[1]] as [number, number]]),
  );
  return points.get(code) ?? null;
}
