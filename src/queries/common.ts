/**
 * Pieces every read model's parameters share, as zod schemas that also read HTTP query strings
 * (everything may arrive as a string): years ("2015-2023" or "2021"), a product selector (HS code or
 * basket[:domain]), the run selection and the view of reported data.
 */
import { z } from 'zod';
import { LanternError } from '../errors.ts';
import { flowSchema, iso3Schema, listOf, perspectiveSchema, SERVICES_CODE, tradeSchema, viewSchema } from '../indicators/index.ts';
import { basketSelectorText, countryGroups, groupMembers, parseBasketSelector } from '../reference/index.ts';

export { iso3Schema, listOf };

/** "2015-2023", "2015–2023" or "2021" → { from, to }. */
export const yearsSchema = z.union([z.number().int(), z.string().trim()]).transform((v, ctx) => {
  const m = /^(\d{4})(?:\s*[-–:]\s*(\d{4}))?$/.exec(String(v));
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'should be a year (2021) or a span (2015-2023)' });
    return z.NEVER;
  }
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  if (to < from) {
    ctx.addIssue({ code: 'custom', message: `the span ends (${to}) before it starts (${from})` });
    return z.NEVER;
  }
  if (from < 1900 || to > 2100) {
    ctx.addIssue({ code: 'custom', message: 'should be years from 1900 to 2100' });
    return z.NEVER;
  }
  return { from, to };
});

/** Run selection, view and flow, shared by every read model. */
export const dataShape = {
  source: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'should be a source name such as baci or comtrade')
    .optional()
    .describe('read only runs of this source'),
  runs: listOf(z.coerce.number().int().positive()).optional().describe('import run ids to read'),
  perspective: perspectiveSchema.optional().describe('reconciled | reported (default: whatever the data is)'),
  view: viewSchema
    .default('trade-map')
    .describe('reported data: trade-map (reporter, else mirror) | reporter | partner | mirror-max'),
  flow: flowSchema
    .optional()
    .describe('export (the default): exports and imports; reexport: re-exports (RX) and re-imports (RM), reported data only, each as its reporter reports it'),
  level: z.coerce
    .number()
    .int()
    .refine((n) => n === 2 || n === 4 || n === 6, 'should be 2, 4 or 6')
    .optional()
    .describe('HS level of products: finer codes are summed to it, every row read once (default: the finest in the data)'),
  trade: tradeSchema
    .optional()
    .describe('goods or services (default: from the basket or product, else goods where the data has goods)'),
};

/** A country group (reference/country-groups.ts) whose members are the partners or markets kept. */
export const groupSchema = z
  .string()
  .regex(/^[a-z0-9-]+$/, 'should be a country group id such as eu27 (see /api/v1/groups)')
  .describe('country group whose members are the partners (markets) kept: eu27 | asean | wb-high | … (see /groups)');

/**
 * The partners a `group` (and an explicit partner list) leaves: the group's members, within the
 * list when both are given; undefined when neither is. With the note that says so.
 */
export function groupPartners(group: string | undefined, partners?: string[]): { partners?: string[]; note?: string } {
  if (!group) return { partners };
  const members = groupMembers(group);
  const g = countryGroups().find((x) => x.id === group)!;
  return {
    partners: partners?.length ? partners.filter((p) => members.includes(p)) : members,
    note: `partners: ${g.name.en} (${members.length} members, list as of ${g.as_of}, ${g.publisher})`,
  };
}

/** What a product selector names: an HS code or EBOPS services item, or a basket (and domain). */
export type ProductSelector =
  | { product: string }
  | { basket: string; domain?: string; scope?: 'core' | 'related' }
  | Record<string, never>;

/**
 * Reads "950510", "9505", "49", "SK1" (an EBOPS 2010 services item), "basket:unesco-fcs-2009:books", "unesco-fcs-2009:books" or
 * "unesco-fcs-2009@core" (a scope: core | related | all, see reference/baskets.ts `basketScopes`).
 * An empty selector means all products.
 */
