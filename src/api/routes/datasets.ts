/**
 * `/datasets`: import runs with their provenance (queries/datasets.ts `datasetListModel`,
 * `datasetModel`: the list and the run `lantern datasets [ID] --format json` prints). The list is
 * read once per store state and paged from memory (`pageImportRuns`): a page reads no statement.
 */
import { askedSchema, datasetListModel, datasetListParams, datasetModel } from '../../queries/index.ts';
import { pageImportRuns } from '../../store/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/datasets',
      summary: datasetListModel.summary,
      tags: ['datasets'],
      query: askedSchema(datasetListModel),
      paginate: true,
      examples: { valid: [{}, { query: { all: 'true' } }], invalid: [{ query: { all: 'maybe' }, mentions: 'all' }, { query: { limit: '0' }, mentions: 'limit' }] },
    },
    async ({ rawQuery, page }) => {
      if (!page) return modelAnswer(datasetListModel, await datasetListModel.open(deps.store, rawQuery));
      const { rows, total } = await pageImportRuns(deps.store, datasetListParams.parse(rawQuery), page);
      return { ...modelAnswer(datasetListModel, rows), total };
    },
  );
  app.get(
    {
      path: '/datasets/{id}',
      summary: datasetModel.summary,
      tags: ['datasets'],
      params: datasetModel.params,
      examples: { valid: [{ params: { id: '1' } }], invalid: [{ params: { id: 'abc' }, mentions: 'id' }, { params: { id: '999999' }, status: 404 }] },
    },
    async ({ params }) => modelAnswer(datasetModel, await datasetModel.open(deps.store, params)),
  );
};
