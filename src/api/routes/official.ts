/**
 * `/official`: the bundled official series, each figure with its scope, unit and source URL
 * (queries/official.ts). `/official/lines` gives lines over years that never join scopes.
 */
import { z } from 'zod';
import { listOfficialSeries, officialFigures, officialLinePoints, officialLines, officialScopes } from '../../queries/index.ts';
import type { RouteModule } from '../router.ts';

const filter = {
  country: z.string().regex(/^[A-Za-z]{3}$/, 'should be an ISO alpha-3 code such as CHN').optional().describe('country (ISO alpha-3)'),
  year: z.number().int('should be a whole year such as 2021').min(1900).max(2100).optional(),
  scope: z.string().min(1).optional().describe('exact scope, e.g. cultural_products'),
  indicator: z.enum(['turnover', 'value', 'balance']).optional(),
  flow: z.enum(['export', 'import', 'total', 'surplus', 'deficit']).optional(),
};

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/official',
      summary: 'Official published figures with scope, unit and source URL',
      tags: ['official'],
      query: z.object(filter),
      paginate: { defaultLimit: 1000, maxLimit: 5000 },
      examples: { valid: [{}, { query: { country: 'CHN', flow: 'export' } }], invalid: [{ query: { year: 'last' }, mentions: 'year' }, { query: { flow: 'sideways' }, mentions: 'flow' }] },
    },
    async ({ query }) => {
      const rows = await officialFigures(deps.store, { ...query, country: query.country?.toUpperCase() });
      return { rows, meta: { provenance: { sources: [...new Set(rows.map((r) => r.source_url))] } } };
    },
  );
  app.get(
    {
      path: '/official/scopes',
      summary: 'The scopes of the official series, with years and number of figures',
      tags: ['official'],
      examples: { valid: [{}] },
    },
    async () => ({ rows: await officialScopes(deps.store) }),
  );
  app.get(
    {
      path: '/official/lines',
      summary: 'Lines over years for one indicator and flow: one segment per scope and publisher, breaks marked',
      tags: ['official'],
      query: z.object({ ...filter, indicator: filter.indicator.unwrap().default('value'), flow: filter.flow.unwrap().default('export') }),
      examples: { valid: [{ query: { flow: 'export' } }], invalid: [{ query: { indicator: 'vibes' }, mentions: 'indicator' }] },
    },
    async ({ query }) => {
      const rows = await listOfficialSeries(deps.store, { ...query, country: query.country?.toUpperCase() });
      const { segments } = officialLines(rows);
      return {
        data: { indicator: query.indicator, flow: query.flow, segments },
        rows: officialLinePoints(segments),
        meta: { provenance: { sources: [...new Set(rows.map((r) => r.source_url))] } },
      };
    },
  );
};
