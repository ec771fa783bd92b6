/**
 * `/registry/map` (a home country's institutions and its treaty partners) and `/registry/trade`
 * (the home country's exports to one partner and to all others, for the detail pages).
 */
import { z } from 'zod';
import { partnerTrade, registryMap } from '../../../queries/index.ts';
import { countryName } from '../../../reference/index.ts';
import type { ApiRouter } from '../../router.ts';
import { iso3, labelled, type RegistryRoutes, sources } from './shared.ts';

export function mapRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/map',
      summary: 'Map layer: a home country’s institutions and its treaty partners',
      tags: ['registry'],
      query: z.object({ country: iso3.default('CHN') }),
      examples: {
        valid: [{ query: { country: 'CHN' } }],
        invalid: [{ query: { country: 'ZZZ' }, mentions: 'country' }],
      },
    },
    async ({ query }) => {
      await r.ensure();
      const m = await registryMap(r.store(), { country: query.country });
      const institutions = m.institutions.map(labelled);
      const partners = m.partners.map((p) => ({
        ...p,
        country_en: countryName(p.country, 'en'),
        country_zh: countryName(p.country, 'zh'),
      }));
      return {
        data: { country: query.country, institutions, partners },
        rows: institutions,
        tables: { partners },
        meta: {
          provenance: {
            sources: sources(institutions),
            note: 'Institutions without coordinates in their source are placed at their country.',
          },
        },
      };
    },
  );

  app.get(
    {
      path: '/registry/trade',
      summary:
        'Yearly exports of a basket from the home country to one partner and to all others (detail pages)',
      tags: ['registry'],
      query: z.object({
        exporter: iso3,
        partner: iso3,
        basket: z.string().min(1).default('unesco-fcs-2009'),
        source: z.string().min(1).optional(),
      }),
      examples: {
        valid: [{ query: { exporter: 'CHN', partner: 'USA', basket: 'unesco-fcs-2009' } }],
        invalid: [{ query: { exporter: 'CHN' }, mentions: 'partner' }],
      },
    },
    async ({ query }) => {
      const t = await partnerTrade(r.store(), query);
      return {
        rows: t.series,
        meta: {
          source: t.source,
          provenance: {
            note: `exports reported for ${query.exporter} (flow X), goods, basket ${query.basket}; source ${t.source ?? 'none loaded'}`,
          },
        },
      };
    },
  );
}