export function parseProductSelector(s: string | undefined): ProductSelector {
  if (!s) return {};
  const t = s.trim();
  if (/^(\d{2}|\d{4}|\d{6})$/.test(t)) return { product: t };
  // An EBOPS 2010 services item as Comtrade writes it (SK1, SI31): basket ids are lower-case.
  if (SERVICES_CODE.test(t)) return { product: t };
  if (/^\d+$/.test(t)) {
    throw new LanternError('unknown-product', `"${t}" is not an HS code of 2, 4 or 6 digits.`, [
      {
        field: 'product',
        message: 'bad HS code',
        expected: 'a chapter (49), heading (4901) or subheading (490199)',
        found: t,
      },
    ]);
  }
  const sel = parseBasketSelector(t.startsWith('basket:') ? t.slice('basket:'.length) : t);
  return {
    basket: sel.basketId,
    ...(sel.domain ? { domain: sel.domain } : {}),
    ...(sel.scope ? { scope: sel.scope } : {}),
  };
}

/** A basket id alone (`unesco-fcs-2009`), as an indicator's own `basket` field takes it. */
const BASKET_ID = /^[a-z0-9][a-z0-9._-]*$/;

/** An indicator route's `basket`: the selector every other route takes (spread by `spreadBasketSelector`). */
export const basketSelectorField = z
  .string()
  .trim()
  .min(1, 'should be a basket id such as unesco-fcs-2009 (see `lantern baskets`)')
  .optional()
  .describe('basket restricting products: BASKET, BASKET:DOMAIN, BASKET@core|related (e.g. unesco-fcs-2009:books@core), or an HS code');

/**
 * An indicator's `basket` given as a selector (`unesco-fcs-2009:books@core`, or an HS code), as
 * every other `basket` of the CLI and the API takes it, spread into the fields the indicators take
 * (`basket`, `domain`, `scope`, `product`) beside those given on their own. A field given both
 * ways with two values is refused, naming both.
 */
export function spreadBasketSelector(input: Record<string, unknown>): Record<string, unknown> {
  const basket = typeof input.basket === 'string' ? input.basket.trim() : undefined;
  if (basket === undefined || (BASKET_ID.test(basket) && !/^\d+$/.test(basket))) return input;
  const sel: Record<string, unknown> = parseProductSelector(basket);
  const clashes = Object.entries(sel).filter(([k, v]) => k !== 'basket' && input[k] !== undefined && input[k] !== '' && input[k] !== v);
  if (clashes.length) {
    const named = clashes.map(([k, v]) => `${k} ${String(v)} in the basket "${basket}" and ${String(input[k])} on its own`).join('; ');
    throw new LanternError(
      'invalid-argument',
      `Given twice, differently: ${named}.`,
      clashes.map(([k, v]) => ({
        field: k,
        message: `${String(v)} in the basket, ${String(input[k])} on its own`,
        expected: `one ${k}`,
        found: String(input[k]),
        hint: `give the ${k} once: in the basket (${basket}) or on its own, not both`,
      })),
    );
  }
  const { basket: _, ...rest } = input;
  return { ...rest, ...sel };
}

/**
 * What a read model reads, in words, for labels and notes: "HS 4901" or "EBOPS SK1" (a services
 * item), a basket selector ("unesco-fcs-2009:books"), "all services (EBOPS 2010)" or "all products".
 */
export function scopeLabel(
  sel: { product?: string | null; basket?: string | null; domain?: string | null; scope?: string | null },
  trade: 'goods' | 'services',
): string {
  if (sel.basket) return basketSelectorText({ basket: sel.basket, domain: sel.domain ?? undefined, scope: sel.scope ?? undefined });
  if (sel.product) return `${trade === 'services' ? 'EBOPS' : 'HS'} ${sel.product}`;
  return trade === 'services' ? 'all services (EBOPS 2010)' : 'all products';
}

/** Top-N limit shared by listings. */
export const topSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(1000)
  .default(10)
  .describe('how many rows a top list keeps');
