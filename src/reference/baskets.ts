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
import type { BasketVersionInfo } from '../contract.ts';
import { LanternError } from '../errors.ts';
import { ident, inList, insertRows, sql, type Store } from '../store/index.ts';
import {
  type BasketCode,
  DEFAULT_WIDE_FAN_IN,
  isCatchAll,
  type Link,
  type Mapping,
  type Resolution,
  residualPolicy,
  resolveIdentity,
  resolveThroughLinks,
} from './basket-resolution.ts';
import { compareEditions, type HsEdition, hsEditions, parseEdition } from './hs.ts';
import { EBOPS2010 } from './services.ts';

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

/**
 * The scope switch over `core_or_related`, named as UNESCO FCS 2009 names its blocks (Table 3):
 * `core` is its "CULTURAL GOODS" (core cultural goods, domains A–F); `related` is everything else
 * the framework lists — "EQUIPMENT AND SUPPORTING MATERIALS" of cultural and of related goods, and
 * "RELATED CULTURAL GOODS"; `all` is both (the default). A selector names it after `@`:
 * `unesco-fcs-2009@core`, `unesco-fcs-2009:books@related`.
 */
export const basketScopes = {
  core: {
    en: 'Core cultural goods (FCS 2009 "cultural goods")',
    zh: '核心文化产品（FCS 2009“文化产品”）',
    values: ['core'] as readonly string[],
  },
  related: {
    en: 'Equipment and supporting materials, and related goods (FCS 2009)',
    zh: '设备和辅助材料及相关产品（FCS 2009）',
    values: ['equipment_supporting_cultural', 'equipment_supporting_related', 'related'] as readonly string[],
  },
  all: { en: 'Core and related goods', zh: '核心及相关产品', values: [] as readonly string[] },
} as const;
export type BasketScope = keyof typeof basketScopes;
export const basketScopeNames = Object.keys(basketScopes) as BasketScope[];

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
  /** `core` or `related` (see basketScopes); absent = all. */
  scope?: Exclude<BasketScope, 'all'>;
}

/** Reads a scope name (core | related | all); a LanternError naming the three otherwise. */
export function parseBasketScope(value: string, field = 'scope'): BasketScope {
  const v = value.trim().toLowerCase();
  if ((basketScopeNames as string[]).includes(v)) return v as BasketScope;
  throw new LanternError('invalid-argument', `Unknown basket scope "${value}".`, [
    {
      field,
      message: 'unknown scope',
      expected: basketScopeNames.join(' | '),
      found: value,
      hint: 'core = FCS 2009 cultural goods; related = equipment and supporting materials, related goods; all = both',
    },
  ]);
}

/** A basket asked for with a domain it does not have: the domains it has, and how to write one. */
export function unknownDomain(code: 'invalid-argument' | 'unknown-basket', basketId: string, domains: readonly string[], found: string): LanternError {
  return new LanternError(code, `Basket "${basketId}" has no domain "${found}".`, [
    {
      field: 'basket',
      message: 'unknown domain',
      expected: domains.join(' | ') || '(the basket has no domains)',
      found,
      hint: domains.length ? `e.g. ${basketId}:${domains[0]}; \`lantern basket show ${basketId}\` lists each domain's codes` : `give the basket alone: ${basketId}`,
    },
  ]);
}

/** `basket[:domain][@scope]` written back from a selector. */
export function basketSelectorText(sel: { basketId?: string; basket?: string; domain?: string; scope?: string }): string {
  return `${sel.basketId ?? sel.basket}${sel.domain ? `:${sel.domain}` : ''}${sel.scope && sel.scope !== 'all' ? `@${sel.scope}` : ''}`;
}

/**
 * Parses `basket[:domain][@scope]`: `unesco-fcs-2009`, `unesco-fcs-2009:books`, `unesco-fcs-2009:D`,
 * `unesco-fcs-2009@core`, `unesco-fcs-2009:books@related`.
 *
 * @example parseBasketSelector('unesco-fcs-2009:D@core') // { basketId: 'unesco-fcs-2009', domain: 'books', scope: 'core' }
 */
export function parseBasketSelector(selector: string): BasketSelector {
  const at = selector.lastIndexOf('@');
  if (at >= 0) {
    const scope = parseBasketScope(selector.slice(at + 1), 'basket');
    const rest = parseBasketSelector(selector.slice(0, at));
    return scope === 'all' ? rest : { ...rest, scope };
  }
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
  /** The scopes the basket can be switched to: ['core', 'related'] when its codes say which they are, else []. */
  scopes: BasketScope[];
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
    // Boolean(): ClickHouse (18.16 has no Bool) returns the flag as 0/1.
    bundled: Boolean(r.bundled),
  };
}

