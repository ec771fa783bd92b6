/**
 * HS editions and the nomenclature lookups the rest of Lantern needs (descriptions, which editions
 * are loaded). Codes are zero-padded strings; an edition is one of `hsEditions`.
 */
import { LanternError } from '../errors.ts';
import { inList, raw, sql, startsWith, type Store } from '../store/index.ts';

/** The HS editions Lantern knows, oldest first. */
export const hsEditions = ['HS1992', 'HS1996', 'HS2002', 'HS2007', 'HS2012', 'HS2017', 'HS2022'] as const;
export type HsEdition = (typeof hsEditions)[number];

/** Comtrade's names for the editions (H0 = HS1992 … H6 = HS2022), also accepted as input. */
export const comtradeEditionCodes: Record<string, HsEdition> = {
  H0: 'HS1992',
  H1: 'HS1996',
  H2: 'HS2002',
  H3: 'HS2007',
  H4: 'HS2012',
  H5: 'HS2017',
  H6: 'HS2022',
};

export function isHsEdition(s: string): s is HsEdition {
  return (hsEditions as readonly string[]).includes(s);
}

/**
 * Normalises how users write an edition ('HS2017', 'hs17', 'HS 2017', '2017', 'H5') or returns
 * undefined when it is none of them.
 */
export function normaliseEdition(input: string): HsEdition | undefined {
  const s = input
    .trim()
    .toUpperCase()
    .replace(/[\s_-]/g, '');
  if (comtradeEditionCodes[s]) return comtradeEditionCodes[s];
  const m = /^(?:HS)?(\d{2}|\d{4})$/.exec(s);
  if (!m?.[1]) return undefined;
  const y = m[1].length === 2 ? (Number(m[1]) >= 88 ? `19${m[1]}` : `20${m[1]}`) : m[1];
  const e = `HS${y}`;
  return isHsEdition(e) ? e : undefined;
}

/** Like `normaliseEdition`, but a bad value is a LanternError naming the editions. */
export function parseEdition(input: string, field = 'edition'): HsEdition {
  const e = normaliseEdition(input);
  if (e) return e;
  throw new LanternError('invalid-argument', `Unknown HS edition "${input}".`, [
    {
      field,
      message: 'unknown HS edition',
      expected: hsEditions.join(' | '),
      found: input,
      hint: 'e.g. --edition HS2017 (H5 and 2017 are accepted too)',
    },
  ]);
}

/** Compares editions by age: negative when a is older than b. */
export function compareEditions(a: HsEdition, b: HsEdition): number {
  return hsEditions.indexOf(a) - hsEditions.indexOf(b);
}

/** Editions whose nomenclature is loaded, with their number of 6-digit subheadings. */
export async function loadedEditions(
  store: Store,
): Promise<{ edition: HsEdition; subheadings: number; rows: number }[]> {
  return store.query(
    sql`select edition, count(*) filter (where level = 6) as subheadings, count(*) as rows
        from hs_products group by edition order by edition`,
  );
}

export async function hasNomenclature(store: Store, edition: HsEdition): Promise<boolean> {
  const r = await store.query<{ n: number }>(
    sql`select count(*) as n from hs_products where edition = ${edition}`,
  );
  return (r[0]?.n ?? 0) > 0;
}

/** Descriptions of codes in an edition (codes not in the nomenclature are absent from the map). */
export async function describeCodes(
  store: Store,
  edition: HsEdition,
  codes: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 1000) {
    // Services baskets (EBOPS 2010): the names of the shipped EBOPS tree.
    const rows = await store.query<{ code: string; description: string | null }>(
      (edition as string) === 'EBOPS2010'
        ? sql`select code, name as description from services_codes where classification = ${edition} and code in ${inList(unique.slice(i, i + 1000))}`
        : sql`select code, description from hs_products where edition = ${edition} and code in ${inList(unique.slice(i, i + 1000))}`,
    );
    for (const r of rows) out.set(r.code, r.description ?? '');
  }
  return out;
}

/** The 6-digit subheadings under a 2- or 4-digit code in an edition (empty when not loaded). */
export async function subheadingsOf(store: Store, edition: HsEdition, prefix: string): Promise<string[]> {
  const rows = await store.query<{ code: string }>(
    sql`select code from hs_products where edition = ${edition} and level = 6 and ${startsWith(raw('code'), prefix)} order by code`,
  );
  return rows.map((r) => r.code);
}
