/**
 * `/profiles/product`: a product, heading, chapter or basket (domain) across countries
 * (queries/product-profile.ts), and `/bilateral/{a}/{b}`: flows between two countries
 * (queries/bilateral.ts): each sends its read model's answer (contract.ts) as `data`, as the CLI prints it.
 */
import { z } from 'zod';
import {
  bilateral,
  bilateralParams,
  bilateralRows,
  productProfile,
  productProfileParams,
  productProfileRows,
  defaultSpans,
  openScope,
  yearsSchema,
} from '../../queries/index.ts';
import type { RouteModule } from '../router.ts';

const years = {
  years: yearsSchema.optional().describe('a year or a span, e.g. 2019-2021 (default: the last ten years in the store)'),
  from: z.number().int().min(1900).max(2100).optional().describe('first year (alternative to years)'),
  to: z.number().int().min(1900).max(2100).optional().describe('last year (alternative to years)'),
};

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/profiles/product',
      summary: 'Product / basket profile: world trend, top exporters and importers, concentration, unit values',
      tags: ['profiles'],
      query: productProfileParams.extend({
        ...years,
        product: z.string().min(1).optional().describe('an HS code (940540, 9405, 94) or basket[:domain]'),
        basket: z.string().min(1).optional().describe('basket[:domain] (alternative to product; default unesco-fcs-2009)'),
      }),
      examples: {
        valid: [{ query: { basket: 'unesco-fcs-2009' } }, { query: { product: 'unesco-fcs-2009:books', years: '2020-2021', top: '5' } }],
        invalid: [{ query: { product: '12345' }, mentions: 'product' }, { query: { years: 'recently' }, mentions: 'years' }],
      },
    },
    async ({ rawQuery }) => {
      const { from: _f, to: _t, basket, ...rest } = rawQuery;
      const p = await productProfile(deps.store, {
        ...rest,
        product: rest.product ?? basket ?? 'unesco-fcs-2009',
        years: (await openScope(deps.store, rawQuery, defaultSpans.productProfile)).years,
      });
      return {
        data: p,
        tables: { rows: productProfileRows(p), exporters: p.exporters, importers: p.importers, world: p.world },
        meta: { provenance: { runs: p.runs, note: [p.product.label, p.provenance.perspective, ...p.notes].join(' · ') } },
      };
    },
  );

  app.get(
    {
      path: '/bilateral/{a}/{b}',
      summary: 'Bilateral: flows between two countries by year and product group, fit indicators',
      tags: ['bilateral'],
      params: z.object({
        a: z.string().regex(/^[A-Za-z]{3}$/, 'should be an ISO alpha-3 code such as CHN'),
        b: z.string().regex(/^[A-Za-z]{3}$/, 'should be an ISO alpha-3 code such as USA'),
      }),
      query: bilateralParams.omit({ a: true, b: true }).extend(years),
      examples: {
        valid: [{ params: { a: 'CHN', b: 'USA' } }, { params: { a: 'CHN', b: 'USA' }, query: { basket: 'unesco-fcs-2009', years: '2019-2021' } }],
        invalid: [{ params: { a: 'CHN', b: 'U' }, mentions: 'b' }, { params: { a: 'CHN', b: 'USA' }, query: { by: 'colour' }, mentions: 'by' }],
      },
    },
    async ({ params, rawQuery }) => {
      const { from: _f, to: _t, ...rest } = rawQuery;
      const r = await bilateral(deps.store, { ...rest, a: params.a, b: params.b, years: (await openScope(deps.store, rawQuery, defaultSpans.bilateral)).years });
      return {
        data: r,
        tables: { rows: bilateralRows(r), trend: r.trend, products: r.products },
        meta: {
          provenance: { runs: r.runs, note: [r.scope.label, r.provenance.perspective, ...r.notes].join(' · '), flowSources: r.sources },
        },
      };
    },
  );
};
