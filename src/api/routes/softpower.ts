/**
 * `/softpower`: the soft-power composite (queries/soft-power.ts; docs/indicators/soft-power.md) with
 * the user's normalisation and weights, each country's rank range over random weights, and ρ
 * against a published index given as `published=USA:1,GBR:2,…` (ranks, or scores with
 * `publishedKind=score`). A read: GET. `data` is the answer `lantern softpower --format json`
 * prints; `rows` its flat rows; `.csv?table=components` the components. `/softpower/definition`:
 * the definition page (title, sections, markdown; `softPowerDefinitionModel`), as `/indicators/{id}`
 * gives an indicator's: `lantern softpower definition --format json` prints its `data`.
 */
import { askedSchema, softPowerDefinitionModel, softPowerModel } from '../../queries/index.ts';
import { modelAnswer, type RouteModule } from '../router.ts';

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/softpower',
      summary: softPowerModel.summary,
      tags: ['softpower'],
      query: askedSchema(softPowerModel),
      examples: {
        valid: [{ query: { year: '2022' } }, { query: { year: '2022', weights: 'exports=2,rca=1', normalise: 'rank', draws: '200', published: 'CHN:1,USA:2,DEU:3' } }, { query: { year: '2022', published: 'CHN:61.5,USA:78,DEU:70.2', publishedKind: 'score' } }],
        invalid: [
          { query: { weights: 'exports:2' }, mentions: 'weights' },
          { query: { normalise: 'log' }, mentions: 'normalise' },
          { query: { year: '2022', components: 'charm' }, mentions: 'charm' },
          { query: { year: '2022', published: 'CHN:1', publishedKind: 'position' }, mentions: 'publishedKind' },
        ],
      },
    },
    async ({ rawQuery }) => modelAnswer(softPowerModel, await softPowerModel.open(deps.store, rawQuery)),
  );
  app.get(
    {
      path: '/softpower/definition',
      summary: softPowerDefinitionModel.summary,
      tags: ['softpower'],
      query: askedSchema(softPowerDefinitionModel),
      examples: { valid: [{}], invalid: [{ query: { lang: 'zh' }, mentions: 'lang' }] },
    },
    async ({ rawQuery }) => modelAnswer(softPowerDefinitionModel, await softPowerDefinitionModel.open(deps.store, rawQuery)),
  );
};
