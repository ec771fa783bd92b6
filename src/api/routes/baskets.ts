/** `/baskets`: cultural baskets (versioned HS code lists) and their resolution to an HS edition. */
import { z } from 'zod';
import {
  basketCodes,
  checkBasketScope,
  getBasket,
  listBaskets,
  parseBasketSelector,
  resolveBasket,
  scopeValues,
} from '../../reference/index.ts';
import type { RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/baskets',
      summary: 'Cultural baskets: framework, HS edition, number of codes, domains, source',
      tags: ['baskets'],
      examples: { valid: [{}], invalid: [{ query: { framework: 'x' }, mentions: 'framework' }] },
    },
    async () => {
      const rows = await listBaskets(deps.store);
      return { rows, meta: { provenance: { sources: [...new Set(rows.map((b) => b.source).filter((s): s is string => !!s && /^https?:/.test(s)))] } } };
    },
  );
  app.get(
    {
      path: '/baskets/{id}',
      summary: 'A basket with its codes; with `edition`, resolved to that HS edition (mapped, residual, unresolved codes)',
      tags: ['baskets'],
      params: z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9._:@-]*$/, 'should be a basket id such as unesco-fcs-2009 (or id:domain, id@core, id@related)') }),
      query: z.object({
        edition: z.string().regex(/^(HS)?\d{2,4}$/i, 'should be an HS edition such as HS2017 or 2017').optional().describe('resolve the basket to this HS edition'),
      }),
      examples: {
        valid: [{ params: { id: 'unesco-fcs-2009' } }, { params: { id: 'unesco-fcs-2009' }, query: { edition: 'HS2007' } }, { params: { id: 'unesco-fcs-2009@core' } }],
        invalid: [{ params: { id: 'no-such-basket' }, status: 404 }, { params: { id: 'unesco-fcs-2009@heritage' }, mentions: 'scope' }, { params: { id: 'unesco-fcs-2009' }, query: { edition: 'H5' }, mentions: 'edition' }],
      },
    },
    async ({ params, query }) => {
      const sel = parseBasketSelector(params.id);
      const basket = await getBasket(deps.store, sel.basketId);
      await checkBasketScope(deps.store, basket.id, sel.scope);
      if (query.edition) {
        const r = await resolveBasket(deps.store, params.id, query.edition);
        return {
          data: { basket: r.basket, edition: r.edition, selector: r.selector, from: r.from, to: r.to, via: r.via, policy: r.policy, codes: r.codes, bySource: r.bySource, residual: r.residual, unresolved: r.unresolved },
          rows: r.codes,
          tables: { unresolved: r.unresolved, residual: r.residual, bySource: r.bySource },
          meta: { provenance: { sources: basket.source && /^https?:/.test(basket.source) ? [basket.source] : [] } },
        };
      }
      const keep = scopeValues(sel.scope);
      const codes = (await basketCodes(deps.store, basket.id)).filter(
        (c) => (!sel.domain || c.domain === sel.domain) && (!keep || (c.coreOrRelated !== null && keep.includes(c.coreOrRelated))),
      );
      return {
        data: basket,
        rows: codes,
        meta: { provenance: { sources: [...new Set(codes.map((c) => c.sourceUrl).filter((s): s is string => !!s))] } },
      };
    },
  );
};
