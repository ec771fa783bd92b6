/**
 * Product names: HS code → name, by edition and level (the level is the code's length: 2 chapter,
 * 4 heading, 6 subheading), from the nomenclature in the store (shipped in `data/hs/`, so a new
 * store has every edition). The one place read models get a product's name from.
 *
 * A code is named in the edition of the data when that edition has it (the newest of the data's
 * editions first), else in the newest edition that has it (a code whose wording changed keeps the data's wording). Chinese names:
 * Lantern's own translation (product-names-zh.ts, data/hs/SOURCE-zh.md; no official machine-readable
 * list was found), given where the code also has its English name; elsewhere `zh` is null and
 * callers show the English name with the code.
 *
 * @example
 *   const name = await productNames(store, ['4901', '950510'], ['HS2017']);
 *   name('950510').en; // 'Christmas festivity articles'
 */
import { inList, sql, type Store } from '../store/index.ts';
import { compareEditions, type HsEdition, normaliseEdition } from './hs.ts';
import { zhName } from './product-names-zh.ts';
import { EBOPS2010, isEbopsCode } from './services.ts';

export interface ProductName {
  en: string | null;
  zh: string | null;
  /** The edition the name was taken from ('EBOPS2010' for services; null when no edition has the code). */
  edition: HsEdition | null;
}

const NONE: ProductName = { en: null, zh: null, edition: null };
/**
 * Comtrade's all-products `TOTAL` row as read models show it: what it counts once the codes of the
 * same report are taken out (indicators/base.ts `countedRows`), the whole when it has no codes.
 */
const TOTAL: ProductName = {
  en: 'all products not named by a code (TOTAL row)',
  zh: '未按代码列出的全部商品（TOTAL 行）',
  edition: null,
};
const HS = /^\d{2}(\d{2}(\d{2})?)?$/;

/**
 * Loads the names of `codes` (HS codes, EBOPS 2010 services codes from the shipped tree, and
 * `TOTAL` as the products no code names; basket domains get none) and returns a lookup. `editions` are the data's editions (the newest that has the code names it).
 */
export async function productNames(
  store: Store,
  codes: Iterable<string>,
  editions: readonly string[] = [],
): Promise<(code: string) => ProductName> {
  const wanted = [...new Set([...codes].filter((c) => HS.test(c)))];
  const preferred = editions
    .map((e) => normaliseEdition(e))
    .filter((e): e is HsEdition => !!e)
    .sort((a, b) => compareEditions(b, a));
  const byCode = new Map<string, { edition: HsEdition; description: string | null }[]>();
  for (let i = 0; i < wanted.length; i += 1000) {
    const rows = await store.query<{ edition: string; code: string; description: string | null }>(
      sql`select edition, code, description from hs_products where code in ${inList(wanted.slice(i, i + 1000))}`,
    );
    for (const r of rows) {
      const list = byCode.get(r.code) ?? [];
      list.push({ edition: r.edition as HsEdition, description: r.description });
      byCode.set(r.code, list);
    }
  }
  const names = new Map<string, ProductName>();
  for (const [code, list] of byCode) {
    const pick =
      preferred.map((e) => list.find((x) => x.edition === e)).find((x) => x?.description) ??
      [...list].sort((a, b) => compareEditions(b.edition, a.edition)).find((x) => x.description);
    if (pick) names.set(code, { en: pick.description, zh: zhName('hs', code), edition: pick.edition });
  }
  // Services (EBOPS 2010 items as Comtrade writes them): named from the shipped tree.
  const services = [...new Set([...codes].filter((c) => isEbopsCode(c) && !HS.test(c)))];
  if (services.length > 0) {
    const rows = await store.query<{ code: string; name: string }>(
      sql`select code, name from services_codes where classification = ${EBOPS2010} and code in ${inList(services)}`,
    );
    for (const r of rows) names.set(r.code, { en: r.name, zh: zhName('ebops', r.code), edition: EBOPS2010 as HsEdition });
  }
  return (code) => names.get(code) ?? (code === 'TOTAL' ? TOTAL : NONE);
}
