/**
 * `/softpower`: the soft-power composite (queries/soft-power.ts; docs/indicators/soft-power.md) with
 * the user's normalisation and weights, each country's rank range over random weights, and ρ
 * against a published index given as `published=USA:1,GBR:2,…` (ranks). A read: GET.
 */
import { z } from 'zod';
import { LanternError } from '../../errors.ts';
import { type PublishedIndex, softPower, softPowerParams, softPowerRows } from '../../queries/index.ts';
import type { RouteModule } from '../router.ts';

const query = softPowerParams.extend({
  published: z
    .string()
    .regex(/^[A-Za-z]{3}:\d+(\.\d+)?(,[A-Za-z]{3}:\d+(\.\d+)?)*$/, 'should be COUNTRY:RANK,… e.g. USA:1,GBR:2,CHN:3 (or COUNTRY:SCORE with publishedKind=score)')
    .optional()
    .describe('a published index to compare with: ranks (or scores) per country, COUNTRY:RANK,…'),
  publishedKind: z
    .enum(['rank', 'score'], { error: 'should be rank or score' })
    .default('rank')
    .describe('whether published gives ranks (1 is the top) or scores (the highest is the top)'),
  publishedName: z.string().max(80).optional().describe('the name of the published index (shown with ρ)'),
});

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/softpower',
      summary: 'Soft-power composite: components with provenance, normalisation and weights you set, ranks with their range over random weights, ρ with a published index',
      tags: ['softpower'],
      query,
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
    async ({ query: q, rawQuery }) => {
      const { published, publishedName, publishedKind } = q;
      const { published: _p, publishedName: _n, publishedKind: _k, ...params } = rawQuery;
      let pub: PublishedIndex | undefined;
      if (published) {
        const values = new Map<string, number>();
        for (const part of published.split(',')) {
          const [c, r] = part.split(':') as [string, string];
          if (values.has(c.toUpperCase()))
            throw new LanternError('invalid-argument', `Country ${c.toUpperCase()} is given twice in published.`, [{ field: 'published', message: 'a country appears twice', found: c }]);
          values.set(c.toUpperCase(), Number(r));
        }
        pub = { name: publishedName ?? 'published index', source: 'query parameter published', values, kind: publishedKind };
      }
      const r = await softPower(deps.store, params as never, { published: pub });
      const runs = [...new Set(r.components.flatMap((c) => c.provenance.runs ?? []))];
      return { data: r, rows: softPowerRows(r), tables: { components: r.components.map(({ provenance, ...c }) => ({ ...c, source: provenance.source, kind: provenance.kind })) }, meta: { provenance: { runs, note: r.notes.join(' ') || undefined } } };
    },
  );
};
