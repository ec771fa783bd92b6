/**
 * `/groups`: country groups (EU27, ASEAN, World Bank income groups, the user's own) with their
 * members, publisher, source URL and the date each list is as of (queries/groups.ts
 * `groupListModel`, `groupModel`: what `lantern groups [ID] --format json` prints). A group's id is
 * the `group=` filter of /profiles/country, /compare and /markets.
 *
 * The user's own groups are read again when their folder changes (reference/country-groups.ts), and
 * the server then drops the answers it kept (app.ts), these and those filtered by `group=`.
 */
import { askedSchema, groupListModel, groupModel } from '../../queries/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/groups',
      summary: groupListModel.summary,
      tags: ['countries'],
      query: askedSchema(groupListModel),
      examples: { valid: [{}], invalid: [{ query: { kind: 'x' }, mentions: 'kind' }] },
    },
    async ({ rawQuery }) => modelAnswer(groupListModel, await groupListModel.open(deps.store, rawQuery)),
  );
  app.get(
    {
      path: '/groups/{id}',
      summary: groupModel.summary,
      tags: ['countries'],
      params: groupModel.params,
      examples: { valid: [{ params: { id: 'eu27' } }], invalid: [{ params: { id: 'g77' }, status: 400, mentions: 'g77' }] },
    },
    async ({ params }) => modelAnswer(groupModel, await groupModel.open(deps.store, params)),
  );
};
