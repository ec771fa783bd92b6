/**
 * `/epm/compare`: Lantern's export potential beside figures copied from ITC's Export Potential Map
 * (queries/epm-compare.ts `epmCompareModel`). The question is the CLI's `lantern epm compare FILE`
 * with the figures in the query instead of a file: one exporter × HS6 product, the markets as
 * `epm=USA:500000,DEU:900000[:actual]` (US dollars), the year of the figures (default: the store's
 * last year). `data` is what `--format json` prints; in the rows, `line` is the market's position
 * in `epm` (1 = first). A read: GET.
 */
import { askedSchema, epmCompareModel } from '../../queries/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/epm/compare',
      summary: epmCompareModel.summary,
      tags: ['epm'],
      query: askedSchema(epmCompareModel),
      examples: {
        valid: [{ query: { exporter: 'CHN', product: '970110', year: '2021', epm: 'USA:500,DEU:900,JPN:100' } }],
        invalid: [
          { query: { exporter: 'CHN', product: '970110', epm: 'USA=500' }, mentions: 'epm' },
          { query: { exporter: 'CHN', product: '9701', epm: 'USA:500' }, mentions: 'product' },
          { query: { exporter: 'CHN', product: '970110', year: '2021', epm: 'USA:5,USA:6' }, mentions: 'twice' },
          { query: { exporter: 'CHN', product: '970110', year: '2021' }, mentions: 'epm' },
        ],
      },
    },
    async ({ rawQuery }) => modelAnswer(epmCompareModel, await epmCompareModel.open(deps.store, rawQuery)),
  );
};
