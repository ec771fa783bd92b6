/**
 * `/hs/…`: the HS nomenclature of the store for browsing and naming (queries/hs.ts, the answers
 * `lantern hs children|search|names --format json` prints): the codes under a code (chapters →
 * headings → subheadings), a search by code or words, and names for a list of codes. Edition: the
 * one asked for, else the newest loaded. Each sends its answer as `data` and its codes as `rows`.
 */
import { askedSchema, hsChildrenModel, hsNamesModel, hsSearchModel } from '../../queries/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/hs/children',
      summary: hsChildrenModel.summary,
      cost: 'light',
      tags: ['reference'],
      query: askedSchema(hsChildrenModel),
      examples: { valid: [{}, { query: { parent: '49' } }], invalid: [{ query: { parent: '4' }, mentions: 'parent' }] },
    },
    async ({ rawQuery }) => modelAnswer(hsChildrenModel, await hsChildrenModel.open(deps.store, rawQuery)),
  );
  app.get(
    {
      path: '/hs/search',
      summary: hsSearchModel.summary,
      cost: 'light',
      tags: ['reference'],
      query: askedSchema(hsSearchModel),
      examples: { valid: [{ query: { q: 'book' } }, { query: { q: '9505' } }], invalid: [{ query: {}, mentions: 'q' }] },
    },
    async ({ rawQuery }) => modelAnswer(hsSearchModel, await hsSearchModel.open(deps.store, rawQuery)),
  );
  app.get(
    {
      path: '/hs/names',
      summary: hsNamesModel.summary,
      cost: 'light',
      tags: ['reference'],
      query: askedSchema(hsNamesModel),
      examples: { valid: [{ query: { codes: '4901,9505' } }], invalid: [{ query: { codes: 'books' }, mentions: 'codes' }] },
    },
    async ({ rawQuery }) => modelAnswer(hsNamesModel, await hsNamesModel.open(deps.store, rawQuery)),
  );
};
