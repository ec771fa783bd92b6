/**
 * `/markets`: the market finder (queries/market-finder.ts). For an exporter and a product or
 * basket: every importing market with size, growth, the exporter's share, top competitors,
 * concentration, export potential and unrealised potential. Paged; sortable server-side. `data` is
 * the read model's answer as `lantern markets --format json` prints it; `rows` are its markets.
 */
import { z } from 'zod';
import { defaultSpans, marketFinder, marketFinderParams, marketFinderRows, openScope } from '../../queries/index.ts';
import type { RouteModule } from '../router.ts';

const query = marketFinderParams.omit({ limit: true }).extend({
  year: z.number().int().min(1900).max(2100).optional().describe('the year of the market figures (default: the last year in the store)'),
  product: z.string().min(1).optional().describe('an HS code (950510, 9505) or basket[:domain] (default unesco-fcs-2009)'),
  basket: z.string().min(1).optional().describe('basket[:domain] (alternative to product)'),
});

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/markets',
      summary: "Market finder: importing markets for an exporter's product or basket, with size, growth, share, competitors, potential",
      tags: ['markets'],
      query,
      paginate: { defaultLimit: 250, maxLimit: 1000 },
      examples: {
        valid: [{ query: { exporter: 'CHN' } }, { query: { exporter: 'CHN', basket: 'unesco-fcs-2009', year: '2022', sort: 'growth_1y' } }],
        invalid: [{ query: { exporter: 'CH' }, mentions: 'exporter' }, { query: { exporter: 'CHN', sort: 'fame' }, mentions: 'sort' }, {}],
      },
    },
    async ({ rawQuery }) => {
      const { basket, ...rest } = rawQuery;
      const year = (await openScope(deps.store, { year: rest.year }, defaultSpans.markets)).to;
      const r = await marketFinder(deps.store, { ...rest, product: rest.product ?? basket ?? 'unesco-fcs-2009', year });
      return {
        data: r,
        rows: r.markets,
        tables: { flat: marketFinderRows(r) },
        meta: {
          provenance: { runs: r.provenance.runs.map((x) => x.id), sql: r.sql.markets.text, note: [r.product.label, r.provenance.perspective, ...r.notes].join(' · ') },
        },
      };
    },
  );
};
