/**
 * Browsing the HS nomenclature loaded in the store (hs_products): the children of a code (chapters
 * under the root, headings under a chapter, subheadings under a heading), a search by code or
 * words, and names for a list of codes — in one edition, the data's by default. Read-only; English
 * descriptions as the official nomenclature gives them.
 */
import type { HsEntryRow } from '../contract.ts';
import { inList, limitRows, memoByState, raw, sql, startsWith, type Store } from '../store/index.ts';
import type { HsEdition } from './hs.ts';
import { zhName, zhNames } from './product-names-zh.ts';

/** One code of the nomenclature (contract.ts `HsEntryRow`; the route adds the edition). */
export type HsEntry = Omit<HsEntryRow, 'edition'>;

/** Rows of hs_products with their Chinese names (Lantern's own translation) beside the official English. */
function withZh<T extends { code: string }>(rows: T[]): (T & { description_zh: string | null })[] {
  return rows.map((r) => ({ ...r, description_zh: zhName('hs', r.code) }));
}

/** Editions with a nomenclature in the store, newest last (read once per store state). */
export function hsEditionsLoaded(store: Store): Promise<string[]> {
  return memoByState(store, 'hs-editions', async () => {
    const rows = await store.query<{ edition: string }>(sql`select distinct edition from hs_products order by edition`);
    return rows.map((r) => r.edition);
  });
}

/** The codes under `parent` ('' for the chapters), with how many codes each has below it. */
export async function hsChildren(store: Store, edition: HsEdition | string, parent: string): Promise<HsEntry[]> {
  const level = parent === '' ? 2 : parent.length + 2;
  const prefix = parent;
  return withZh(await store.query<Omit<HsEntry, 'description_zh'>>(
    sql`select p.code as code, p.level as level, p.parent as parent, p.description as description, p.section as section, coalesce(k.n, 0) as children from (select code, level, parent, description, section from hs_products where edition = ${edition} and level = ${level} and ${startsWith(raw('code'), prefix)}) p left join (select substr(code, 1, ${level}) as head, count(*) as n from hs_products where edition = ${edition} and level = ${level + 2} and ${startsWith(raw('code'), prefix)} group by head) k on k.head = p.code order by p.code`,
  ));
}

/**
 * Codes whose code starts with `q`, or whose English description contains every word of `q`
 * (case-insensitive), or whose Chinese name (Lantern's own translation) contains every word of `q`.
 */
export async function hsSearch(store: Store, edition: HsEdition | string, q: string, limit = 50): Promise<HsEntry[]> {
  const text = q.trim();
  const cols = sql`code, level, parent, description, section, 0 as children`;
  if (/^\d{1,6}$/.test(text)) {
    return withZh(await store.query<Omit<HsEntry, 'description_zh'>>(sql`select ${cols} from hs_products where edition = ${edition} and ${startsWith(raw('code'), text)} order by level, code ${limitRows(limit)}`));
  }
  const words = text.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 6);
  if (words.length === 0) return [];
  let where = sql`edition = ${edition}`;
  for (const w of words) where = sql`${where} and lower(description) like ${`%${w}%`}`;
  const zhHits = zhNames('hs').filter(([, name]) => words.every((w) => name.includes(w))).map(([code]) => code);
  if (zhHits.length) where = sql`edition = ${edition} and ((${where}) or code in ${inList(zhHits)})`;
  return withZh(await store.query<Omit<HsEntry, 'description_zh'>>(sql`select ${cols} from hs_products where ${where} order by level, code ${limitRows(limit)}`));
}

type HsName = { code: string; description: string | null; description_zh: string | null; level: number };

/** Every code of an edition with its names, by code: read once per store state (labels are asked for on every page). */
function editionNames(store: Store, edition: string): Promise<Map<string, HsName>> {
  return memoByState(store, `hs-names ${edition}`, async () => {
    const rows = await store.query<Omit<HsName, 'description_zh'>>(sql`select code, description, level from hs_products where edition = ${edition}`);
    return new Map(withZh(rows).map((r) => [r.code, { ...r, level: Number(r.level) }]));
  });
}

/** Names of codes in an edition, in code order (codes the nomenclature lacks are absent). */
export async function hsNames(store: Store, edition: HsEdition | string, codes: readonly string[]): Promise<HsName[]> {
  if (codes.length === 0) return [];
  const names = await editionNames(store, edition);
  return [...new Set(codes)]
    .slice(0, 2000)
    .sort()
    .flatMap((c) => names.get(c) ?? []);
}
