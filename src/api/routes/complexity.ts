/**
 * `/complexity/product-space` and `/complexity/opportunities`: the product space of a year (nodes
 * with layout, PCI and links) and a country's place in it — density, COG, ECI, COI and the ranked
 * opportunities (queries/product-space.ts). ECI/PCI rankings over years are
 * `/indicators/eci/values` and `/indicators/pci/values`.
 */
import { iso3Schema, productSpace, productSpaceParams, productSpaceRows } from '../../queries/index.ts';
import type { OpportunityRow, ProductSpaceData } from '../../contract.ts';
import type { RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/complexity/product-space',
      summary: 'Product space of a year (proximity from co-export, Atlas layout), with a country’s RCA ≥ 1 products, density and COG',
      tags: ['complexity'],
      query: productSpaceParams,
      examples: {
        valid: [{ query: { country: 'CHN' } }, { query: { year: '2021' } }],
        invalid: [{ query: { country: 'china' }, mentions: 'country' }, { query: { digits: '5' }, mentions: 'digits' }],
      },
    },
    async ({ rawQuery }) => {
      const r = await productSpace(deps.store, rawQuery);
      const data: ProductSpaceData = {
        year: r.year,
        digits: r.digits,
        edition: r.edition,
        basket: r.basket,
        country: r.country,
        summary: r.summary,
        nodes: r.nodes,
        edges: r.edges,
        ranking: r.ranking,
        entry: r.entry,
      };
      return {
        data,
        rows: productSpaceRows(r, 'nodes'),
        tables: { edges: productSpaceRows(r, 'edges'), opportunities: productSpaceRows(r, 'opportunities'), ranking: productSpaceRows(r, 'ranking') },
        meta: { provenance: { runs: r.provenance.runs.map((x) => x.id), sql: r.sql, note: [`HS ${r.digits}-digit space`, r.provenance.perspective, ...r.notes].join(' · ') } },
      };
    },
  );
  app.get(
    {
      path: '/complexity/opportunities',
      summary: 'Products a country lacks (RCA < 1), ranked by density and complexity outlook gain; with its ECI, rank and COI',
      tags: ['complexity'],
      query: productSpaceParams.extend({ country: iso3Schema.describe('the country whose opportunities are listed') }),
      examples: {
        valid: [{ query: { country: 'CHN' } }, { query: { country: 'USA', opportunities: 'all', limit: '10' } }],
        invalid: [{ query: { country: 'CHN', opportunities: 'some' }, mentions: 'opportunities' }, { query: {}, mentions: 'country' }],
      },
    },
    async ({ rawQuery }) => {
      const r = await productSpace(deps.store, rawQuery);
      const rows: OpportunityRow[] = r.opportunities;
      return {
        data: { year: r.year, digits: r.digits, basket: r.basket, country: r.country, summary: r.summary },
        rows,
        meta: { provenance: { runs: r.provenance.runs.map((x) => x.id), sql: r.sql, note: [`HS ${r.digits}-digit space`, r.provenance.perspective, ...r.notes].join(' · ') } },
      };
    },
  );
};