/** Sorted distinct values, NULLs left out (what an ordered `string_agg(distinct …)` lists). */
function sortedDistinct(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))].sort();
}

/**
 * All baskets with their number of codes, domains and resolved editions. Three flat reads joined
 * here: per-basket aggregates as correlated subqueries are DuckDB's, not ClickHouse's.
 */
export async function listBaskets(store: Store): Promise<BasketListing[]> {
  const [baskets, codes, editions] = await Promise.all([
    store.query<BasketRow>(
      sql`select id, name, version, framework, hs_edition, source, description, bundled from baskets order by bundled desc, id`,
    ),
    store.query<{ basket_id: string; domain: string | null; core_or_related: string | null; n: number }>(
      sql`select basket_id, domain, core_or_related, count(*) as n from basket_codes group by basket_id, domain, core_or_related`,
    ),
    store.query<{ basket_id: string; edition: string }>(sql`select basket_id, edition from basket_editions`),
  ]);
  return baskets.map((b) => {
    const own = codes.filter((c) => c.basket_id === b.id);
    return {
      ...toBasket(b),
      codes: own.reduce((sum, c) => sum + Number(c.n), 0),
      domains: sortedDistinct(own.map((c) => c.domain)),
      scopes: scopesOf(sortedDistinct(own.map((c) => c.core_or_related))),
      editions: sortedDistinct(editions.filter((e) => e.basket_id === b.id).map((e) => e.edition)),
    };
  });
}

/** The scopes a basket offers, from the distinct core_or_related values of its codes. */
function scopesOf(values: readonly string[]): BasketScope[] {
  const has = (scope: BasketScope) => basketScopes[scope].values.some((v) => values.includes(v));
  return has('core') || has('related') ? (['core', 'related'] as BasketScope[]) : [];
}

/** Where-clause values of a scope: the core_or_related values it keeps (undefined = no filter). */
export function scopeValues(scope: string | undefined): readonly string[] | undefined {
  if (!scope || scope === 'all') return undefined;
  return basketScopes[scope as BasketScope]?.values;
}

/**
 * Checks that a basket can be switched to a scope: its codes must say which are core (a basket
 * whose file had no core_or_related column cannot be split, and saying "core" would be a guess).
 */
export async function checkBasketScope(store: Store, basketId: string, scope: string | undefined): Promise<void> {
  if (!scope || scope === 'all') return;
  const values = (
    await store.query<{ v: string }>(
      sql`select distinct core_or_related as v from basket_codes where basket_id = ${basketId} and core_or_related is not null`,
    )
  ).map((r) => r.v);
  if (scopesOf(values).length) return;
  throw new LanternError('invalid-argument', `Basket "${basketId}" does not say which of its codes are core and which related.`, [
    {
      field: 'basket',
      message: `no core_or_related values, so it has no "${scope}" scope`,
      found: `${basketId}@${scope}`,
      hint: `use ${basketId} without @${scope}, or add a core_or_related column (core | related | equipment_supporting_cultural …) to its file`,
    },
  ]);
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

/**
 * Resolves basket codes (in `from`) to `to`; an 'edition-mismatch' error when the table is not
 * loaded.
 *
 * Kept whole: reads the correlation links once and resolves every code with them, the cases of a
 * link side by side.
 */
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
  const basket = await getBasket(store, sel.basketId);
  if (basket.hsEdition === EBOPS2010) return resolvedServicesBasket(store, basket, sel);
  const ed = typeof edition === 'string' ? parseEdition(edition) : edition;
  let codes = await basketCodes(store, basket.id);
  if (sel.domain) {
    const domains = [...new Set(codes.map((c) => c.domain).filter((d): d is string => !!d))].sort();
    codes = codes.filter((c) => c.domain === sel.domain);
    if (codes.length === 0) {
      throw unknownDomain('invalid-argument', basket.id, domains, sel.domain);
    }
  }
  if (sel.scope) {
    await checkBasketScope(store, basket.id, sel.scope);
    const keep = scopeValues(sel.scope) ?? [];
    codes = codes.filter((c) => c.coreOrRelated !== null && keep.includes(c.coreOrRelated));
  }
  const resolution = await resolveCodes(store, codes, basket.hsEdition, ed, options);
  return { ...resolution, basket, selector: sel, edition: ed };
}

