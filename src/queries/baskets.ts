/**
 * Cultural baskets as read models: the list (`basketListModel`: `lantern baskets`, GET
 * /api/v1/baskets), one basket resolved to an HS edition (`basketModel`: `lantern basket show`,
 * GET /api/v1/baskets/{id}) and a basket's versions (`basketVersionsModel`: `lantern basket
 * versions`, GET /api/v1/baskets/{id}/versions). The baskets, their codes and their resolution are
 * reference/baskets.ts; here they become the wire types of src/contract.ts, with each code's name
 * from the nomenclature and each domain's label beside its code.
 *
 * @example
 *   const d = await basketModel.open(store, { id: 'unesco-fcs-2009:books', edition: 'HS2022' });
 *   d.codes.filter((c) => c.status === 'resolved').map((c) => c.code);   // HS2022 codes of books
 */
import { z } from 'zod';
import type { BasketCodeRow, BasketData, BasketInfo, BasketSourceRow, BasketVersionInfo } from '../contract.ts';
import { parseParams } from '../indicators/index.ts';
import {
  basketCodes,
  basketNameZh,
  basketSelectorText,
  basketVersions,
  describeCodes,
  domainLabel,
  getBasket,
  listBaskets,
  parseBasketSelector,
  parseEdition,
  type ResolvedBasket,
  resolveBasket,
} from '../reference/index.ts';
import type { Store } from '../store/index.ts';
import { readModel } from './read-model.ts';

/** A basket's source when it is a link (a citation is not a provenance URL). */
const links = (sources: readonly (string | null)[]): string[] => [...new Set(sources.filter((s): s is string => !!s && /^https?:/.test(s)))];

export const basketListParams = z.object({});

/** A listing's flat row (the table, CSV): lists as comma-separated cells. */
function basketFlatRow(b: BasketInfo): Record<string, unknown> {
  return {
    id: b.id,
    name: b.name,
    name_zh: b.nameZh,
    version: b.version,
    framework: b.framework,
    edition: b.hsEdition,
    codes: b.codes,
    domains: b.domains.join(','),
    domains_zh: b.domains.map((d) => b.domainNames[d]?.zh ?? d).join(','),
    scopes: b.scopes.map((x) => `@${x}`).join(','),
    resolved_to: b.editions.join(','),
    bundled: b.bundled,
    source: b.source,
  };
}

export const basketListModel = readModel({
  id: 'baskets',
  summary: 'Cultural baskets: framework, HS edition, number of codes, domains, source',
  params: basketListParams,
  rowsOnly: true,
  run: async (store: Store): Promise<BasketInfo[]> =>
    (await listBaskets(store)).map((b) => ({
      ...b,
      nameZh: basketNameZh(b),
      domainNames: Object.fromEntries(b.domains.map((d) => [d, { en: domainLabel(d, 'en'), zh: domainLabel(d, 'zh') }])),
    })),
  rows: (d) => d.map(basketFlatRow),
  list: (d) => d,
  provenance: (d) => ({ sources: links(d.map((b) => b.source)) }),
});

const basketId = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'should be a basket id such as unesco-fcs-2009');

export const basketParams = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._:@-]*$/i, 'should be a basket id such as unesco-fcs-2009 (or id:domain, id@core, id@related)')
    .meta({ placeholder: 'basket' })
    .describe('the basket: BASKET, BASKET:DOMAIN or BASKET@core|related, e.g. unesco-fcs-2009:books'),
  edition: z.string().min(1).max(12).optional().describe("the HS edition to resolve to, e.g. HS2017 (H5 and 2017 too; default: the basket's own)"),
  lang: z.enum(['en', 'zh']).default('en').describe('domain labels in'),
});
export type BasketParams = z.input<typeof basketParams>;

