/**
 * The baskets that ship with Lantern (`data/baskets/*.csv`), loaded into a store on first run and
 * again whenever a bundled file changes (its version is the manifest version plus the file's
 * sha256, recorded in `reference_loads`). Loading is one transaction and idempotent.
 *
 * UNCTAD's creative-goods list is in the manifest: it loads the same way as soon as
 * `data/baskets/unctad-creative-goods.csv` exists (no public copy of the list was found; until then a
 * user can add it with `lantern basket add unctad-creative-goods --file FILE`).
 *
 * A user's basket under a bundled id is left alone: a bundled load never replaces it silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import { LanternError } from '../errors.ts';
import { insertRows, sql, type Store } from '../store/index.ts';
import { parseBasketCsv } from './basket-file.ts';
import { type BasketDefinition, writeBasket } from './baskets.ts';
import { dataPath, sha256 } from './data-files.ts';
import type { HsEdition } from './hs.ts';
import { EBOPS2010, isEbopsCode } from './services.ts';

export interface BundledBasket {
  id: string;
  name: string;
  /** Its name in Chinese (Lantern's own, worded as its domains' Chinese labels are). */
  nameZh: string;
  version: string;
  framework: string;
  hsEdition: HsEdition;
  file: string;
  source: string;
  description: string;
}

export const bundledBaskets: readonly BundledBasket[] = [
  {
    id: 'unesco-fcs-2009',
    name: 'UNESCO Framework for Cultural Statistics 2009 — cultural goods (Table 3)',
    nameZh: '联合国教科文组织 2009 年文化统计框架——文化产品（表 3）',
    version: '2009.1',
    framework: 'UNESCO FCS 2009',
    hsEdition: 'HS2007',
    file: 'unesco-fcs-2009.csv',
    source:
      'https://uis.unesco.org/sites/default/files/documents/unesco-framework-for-cultural-statistics-2009-en_0.pdf',
    description:
      'FCS 2009 Table 3: core cultural goods (domains A–F), equipment and supporting materials of cultural goods, and of related goods (G tourism, H sports); 4-digit headings expanded to HS2007 subheadings with the footnoted exclusions',
  },
  {
    id: 'cultural-services',
    name: 'Cultural services (EBOPS 2010)',
    nameZh: '文化服务（EBOPS 2010）',
    version: '2010.1',
    framework: 'Lantern cultural services (EBOPS 2010)',
    hsEdition: EBOPS2010 as HsEdition,
    file: 'cultural-services-ebops2010.csv',
    source: 'https://unstats.un.org/unsd/publication/seriesm/seriesm_86rev1e.pdf',
    description:
      'The cultural items of EBOPS 2010 (MSITS 2010 Annex I), grouped by UNESCO FCS 2009 domain: audio-visual and related services (SK1), heritage and recreational services (SK23, the cultural part of other personal, cultural and recreational services), licences to reproduce and/or distribute audio-visual and related products (SH4, the cultural part of charges for the use of IP) and news agency services (SI31, the cultural part of information services); each with its sub-items, memorandum items never added',
  },
  {
    id: 'unctad-creative-goods',
    name: 'UNCTAD creative goods',
    nameZh: '联合国贸发会议创意产品',
    version: '1',
    framework: 'UNCTAD creative goods',
    hsEdition: 'HS2002',
    file: 'unctad-creative-goods.csv',
    source: 'UNCTAD Creative Economy Report (statistical annex)',
    description:
      'UNCTAD creative-goods list; loaded only when data/baskets/unctad-creative-goods.csv is present',
  },
];

/**
 * A basket's Chinese name: a bundled basket's from the manifest; null for a user's basket (its name
 * is as the user wrote it), including one a user put under a bundled id.
 */
export function basketNameZh(basket: { id: string; bundled: boolean }): string | null {
  return basket.bundled ? (bundledBaskets.find((b) => b.id === basket.id)?.nameZh ?? null) : null;
}

/** Reads a bundled basket file into a definition (throws on a bad file: it is ours, so that is a bug to fix). */
export function readBundledBasket(meta: BundledBasket, text: string): BasketDefinition {
  const services = meta.hsEdition === EBOPS2010;
  const { rows, problems } = parseBasketCsv(text, `data/baskets/${meta.file}`, { services });
  if (problems.length > 0)
    throw new LanternError('bad-file', `Bundled basket ${meta.file} is invalid.`, problems);
  const wrong = rows.filter(
    (r) => (services ? !isEbopsCode(r.code) : r.code.length !== 6) || (r.hsEdition && r.hsEdition !== meta.hsEdition),
  );
  if (wrong.length > 0) {
    throw new LanternError(
      'bad-file',
      `Bundled basket ${meta.file} has codes that are not ${meta.hsEdition} subheadings.`,
      wrong.map((r) => ({
        file: meta.file,
        line: r.line,
        column: 'code',
        message: services ? 'not an EBOPS 2010 code' : 'not a 6-digit code of the basket edition',
        found: r.code,
      })),
    );
  }
  return {
    basket: {
      id: meta.id,
      name: meta.name,
      version: meta.version,
      framework: meta.framework,
      hsEdition: meta.hsEdition,
      source: meta.source,
      description: meta.description,
      bundled: true,
    },
    codes: rows.map((r) => ({
      code: r.code,
      domainCode: r.domainCode,
      domain: r.domain,
      coreOrRelated: r.coreOrRelated,
      sourceUrl: r.sourceUrl,
      sourceNote: r.sourceNote,
    })),
  };
}

/** Loads the bundled baskets that are new or changed; returns the ids loaded. */
export async function ensureBundledBaskets(
  store: Store,
  manifest: readonly BundledBasket[] = bundledBaskets,
  dir = dataPath('baskets'),
): Promise<string[]> {
  const loaded: string[] = [];
  for (const meta of manifest) {
    const path = `${dir}/${meta.file}`;
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    const version = `${meta.version}+${sha256(text).slice(0, 12)}`;
    const done = await store.query<{ n: number }>(
      sql`select count(*) as n from reference_loads where kind = 'basket' and subject = ${meta.id} and version = ${version}`,
    );
    if ((done[0]?.n ?? 0) > 0) continue;
    // A user's basket under this id (added while Lantern did not ship the file, or a bundled one
    // the user replaced with --replace) is never overwritten by a bundled load.
    const user = await store.query<{ n: number }>(
      sql`select count(*)::int as n from baskets where id = ${meta.id} and not bundled`,
    );
    if ((user[0]?.n ?? 0) > 0) continue;
    const def = readBundledBasket(meta, text);
    await store.transaction(async (tx) => {
      await writeBasket(tx, def);
      await insertRows(
        tx,
        'reference_loads',
        ['kind', 'subject', 'source', 'file_name', 'sha256', 'rows', 'version'],
        [
          [
            'basket',
            meta.id,
            meta.source,
            `data/baskets/${meta.file}`,
            sha256(text),
            def.codes.length,
            version,
          ],
        ],
      );
    });
    loaded.push(meta.id);
  }
  return loaded;
}