/**
 * A services basket as materialised (EBOPS 2010 items and their sub-items, `materialiseServicesBasket`);
 * it has one edition, so `edition` is not asked.
 */
async function resolvedServicesBasket(store: Store, basket: Basket, sel: BasketSelector): Promise<ResolvedBasket> {
  const domain = sel.domain ? sql` and domain = ${sel.domain}` : sql``;
  const keep = scopeValues(sel.scope);
  const scope = keep ? sql` and core_or_related in ${inList(keep)}` : sql``;
  const rows = await store.query<{ code: string; domain_code: string | null; domain: string | null; core_or_related: string | null; source_code: string; source_codes: string; mapping: string }>(
    sql`select code, domain_code, domain, core_or_related, source_code, source_codes, mapping from basket_resolved where basket_id = ${basket.id} and edition = ${EBOPS2010}${domain}${scope} order by code`,
  );
  const ed = EBOPS2010 as HsEdition;
  return {
    basket,
    selector: sel,
    edition: ed,
    from: ed,
    to: ed,
    via: 'identity',
    policy: 'EBOPS 2010 items with their sub-items; memorandum items left out',
    codes: rows.map((r) => ({
      code: r.code,
      domainCode: r.domain_code,
      domain: r.domain,
      coreOrRelated: r.core_or_related,
      sourceCode: r.source_code,
      sourceCodes: r.source_codes.split(','),
      mapping: r.mapping as Mapping,
      note: r.mapping === 'sub-item' ? `a sub-item of ${r.source_code}` : null,
    })),
    residual: [],
    unresolved: [],
    bySource: [],
  };
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
  if (basket.hsEdition === EBOPS2010) return [await materialiseServicesBasket(store, basketId)];
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

/**
 * A services basket resolved to EBOPS 2010: each basket item and every sub-item under it (from
 * `services_ancestors`), one row per code, memorandum items left out (they overlap the components
 * and are never added). A code under two basket items takes the first (by code). Run inside the
 * transaction that wrote the basket or the tree.
 */
async function materialiseServicesBasket(store: Store, basketId: string): Promise<Resolution> {
  await store.run(
    sql`insert into basket_resolved (basket_id, edition, code, domain_code, domain, core_or_related, source_code, source_codes, mapping, note)
        select ${basketId}, ${EBOPS2010}, x.code, min(b.domain_code), min(b.domain), min(b.core_or_related), min(b.code), string_agg(b.code, ','), case when min(x.self) = 1 then ${'identity'} else ${'sub-item'} end, ${null}
        from (select code, code as item, 1 as self from services_codes where classification = ${EBOPS2010} and not memo
              union all
              select a.code as code, a.ancestor as item, 0 as self from services_ancestors a join services_codes c on c.classification = a.classification and c.code = a.code where a.classification = ${EBOPS2010} and not c.memo) x
        join basket_codes b on b.basket_id = ${basketId} and b.code = x.item
        group by x.code`,
  );
  const resolved = await store.query<{ code: string; domain_code: string | null; domain: string | null; core_or_related: string | null; source_code: string; source_codes: string; mapping: string }>(
    sql`select code, domain_code, domain, core_or_related, source_code, source_codes, mapping from basket_resolved where basket_id = ${basketId} and edition = ${EBOPS2010} order by code`,
  );
  const unresolved = await store.query<{ code: string }>(
    sql`select code from basket_codes where basket_id = ${basketId} and code not in (select code from services_codes where classification = ${EBOPS2010}) order by code`,
  );
  await insertRows(
    store,
    'basket_unresolved',
    ['basket_id', 'edition', 'code', 'reason'],
    unresolved.map((u) => [basketId, EBOPS2010, u.code, 'not an EBOPS 2010 code of the loaded tree']),
  );
  const codes = resolved.length;
  await insertRows(
    store,
    'basket_editions',
    ['basket_id', 'edition', 'via', 'policy', 'codes', 'residual', 'unresolved'],
    [[basketId, EBOPS2010, 'identity', 'EBOPS 2010 items with their sub-items; memorandum items left out', codes, 0, unresolved.length]],
  );
  const ed = EBOPS2010 as HsEdition;
  return {
    from: ed,
    to: ed,
    via: 'identity',
    policy: 'EBOPS 2010 items with their sub-items; memorandum items left out',
    codes: resolved.map((r) => ({
      code: r.code,
      domainCode: r.domain_code,
      domain: r.domain,
      coreOrRelated: r.core_or_related,
      sourceCode: r.source_code,
      sourceCodes: r.source_codes.split(','),
      mapping: r.mapping as Mapping,
      note: null,
    })),
    residual: [],
    unresolved: unresolved.map((u) => ({ code: u.code, reason: 'not an EBOPS 2010 code of the loaded tree' })),
    bySource: [],
  } as Resolution;
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
  await keepBasketVersion(store, b.id);
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

/** Copies the stored definition of a basket (if any) into basket_versions / basket_version_codes. */
async function keepBasketVersion(store: Store, basketId: string): Promise<void> {
  await store.run(
    sql`insert into basket_versions (basket_id, version, name, framework, hs_edition, source, description, bundled, created_at)
        select id, version, name, framework, hs_edition, source, description, bundled, created_at from baskets where id = ${basketId}`,
  );
  await store.run(
    sql`insert into basket_version_codes (basket_id, version, code, domain_code, domain, core_or_related, source_url, source_note)
        select c.basket_id, b.version, c.code, c.domain_code, c.domain, c.core_or_related, c.source_url, c.source_note
        from basket_codes c join baskets b on b.id = c.basket_id where c.basket_id = ${basketId}`,
  );
}

/** One version of a basket, as the wire sends it (`BasketVersionInfo` of src/contract.ts). */
export type BasketVersion = BasketVersionInfo;

/** Every version of a basket, oldest first, the current one last. */
export async function basketVersions(store: Store, basketId: string): Promise<BasketVersion[]> {
  await getBasket(store, basketId);
  // Four flat reads (no UNION: ClickHouse 18.16 wants identical column types across its branches).
  const [kept, now, keptCounts, nowCounts] = await Promise.all([
    store.query<Record<string, unknown>>(
      sql`select version, name, framework, hs_edition, source, bundled, created_at, replaced_at from basket_versions where basket_id = ${basketId}`,
    ),
    store.query<Record<string, unknown>>(
      sql`select version, name, framework, hs_edition, source, bundled, created_at from baskets where id = ${basketId}`,
    ),
    store.query<{ version: string; core_or_related: string | null; n: number }>(
      sql`select version, core_or_related, count(*) as n from basket_version_codes where basket_id = ${basketId} group by version, core_or_related`,
    ),
    store.query<{ core_or_related: string | null; n: number }>(
      sql`select core_or_related, count(*) as n from basket_codes where basket_id = ${basketId} group by core_or_related`,
    ),
  ]);
  const versions: Record<string, unknown>[] = [...kept.map((r) => ({ ...r, current: 0 })), ...now.map((r) => ({ ...r, current: 1, replaced_at: null }))];
  const counts = [...keptCounts.map((c) => ({ ...c, current: 0 })), ...nowCounts.map((c) => ({ ...c, version: '', current: 1 }))];
  const related = new Set(basketScopes.related.values);
  const rows = versions.map((r) => {
    const current = Boolean(Number(r.current));
    const own = counts.filter((c) => Boolean(Number(c.current)) === current && (current || c.version === r.version));
    const count = (keep: (scope: string | null) => boolean) =>
      own.filter((c) => keep(c.core_or_related)).reduce((sum, c) => sum + Number(c.n), 0);
    return {
      version: String(r.version),
      name: String(r.name),
      framework: String(r.framework),
      hsEdition: String(r.hs_edition),
      source: (r.source as string | null) ?? null,
      bundled: Boolean(r.bundled),
      codes: count(() => true),
      core: count((scope) => scope === 'core'),
      related: count((scope) => scope !== null && related.has(scope)),
      current,
      createdAt: isoSeconds(r.created_at),
      replacedAt: isoSeconds(r.replaced_at),
    };
  });
  // Kept versions in the order they were replaced, the current one last.
  return rows.sort((a, b) => Number(a.current) - Number(b.current) || String(a.replacedAt).localeCompare(String(b.replacedAt)));
}

/** A stored time as `YYYY-MM-DD HH:MM:SS` (UTC, whole seconds: a cluster keeps no fractions). */
function isoSeconds(value: unknown): string | null {
  return typeof value === 'string' ? value.slice(0, 19).replace('T', ' ') : null;
}

/** The next numeric version of a basket: one more than any number among its current and kept versions. */
export async function nextBasketVersion(store: Store, basketId: string): Promise<string> {
  const rows = await store.query<{ version: string }>(
    sql`select version from baskets where id = ${basketId} union all select version from basket_versions where basket_id = ${basketId}`,
  );
  const nums = rows.map((r) => r.version).filter((v) => /^\d+$/.test(v)).map(Number);
  return String(nums.length ? Math.max(...nums) + 1 : rows.length ? rows.length + 1 : 1);
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
