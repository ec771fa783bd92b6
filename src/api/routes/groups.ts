/**
 * `/groups`: country groups (EU27, ASEAN, World Bank income groups) with their members, publisher,
 * source URL and the date each list is as of (reference/country-groups.ts). A group's id is the
 * `group=` filter of /profiles/country, /compare and /markets.
 */
import { z } from 'zod';
import type { CountryGroupRow } from '../../contract.ts';
import { countryGroups, groupMembers } from '../../reference/index.ts';
import type { RouteModule } from '../router.ts';

const row = (g: ReturnType<typeof countryGroups>[number]): CountryGroupRow => ({
  id: g.id,
  name_en: g.name.en,
  name_zh: g.name.zh,
  publisher: g.publisher,
  source_url: g.source_url,
  as_of: g.as_of,
  note: g.note,
  count: g.members.length,
  members: g.members,
});

export const routes: RouteModule = (app) => {
  app.get(
    {
      path: '/groups',
      summary: 'Country groups (EU27, ASEAN, World Bank income groups) with members, source and date: the group= filter of profiles, compare and markets',
      tags: ['countries'],
      examples: { valid: [{}], invalid: [{ query: { kind: 'x' }, mentions: 'kind' }] },
    },
    () => ({ rows: countryGroups().map(row), meta: { provenance: { sources: [...new Set(countryGroups().map((g) => g.source_url))] } } }),
  );
  app.get(
    {
      path: '/groups/{id}',
      summary: 'One country group with its members, source and date',
      tags: ['countries'],
      params: z.object({ id: z.string().regex(/^[a-z0-9-]+$/, 'should be a group id such as eu27') }),
      examples: { valid: [{ params: { id: 'eu27' } }], invalid: [{ params: { id: 'g77' }, status: 400, mentions: 'g77' }] },
    },
    ({ params }) => {
      groupMembers(params.id); // an unknown id: the user error naming the groups there are
      const g = countryGroups().find((x) => x.id === params.id)!;
      return { data: row(g), meta: { provenance: { sources: [g.source_url] } } };
    },
  );
};
