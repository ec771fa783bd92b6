/**
 * Cultural baskets: versioned lists of HS codes with a framework, domain, core/related and source
 * (UNESCO FCS 2009 is bundled; UNCTAD's creative-goods list and users' own baskets load the same
 * way), and their resolution to the HS edition of the data.
 *
 * Invariants:
 * - A basket's codes are 6-digit subheadings of the one edition it is written in (`hs_edition`).
 * - `basket_resolved` is rewritten, for every edition a correlation table allows, whenever a
 *   basket or a correlation table is loaded (in the same transaction), so indicator SQL can join
 *   `trade_flows (classification, product)` to `basket_resolved (edition, code)`.
 * - `resolveBasket` computes the resolution afresh from the stored tables with the same function
 *   that materialises it, so what a user is shown is what indicators use.
 *
 * @example
 *   const r = await resolveBasket(store, 'unesco-fcs-2009:books', 'HS2017');
 *   r.codes.map((c) => c.code);          // HS2017 codes of FCS domain D
 *   r.unresolved;                        // [] or codes with the reason they cannot be resolved
 */
import { LanternError } from '../errors.ts';
import type { Store } from '../store/db.ts';
import { ident, inList, sql } from '../store/sql.ts';
import {
  type BasketCode,
  DEFAULT_WIDE_FAN_IN,
  isCatchAll,
  type Link,
  type Resolution,
  residualPolicy,
  resolveIdentity,
  resolveThroughLinks,
} from './basket-resolution.ts';
import { compareEditions, type HsEdition, hsEditions, parseEdition } from './hs.ts';
import { insertRows } from '../store/insert.ts';

export type {
  Mapping,
  ResidualLink,
  Resolution,
  SourceResolution,
  UnresolvedCode,
} from './basket-resolution.ts';

/** The UNESCO FCS 2009 domains: letter, slug, English and Chinese labels. */
export const fcsDomains = [
  { code: 'A', slug: 'heritage', en: 'Cultural and Natural Heritage', zh: '文化和自然遗产' },
  { code: 'B', slug: 'performance', en: 'Performance and Celebration', zh: '表演和庆典' },
  { code: 'C', slug: 'visual-arts', en: 'Visual Arts and Crafts', zh: '视觉艺术和手工艺' },
  { code: 'D', slug: 'books', en: 'Books and Press', zh: '书籍和报刊' },
  { code: 'E', slug: 'audiovisual', en: 'Audio-visual and Interactive Media', zh: '音像和交互媒体' },
  { code: 'F', slug: 'design', en: 'Design and Creative Services', zh: '设计和创意服务' },
  { code: 'G', slug: 'tourism', en: 'Tourism', zh: '旅游' },
  { code: 'H', slug: 'sports', en: 'Sports and Recreation', zh: '体育和娱乐' },
] as const;

/** The values of `core_or_related`, with labels. */
export const coreOrRelatedValues = {
  core: { en: 'Core cultural goods', zh: '核心文化产品' },
  related: { en: 'Related goods', zh: '相关产品' },
  equipment_supporting_cultural: {
    en: 'Equipment and supporting materials of cultural goods',
    zh: '文化产品的设备和辅助材料',
  },
  equipment_supporting_related: {
    en: 'Equipment and supporting materials of related goods',
    zh: '相关产品的设备和辅助材料',
  },
} as const;
export type CoreOrRelated = keyof typeof coreOrRelatedValues;

/** Turns free text into a slug: lower case, words joined by '-'. */
export function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The FCS domain for a letter (A–H), slug or English name; undefined when it is none of them. */
export function fcsDomain(input: string): (typeof fcsDomains)[number] | undefined {
  const s = input.trim();
  return (
    fcsDomains.find((d) => d.code === s.toUpperCase() && s.length === 1) ??
    fcsDomains.find((d) => d.slug === slugify(s) || slugify(d.en) === slugify(s))
  );
}

/** A domain's label in English or Chinese (FCS domains by slug or letter; other domains as written). */
export function domainLabel(domain: string | null | undefined, lang: 'en' | 'zh' = 'en'): string {
  if (!domain) return '';
  const d = fcsDomain(domain);
  if (d) return d[lang];
  return domain;
}

