/** `/baskets/{id}/versions`: every version of a basket (kept when a basket is replaced), the current one last. */
import { z } from 'zod';
import { basketVersions } from '../../reference/index.ts';
import type { RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/baskets/{id}/versions',
      summary: 'Every version of a basket: codes, core and related codes (UNESCO FCS 2009 scopes), when each was replaced',
      tags: ['baskets'],
      params: z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'should be a basket id such as unesco-fcs-2009') }),
      examples: {
        valid: [{ params: { id: 'unesco-fcs-2009' } }],
        invalid: [{ params: { id: 'no-such-basket' }, status: 404 }, { params: { id: 'Bad Id' }, mentions: 'id' }],
      },
    },
    async ({ params }) => ({ rows: await basketVersions(deps.store, params.id) }),
  );
};
