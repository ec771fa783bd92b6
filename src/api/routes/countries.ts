/** `/countries`: ISO codes, English and Chinese names, regions (reference/countries.ts). */
import { z } from 'zod';
import { assertCountry, listCountries } from '../../reference/index.ts';
import type { RouteModule } from '../router.ts';

const kinds = ['country', 'territory', 'historical', 'area', 'world'] as const;

function toRow(c: ReturnType<typeof listCountries>[number]) {
  return { iso3: c.iso3, iso2: c.iso2, isoNumeric: c.isoNumeric, nameEn: c.nameEn, nameZh: c.nameZh, region: c.region, subregion: c.subregion, continent: c.continent, kind: c.kind };
}

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
    ({ query }) => {
      const q = query.q?.toLowerCase();
      const rows = listCountries()
        .filter((c) => !query.kind || (query.kind as string[]).includes(c.kind))
        .filter((c) => !query.region || c.region === query.region)
        .filter((c) => !q || c.iso3.toLowerCase() === q || c.nameEn.toLowerCase().includes(q) || c.nameZh.includes(query.q!) || c.iso2?.toLowerCase() === q)
        .map(toRow);
      return { rows };
    },
  );
  app.get(
    {
      path: '/countries/{code}',
      summary: 'One country by ISO alpha-3, alpha-2 or numeric code',
      tags: ['countries'],
      params: z.object({ code: z.string().min(2).max(3) }),
      examples: { valid: [{ params: { code: 'CHN' } }, { params: { code: 'cn' } }], invalid: [{ params: { code: 'XYZ' }, status: 400, mentions: 'XYZ' }] },
    },
    ({ params }) => ({ data: toRow(assertCountry(params.code)) }),
  );
};