export interface BasketSelector {
  basketId: string;
  /** Domain slug (FCS letters are turned into their slug). */
  domain?: string;
}

/**
 * Parses `basket[:domain]`: `unesco-fcs-2009`, `unesco-fcs-2009:books`, `unesco-fcs-2009:D`.
 *
 * @example parseBasketSelector('unesco-fcs-2009:D') // { basketId: 'unesco-fcs-2009', domain: 'books' }
 */
export function parseBasketSelector(selector: string): BasketSelector {
  const s = selector.trim();
  const i = s.indexOf(':');
  const basketId = (i < 0 ? s : s.slice(0, i)).trim().toLowerCase();
  const rawDomain = i < 0 ? '' : s.slice(i + 1).trim();
  if (!basketId || (i >= 0 && !rawDomain)) {
    throw new LanternError('invalid-argument', `Cannot read the basket selector "${selector}".`, [
      {
        field: 'basket',
        message: 'bad basket selector',
        expected: 'BASKET or BASKET:DOMAIN, e.g. unesco-fcs-2009:books',
        found: selector,
      },
    ]);
  }
  if (!rawDomain) return { basketId };
  const fcs = fcsDomain(rawDomain);
  return { basketId, domain: fcs ? fcs.slug : slugify(rawDomain) };
}

export interface Basket {
  id: string;
  name: string;
  version: string;
  framework: string;
  hsEdition: HsEdition;
  source: string | null;
  description: string | null;
  bundled: boolean;
}

export interface BasketListing extends Basket {
  codes: number;
  domains: string[];
  /** Editions the basket is resolved to (materialised in basket_resolved). */
  editions: string[];
}

interface BasketRow {
  id: string;
  name: string;
  version: string;
  framework: string;
  hs_edition: string;
  source: string | null;
  description: string | null;
  bundled: boolean;
}

function toBasket(r: BasketRow): Basket {
  return {
    id: r.id,
    name: r.name,
    version: r.version,
    framework: r.framework,
    hsEdition: r.hs_edition as HsEdition,
    source: r.source,
    description: r.description,
    bundled: r.bundled,
  };
}

/** All baskets with their number of codes, domains and resolved editions. */
export async function listBaskets(store: Store): Promise<BasketListing[]> {
  const rows = await store.query<
    BasketRow & { codes: number; domains: string | null; editions: string | null }
  >(
    sql`select b.id, b.name, b.version, b.framework, b.hs_edition, b.source, b.description, b.bundled,
               (select count(*) from basket_codes c where c.basket_id = b.id) as codes,
               (select string_agg(distinct c.domain, ',' order by c.domain) from basket_codes c where c.basket_id = b.id) as domains,
               (select string_agg(e.edition, ',' order by e.edition) from basket_editions e where e.basket_id = b.id) as editions
        from baskets b order by b.bundled desc, b.id`,
  );
  return rows.map((r) => ({
    ...toBasket(r),
    codes: r.codes,
    domains: r.domains ? r.domains.split(',') : [],
    editions: r.editions ? r.editions.split(',') : [],
  }));
}

/** A basket by id, or a LanternError 'unknown-basket' naming the known baskets. */
export async function getBasket(store: Store, id: string): Promise<Basket> {
  const rows = await store.query<BasketRow>(sql`select * from baskets where id = ${id}`);
  const row = rows[0];
  if (row) return toBasket(row);
  const known = (await store.query<{ id: string }>(sql`select id from baskets order by id`)).map((r) => r.id);
  throw new LanternError('unknown-basket', `Unknown basket "${id}".`, [
    {
      field: 'basket',
      message: 'no basket with this id',
      expected: known.length ? known.join(' | ') : '(no baskets loaded)',
      found: id,
      hint: 'list them with `lantern baskets`; add one with `lantern basket add NAME --codes …`',
    },
  ]);
}

