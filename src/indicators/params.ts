/**
 * The parameters every indicator shares: which trade (years, side, products, basket, level), which
 * source rows (import runs, perspective, view) and how results are grouped.
 *
 * These schemas are a trust boundary (CLI flags, HTTP query strings): they coerce strings, accept
 * comma lists, and say how to fix a bad value. Inside the library the inferred plain types are used.
 */
import { z } from 'zod';

/** An ISO 3166 alpha-3 code (upper-cased on the way in). Existence is checked against the store. */
export const iso3Schema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z][A-Z0-9]{2}$/, 'should be an ISO 3166 alpha-3 code such as CHN or USA'));

/** A list of codes: an array, or one string with commas ("CHN,KOR"). */
export function listOf<T extends z.ZodTypeAny>(item: T) {
  return z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item),
  );
}

export const yearSchema = z.coerce
  .number()
  .int('should be a whole year such as 2021')
  .min(1900, 'should be a year from 1900 on')
  .max(2100, 'should be a year before 2100');

/** Trade side from the subject country's point of view. */
export const sideSchema = z.enum(['export', 'import']);
export type Side = z.infer<typeof sideSchema>;

/**
 * How reported (Comtrade/OTS) rows become flows. `trade-map` (the default, ITC Trade Map's rule):
 * each flow from its reporter where the reporter reported that flow (exports or imports) in that
 * year, else from the partner's mirror report as the partner reported it (no CIF/FOB adjustment);
 * `reporter`: each side's own report only (exports as the
 * exporter reports them, imports as the importer reports them); `partner`: the mirror report,
 * CIF/FOB-adjusted by 8% (exports of i to j = j's imports from i / 1.08); `mirror-max`: the OTS rule
 * max(x, m/1.08) for exports and max(m, 1.08·x) for imports. Ignored for reconciled (BACI) data.
 */
export const viewSchema = z.enum(['trade-map', 'reporter', 'partner', 'mirror-max']);
export type View = z.infer<typeof viewSchema>;

/**
 * Which flows a question reads: `export` (the default) reads exports (flow X) on the export side and
 * imports (M) on the import side; `reexport` reads re-exports (RX) and re-imports (RM), which only
 * reported data holds (Comtrade, OTS), each as its reporter reports it: there is no mirror (a
 * partner's imports do not say which of them were re-exported), so the view is `reporter`.
 */
export const flowSchema = z.enum(['export', 'reexport'], { error: 'should be export or reexport' });
export type FlowChoice = z.infer<typeof flowSchema>;

export const perspectiveSchema = z.enum(['reconciled', 'reported']);
export type Perspective = z.infer<typeof perspectiveSchema>;

/** Goods (HS rows, Comtrade typeCode C) or services (EBOPS 2010 rows, typeCode S): never summed together. */
export const tradeSchema = z.enum(['goods', 'services'], { error: 'should be goods or services' });
export type Trade = z.infer<typeof tradeSchema>;

/** A services product code: an EBOPS 2010 item as Comtrade writes it (S, SK, SK1, SI31 …). */
export const SERVICES_CODE = /^S[A-Za-z0-9]{0,6}$/;

/** How rows are grouped on the product axis: one total, one row per basket domain, one per product. */
export const bySchema = z.enum(['total', 'domain', 'product']);
export type By = z.infer<typeof bySchema>;

/** CIF/FOB factor of the OTS mirror rule (Gaulier–Zignago 2010): imports ≈ exports × 1.08. */
export const CIF_FOB = 1.08;

