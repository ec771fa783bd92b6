/** `/countries`: ISO codes, English and Chinese names, regions (reference/countries.ts). */
import { z } from 'zod';
import { assertCountry, countryRow, countryRows } from '../../reference/index.ts';
import type { RouteModule } from '../router.ts';

const kinds = ['country', 'territory', 'historical', 'area', 'world'] as const;

export const routes: RouteModule = (app) => {
  app.get(
    {
      path: '/countries',
      summary: 'Countries, territories, areas and historical entities with ISO codes and names (English, Chinese)',
      tags: ['countries'],
      query: z.object({
        kind: z.array(z.enum(kinds)).optional().describe('keep these kinds (country, territory, historical, area, world)'),
        q: z.string().min(1).optional().describe('search code or name (English or Chinese)'),
        region: z.string().optional().describe('M49 region name, e.g. Asia'),
      }),
      paginate: { defaultLimit: 500, maxLimit: 5000 },
      examples: { valid: [{}, { query: { kind: 'country', q: 'chin' } }], invalid: [{ query: { kind: 'planet' }, mentions: 'kind' }] },
    },
    ({ query }) => ({ rows: countryRows(query) }),
  );
  app.get(
    {
      path: '/countries/{code}',
      summary: 'One country by ISO alpha-3, alpha-2 or numeric code',
      tags: ['countries'],
      params: z.object({ code: z.string().min(2).max(3) }),
      examples: { valid: [{ params: { code: 'CHN' } }, { params: { code: 'cn' } }], invalid: [{ params: { code: 'XYZ' }, status: 400, mentions: 'XYZ' }] },
    },
    ({ params }) => ({ data: countryRow(assertCountry(params.code)) }),
  );
};