export async function basketCodes(
  store: Store,
  basketId: string,
): Promise<(BasketCode & { sourceUrl: string | null; sourceNote: string | null })[]> {
  const rows = await store.query<{
    code: string;
    domain_code: string | null;
    domain: string | null;
    core_or_related: string | null;
    source_url: string | null;
    source_note: string | null;
  }>(
    sql`select code, domain_code, domain, core_or_related, source_url, source_note from basket_codes where basket_id = ${basketId} order by code`,
  );
  return rows.map((r) => ({
    code: r.code,
    domainCode: r.domain_code,
    domain: r.domain,
    coreOrRelated: r.core_or_related,
    sourceUrl: r.source_url,
    sourceNote: r.source_note,
  }));
}

/** Whether the correlation table between two editions is loaded (in either orientation). */
export async function hasCorrelation(store: Store, a: HsEdition, b: HsEdition): Promise<boolean> {
  const [older, newer] = compareEditions(a, b) < 0 ? [a, b] : [b, a];
  const r = await store.query<{ n: number }>(
    sql`select count(*) as n from (select 1 from hs_correlations where from_edition = ${older} and to_edition = ${newer} limit 1)`,
  );
  return (r[0]?.n ?? 0) > 0;
}

/** The codes of an edition Lantern can check against: the nomenclature, else the correlation tables; undefined when neither is loaded. */
export async function knownCodes(store: Store, edition: HsEdition): Promise<Set<string> | undefined> {
  const nom = await store.query<{ code: string }>(
    sql`select code from hs_products where edition = ${edition} and level = 6`,
  );
  if (nom.length > 0) return new Set(nom.map((r) => r.code));
  const corr = await store.query<{ code: string }>(
    sql`select distinct from_code as code from hs_correlations where from_edition = ${edition}
        union select distinct to_code as code from hs_correlations where to_edition = ${edition} and to_code is not null`,
  );
  return corr.length > 0 ? new Set(corr.map((r) => r.code)) : undefined;
}

export interface ResolveOptions {
  /** Newer codes that at least this many codes link to are catch-all destinations (default 50). */
  wideFanIn?: number;
}