export const scopeShape = {
  country: listOf(iso3Schema)
    .optional()
    .describe('subject countries (exporter for side=export, importer for side=import); all when absent'),
  partner: listOf(iso3Schema).optional().describe('partner countries to keep; all when absent'),
  from: yearSchema.describe('first year'),
  to: yearSchema.optional().describe('last year (default: the first year)'),
  side: sideSchema.default('export').describe('export: the subject is the exporter; import: the importer'),
  basket: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9._-]*$/,
      'should be a basket id such as unesco-fcs-2009 (see `lantern baskets`)',
    )
    .optional()
    .describe('basket id restricting products (e.g. unesco-fcs-2009)'),
  domain: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'should be a domain slug such as books or visual-arts')
    .optional()
    .describe('basket domain (needs basket)'),
  scope: z
    .enum(['core', 'related', 'all'], { error: 'should be core, related or all' })
    .optional()
    .describe(
      'basket scope (needs basket), as UNESCO FCS 2009 names it: core = cultural goods; related = equipment and supporting materials, related goods; all (default)',
    ),
  product: z
    .string()
    .trim()
    .regex(
      /^(\d{2}|\d{4}|\d{6}|S[A-Za-z0-9]{0,6})$/,
      'should be an HS code of 2, 4 or 6 digits such as 4901 or 950510, or an EBOPS 2010 services code such as SK1',
    )
    .optional()
    .describe('HS code prefix (chapter, heading or subheading), or an EBOPS 2010 services item (with its sub-items)'),
  trade: tradeSchema
    .optional()
    .describe(
      'goods (HS rows, the default) or services (EBOPS 2010 rows); the query layer takes it from the basket, the product or the data',
    ),
  level: z.coerce
    .number()
    .int()
    .refine((n) => n === 2 || n === 4 || n === 6, 'should be 2, 4 or 6 (digits of the HS codes to use)')
    .default(6)
    .describe(
      'HS level of product groups: codes finer than it are summed to it, codes the data holds only coarser keep their own; every row is read once (`countedRows`)',
    ),
  by: bySchema.default('total').describe('group products: total | domain | product'),
  perspective: perspectiveSchema
    .default('reconciled')
    .describe('reconciled (BACI: one row per flow) or reported (Comtrade/OTS: one row per report)'),
  view: viewSchema
    .default('trade-map')
    .describe('for reported data: trade-map (reporter, else mirror) | reporter | partner | mirror-max'),
  flow: flowSchema
    .optional()
    .describe('export (the default): exports (X) and imports (M); reexport: re-exports (RX) and re-imports (RM), reported data only, as reported'),
  runs: listOf(z.coerce.number().int().positive())
    .optional()
    .describe('import run ids to read (default: all)'),
  edition: z
    .string()
    .regex(/^(HS(19|20)\d\d|EBOPS2010)$/, 'should be an HS edition such as HS2017 (or EBOPS2010 for services)')
    .optional()
    .describe('advanced: the one HS edition of the rows read; lets the basket join use the code alone'),
  filterRuns: z
    .boolean()
    .default(true)
    .describe(
      'advanced: filter rows on `runs`; the query layer turns it off when those runs are all the data there is',
    ),
  goodsOnly: z
    .boolean()
    .default(true)
    .describe(
      'advanced: read only rows of the scope\'s trade (goods or services, `trade`); the query layer turns the filter off when the runs hold no rows of the other',
    ),
  mixedLevels: z
    .boolean()
    .optional()
    .describe(
      'advanced: the runs hold codes of more than one HS level, or all-products TOTAL rows (level 0); rows are counted once by the rule of `countedRows` (base.ts), and `level` sets the depth of product groups',
    ),
  rowLevel: z
    .number()
    .int()
    .optional()
    .describe(
      'advanced: the one HS level the rows are stored at, when finer than `level` (HS6 rows read at level 4): the rows of that level are read and summed to `level` digits; the query layer sets it',
    ),
  worldRows: z
    .boolean()
    .optional()
    .describe(
      'advanced: the runs hold rows with partner World; they are read through `countedRows` (base.ts) as trade with partners not named (the World figure less the named partners of the same report), summed over counterparts only',
    ),
  totals: z
    .boolean()
    .optional()
    .describe(
      'advanced: read per-country totals (table flow_totals) where an indicator needs no partner; the query layer turns it on for reconciled data on DuckDB',
    ),
  basketRows: z
    .boolean()
    .optional()
    .describe(
      'advanced: read a basket\'s rows from table flow_basket_rows (the rows of basket products, written at import) where a scan keeps partners; the query layer turns it on for reconciled data on DuckDB when every code of the basket was written',
    ),
};

type ScopeLike = {
  from: number;
  to?: number;
  domain?: string;
  basket?: string;
  scope?: string;
  by: By;
  product?: string;
  level: number;
};

/** Checks that hold across scope fields (years in order, domain needs basket …). */
export function refineScope(p: ScopeLike, ctx: z.RefinementCtx<unknown>): void {
  if (p.to !== undefined && p.to < p.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `should not be before the first year ${p.from}` });
  }
  if (p.scope && p.scope !== 'all' && !p.basket) {
    ctx.addIssue({ code: 'custom', path: ['scope'], message: 'needs a basket: give --basket ID@core' });
  }
  if (p.domain && !p.basket) {
    ctx.addIssue({ code: 'custom', path: ['domain'], message: 'needs a basket: give --basket ID:DOMAIN' });
  }
  if (p.by === 'domain' && !p.basket) {
    ctx.addIssue({
      code: 'custom',
      path: ['by'],
      message: 'by=domain needs a basket (e.g. --basket unesco-fcs-2009)',
    });
  }
  if (p.product && p.basket) {
    ctx.addIssue({
      code: 'custom',
      path: ['product'],
      message: 'give either a product code or a basket, not both',
    });
  }
  if (p.product && /^\d/.test(p.product) && p.product.length > p.level) {
    ctx.addIssue({
      code: 'custom',
      path: ['product'],
      message: `product ${p.product} is finer than level ${p.level}: use --level ${p.product.length}`,
    });
  }
}

/** An indicator's parameter schema: the shared scope plus its own fields. */
export function withScope<E extends z.ZodRawShape>(extra: E) {
  return z
    .object({ ...scopeShape, ...extra })
    .superRefine((p, ctx) => refineScope(p as unknown as ScopeLike, ctx));
}

export const scopeSchema = withScope({});
export type Scope = z.infer<typeof scopeSchema>;

/** The years a scope covers, first to last. */
export function scopeYears(p: Pick<Scope, 'from' | 'to'>): { from: number; to: number } {
  return { from: p.from, to: p.to ?? p.from };
}