/** The resolution's rows: codes to use, residual links and unresolved codes, named, with their domains. */
async function codeRows(store: Store, r: ResolvedBasket, lang: 'en' | 'zh'): Promise<{ codes: BasketCodeRow[]; named: boolean }> {
  const own = new Map((await basketCodes(store, r.basket.id)).map((c) => [c.code, c]));
  const target = await describeCodes(store, r.edition, [...r.codes.map((c) => c.code), ...r.residual.map((x) => x.code)]);
  const source = await describeCodes(store, r.basket.hsEdition, r.unresolved.map((u) => u.code));
  const ownFields = (code: string) => ({
    domain: domainLabel(own.get(code)?.domain, lang),
    domain_code: own.get(code)?.domainCode ?? null,
    core_or_related: own.get(code)?.coreOrRelated ?? null,
  });
  const codes: BasketCodeRow[] = [
    ...r.codes.map((c) => ({
      status: 'resolved' as const,
      code: c.code,
      description: target.get(c.code) ?? null,
      domain: domainLabel(c.domain, lang),
      domain_code: c.domainCode,
      core_or_related: c.coreOrRelated,
      from: c.sourceCodes.join(','),
      mapping: c.mapping,
      note: c.note,
    })),
    ...r.residual.map((x) => ({ status: 'residual' as const, code: x.code, description: target.get(x.code) ?? null, ...ownFields(x.sourceCode), from: x.sourceCode, mapping: 'residual', note: x.reason })),
    ...r.unresolved.map((u) => ({ status: 'unresolved' as const, code: u.code, description: source.get(u.code) ?? null, ...ownFields(u.code), from: u.code, mapping: 'unresolved', note: u.reason })),
  ];
  return { codes, named: target.size > 0 || r.codes.length === 0 };
}

/** How each of the basket's own codes resolves: whether it exists in the edition, its targets. */
async function sourceRows(store: Store, r: ResolvedBasket, lang: 'en' | 'zh'): Promise<BasketSourceRow[]> {
  const own = new Map((await basketCodes(store, r.basket.id)).map((c) => [c.code, c]));
  const names = await describeCodes(store, r.basket.hsEdition, r.bySource.map((s) => s.sourceCode));
  return r.bySource.map((s) => ({
    code: s.sourceCode,
    description: names.get(s.sourceCode) ?? null,
    domain: domainLabel(own.get(s.sourceCode)?.domain, lang),
    core_or_related: own.get(s.sourceCode)?.coreOrRelated ?? null,
    in_edition: s.existsInTarget,
    mapping: s.mapping,
    targets: s.targets.join(','),
    residual: s.residual.join(','),
  }));
}

/** A basket resolved to the edition asked (default: its own), every code named where the nomenclature is loaded. */
export async function basketAnswer(store: Store, input: BasketParams): Promise<BasketData> {
  const p = parseParams(basketParams, input, 'basket');
  const sel = parseBasketSelector(p.id);
  const basket = await getBasket(store, sel.basketId);
  const r = await resolveBasket(store, sel, p.edition ? parseEdition(p.edition) : basket.hsEdition);
  const [{ codes, named }, bySource] = await Promise.all([codeRows(store, r, p.lang), sourceRows(store, r, p.lang)]);
  return {
    basket: { ...basket, nameZh: basketNameZh(basket) },
    selector: basketSelectorText(sel),
    domain: sel.domain ?? null,
    scope: sel.scope ?? null,
    edition: r.edition,
    via: r.via,
    policy: r.policy,
    codes,
    bySource,
    notes: named ? [] : [`no descriptions: the ${r.edition} nomenclature is not loaded (lantern reference load DIR)`],
  };
}

export const basketModel = readModel({
  id: 'basket',
  summary: 'A basket resolved to an HS edition (default: its own): each code named, with its domain and how it was mapped; residual and unresolved codes with their reasons',
  params: basketParams,
  run: basketAnswer,
  rows: (d) => d.codes,
  list: (d) => d.codes,
  tables: (d) => ({ codes: d.codes, bySource: d.bySource }),
  provenance: (d) => ({ sources: links([d.basket.source]) }),
});

export const basketVersionsParams = z.object({
  id: basketId.meta({ placeholder: 'basket' }).describe('the basket id, e.g. unesco-fcs-2009'),
});
export type BasketVersionsParams = z.input<typeof basketVersionsParams>;

export const basketVersionsModel = readModel({
  id: 'basket-versions',
  summary: 'Every version of a basket: codes, core and related codes (UNESCO FCS 2009 scopes), when each was replaced',
  params: basketVersionsParams,
  rowsOnly: true,
  run: async (store: Store, input: BasketVersionsParams): Promise<BasketVersionInfo[]> =>
    basketVersions(store, parseParams(basketVersionsParams, input, 'basket versions').id.toLowerCase()),
  rows: (d) =>
    d.map((v) => ({
      version: v.version,
      current: v.current,
      name: v.name,
      framework: v.framework,
      edition: v.hsEdition,
      bundled: v.bundled,
      codes: v.codes,
      core: v.core,
      related: v.related,
      replaced_at: v.replacedAt,
      source: v.source,
    })),
  list: (d) => d,
  provenance: (d) => ({ sources: links(d.map((v) => v.source)) }),
});