/** Resolves basket codes (in `from`) to `to`; an 'edition-mismatch' error when the table is not loaded. */
export async function resolveCodes(
  store: Store,
  codes: readonly BasketCode[],
  from: HsEdition,
  to: HsEdition,
  options: ResolveOptions = {},
): Promise<Resolution> {
  if (from === to) {
    const nom = await store.query<{ code: string }>(
      sql`select code from hs_products where edition = ${from} and level = 6`,
    );
    return resolveIdentity(from, codes, nom.length ? new Set(nom.map((r) => r.code)) : undefined);
  }
  const wideFanIn = options.wideFanIn ?? DEFAULT_WIDE_FAN_IN;
  const forward = compareEditions(from, to) < 0;
  const [older, newer] = forward ? [from, to] : [to, from];
  const via = `${older}>${newer}`;
  if (!(await hasCorrelation(store, from, to))) {
    throw new LanternError(
      'edition-mismatch',
      `The basket is written in ${from}; resolving it to ${to} needs the ${from}–${to} correlation table, which is not loaded.`,
      [
        {
          field: 'edition',
          message: `no ${older} → ${newer} correlation table in the store`,
          expected: `${from} data, or the correlation table ${older.toLowerCase()}_to_${newer.toLowerCase()}.csv loaded`,
          found: to,
          hint: 'run `lantern reference load DIR` (a folder with hs_concordance/correlation/*.csv) or `lantern fetch reference`',
        },
      ],
    );
  }
  const list = inList(codes.map((c) => c.code));
  const oldCol = sql`from_code`;
  const newCol = sql`to_code`;
  const [basketCol, targetCol] = forward ? [oldCol, newCol] : [newCol, oldCol];
  const pair = sql`from_edition = ${older} and to_edition = ${newer}`;
  const linkRows = await store.query<{ a: string; b: string | null }>(
    sql`select distinct ${basketCol} as a, ${targetCol} as b from hs_correlations where ${pair} and ${basketCol} in ${list}`,
  );
  // Newer codes that very many older codes link to (catch-all destinations by width), for the whole table.
  const wide = new Set(
    (
      await store.query<{ code: string }>(
        sql`select to_code as code from hs_correlations where ${pair} and to_code is not null
            group by to_code having count(distinct from_code) >= ${wideFanIn}`,
      )
    ).map((r) => r.code),
  );
  const catchAllNewer = (code: string) => wide.has(code) || isCatchAll(newer, code, 0, wideFanIn);
  const links: Link[] = linkRows.map((r) => ({
    from: r.a,
    to: r.b,
    catchAll: r.b === null ? false : catchAllNewer(forward ? r.b : r.a),
  }));
  // How many codes of the basket's edition feed each target through non-catch-all links.
  const targets = [...new Set(links.filter((l) => l.to !== null && !l.catchAll).map((l) => l.to as string))];
  const targetFanIn = new Map<string, number>();
  for (let i = 0; i < targets.length; i += 1000) {
    const chunk = inList(targets.slice(i, i + 1000));
    const rows = forward
      ? await store.query<{ code: string; n: number }>(
          sql`select to_code as code, count(distinct from_code) as n from hs_correlations where ${pair} and to_code in ${chunk} group by to_code`,
        )
      : await store
          .query<{ code: string; n: number; newer: string }>(
            sql`select from_code as code, string_agg(distinct to_code, ',') as newer from hs_correlations
              where ${pair} and from_code in ${chunk} and to_code is not null group by from_code`,
          )
          .then((rs) =>
            rs.map((r) => ({ code: r.code, n: r.newer.split(',').filter((c) => !catchAllNewer(c)).length })),
          );
    for (const r of rows) targetFanIn.set(r.code, r.n);
  }
  const inTable = await store.query<{ code: string }>(
    sql`select distinct ${basketCol} as code from hs_correlations where ${pair} and ${basketCol} in ${list}`,
  );
  const inTarget = await store.query<{ code: string }>(
    sql`select distinct ${targetCol} as code from hs_correlations where ${pair} and ${targetCol} in ${list}`,
  );
  return resolveThroughLinks(codes, {
    from,
    to,
    via,
    policy: residualPolicy(wideFanIn),
    links,
    // Going back to an older edition, a basket code whose every link is catch-all (an HS2022 e-waste
    // or display-module subheading) has no specific counterpart: reported, not spread over hundreds of codes.
    onlyCatchAll: forward ? 'keep' : 'unresolved',
    targetFanIn,
    targetCodes: new Set(inTarget.map((r) => r.code)),
    sourceCodesInTable: new Set(inTable.map((r) => r.code)),
  });
}

export interface ResolvedBasket extends Resolution {
  basket: Basket;
  selector: BasketSelector;
  edition: HsEdition;
}

/**
 * A basket (or one of its domains) resolved to an HS edition: the codes to use, how each was
 * mapped, the residual links left out and the codes that cannot be resolved.
 */
export async function resolveBasket(
  store: Store,
  selector: string | BasketSelector,
  edition: HsEdition | string,
  options: ResolveOptions = {},
): Promise<ResolvedBasket> {
  const sel = typeof selector === 'string' ? parseBasketSelector(selector) : selector;
  const ed = typeof edition === 'string' ? parseEdition(edition) : edition;
  const basket = await getBasket(store, sel.basketId);
  let codes = await basketCodes(store, basket.id);
  if (sel.domain) {
    const domains = [...new Set(codes.map((c) => c.domain).filter((d): d is string => !!d))].sort();
    codes = codes.filter((c) => c.domain === sel.domain);
    if (codes.length === 0) {
      throw new LanternError('invalid-argument', `Basket "${basket.id}" has no domain "${sel.domain}".`, [
        {
          field: 'basket',
          message: 'unknown domain',
          expected: domains.join(' | ') || '(the basket has no domains)',
          found: sel.domain,
        },
      ]);
    }
  }
  const resolution = await resolveCodes(store, codes, basket.hsEdition, ed, options);
  return { ...resolution, basket, selector: sel, edition: ed };
}

/**
 * Rewrites `basket_resolved`, `basket_residual`, `basket_unresolved` and `basket_editions` for a
 * basket, for its own edition and every edition a loaded correlation table reaches. Run it inside
 * the transaction that changed the basket or the tables.
 */
