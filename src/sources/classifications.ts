/**
 * Product classifications: source spellings (Comtrade H0…H6, BACI HS92…HS22, EB02/EB10) to
 * Lantern's names ('HS1992' … 'HS2022', 'EBOPS2002', 'EBOPS2010'), and zero-padding of HS codes.
 */

import { comtradeEditionCodes, hsEditions } from '../reference/index.ts';

/** Comtrade's codes: the HS editions' (reference/hs.ts, the one list of editions) and its others. */
const COMTRADE: Record<string, string> = {
  ...comtradeEditionCodes,
  // Comtrade's services classifications. Plain "EB" is what the current API returns for EBOPS 2010.
  EB: 'EBOPS2010',
  EB02: 'EBOPS2002',
  EB10: 'EBOPS2010',
  S1: 'SITC1',
  S2: 'SITC2',
  S3: 'SITC3',
  S4: 'SITC4',
};

/** 'H5' → 'HS2017', 'EB10' → 'EBOPS2010'; also accepts 'HS17', 'HS2017'. Undefined when unknown. */
export function classificationFromCode(code: string): string | undefined {
  const c = code.trim().toUpperCase();
  if (COMTRADE[c]) return COMTRADE[c];
  return (
    hsEditionFromBaci(c) ??
    ((hsEditions as readonly string[]).includes(c) || c === 'EBOPS2002' || c === 'EBOPS2010' ? c : undefined)
  );
}

/** BACI's 'HS92' … 'HS22' (also 'H0'…'H6') → 'HS1992' … 'HS2022'. */
export function hsEditionFromBaci(code: string): string | undefined {
  const c = code.trim().toUpperCase();
  const m = /^HS(\d{2})$/.exec(c);
  if (m) {
    const yy = Number(m[1]);
    const full = `HS${yy >= 88 ? 1900 + yy : 2000 + yy}`;
    return (hsEditions as readonly string[]).includes(full) ? full : undefined;
  }
  return /^H[0-6]$/.test(c) ? COMTRADE[c] : undefined;
}

/** The HS edition in force in a year (for files that do not say which edition they use). */
export function hsEditionInForce(year: number): string {
  if (year >= 2022) return 'HS2022';
  if (year >= 2017) return 'HS2017';
  if (year >= 2012) return 'HS2012';
  if (year >= 2007) return 'HS2007';
  if (year >= 2002) return 'HS2002';
  if (year >= 1996) return 'HS1996';
  return 'HS1992';
}

/**
 * Zero-pads an HS code read as a number ('10121' → '010121'). With a known level the code is padded
 * to it; without one, an odd length gains one leading zero. Returns undefined when the result is not
 * 2, 4 or 6 digits.
 */
export function padHsCode(code: string, level?: number): string | undefined {
  const c = code.trim();
  if (!/^\d{1,6}$/.test(c)) return undefined;
  const width = level && [2, 4, 6].includes(level) ? level : c.length % 2 === 1 ? c.length + 1 : c.length;
  if (c.length > width) return undefined;
  const padded = c.padStart(width, '0');
  return [2, 4, 6].includes(padded.length) ? padded : undefined;
}
