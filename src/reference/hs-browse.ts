/**
 * Browsing the HS nomenclature loaded in the store (hs_products): the children of a code (chapters
 * under the root, headings under a chapter, subheadings under a heading), a search by code or
 * words, and names for a list of codes — in one edition, the data's by default. Read-only; English
 * descriptions as the official nomenclature gives them.
 */
import type { HsEntryRow, HsSearchRow } from '../contract.ts';
import { inList, limitRows, memoByState, raw, sql, startsWith, type Store } from '../store/index.ts';
import { type EverydayHit, everydayHits } from './everyday-words.ts';
import type { HsEdition } from './hs.ts';
import { zhName, zhNames } from './product-names-zh.ts';

/** One code of the nomenclature (contract.ts `HsEntryRow`; the route adds the edition). */
export type HsEntry = Omit<HsEntryRow, 'edition'>;

/** One search hit: a code and why it matched (contract.ts `HsSearchRow`; the route adds the edition). */
export type HsSearchHit = Omit<HsSearchRow, 'edition'>;

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

/** Why a search hit matched (contract.ts `HsSearchRow`): in English and Chinese. */
type HsMatch = Pick<HsSearchRow, 'match' | 'why' | 'why_zh'>;

/**
 * Codes whose code starts with `q`, or whose English description contains every word of `q`
 * (case-insensitive), or whose Chinese name (Lantern's own translation) contains every word of `q`,
 * or that an everyday word of `q` leads to (data/hs/everyday-words.csv: lantern → 9405, 9505). Each
 * hit says why it matched; the everyday words' headings come first, then by level and code.
 */
export async function hsSearch(store: Store, edition: HsEdition | string, q: string, limit = 50): Promise<HsSearchHit[]> {
  const text = q.trim();
  const cols = sql`code, level, parent, description, section, 0 as children`;
  if (/^\d{1,6}$/.test(text)) {
    const why: HsMatch = { match: 'code', why: `code starts with ${text}`, why_zh: `编码以 ${text} 开头` };
    return withZh(await store.query<Omit<HsEntry, 'description_zh'>>(sql`select ${cols} from hs_products where edition = ${edition} and ${startsWith(raw('code'), text)} order by level, code ${limitRows(limit)}`)).map((e) => ({ ...e, ...why }));
  }
  const words = text.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 6);
  if (words.length === 0) return [];
  let where = sql`edition = ${edition}`;
  for (const w of words) where = sql`${where} and lower(description) like ${`%${w}%`}`;
  const zhHits = zhNames('hs').filter(([, name]) => words.every((w) => name.includes(w))).map(([code]) => code);
  const everyday = new Map(everydayHits(text, edition).map((h) => [h.code, h]));
  const named = [...new Set([...zhHits, ...everyday.keys()])];
  if (named.length) where = sql`edition = ${edition} and ((${where}) or code in ${inList(named)})`;
  const first = everyday.size ? sql`case when code in ${inList([...everyday.keys()])} then 0 else 1 end, ` : sql``;
  const rows = withZh(await store.query<Omit<HsEntry, 'description_zh'>>(sql`select ${cols} from hs_products where ${where} order by ${first}level, code ${limitRows(limit)}`));
  return rows.map((e) => ({ ...e, ...whyMatched(e, words, everyday.get(e.code)) }));
}

/** Why a word search found `e`: its English name, its Chinese name, or an everyday word (the table's note). */
function whyMatched(e: HsEntry, words: string[], everyday: EverydayHit | undefined): HsMatch {
  if (words.every((w) => (e.description ?? '').toLowerCase().includes(w))) return { match: 'description', why: 'the official name holds every word', why_zh: '官方英文名称含有每个词' };
  if (e.description_zh && words.every((w) => e.description_zh!.includes(w))) return { match: 'description_zh', why: 'the Chinese name holds every word', why_zh: '中文名称含有每个词' };
  if (!everyday) return { match: 'description', why: 'the official name holds every word', why_zh: '官方英文名称含有每个词' }; // a LIKE wildcard (_ %) the user typed
  return { match: 'everyday', why: `everyday word "${everyday.word}": ${everyday.note}`, why_zh: `常用词“${everyday.word}”：${everyday.note_zh}` };
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