export async function materialiseBasket(
  store: Store,
  basketId: string,
  options: ResolveOptions = {},
): Promise<Resolution[]> {
  const basket = await getBasket(store, basketId);
  const codes = await basketCodes(store, basketId);
  for (const t of ['basket_resolved', 'basket_residual', 'basket_unresolved', 'basket_editions'] as const) {
    await store.run(sql`delete from ${ident(t)} where basket_id = ${basketId}`);
  }
  const done: Resolution[] = [];
  for (const edition of hsEditions) {
    if (edition !== basket.hsEdition && !(await hasCorrelation(store, basket.hsEdition, edition))) continue;
    const r = await resolveCodes(store, codes, basket.hsEdition, edition, options);
    await insertRows(
      store,
      'basket_resolved',
      [
        'basket_id',
        'edition',
        'code',
        'domain_code',
        'domain',
        'core_or_related',
        'source_code',
        'source_codes',
        'mapping',
        'note',
      ],
      r.codes.map((c) => [
        basketId,
        edition,
        c.code,
        c.domainCode,
        c.domain,
        c.coreOrRelated,
        c.sourceCode,
        c.sourceCodes.join(','),
        c.mapping,
        c.note,
      ]),
    );
    await insertRows(
      store,
      'basket_residual',
      ['basket_id', 'edition', 'source_code', 'code', 'reason'],
      r.residual.map((x) => [basketId, edition, x.sourceCode, x.code, x.reason]),
    );
    await insertRows(
      store,
      'basket_unresolved',
      ['basket_id', 'edition', 'code', 'reason'],
      r.unresolved.map((x) => [basketId, edition, x.code, x.reason]),
    );
    await insertRows(
      store,
      'basket_editions',
      ['basket_id', 'edition', 'via', 'policy', 'codes', 'residual', 'unresolved'],
      [[basketId, edition, r.via, r.policy, r.codes.length, r.residual.length, r.unresolved.length]],
    );
    done.push(r);
  }
  return done;
}

/** Re-materialises every basket (after correlation tables or the nomenclature changed). */
export async function materialiseAllBaskets(store: Store, options: ResolveOptions = {}): Promise<void> {
  const ids = await store.query<{ id: string }>(sql`select id from baskets order by id`);
  for (const { id } of ids) await materialiseBasket(store, id, options);
}

/** Basket metadata and codes as they are stored. */
export interface BasketDefinition {
  basket: Basket;
  codes: (BasketCode & { sourceUrl: string | null; sourceNote: string | null })[];
}

/** Writes a basket (replacing any basket with the same id) and materialises it. Call inside a transaction. */
export async function writeBasket(
  store: Store,
  def: BasketDefinition,
  options: ResolveOptions = {},
): Promise<Resolution[]> {
  const b = def.basket;
  await store.run(sql`delete from basket_codes where basket_id = ${b.id}`);
  await store.run(sql`delete from baskets where id = ${b.id}`);
  await insertRows(
    store,
    'baskets',
    ['id', 'name', 'version', 'framework', 'hs_edition', 'source', 'description', 'bundled'],
    [[b.id, b.name, b.version, b.framework, b.hsEdition, b.source, b.description, b.bundled]],
  );
  await insertRows(
    store,
    'basket_codes',
    ['basket_id', 'code', 'domain_code', 'domain', 'core_or_related', 'source_url', 'source_note'],
    def.codes.map((c) => [b.id, c.code, c.domainCode, c.domain, c.coreOrRelated, c.sourceUrl, c.sourceNote]),
  );
  return materialiseBasket(store, b.id, options);
}

/** Removes a basket and everything derived from it, in one transaction. */
export async function removeBasket(store: Store, basketId: string): Promise<void> {
  await store.transaction(async (tx) => {
    for (const t of [
      'basket_resolved',
      'basket_residual',
      'basket_unresolved',
      'basket_editions',
      'basket_codes',
    ] as const) {
      await tx.run(sql`delete from ${ident(t)} where basket_id = ${basketId}`);
    }
    await tx.run(sql`delete from baskets where id = ${basketId}`);
  });
}
